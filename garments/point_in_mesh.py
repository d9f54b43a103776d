"""Which points lie inside a closed triangle mesh: ray parity, with triangles binned on a grid for speed.

A ray from each point along +x crosses a closed surface an odd number of times exactly when the point
is inside. Triangles are binned by their bounding box in the (y, z) plane, so each ray is tested only
against the few triangles whose shadow covers it.
"""

import numpy as np

__all__ = ["points_inside"]

_CELL = 0.01


def points_inside(vertices: np.ndarray, faces: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Inside test against a closed (watertight) mesh.

    Parameters
    ----------
    vertices : (V, 3) float
        Mesh vertices, metres.
    faces : (F, 3) int
        Mesh triangles.
    points : (P, 3) float
        Query points, metres.

    Returns
    -------
    (P,) bool
        True for points inside the mesh.
    """
    triangles = np.asarray(vertices, dtype=np.float64)[np.asarray(faces)]
    points = np.asarray(points, dtype=np.float64)
    yz = triangles[:, :, 1:]
    origin = yz.reshape(-1, 2).min(axis=0)
    low = np.floor((yz.min(axis=1) - origin) / _CELL).astype(np.int64)
    high = np.floor((yz.max(axis=1) - origin) / _CELL).astype(np.int64)
    columns = int(high[:, 1].max()) + 1
    # One (cell, triangle) pair per cell each triangle's (y, z) box covers.
    spans = high - low + 1
    counts = spans[:, 0] * spans[:, 1]
    triangle_of_pair = np.repeat(np.arange(len(triangles)), counts)
    within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    cell_y = low[triangle_of_pair, 0] + within // spans[triangle_of_pair, 1]
    cell_z = low[triangle_of_pair, 1] + within % spans[triangle_of_pair, 1]
    cell_of_pair = cell_y * columns + cell_z
    order = np.argsort(cell_of_pair, kind="stable")
    cell_of_pair, triangle_of_pair = cell_of_pair[order], triangle_of_pair[order]

    point_cell = np.floor((points[:, 1:] - origin) / _CELL).astype(np.int64)
    outside_grid = (point_cell < 0).any(axis=1) | (point_cell[:, 1] >= columns)
    point_key = point_cell[:, 0] * columns + point_cell[:, 1]
    first = np.searchsorted(cell_of_pair, point_key, side="left")
    last = np.searchsorted(cell_of_pair, point_key, side="right")
    candidate_counts = np.where(outside_grid, 0, last - first)
    point_of_test = np.repeat(np.arange(len(points)), candidate_counts)
    offsets = np.arange(candidate_counts.sum()) - np.repeat(
        np.cumsum(candidate_counts) - candidate_counts, candidate_counts
    )
    tested = triangle_of_pair[np.repeat(first, candidate_counts) + offsets]

    a, b, c = (triangles[tested, k] for k in range(3))
    p = points[point_of_test]
    # Barycentric coordinates of the ray's (y, z) in the triangle's (y, z) shadow.
    e1, e2, q = b[:, 1:] - a[:, 1:], c[:, 1:] - a[:, 1:], p[:, 1:] - a[:, 1:]
    det = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    safe = np.where(det == 0, 1.0, det)
    u = (q[:, 0] * e2[:, 1] - q[:, 1] * e2[:, 0]) / safe
    v = (e1[:, 0] * q[:, 1] - e1[:, 1] * q[:, 0]) / safe
    hit = (det != 0) & (u >= 0) & (v >= 0) & (u + v < 1)
    x_at_hit = a[:, 0] + u * (b[:, 0] - a[:, 0]) + v * (c[:, 0] - a[:, 0])
    crossings = np.bincount(point_of_test[hit & (x_at_hit > p[:, 0])], minlength=len(points))
    return crossings % 2 == 1
