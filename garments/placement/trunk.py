"""The trunk surface: a stack of horizontal ellipses that follow the body slice by slice, a few
centimetres clear, widened where the garment is larger than the body; panels wrap onto it with their
arc length kept, fronts centred on the front and backs on the back."""

import numpy as np

from garments.body_sections import trunk_slice_ellipse
from garments.placement.rows import ROW, fill_gaps, required_perimeter, running_mean, smooth

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


def place_on_trunk(
    body_vertices, heights, arc, back, panel_of_vertex, centre_x, clearance, top_cap, looseness
):
    """3D positions (K, 3) of trunk vertices at ``heights`` and arc ``arc`` (from their side's centre).

    ``body_vertices`` (V, 3) m is the part of the body to wrap; ``heights``, ``arc`` (m), ``back``
    (bool) and ``panel_of_vertex`` are (K,); ``centre_x`` gives the x of the wrapped part's axis at a
    height (m -> m); rows above ``top_cap`` (m) take the slice at ``top_cap``; ``looseness`` scales the
    panels' summed width before it is compared with the body's girth.
    """
    rows = np.arange(heights.min() - 2 * ROW, heights.max() + 3 * ROW, ROW)
    row_centres = np.array([centre_x(h) for h in rows])
    sampled = [
        trunk_slice_ellipse(body_vertices, min(h, top_cap), x) for h, x in zip(rows, row_centres, strict=True)
    ]
    centre_z, a, b = fill_gaps(sampled).T
    centre_z = running_mean(centre_z)
    a, b = smooth(a), smooth(b)
    row_of_vertex = np.clip(np.round((heights - rows[0]) / ROW).astype(int), 0, len(rows) - 1)
    needed = smooth(required_perimeter(row_of_vertex, panel_of_vertex, arc, len(rows), looseness))
    # A garment tighter than the body plus clearance goes closer (down to MIN_CLEARANCE), so its seams
    # start nearly closed; a looser one goes on a surface widened to its own girth.
    offset = np.clip((needed - ellipse_perimeter(a, b)) / (2 * np.pi), MIN_CLEARANCE, clearance)
    a, b = a + running_mean(offset), b + running_mean(offset)
    scale = smooth(np.maximum(1.0, needed / ellipse_perimeter(a, b)))
    a, b = a * scale, b * scale
    a_v, b_v, z_v, x_v = (np.interp(heights, rows, values) for values in (a, b, centre_z, row_centres))
    perimeter = ellipse_perimeter(a_v, b_v)
    from_front = np.where(back, perimeter / 2 - arc, arc)
    x, z = _wrap(from_front, a_v, b_v)
    return np.column_stack([x_v + x, heights, z_v + z])
