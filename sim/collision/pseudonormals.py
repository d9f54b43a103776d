"""Angle-weighted pseudonormals of the body mesh (Bærentzen & Aanæs, "Signed distance computation using
the angle weighted pseudonormal", IEEE TVCG 11(3), 2005), which sign the distance to the nearest
triangle, face, edge or vertex alike, and the mesh topology gathering them needs."""

import numpy as np
import taichi as ti

__all__ = ["face_normals", "gathered_normals", "normal_topology", "triangles_across"]


@ti.kernel
def face_normals(
    vertices: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    triangles: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    face_normal: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    corner_angle: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
):
    for f in triangles:
        a, b, c = vertices[triangles[f][0]], vertices[triangles[f][1]], vertices[triangles[f][2]]
        normal = (b - a).cross(c - a)
        face_normal[f] = normal / ti.max(normal.norm(), 1e-20)
        angles = ti.Vector([0.0, 0.0, 0.0])
        for corner in ti.static(range(3)):
            p = a if corner == 0 else (b if corner == 1 else c)
            q = b if corner == 0 else (c if corner == 1 else a)
            r = c if corner == 0 else (a if corner == 1 else b)
            u, v = q - p, r - p
            cosine = u.dot(v) / ti.max(u.norm() * v.norm(), 1e-20)
            angles[corner] = ti.acos(ti.min(ti.max(cosine, -1.0), 1.0))
        corner_angle[f] = angles


@ti.kernel
def gathered_normals(
    triangles: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    face_normal: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    corner_angle: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    vertex_corner_offsets: ti.types.ndarray(dtype=ti.i32, ndim=1),
    vertex_corners: ti.types.ndarray(dtype=ti.i32, ndim=1),
    edge_side_offsets: ti.types.ndarray(dtype=ti.i32, ndim=1),
    edge_sides: ti.types.ndarray(dtype=ti.i32, ndim=1),
    edge_slots: ti.types.ndarray(dtype=ti.i32, ndim=1),
    vertex_normal: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    edge_normal: ti.types.ndarray(dtype=ti.math.vec3, ndim=2),
):
    # Every normal is a sum gathered in a fixed order, so the grid is the same on every run.
    for v in vertex_normal:
        total = ti.Vector([0.0, 0.0, 0.0])
        for n in range(vertex_corner_offsets[v], vertex_corner_offsets[v + 1]):
            corner = vertex_corners[n]
            total += face_normal[corner // 3] * corner_angle[corner // 3][corner % 3]
        vertex_normal[v] = total / ti.max(total.norm(), 1e-20)
    for f, side in ti.ndrange(triangles.shape[0], 3):
        slot = edge_slots[3 * f + side]
        total = ti.Vector([0.0, 0.0, 0.0])
        for n in range(edge_side_offsets[slot], edge_side_offsets[slot + 1]):
            total += face_normal[edge_sides[n] // 3]
        edge_normal[f, side] = total / ti.max(total.norm(), 1e-20)


def _compressed_rows(keys: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (count + 1,) and the positions of ``keys`` grouped by key, each group in index order."""
    offsets = np.concatenate([[0], np.cumsum(np.bincount(keys, minlength=count))]).astype(np.int32)
    return offsets, np.argsort(keys, kind="stable").astype(np.int32)


def normal_topology(vertex_count: int, triangles: np.ndarray) -> dict:
    """What gathering the pseudonormals needs: each vertex's corners and each edge's triangle sides.

    Corners and sides are numbered ``3 * face + slot`` (sides ab, bc, ca).
    """
    starts = triangles
    ends = np.roll(triangles, -1, axis=1)
    keys = np.minimum(starts, ends).astype(np.int64) * vertex_count + np.maximum(starts, ends)
    unique, edge_slots = np.unique(keys.reshape(-1), return_inverse=True)
    corner_offsets, corners = _compressed_rows(triangles.reshape(-1), vertex_count)
    side_offsets, sides = _compressed_rows(edge_slots, len(unique))
    return {
        "vertex_corner_offsets": corner_offsets,
        "vertex_corners": corners,
        "edge_side_offsets": side_offsets,
        "edge_sides": sides,
        "edge_slots": edge_slots.astype(np.int32),
    }


def triangles_across(topology: dict) -> np.ndarray:
    """(F, 3) int32: per side (ab, bc, ca) of each triangle, a triangle sharing it (itself on a border)."""
    offsets, sides, slots = topology["edge_side_offsets"], topology["edge_sides"], topology["edge_slots"]
    first = sides[offsets[:-1]] // 3
    last = sides[offsets[1:] - 1] // 3
    own = np.arange(len(slots)) // 3
    across = np.where(first[slots] == own, last[slots], first[slots])
    return across.reshape(-1, 3).astype(np.int32)
