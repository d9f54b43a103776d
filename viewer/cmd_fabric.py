"""``fitroom fabric NAME|FILE --out DIR``: the fabric lab's strip, cantilever and Cusick tests.

Writes ``DIR/fabric.json`` (the figures, see :func:`sim.fabric_lab.run_fabric_lab`), ``DIR/strip.png``
(the strip extensions on the fabric's own curve) and ``DIR/cusick_<edge>mm.png`` (each draped disc
seen from above, with the flat disc and the support outlined).
"""

import json
from pathlib import Path

import numpy as np

from fitroom.files import atomic_path
from fitroom.stopping import import_whole
from viewer.arg_types import positive_int

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    from sim.fabric_rest import LAB_SUBSTEPS
    from sim.materials import MATERIALS

    parser = subparsers.add_parser(
        "fabric",
        help="test a fabric: strip tensile, Peirce cantilever and Cusick drape, against known answers",
        description="Run the fabric lab on a preset or a fabric file with the real solver (CPU): a "
        "5 x 20 cm strip loaded to 1, 5 and 20 N/m along warp, weft and bias against the fabric's "
        "own stretch curve; the Peirce cantilever (ASTM D1388) against twice the bending length; "
        "the Cusick drape test (BS 5058) at two mesh sizes, with its drape coefficient and nodes.",
    )
    parser.add_argument(
        "fabric", metavar="NAME|FILE", help=f"fabric preset ({', '.join(MATERIALS)}) or fabric file (.json)"
    )
    parser.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write fabric.json and pictures in"
    )
    parser.add_argument(
        "--substeps",
        type=positive_int,
        default=LAB_SUBSTEPS,
        metavar="N",
        help="solver substeps per 60 Hz frame",
    )


def _strip_picture(document: dict, material, path: Path) -> None:
    """Tension against strain: the fabric's curve and linear model per direction, the lab's points."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sim.fabric_curve import DIRECTIONS, strain_at

    tension = np.linspace(0.0, 22.0, 100)
    figure, axes = plt.subplots(1, 3, figsize=(12, 4), sharey=True)
    for axis, direction in zip(axes, DIRECTIONS, strict=True):
        curve = [100 * strain_at(material, direction, t) for t in tension]
        linear = [100 * strain_at(material, direction, t, linear=True) for t in tension]
        axis.plot(curve, tension, color="#1f4e9c", label="fabric's curve")
        axis.plot(linear, tension, color="#999999", linestyle="--", label="linear (solver's model)")
        rows = [row for row in document["strip"] if row["direction"] == direction]
        length_cm = document["strip_size_cm"][1]
        for key, style in (
            ("extension_cm", {"color": "#c0392b", "label": "simulated strip (mean strain)"}),
            (
                "curve_extension_cm",
                {
                    "color": "#1f4e9c",
                    "markerfacecolor": "none",
                    "label": "target: the curve with the strip's weight",
                },
            ),
        ):
            strains = [100 * row[key] / length_cm for row in rows]
            axis.plot(strains, [row["load_n_m"] for row in rows], "o", **style)
        axis.set_title(direction)
        axis.set_xlabel("strain, %")
        axis.grid(alpha=0.3)
    axes[0].set_ylabel("tension, N/m")
    axes[0].legend(loc="lower right", fontsize=8)
    width_cm, length_cm = document["strip_size_cm"]
    figure.suptitle(f"{document['fabric']}: strip tensile test, {width_cm:g} x {length_cm:g} cm")
    figure.tight_layout()
    with atomic_path(path) as tmp:
        figure.savefig(tmp, dpi=100)
    plt.close(figure)


def _cusick_picture(document: dict, drape, path: Path) -> None:
    """The draped disc from above, the flat disc and the support outlined."""
    pv = import_whole("pyvista", "plotting")

    from fitroom.pyvista_mesh import triangle_polydata
    from sim.fabric_cusick import DISC_RADIUS_M, SUPPORT_RADIUS_M
    from viewer.scene import BACKGROUND, FABRIC_COLOUR

    cloth = triangle_polydata(drape.positions, drape.faces)
    plotter = pv.Plotter(off_screen=True, window_size=(700, 760))
    plotter.set_background(BACKGROUND)
    plotter.add_mesh(cloth, color=FABRIC_COLOUR, smooth_shading=True, show_edges=False)
    height = drape.support_top_m + 0.01
    for radius, colour in ((DISC_RADIUS_M, "#888888"), (SUPPORT_RADIUS_M, "#c0392b")):
        ring = pv.Polygon(
            center=(0.0, height, 0.0), radius=radius, normal=(0.0, 1.0, 0.0), n_sides=180, fill=False
        )
        plotter.add_mesh(ring, color=colour, line_width=2)
    run = next(r for r in document["cusick"]["runs"] if r["edge_cm"] == round(100 * drape.edge_m, 2))
    text = (
        f"{document['fabric']}, edge {run['edge_cm']:g} cm: "
        f"drape coefficient {run['drape_coefficient']:.2f}, {run['nodes']} nodes"
    )
    if document["cusick"]["published_range"]:
        low, high = document["cusick"]["published_range"]
        text += f"\npublished range ({document['cusick']['fabric_class']}): {low:.2f}-{high:.2f}"
    plotter.add_text(text, position="upper_left", font_size=10, color="#222222")
    plotter.camera_position = [(0.0, height + 1.0, 0.0), (0.0, height, 0.0), (0.0, 0.0, -1.0)]
    plotter.enable_parallel_projection()
    plotter.camera.parallel_scale = 1.15 * DISC_RADIUS_M
    with atomic_path(path) as tmp:
        plotter.screenshot(str(tmp))
    plotter.close()


def _print_summary(document: dict) -> None:
    strip = ", ".join(
        f"{row['direction']} {row['load_n_m']:g} N/m {row['error_pct']:+.0f}%" for row in document["strip"]
    )
    bend = document["cantilever"]
    runs = "; ".join(
        f"edge {r['edge_cm']:g} cm DC {r['drape_coefficient']:.2f}, {r['nodes']} nodes"
        for r in document["cusick"]["runs"]
    )
    print(f"{document['fabric']}:")
    print(f"  strip extension against the fabric's curve: {strip}")
    print(
        f"  cantilever: overhang at 41.5° {bend['overhang_cm']:.2f} cm against 2c = "
        f"{bend['twice_bending_length_cm']:.2f} cm ({bend['error_pct']:+.1f}%)"
    )
    published = document["cusick"]["published_range"]
    print(f"  Cusick: {runs}" + (f" (published {published[0]:.2f}-{published[1]:.2f})" if published else ""))
    print(f"  every target met: {'yes' if document['targets_met'] else 'no'}")


def run(args) -> int:
    from sim.device import init_taichi
    from sim.fabric_lab import run_fabric_lab
    from viewer.command_requests import fabric_request
    from viewer.fit_outputs import written_sentence

    material, out = fabric_request(args)
    init_taichi("cpu")
    document, drapes = run_fabric_lab(material, substeps=args.substeps)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "fabric.json", out / "strip.png"]
    with atomic_path(written[0]) as tmp:
        tmp.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _strip_picture(document, material, written[1])
    for drape in drapes:
        path = out / f"cusick_{round(1000 * drape.edge_m, 1):g}mm.png"
        _cusick_picture(document, drape, path)
        written.append(path)
    _print_summary(document)
    print(written_sentence(written))
    return 0
