"""Panel edge curves: straight lines, quadratic and cubic Béziers, circular arcs, polylines; length and
sampling.

Curve parameters follow GarmentCode's relative convention: a control point ``(t, n)`` lies at
``start + t * (end - start) + n * perp(end - start)`` with ``perp(x, y) = (-y, x)``. A circular arc is
``(radius, large_arc, right)`` as in SVG: ``right`` puts the arc's bulge on the right of start -> end.
A polyline (the digitised edges of DXF files) lists its inner points in the same relative form.
"""

from dataclasses import dataclass

import numpy as np

__all__ = ["Curve", "edge_polyline", "edge_length", "sample_edge", "POLYLINE"]

# Besides GarmentCode's quadratic, cubic and circle edges: a polyline, read from DXF files only.
POLYLINE = "polyline"

# Points per edge of the dense polyline that lengths and even sampling are measured on.
_DENSE_POINTS = 256


@dataclass(frozen=True)
class Curve:
    """The bend of one panel edge.

    Attributes
    ----------
    kind : str
        ``quadratic``, ``cubic``, ``circle`` or ``polyline``.
    params : tuple
        Béziers: control points ``((t, n), ...)`` relative to the edge (1 for quadratic, 2 for cubic).
        Circle: ``(radius_m, large_arc, right)``. Polyline: its inner points ``((t, n), ...)``.
    """

    kind: str
    params: tuple


def _perp(vector: np.ndarray) -> np.ndarray:
    return np.array([-vector[1], vector[0]])


def _bezier(points: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Points (len(t), 2) of the Bézier with control polygon ``points`` (k, 2), by de Casteljau."""
    layer = np.repeat(points[None], len(t), axis=0)
    while layer.shape[1] > 1:
        layer = (1 - t)[:, None, None] * layer[:, :-1] + t[:, None, None] * layer[:, 1:]
    return layer[:, 0]


def _arc(start: np.ndarray, end: np.ndarray, radius: float, large_arc: bool, right: bool, t: np.ndarray):
    chord = end - start
    chord_length = float(np.linalg.norm(chord))
    radius = max(float(radius), chord_length / 2)
    normal = _perp(chord) / chord_length
    half_sagitta = np.sqrt(max(radius**2 - chord_length**2 / 4, 0.0))
    bulge = radius + half_sagitta if large_arc else radius - half_sagitta
    side = -1.0 if right else 1.0
    centre = start + chord / 2 + side * (bulge - radius) * normal
    angle_start = np.arctan2(*(start - centre)[::-1])
    angle_end = np.arctan2(*(end - centre)[::-1])
    sweep = (angle_end - angle_start) % (2 * np.pi)
    mid_direction = side * normal
    mid_angle = np.arctan2(mid_direction[1], mid_direction[0])
    if not np.isclose((mid_angle - angle_start) % (2 * np.pi), sweep / 2, atol=1e-6):
        sweep -= 2 * np.pi
    angles = angle_start + sweep * t
    return centre + radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)


def _resampled(points: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Points at arc-length fractions ``t`` (K,) along the polyline ``points`` (k, 2)."""
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])
    targets = t * arc[-1]
    return np.stack([np.interp(targets, arc, points[:, 0]), np.interp(targets, arc, points[:, 1])], axis=1)


def edge_polyline(start, end, curve: Curve | None, count: int = _DENSE_POINTS) -> np.ndarray:
    """Points along an edge at ``count`` evenly spaced curve parameters (arc length on a polyline).

    Parameters
    ----------
    start, end : (2,) array
        Edge endpoints, metres.
    curve : Curve or None
        None for a straight edge.
    count : int
        Number of points, endpoints included.

    Returns
    -------
    (count, 2) float64
    """
    start, end = np.asarray(start, np.float64), np.asarray(end, np.float64)
    t = np.linspace(0.0, 1.0, count)
    if curve is None:
        return start + t[:, None] * (end - start)
    if curve.kind == "circle":
        radius, large_arc, right = curve.params
        return _arc(start, end, radius, bool(large_arc), bool(right), t)
    chord = end - start
    controls = [start + u * chord + v * _perp(chord) for u, v in curve.params]
    if curve.kind == POLYLINE:
        return _resampled(np.array([start, *controls, end]), t)
    return _bezier(np.array([start, *controls, end]), t)


def edge_length(start, end, curve: Curve | None) -> float:
    """Length of an edge in the units of ``start`` and ``end``."""
    points = edge_polyline(start, end, curve)
    return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def sample_edge(start, end, curve: Curve | None, segments: int) -> np.ndarray:
    """Points that split an edge into ``segments`` pieces of equal arc length.

    Returns
    -------
    (segments + 1, 2) float64
        From ``start`` to ``end`` inclusive.
    """
    dense = edge_polyline(start, end, curve)
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(dense, axis=0), axis=1))])
    targets = np.linspace(0.0, arc[-1], segments + 1)
    points = np.stack([np.interp(targets, arc, dense[:, 0]), np.interp(targets, arc, dense[:, 1])], axis=1)
    points[0], points[-1] = dense[0], dense[-1]
    return points
