"""The waistline of a garment worn from the waist (a skirt, trousers): the vertices along its top opening.

A garment hangs from the waist when, as placed, it ends below the midpoint between the body's waist (the
level its waist girth is measured at, ``body.Body.girth_heights``) and its shoulders: no part of it can
rest on the shoulders. Its waistline is then the outline of its panels along its top (within
``WAISTLINE_DEPTH_M`` of it), whatever the panels are called: a waistband's upper edge, or the top of
skirt panels sewn without one.
"""

import numpy as np

from garments.body_sections import shoulder_top_height

__all__ = ["waistline_vertices", "hangs_from_waist", "WAISTLINE_DEPTH_M"]

WAISTLINE_DEPTH_M = 0.015


def hangs_from_waist(garment, body) -> bool:
    """Whether ``garment``, as placed round ``body``, ends below the level where shoulders could carry it."""
    top = float(np.asarray(garment.positions)[:, 1].max())
    return top < 0.5 * (body.girth_heights()["waist"] + shoulder_top_height(body))


def waistline_vertices(garment, body) -> np.ndarray:
    """(W,) int64: the outline vertices along the top of a garment that hangs from the waist, else none.

    Parameters
    ----------
    garment : garments.Garment
        Placed ``positions`` (V, 3) m and ``boundary`` (V,) bool.
    body : body.Body
    """
    if not hangs_from_waist(garment, body):
        return np.zeros(0, np.int64)
    heights = np.asarray(garment.positions)[:, 1]
    near_top = heights >= heights.max() - WAISTLINE_DEPTH_M
    return np.flatnonzero(near_top & np.asarray(garment.boundary)).astype(np.int64)
