"""Where a horizontal plane cuts a garment: the length of the cut, as a tape measure round the garment
would read it, and how far round the body the cut goes."""

import numpy as np

__all__ = ["horizontal_section", "round_share", "SECTION_SECTORS"]

# Directions round the body the section is checked in (10 degrees each).
SECTION_SECTORS = 36


def horizontal_section(
    positions: np.ndarray, faces: np.ndarray, height: float, centre_xz: np.ndarray
) -> tuple[float, float]:
    """Length of the curve where the plane ``y = height`` cuts ``faces``, and how far round it goes.

    Parameters
    ----------
    positions : (V, 3) float
        m, Y up.
    faces : (F, 3) int
        The faces to cut (e.g. a garment's torso and legs, not its sleeves).
    height : float
        m.
    centre_xz : (2,) float
        The body's axis at that height (x, z), m: the centre the coverage is seen from.

    Returns
    -------
    length_m : float
        Total length of the cut, m (0 where the plane misses every face).
    coverage : float
        Share of the ``SECTION_SECTORS`` directions round ``centre_xz`` that the cut passes through,
        in [0, 1]: 1 for a garment that goes all the way round.
    """
    corners = np.asarray(positions, np.float64)[np.asarray(faces)]
    above = corners[:, :, 1] - height
    # A corner exactly on the plane counts as above it, so each cut face has exactly two cut edges.
    above = np.where(above == 0.0, 1e-12, above)
    crossing = (above.min(axis=1) < 0.0) & (above.max(axis=1) > 0.0)
    corners, above = corners[crossing], above[crossing]
    if len(corners) == 0:
        return 0.0, 0.0
    points = []
    for a, b in ((0, 1), (1, 2), (2, 0)):
        cut = above[:, a] * above[:, b] < 0.0
        t = np.where(cut, above[:, a] / np.where(cut, above[:, a] - above[:, b], 1.0), 0.0)
        points.append((cut, corners[:, a] + (corners[:, b] - corners[:, a]) * t[:, None]))
    ends = np.stack([p for _, p in points], axis=1)  # (C, 3 edges, 3)
    cut_mask = np.stack([c for c, _ in points], axis=1)  # (C, 3 edges), two True per row
    order = np.argsort(~cut_mask, axis=1, kind="stable")[:, :2]
    first = ends[np.arange(len(ends)), order[:, 0]]
    second = ends[np.arange(len(ends)), order[:, 1]]
    length = float(np.linalg.norm(second - first, axis=1).sum())
    samples = np.concatenate([first, second, 0.5 * (first + second)])[:, [0, 2]]
    return length, round_share(samples, centre_xz)


def round_share(points_xz: np.ndarray, centre_xz: np.ndarray) -> float:
    """Share of the ``SECTION_SECTORS`` directions round ``centre_xz`` (2,) that ``points_xz`` (N, 2), m,
    lie in, in [0, 1]."""
    offsets = np.asarray(points_xz, np.float64) - np.asarray(centre_xz)
    angles = np.arctan2(offsets[:, 1], offsets[:, 0])
    sectors = np.floor((angles + np.pi) / (2.0 * np.pi) * SECTION_SECTORS).astype(int) % SECTION_SECTORS
    return float(len(np.unique(sectors))) / SECTION_SECTORS
