"""Horizontal cross-sections of a body mesh and the convex hulls a tape measure follows round them.

Everything is in metres, Y up; hull and loop geometry is in the horizontal (x, z) plane.
"""

import functools

import numpy as np
import scipy.sparse
from scipy.sparse.csgraph import connected_components
from scipy.spatial import ConvexHull, QhullError

__all__ = ["MeshSlicer", "Girth", "hull_order", "hull_contains", "loop_perimeter", "mesh_edges"]


class MeshSlicer:
    """Horizontal cross-sections and vertical-line hits of one triangle mesh.

    Parameters
    ----------
    vertices : (V, 3) float
        Metres, Y up.
    faces : (F, 3) int
    """

    def __init__(self, vertices: np.ndarray, faces: np.ndarray):
        self.vertices = np.asarray(vertices, dtype=np.float64)
        self.faces = np.asarray(faces, dtype=np.int64)
        self.edges, self.face_edges = mesh_edges(self.faces.tobytes(), len(self.faces))
        self._face_xz = None

    def section_loops(self, height: float) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """The closed loops where the plane ``y = height`` cuts the mesh.

        Returns
        -------
        list of (edges (N, 2) int, t (N,) float, points (N, 3) float)
            Per loop: the cut edges, where along each edge the cut lies (0 at its first vertex,
            1 at its second), and the cut points.
        """
        below = self.vertices[:, 1] < height
        cut = below[self.edges[:, 0]] != below[self.edges[:, 1]]
        cut_ids = np.flatnonzero(cut)
        if cut_ids.size == 0:
            return []
        cut_edges = self.edges[cut_ids]
        start = self.vertices[cut_edges[:, 0]]
        end = self.vertices[cut_edges[:, 1]]
        t = (height - start[:, 1]) / (end[:, 1] - start[:, 1])
        points = start + t[:, None] * (end - start)
        node_of_edge = np.full(len(self.edges), -1)
        node_of_edge[cut_ids] = np.arange(cut_ids.size)
        face_nodes = node_of_edge[self.face_edges]
        crossing = face_nodes[(face_nodes >= 0).sum(axis=1) == 2]
        crossing.sort(axis=1)
        links = crossing[:, 1:]
        graph = scipy.sparse.coo_matrix(
            (np.ones(len(links)), (links[:, 0], links[:, 1])), shape=(cut_ids.size, cut_ids.size)
        )
        loop_count, labels = connected_components(graph, directed=False)
        loops = []
        for loop in range(loop_count):
            members = np.flatnonzero(labels == loop)
            loops.append((cut_edges[members], t[members], points[members]))
        return loops

    def vertical_hits(self, x: float, z: float) -> list[tuple[np.ndarray, np.ndarray, float]]:
        """Where the vertical line through ``(x, z)`` meets the mesh.

        Returns
        -------
        list of (corners (3,) int, barycentric (3,) float, y float)
        """
        if self._face_xz is None:
            self._face_xz = self.vertices[self.faces][:, :, [0, 2]]
            self._face_xz_low, self._face_xz_high = self._face_xz.min(axis=1), self._face_xz.max(axis=1)
        spanning = ((self._face_xz_low <= (x, z)) & ((x, z) <= self._face_xz_high)).all(axis=1)
        faces = self.faces[spanning]
        corners = self._face_xz[spanning]
        a, b, c = corners[:, 0], corners[:, 1], corners[:, 2]
        denominator = (b[:, 1] - c[:, 1]) * (a[:, 0] - c[:, 0]) + (c[:, 0] - b[:, 0]) * (a[:, 1] - c[:, 1])
        valid = np.abs(denominator) > 1e-14
        safe = np.where(valid, denominator, 1.0)
        w0 = ((b[:, 1] - c[:, 1]) * (x - c[:, 0]) + (c[:, 0] - b[:, 0]) * (z - c[:, 1])) / safe
        w1 = ((c[:, 1] - a[:, 1]) * (x - c[:, 0]) + (a[:, 0] - c[:, 0]) * (z - c[:, 1])) / safe
        w2 = 1.0 - w0 - w1
        inside = valid & (w0 >= 0) & (w1 >= 0) & (w2 >= 0)
        hits = []
        for face in np.flatnonzero(inside):
            barycentric = np.array([w0[face], w1[face], w2[face]])
            y = float(barycentric @ self.vertices[faces[face], 1])
            hits.append((faces[face], barycentric, y))
        return hits


def hull_order(points_xz: np.ndarray) -> np.ndarray | None:
    """Indices of the convex hull of (N, 2) points, counter-clockwise; None when degenerate."""
    if len(points_xz) < 3:
        return None
    try:
        return ConvexHull(points_xz).vertices
    except QhullError:
        return None


@functools.lru_cache(maxsize=4)
def mesh_edges(faces_bytes: bytes, face_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Unique edges (E, 2) of a triangle mesh and each face's three edge indices (F, 3).

    Keyed by the faces' bytes so that measuring many bodies of one topology finds them once.
    """
    faces = np.frombuffer(faces_bytes, dtype=np.int64).reshape(face_count, 3)
    corner_pairs = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    corner_pairs.sort(axis=1)
    edges, inverse = np.unique(corner_pairs, axis=0, return_inverse=True)
    return edges, inverse.reshape(3, -1).T


def hull_contains(hull_xz: np.ndarray, x: float, z: float) -> bool:
    """Whether ``(x, z)`` lies inside the counter-clockwise convex polygon (N, 2)."""
    edge = np.roll(hull_xz, -1, axis=0) - hull_xz
    to_point = np.array([x, z]) - hull_xz
    return bool(np.all(edge[:, 0] * to_point[:, 1] - edge[:, 1] * to_point[:, 0] >= 0))


def loop_perimeter(points_xz: np.ndarray) -> float:
    """Perimeter (m) of the closed polygon (N, 2)."""
    return float(np.linalg.norm(np.roll(points_xz, -1, axis=0) - points_xz, axis=1).sum())


class Girth:
    """A torso or limb girth found at one height: hull rows of the cut edges."""

    def __init__(self, edges: np.ndarray, t: np.ndarray, points: np.ndarray, height: float = 0.0):
        self.height = height
        order = hull_order(points[:, [0, 2]])
        self.valid = order is not None
        if self.valid:
            self.edges = edges[order]
            self.t = t[order]
            self.points_xz = points[order][:, [0, 2]]
            self.length = loop_perimeter(self.points_xz)
