"""Rows of a placement surface: 1 cm steps along a body part, smoothed, with gaps filled from neighbours."""

import numpy as np

from garments.errors import PlacementError

__all__ = ["ROW", "smooth", "running_mean", "fill_gaps", "required_perimeter"]

# Height (m) of one row of a placement surface.
ROW = 0.01


def smooth(values: np.ndarray, width: int = 9) -> np.ndarray:
    """Running maximum then running mean over ``width`` rows (edges padded); ``values`` (R,)."""
    pad = width // 2
    padded = np.pad(values, pad, mode="edge")
    return running_mean(np.lib.stride_tricks.sliding_window_view(padded, width).max(axis=1), width)


def running_mean(values: np.ndarray, width: int = 9) -> np.ndarray:
    """Running mean over ``width`` rows (edges padded); ``values`` (R,)."""
    return np.convolve(np.pad(values, width // 2, mode="edge"), np.ones(width) / width, mode="valid")


def fill_gaps(rows: list) -> np.ndarray:
    """(R, 3) array from per-row tuples, empty rows copied from the nearest filled row."""
    filled = [i for i, row in enumerate(rows) if row is not None]
    if not filled:
        raise PlacementError("The body has no vertices at the height of the garment; check the body mesh.")
    return np.array([rows[min(filled, key=lambda j: abs(j - i))] for i in range(len(rows))])


def required_perimeter(row_of_vertex, panel_of_vertex, arc, row_count, looseness):
    """Per row (R,), the summed width (m) of all panels crossing it, times ``looseness``.

    ``row_of_vertex``, ``panel_of_vertex`` and ``arc`` (m round the part) are (K,). A panel's first and
    last rows are left out, so panels stacked one above the other (a waistband on a skirt) are not
    counted twice where they meet.
    """
    panels = int(panel_of_vertex.max()) + 1
    first = np.full(panels, row_count)
    last = np.full(panels, -1)
    np.minimum.at(first, panel_of_vertex, row_of_vertex)
    np.maximum.at(last, panel_of_vertex, row_of_vertex)
    inner = (row_of_vertex > first[panel_of_vertex]) & (row_of_vertex < last[panel_of_vertex])
    keys = panel_of_vertex[inner] * row_count + row_of_vertex[inner]
    low = np.full(panels * row_count, np.inf)
    high = np.full(panels * row_count, -np.inf)
    np.minimum.at(low, keys, arc[inner])
    np.maximum.at(high, keys, arc[inner])
    widths = np.where(np.isfinite(low), high - low, 0.0).reshape(panels, row_count).sum(axis=0)
    return widths * looseness
