"""Mesh topology the solver precomputes: bending stencils, welded vertices across seams, vertex areas."""

import numpy as np

__all__ = ["bending_stencils", "mesh_edges", "weld_stitches", "welded_neighbours", "vertex_areas"]


def bending_stencils(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The four vertices around every interior edge, and the two faces that share it.

    Parameters
    ----------
    faces : (F, 3) int

    Returns
    -------
    stencils : (E, 4) int32
        ``[edge_a, edge_b, opposite_in_first_face, opposite_in_second_face]`` per edge shared by exactly
        two faces (seams between panels are separate vertices and get no stencil).
    stencil_faces : (E, 2) int32
        The first and second face.
    """
    faces = np.asarray(faces, np.int64)
    corners = np.stack([faces, np.roll(faces, -1, axis=1), np.roll(faces, -2, axis=1)], axis=2).reshape(-1, 3)
    edge_a, edge_b, opposite = corners[:, 0], corners[:, 1], corners[:, 2]
    low, high = np.minimum(edge_a, edge_b), np.maximum(edge_a, edge_b)
    key = low * (faces.max() + 1) + high
    order = np.argsort(key, kind="stable")
    key_sorted = key[order]
    starts = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]])
    lengths = np.diff(np.r_[starts, key_sorted.size])
    pairs = starts[lengths == 2]
    first, second = order[pairs], order[pairs + 1]
    stencils = np.stack([low[first], high[first], opposite[first], opposite[second]], axis=1)
    return stencils.astype(np.int32), np.stack([first // 3, second // 3], axis=1).astype(np.int32)


def mesh_edges(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every edge of a triangle mesh once, and each triangle's three edges.

    Parameters
    ----------
    faces : (F, 3) int

    Returns
    -------
    edges : (E, 2) int32
        Vertex pairs, smaller index first, sorted.
    face_edges : (F, 3) int32
        Per triangle, its edges ab, bc, ca as rows of ``edges``.
    """
    faces = np.asarray(faces, np.int64)
    starts, ends = faces, np.roll(faces, -1, axis=1)
    pairs = np.stack([np.minimum(starts, ends), np.maximum(starts, ends)], axis=2).reshape(-1, 2)
    edges, index = np.unique(pairs, axis=0, return_inverse=True)
    return edges.astype(np.int32), index.reshape(-1, 3).astype(np.int32)


def weld_stitches(vertex_count: int, stitches: np.ndarray) -> np.ndarray:
    """A representative vertex per vertex, the same for all vertices sewn together.

    Parameters
    ----------
    vertex_count : int
    stitches : (S, 2) int

    Returns
    -------
    (V,) int32
        The smallest vertex index of each vertex's sewn group.
    """
    parent = np.arange(vertex_count)

    def root(vertex: int) -> int:
        while parent[vertex] != vertex:
            parent[vertex] = parent[parent[vertex]]
            vertex = parent[vertex]
        return vertex

    for a, b in np.asarray(stitches, np.int64).tolist():
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([root(v) for v in range(vertex_count)], np.int32)


def welded_neighbours(faces: np.ndarray, representative: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edge neighbours of each welded vertex, as compressed rows.

    Parameters
    ----------
    faces : (F, 3) int
    representative : (V,) int
        From :func:`weld_stitches`.

    Returns
    -------
    offsets : (V + 1,) int32
        Neighbours of representative ``r`` are ``neighbours[offsets[r]:offsets[r + 1]]``.
    neighbours : (N,) int32
        Representatives.
    """
    welded = representative[np.asarray(faces, np.int64)]
    a = welded.reshape(-1)
    b = np.roll(welded, -1, axis=1).reshape(-1)
    edges = np.unique(np.concatenate([np.stack([a, b], 1), np.stack([b, a], 1)]), axis=0)
    edges = edges[edges[:, 0] != edges[:, 1]]
    offsets = np.searchsorted(edges[:, 0], np.arange(representative.size + 1)).astype(np.int32)
    return offsets, edges[:, 1].astype(np.int32)


def vertex_areas(face_areas: np.ndarray, faces: np.ndarray, vertex_count: int) -> np.ndarray:
    """A third of the area of each face, summed onto its vertices.

    Parameters
    ----------
    face_areas : (F,) float
    faces : (F, 3) int
    vertex_count : int

    Returns
    -------
    (V,) float64
    """
    areas = np.zeros(vertex_count)
    np.add.at(areas, np.asarray(faces).reshape(-1), np.repeat(np.asarray(face_areas, float) / 3.0, 3))
    return areas
