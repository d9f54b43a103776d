"""The trunk surface: a stack of horizontal ellipses that follow the body slice by slice, a few
centimetres clear, widened where the garment is larger than the body; panels wrap onto it with their
arc length kept, fronts centred on the front and backs on the back."""

import numpy as np
from scipy.spatial import cKDTree

from garments.body_sections import trunk_slice_ellipse
from garments.placement.rows import ROW, fill_gaps, required_perimeter, running_mean, smooth
from garments.placement.trunk_layout import LAYER_GAP

__all__ = ["CLEARANCE", "MIN_CLEARANCE", "ellipse_perimeter", "place_on_trunk"]

# Gap (m) between the body and the surface panels start on, and the least a tight garment keeps.
CLEARANCE = 0.03
MIN_CLEARANCE = 0.01
_THETA = np.linspace(-np.pi, np.pi, 721)


def ellipse_perimeter(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Ramanujan's approximation of the perimeter of ellipses with semi-axes ``a`` and ``b`` (K,)."""
    return np.pi * (3 * (a + b) - np.sqrt((3 * a + b) * (a + 3 * b)))


def _wrap(arc: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (x, z) of points at arc length ``arc`` from the front (+z) of ellipses (a across, b deep).

    Positive arc runs toward +x. All arrays are (K,).
    """
    x, z = a[:, None] * np.sin(_THETA), b[:, None] * np.cos(_THETA)
    steps = np.hypot(np.diff(x, axis=1), np.diff(z, axis=1))
    cumulative = np.concatenate([np.zeros((len(a), 1)), np.cumsum(steps, axis=1)], axis=1)
    cumulative -= cumulative[:, [len(_THETA) // 2]]
    perimeter = cumulative[:, -1] - cumulative[:, 0]
    target = (arc + perimeter / 2) % perimeter - perimeter / 2
    index = np.clip((cumulative < target[:, None]).sum(axis=1), 1, len(_THETA) - 1)
    rows = np.arange(len(a))
    low, high = cumulative[rows, index - 1], cumulative[rows, index]
    weight = np.clip((target - low) / np.maximum(high - low, 1e-12), 0.0, 1.0)
    theta = _THETA[index - 1] + weight * (_THETA[index] - _THETA[index - 1])
    return a * np.sin(theta), b * np.cos(theta)


def _over_the_shoulders(body_vertices, positions, centre_z, cap, clearance):
    """Fold trunk vertices placed above ``cap`` (m) over the shoulders instead of up into the air.

    A vertex ``e`` above the cap moves ``e`` toward the shoulder line (``centre_z`` (K,), front to
    back) and comes down onto the body below it, ``clearance`` (m) clear: straps and shoulder seams
    start lying on the shoulders, fronts and backs meeting over them.
    """
    excess = positions[:, 1] - cap
    high = excess > 0
    if not high.any():
        return positions
    folded = positions[high].copy()
    depth = folded[:, 2] - centre_z[high]
    folded[:, 2] -= np.sign(depth) * np.minimum(excess[high], np.abs(depth))
    near_top = body_vertices[body_vertices[:, 1] < cap + 0.05]
    tree = cKDTree(near_top[:, [0, 2]])
    for row, neighbours in enumerate(tree.query_ball_point(folded[:, [0, 2]], r=0.02)):
        floor = near_top[neighbours, 1].max() if neighbours else cap
        folded[row, 1] = max(float(floor), cap) + clearance
    positions = positions.copy()
    positions[high] = folded
    return positions


def place_on_trunk(
    body_vertices, heights, turn, arc, panel_of_vertex, centre_x, clearance, top_cap, looseness, layer=None
):
    """3D positions (K, 3) of trunk vertices at ``heights``, ``turn`` and ``arc`` round the part.

    ``body_vertices`` (V, 3) m is the part of the body to wrap; ``heights`` (m), ``turn`` (fraction of
    a full turn from the front toward +x), ``arc`` (m along the panel from its turn, toward +x at the
    front) and ``panel_of_vertex`` are (K,); ``centre_x`` gives the x of the wrapped part's axis at a
    height (m -> m); rows above ``top_cap`` (m) take the slice at ``top_cap`` and fold over the
    shoulders; ``looseness`` scales the panels' summed width before it is compared with the body's
    girth; ``layer`` (K,) int puts a vertex that many ``LAYER_GAP`` outside the surface and leaves its
    panel out of the girth (it lies over another).
    """
    layer = np.zeros(len(heights), int) if layer is None else layer
    rows = np.arange(heights.min() - 2 * ROW, heights.max() + 3 * ROW, ROW)
    row_centres = np.array([centre_x(h) for h in rows])
    sampled = [
        trunk_slice_ellipse(body_vertices, min(h, top_cap), x) for h, x in zip(rows, row_centres, strict=True)
    ]
    centre_z, a, b = fill_gaps(sampled).T
    centre_z = running_mean(centre_z)
    a, b = smooth(a), smooth(b)
    row_of_vertex = np.clip(np.round((heights - rows[0]) / ROW).astype(int), 0, len(rows) - 1)
    base = layer == 0
    needed = smooth(
        required_perimeter(row_of_vertex[base], panel_of_vertex[base], arc[base], len(rows), looseness)
    )
    # A garment tighter than the body plus clearance goes closer (down to MIN_CLEARANCE), so its seams
    # start nearly closed; a looser one goes on a surface widened to its own girth.
    offset = np.clip((needed - ellipse_perimeter(a, b)) / (2 * np.pi), MIN_CLEARANCE, clearance)
    a, b = a + running_mean(offset), b + running_mean(offset)
    scale = smooth(np.maximum(1.0, needed / ellipse_perimeter(a, b)))
    a, b = a * scale, b * scale
    a_v, b_v, z_v, x_v = (np.interp(heights, rows, values) for values in (a, b, centre_z, row_centres))
    perimeter = ellipse_perimeter(a_v, b_v)
    x, z = _wrap(turn * perimeter + arc, a_v, b_v)
    outward = np.column_stack([x / a_v**2, z / b_v**2])
    outward /= np.maximum(np.linalg.norm(outward, axis=1, keepdims=True), 1e-12)
    x, z = x + LAYER_GAP * layer * outward[:, 0], z + LAYER_GAP * layer * outward[:, 1]
    positions = np.column_stack([x_v + x, heights, z_v + z])
    if np.isfinite(top_cap):
        positions = _over_the_shoulders(body_vertices, positions, z_v, top_cap, MIN_CLEARANCE)
    return positions
