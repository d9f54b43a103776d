"""The fabric lab: a fabric's strip, cantilever and Cusick tests with the real solver, against the
answers its own data gives (see :mod:`sim.fabric_strip`, :mod:`sim.fabric_cantilever`,
:mod:`sim.fabric_cusick`), as one JSON-ready document.

Targets, from the issue the lab answers to: the strip's extension within 5 % of the fabric's curve,
the cantilever's overhang at 41.5° within 10 % of twice the bending length, the drape coefficient in
the published range of the fabric's class and within 2 points between two mesh resolutions.
"""

from dataclasses import asdict

from sim.fabric_cantilever import cantilever_test
from sim.fabric_curve import DIRECTIONS
from sim.fabric_cusick import DRAPE_RANGES, PRESET_CLASS, CusickResult, cusick_test
from sim.fabric_rest import LAB_FPS, LAB_SUBSTEPS
from sim.fabric_strip import STRIP_LENGTH_M, STRIP_LOADS_N_M, STRIP_WIDTH_M, strip_test
from sim.materials import Material

__all__ = [
    "STRIP_TARGET_PCT",
    "CANTILEVER_TARGET_PCT",
    "CUSICK_RESOLUTION_POINTS",
    "CUSICK_EDGES_M",
    "run_fabric_lab",
]

STRIP_TARGET_PCT = 5.0
CANTILEVER_TARGET_PCT = 10.0
CUSICK_RESOLUTION_POINTS = 2.0
# The two mesh resolutions of the Cusick test, m.
CUSICK_EDGES_M = (0.01, 0.0075)


def _round(value: float, digits: int = 3) -> float:
    return round(float(value), digits)


def run_fabric_lab(
    material: Material, substeps: int = LAB_SUBSTEPS, cusick_edges: tuple[float, ...] = CUSICK_EDGES_M
) -> tuple[dict, list[CusickResult]]:
    """Run every lab test on ``material`` (CPU).

    Returns
    -------
    document : dict
        ``fabric``, ``material`` (every field, a template for a fabric file), ``solver``,
        ``strip_size_cm`` (width, length), ``strip``
        (one row per direction and load: extension against the curve and the linear model, cm and %),
        ``cantilever`` (overhang against twice the bending length, cm and %), ``cusick`` (drape
        coefficient and nodes per mesh edge, the published range of the fabric's class) and
        ``targets_met``.
    drapes : list[CusickResult]
        The draped discs, one per edge in ``cusick_edges``, for pictures.
    """
    strip = []
    for direction in DIRECTIONS:
        for load in STRIP_LOADS_N_M:
            result = strip_test(material, direction, load, substeps=substeps)
            strip.append(
                {
                    "direction": direction,
                    "load_n_m": load,
                    "extension_cm": _round(100 * result.extension_m),
                    "curve_extension_cm": _round(100 * result.curve_extension_m),
                    "linear_extension_cm": _round(100 * result.linear_extension_m),
                    "error_pct": _round(result.error_pct, 1),
                    "linear_error_pct": _round(result.linear_error_pct, 1),
                    "within_target": abs(result.error_pct) <= STRIP_TARGET_PCT,
                    "at_rest": result.at_rest,
                }
            )
    bend = cantilever_test(material, substeps=substeps)
    cantilever = {
        "overhang_cm": _round(100 * bend.overhang_m, 2),
        "twice_bending_length_cm": _round(100 * bend.twice_bending_length_m, 2),
        "error_pct": _round(bend.error_pct, 1),
        "within_target": abs(bend.error_pct) <= CANTILEVER_TARGET_PCT,
        "overhangs_tried": bend.tries,
        "at_rest": bend.at_rest,
    }
    drapes = [cusick_test(material, edge=edge, substeps=substeps) for edge in cusick_edges]
    fabric_class = PRESET_CLASS.get(material.name)
    low, high = DRAPE_RANGES.get(fabric_class, (None, None))
    coefficients = [drape.drape_coefficient for drape in drapes]
    spread = 100 * (max(coefficients) - min(coefficients))
    cusick = {
        "runs": [
            {
                "edge_cm": _round(100 * drape.edge_m, 2),
                "vertices": len(drape.positions),
                "drape_coefficient": _round(drape.drape_coefficient),
                "nodes": drape.nodes,
                "in_published_range": None if low is None else low <= drape.drape_coefficient <= high,
                "at_rest": drape.at_rest,
            }
            for drape in drapes
        ],
        "fabric_class": fabric_class,
        "published_range": None if low is None else [low, high],
        "resolution_spread_points": _round(spread, 1),
        "same_at_two_resolutions": spread <= CUSICK_RESOLUTION_POINTS,
    }
    targets = (
        all(row["within_target"] for row in strip)
        and cantilever["within_target"]
        and all(run["in_published_range"] is not False for run in cusick["runs"])
        and cusick["same_at_two_resolutions"]
    )
    document = {
        "fabric": material.name,
        "material": {
            key: [list(pair) for pair in value] if key.startswith("stretch_curve") else value
            for key, value in asdict(material).items()
        },
        "solver": {"substeps_per_frame": substeps, "fps": LAB_FPS, "device": "cpu"},
        "targets": {
            "strip_pct": STRIP_TARGET_PCT,
            "cantilever_pct": CANTILEVER_TARGET_PCT,
            "cusick_resolution_points": CUSICK_RESOLUTION_POINTS,
        },
        "strip_size_cm": [100 * STRIP_WIDTH_M, 100 * STRIP_LENGTH_M],
        "strip": strip,
        "cantilever": cantilever,
        "cusick": cusick,
        "targets_met": targets,
    }
    return document, drapes
