"""Cusick drape test (BS 5058, ISO 9073-9): a 30 cm disc of fabric draped over an 18 cm support.

The disc, meshed flat, starts just above the top of an 18 cm round pedestal (a closed cylinder, the
solver's body) and drapes onto it with the real :class:`sim.drape.Drape`. The drape coefficient is the
share of the unsupported ring that the drape's shadow still covers seen from above,
``DC = (S - S_support) / (S_disc - S_support)`` (Cusick, "The measurement of fabric drape",
J. Textile Institute 59, 1968): 1 for a disc that stays flat, 0 for one hanging straight down. The
nodes are the folds round the hem: the crests of the hem's distance from the axis.

Published drape coefficients by fabric class (``DRAPE_RANGES``), indicative spans of the Cusick-test
literature: knits (single jersey, rib, interlock, double knits, swimwear, fleece) 0.20-0.60, light and
medium wovens (shirting, poplin) 0.35-0.80, denim 0.55-0.95 (Cusick 1968; Hu & Chan, "Effect of fabric
mechanical properties on drape", Textile Research Journal 68(1), 1998, for woven apparel fabrics;
Sanad, Cassidy & Cheung, "Fabric and garment drape measurement - Part 1", Journal of Fiber
Bioengineering and Informatics 5(4), 2012, for a review across classes).
"""

from dataclasses import dataclass

import numpy as np

from sim.fabric_rest import LAB_FPS, LAB_SUBSTEPS
from sim.materials import Material

__all__ = [
    "DISC_RADIUS_M",
    "SUPPORT_RADIUS_M",
    "DRAPE_RANGES",
    "PRESET_CLASS",
    "CusickResult",
    "disc_mesh",
    "drape_coefficient",
    "node_count",
    "cusick_test",
]

DISC_RADIUS_M = 0.15
SUPPORT_RADIUS_M = 0.09
_SUPPORT_TOP_M = 0.5
_START_GAP_M = 0.004
DRAPE_RANGES = {"knit": (0.20, 0.60), "woven": (0.35, 0.80), "denim": (0.55, 0.95)}
PRESET_CLASS = {
    "cotton_jersey": "knit",
    "rib_knit": "knit",
    "ponte_knit": "knit",
    "swim_stretch": "knit",
    "sweat_fleece": "knit",
    "shirting": "woven",
    "cotton_poplin": "woven",
    "denim": "denim",
}
# Hem points each side averaged before the crests are counted (smooths out single-vertex ripples).
_HEM_SMOOTHING = 5


@dataclass(frozen=True)
class CusickResult:
    """A draped disc.

    Attributes
    ----------
    drape_coefficient : float
        0 (hangs straight down) to 1 (stays flat).
    nodes : int
        Folds round the hem.
    positions : (V, 3) float32
        Draped disc, m (Y up, pedestal axis at x = z = 0).
    faces : (F, 3) int32
    support_top_m : float
        Height of the pedestal's top, m.
    edge_m : float
        Mesh edge, m.
    frames : int
    at_rest : bool
    """

    drape_coefficient: float
    nodes: int
    positions: np.ndarray
    faces: np.ndarray
    support_top_m: float
    edge_m: float
    frames: int
    at_rest: bool


def disc_mesh(radius: float, edge: float) -> tuple[np.ndarray, np.ndarray]:
    """A flat disc of ``radius`` m meshed with edges of about ``edge`` m.

    Returns
    -------
    rest_uv : (V, 2) float32
        m, centred on the origin; the first ``ceil(2π radius / edge)`` vertices are the rim.
    faces : (F, 3) int32
    """
    import triangle

    count = int(np.ceil(2.0 * np.pi * radius / edge))
    angle = 2.0 * np.pi * np.arange(count) / count
    rim = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
    segments = np.c_[np.arange(count), (np.arange(count) + 1) % count]
    area = np.sqrt(3.0) / 4.0 * edge**2
    mesh = triangle.triangulate({"vertices": rim, "segments": segments}, f"pq30Ya{area:.10f}")
    return mesh["vertices"].astype(np.float32), mesh["triangles"].astype(np.int32)


def drape_coefficient(
    positions: np.ndarray, faces: np.ndarray, disc_radius: float, support_radius: float
) -> float:
    """``(S - S_support) / (S_disc - S_support)`` with ``S`` the area of the union of the triangles
    projected on the floor (x, z), for ``positions`` (V, 3) m and ``faces`` (F, 3)."""
    from shapely.geometry import Polygon
    from shapely.ops import unary_union

    flat = np.asarray(positions, np.float64)[:, [0, 2]]
    shadow = unary_union([Polygon(flat[face]) for face in faces]).area
    support = np.pi * support_radius**2
    return float((shadow - support) / (np.pi * disc_radius**2 - support))


def node_count(positions: np.ndarray, rim: np.ndarray) -> int:
    """Folds round the hem: runs of the smoothed hem radius above its mean, for ``positions`` (V, 3)
    m and the rim's vertex indices ``rim`` (R,)."""
    flat = np.asarray(positions, np.float64)[rim][:, [0, 2]]
    order = np.argsort(np.arctan2(flat[:, 1], flat[:, 0]))
    radius = np.linalg.norm(flat[order], axis=1)
    k = _HEM_SMOOTHING
    wrapped = np.r_[radius[-k:], radius, radius[:k]]
    smooth = np.convolve(wrapped, np.ones(2 * k + 1) / (2 * k + 1), "valid")
    out = smooth > smooth.mean()
    return int(np.sum(out & ~np.roll(out, 1)))


def cusick_test(
    material: Material, edge: float = 0.01, substeps: int = LAB_SUBSTEPS, max_frames: int = 600
) -> CusickResult:
    """Drape a 30 cm disc of ``material`` on an 18 cm support (CPU) and measure it.

    Parameters
    ----------
    edge : float
        Mesh edge, m.
    substeps : int
        Solver substeps per 60 Hz frame.
    """
    from sim.lab_scenes import cylinder_body, sheet_drape

    rest_uv, faces = disc_mesh(DISC_RADIUS_M, edge)
    rim = np.flatnonzero(np.linalg.norm(rest_uv, axis=1) > DISC_RADIUS_M - 1e-5)
    body_vertices, body_faces = cylinder_body(SUPPORT_RADIUS_M, 0.0, _SUPPORT_TOP_M, segments=96, rings=10)
    positions = np.c_[rest_uv[:, 0], np.full(len(rest_uv), _SUPPORT_TOP_M + _START_GAP_M), rest_uv[:, 1]]
    drape = sheet_drape(
        body_vertices,
        body_faces,
        rest_uv,
        faces,
        positions,
        material,
        fps=LAB_FPS,
        substeps=substeps,
        contact_worker=False,
    )
    result = drape.run(max_frames=max_frames, min_frames=60)
    drape.close()
    return CusickResult(
        drape_coefficient=drape_coefficient(result.positions, faces, DISC_RADIUS_M, SUPPORT_RADIUS_M),
        nodes=node_count(result.positions, rim),
        positions=result.positions,
        faces=faces,
        support_top_m=_SUPPORT_TOP_M,
        edge_m=float(edge),
        frames=result.frames,
        at_rest=bool(result.settled),
    )
