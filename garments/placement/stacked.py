"""Panels sewn on top of another (a waistband on a skirt, a yoke on a back) start just above it.

Both sides of such a seam are wrapped on the same row of the trunk surface, but their vertices sit at
different places along it, so the two edges zigzag across each other and the triangles beside the seam
start through each other. Lifting the upper panel by ``STACK_GAP`` keeps the two rows apart.
"""

import numpy as np

__all__ = ["STACK_GAP", "stacked_lift"]

# Lift (m) of a panel sewn on top of another, and how near (m) its bottom must be to the other's top.
STACK_GAP = 0.003
_SAME_HEIGHT = 0.01


def stacked_lift(stitches: np.ndarray, vertex_panel: np.ndarray, heights: np.ndarray) -> np.ndarray:
    """Lift (V,) m of each vertex: ``STACK_GAP`` on panels whose bottom edge is sewn to the top edge of
    another panel, 0 elsewhere. ``stitches`` (S, 2) are vertex pairs, ``vertex_panel`` (V,) and
    ``heights`` (V,) m each vertex's panel and height; vertices of no wrapped panel have NaN height."""
    panels = int(vertex_panel.max()) + 1 if len(vertex_panel) else 0
    low = np.full(panels, np.inf)
    high = np.full(panels, -np.inf)
    wrapped = np.isfinite(heights)
    np.minimum.at(low, vertex_panel[wrapped], heights[wrapped])
    np.maximum.at(high, vertex_panel[wrapped], heights[wrapped])
    upper = np.zeros(panels, bool)
    for a, b in stitches:
        if not (wrapped[a] and wrapped[b]):
            continue
        pa, pb = vertex_panel[a], vertex_panel[b]
        if pa == pb:
            continue
        for top, bottom, v_top, v_bottom in ((pa, pb, a, b), (pb, pa, b, a)):
            at_bottom = heights[v_top] - low[top] < _SAME_HEIGHT
            at_top = high[bottom] - heights[v_bottom] < _SAME_HEIGHT
            if at_bottom and at_top and low[top] > low[bottom] + _SAME_HEIGHT:
                upper[top] = True
    return np.where(upper[vertex_panel], STACK_GAP, 0.0)
