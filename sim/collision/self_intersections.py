"""Counting where cloth passes through itself: pairs of garment triangles that intersect.

GarmentCodeData rejects a simulated garment with more than 300 intersecting triangle pairs (pygarment's
``meshgen/simulation.py`` checks both cloth-body and cloth-cloth). Triangles that share a vertex, or a
vertex sewn to one of the other's, touch by construction and are not counted; nor are pairs that only
graze within ``TOUCH_TOLERANCE_M`` of each other's plane.
"""

import numpy as np

__all__ = ["self_intersecting_pairs", "TOUCH_TOLERANCE_M"]

TOUCH_TOLERANCE_M = 1e-5


def _candidate_pairs(corners: np.ndarray, cell: float) -> np.ndarray:
    """(P, 2) int64 face pairs whose bounding boxes overlap, found through a uniform grid."""
    low, high = corners.min(axis=1), corners.max(axis=1)
    first, last = np.floor(low / cell).astype(np.int64), np.floor(high / cell).astype(np.int64)
    spans = last - first + 1
    counts = spans.prod(axis=1)
    faces = np.repeat(np.arange(len(corners)), counts)
    # Each face's cells: offsets 0..count-1 unravelled over its span.
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    span = spans[faces]
    cells = first[faces] + np.stack(
        [offsets // (span[:, 1] * span[:, 2]), (offsets // span[:, 2]) % span[:, 1], offsets % span[:, 2]],
        axis=1,
    )
    keys = (cells[:, 0] * 73856093) ^ (cells[:, 1] * 19349663) ^ (cells[:, 2] * 83492791)
    order = np.lexsort((faces, keys))
    keys, faces = keys[order], faces[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    pairs = []
    for size in np.unique(sizes[sizes > 1]):
        groups = faces[starts[sizes == size][:, None] + np.arange(size)]
        a, b = np.triu_indices(size, 1)
        pairs.append(np.stack([groups[:, a].ravel(), groups[:, b].ravel()], axis=1))
    if not pairs:
        return np.zeros((0, 2), np.int64)
    pairs = np.unique(np.sort(np.concatenate(pairs), axis=1), axis=0)
    overlap = np.all(
        (low[pairs[:, 0]] <= high[pairs[:, 1]]) & (low[pairs[:, 1]] <= high[pairs[:, 0]]), axis=1
    )
    return pairs[overlap]


def _edges_cross(edge_from: np.ndarray, edge_to: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """(P,) bool: whether any of the three edges of one triangle (P, 3, 3 each end) passes through the
    other triangle (P, 3, 3)."""
    a, b, c = triangles[:, None, 0], triangles[:, None, 1], triangles[:, None, 2]
    normal = np.cross(b - a, c - a)
    scale = np.linalg.norm(normal, axis=-1)
    normal = normal / np.maximum(scale, 1e-20)[..., None]
    d0 = np.einsum("pkj,pkj->pk", edge_from - a, normal)
    d1 = np.einsum("pkj,pkj->pk", edge_to - a, normal)
    straddles = (d0 * d1 < 0.0) & (np.abs(d0) > TOUCH_TOLERANCE_M) & (np.abs(d1) > TOUCH_TOLERANCE_M)
    t = d0 / np.where(straddles, d0 - d1, 1.0)
    point = edge_from + t[..., None] * (edge_to - edge_from)
    inside = np.ones(straddles.shape, bool)
    for p, q in ((a, b), (b, c), (c, a)):
        inside &= np.einsum("pkj,pkj->pk", np.cross(q - p, point - p), normal) >= 0.0
    return np.any(straddles & inside, axis=1)


def self_intersecting_pairs(
    positions: np.ndarray, faces: np.ndarray, representative: np.ndarray | None = None
) -> np.ndarray:
    """(P, 2) int64: the pairs of triangles of one garment that pass through each other.

    Parameters
    ----------
    positions : (V, 3) float
        m.
    faces : (F, 3) int
    representative : (V,) int, optional
        The vertex each vertex is sewn to (:attr:`sim.Model.representative`); faces sharing one touch.
    """
    positions = np.asarray(positions, np.float64)
    faces = np.asarray(faces, np.int64)
    welded = faces if representative is None else np.asarray(representative, np.int64)[faces]
    corners = positions[faces]
    edge_lengths = np.linalg.norm(corners - np.roll(corners, 1, axis=1), axis=2)
    pairs = _candidate_pairs(corners, cell=max(float(np.median(edge_lengths)), 1e-6))
    if len(pairs) == 0:
        return pairs
    shared = (welded[pairs[:, 0], :, None] == welded[pairs[:, 1], None, :]).any(axis=(1, 2))
    pairs = pairs[~shared]
    first, second = corners[pairs[:, 0]], corners[pairs[:, 1]]
    crossing = _edges_cross(first, np.roll(first, -1, axis=1), second)
    crossing |= _edges_cross(second, np.roll(second, -1, axis=1), first)
    return pairs[crossing]
