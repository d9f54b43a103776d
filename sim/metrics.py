"""Fit metrics of a draped garment: strain and stress per face, contact and pressure, ease, seam gaps."""

import numpy as np

__all__ = [
    "face_deformation",
    "principal_strain",
    "principal_stress",
    "ring_gap",
    "weighted_percentile",
]


def face_deformation(
    positions: np.ndarray, faces: np.ndarray, rest_inverse: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Warp and weft columns of each face's deformation gradient against its flat rest shape.

    Parameters
    ----------
    positions : (V, 3) float
        m.
    faces : (F, 3) int
    rest_inverse : (F, 2, 2) float
        From :class:`sim.model.Model` (``face_rest_inverse``).

    Returns
    -------
    warp, weft : (F, 3) float64
        Where a unit length along the warp and the weft of the rest pattern ends up in 3D.
    """
    x = np.asarray(positions, np.float64)
    edge1 = x[faces[:, 1]] - x[faces[:, 0]]
    edge2 = x[faces[:, 2]] - x[faces[:, 0]]
    warp = edge1 * rest_inverse[:, 0, 0, None] + edge2 * rest_inverse[:, 1, 0, None]
    weft = edge1 * rest_inverse[:, 0, 1, None] + edge2 * rest_inverse[:, 1, 1, None]
    return warp, weft


def _symmetric_eigen(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Largest eigenvalue of [[a, b], [b, c]] and the angle (degrees, 0..180) of its eigenvector."""
    mean = 0.5 * (a + c)
    radius = np.sqrt((0.5 * (a - c)) ** 2 + b**2)
    angle = 0.5 * np.degrees(np.arctan2(2.0 * b, a - c))
    return mean + radius, np.mod(angle, 180.0)


def principal_strain(warp: np.ndarray, weft: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Largest principal stretch of each face, and its direction.

    Parameters
    ----------
    warp, weft : (F, 3) float
        From :func:`face_deformation`.

    Returns
    -------
    stretch_pct : (F,) float64
        Principal stretch in percent of the rest length (100 = unstretched, 110 = 10 % longer).
    angle_deg : (F,) float64
        Direction of that stretch from the warp towards the weft, degrees in [0, 180).
    """
    largest, angle = _symmetric_eigen((warp * warp).sum(1), (warp * weft).sum(1), (weft * weft).sum(1))
    return 100.0 * np.sqrt(np.maximum(largest, 0.0)), angle


def principal_stress(warp: np.ndarray, weft: np.ndarray, stiffness: np.ndarray) -> np.ndarray:
    """Largest principal membrane stress of each face in the linear fabric model, N/m.

    The stress components are ``k_warp ε_warp``, ``k_weft ε_weft`` and ``k_shear γ`` with ``ε`` the
    stretch along each grain direction and ``γ`` the cosine of the angle between them, the same energy
    the solver minimises.

    Parameters
    ----------
    warp, weft : (F, 3) float
    stiffness : (F, 3) float
        Warp, weft and shear stiffness, N/m.

    Returns
    -------
    (F,) float64
        N/m; negative where the face is compressed in every direction.
    """
    warp_length = np.linalg.norm(warp, axis=1)
    weft_length = np.linalg.norm(weft, axis=1)
    shear = (warp * weft).sum(1) / np.maximum(warp_length * weft_length, 1e-12)
    largest, _ = _symmetric_eigen(
        stiffness[:, 0] * (warp_length - 1.0), stiffness[:, 2] * shear, stiffness[:, 1] * (weft_length - 1.0)
    )
    return largest


def weighted_percentile(values: np.ndarray, weights: np.ndarray, percent: float) -> float:
    """The ``percent`` percentile of ``values`` where each value counts with its weight."""
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    index = np.searchsorted(cumulative, percent / 100.0 * cumulative[-1])
    return float(values[order][min(index, len(values) - 1)])


def ring_gap(positions: np.ndarray, gap_cm: np.ndarray, height: float, half_width: float) -> float | None:
    """Mean cloth-to-skin gap (cm) of the garment vertices within ``half_width`` (m) of ``height`` (m, Y up).

    Returns ``None`` when no garment vertex lies at that height.
    """
    ring = np.abs(positions[:, 1] - height) <= half_width
    if not ring.any():
        return None
    return float(gap_cm[ring].mean())
