"""Self-collision candidates: for every cloth vertex, the nearby triangles of the same garment.

Once per frame the triangles are binned into a hashed uniform grid (Teschner et al., "Optimized spatial
hashing for collision detection of deformable objects", VMV 2003) and each vertex keeps up to
``CANDIDATES`` triangles within reach. Triangles touching the vertex's welded one-ring (its own
triangles and the ones across a seam) are never candidates. The binning runs serially so that the
candidate lists, and the drape, are the same on every run.
"""

import numpy as np
import taichi as ti

from sim.geometry import closest_point_on_triangle

__all__ = ["SelfContacts", "CANDIDATES"]

CANDIDATES = 8


@ti.func
def _hash(cell, table_size):
    h = (cell[0] * 73856093) ^ (cell[1] * 19349663) ^ (cell[2] * 83492791)
    return h & (table_size - 1)


@ti.kernel
def _count_cells(
    x: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    bucket_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    cell_size: ti.f32,
    reach: ti.f32,
) -> ti.i32:
    table_size = bucket_count.shape[0]
    for b in range(table_size):
        bucket_count[b] = 0
    total = 0
    for f in range(faces.shape[0]):
        a, b, c = x[faces[f][0]], x[faces[f][1]], x[faces[f][2]]
        low = ti.floor((ti.min(a, b, c) - reach) / cell_size, ti.i32)
        high = ti.floor((ti.max(a, b, c) + reach) / cell_size, ti.i32)
        for i, j, k in ti.ndrange((low[0], high[0] + 1), (low[1], high[1] + 1), (low[2], high[2] + 1)):
            ti.atomic_add(bucket_count[_hash(ti.Vector([i, j, k]), table_size)], 1)
            total += 1
    return total


@ti.kernel
def _fill_cells(
    x: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    bucket_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    bucket_start: ti.types.ndarray(dtype=ti.i32, ndim=1),
    entries: ti.types.ndarray(dtype=ti.i32, ndim=1),
    cell_size: ti.f32,
    reach: ti.f32,
):
    table_size = bucket_count.shape[0]
    ti.loop_config(serialize=True)
    for b in range(table_size):
        if b == 0:
            bucket_start[0] = 0
        else:
            bucket_start[b] = bucket_start[b - 1] + bucket_count[b - 1]
        bucket_count[b] = 0
    ti.loop_config(serialize=True)
    for f in range(faces.shape[0]):
        a, b, c = x[faces[f][0]], x[faces[f][1]], x[faces[f][2]]
        low = ti.floor((ti.min(a, b, c) - reach) / cell_size, ti.i32)
        high = ti.floor((ti.max(a, b, c) + reach) / cell_size, ti.i32)
        for i, j, k in ti.ndrange((low[0], high[0] + 1), (low[1], high[1] + 1), (low[2], high[2] + 1)):
            bucket = _hash(ti.Vector([i, j, k]), table_size)
            entries[bucket_start[bucket] + bucket_count[bucket]] = f
            bucket_count[bucket] += 1


@ti.kernel
def _gather_candidates(
    x: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    representative: ti.types.ndarray(dtype=ti.i32, ndim=1),
    neighbour_offsets: ti.types.ndarray(dtype=ti.i32, ndim=1),
    neighbours: ti.types.ndarray(dtype=ti.i32, ndim=1),
    bucket_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    bucket_start: ti.types.ndarray(dtype=ti.i32, ndim=1),
    entries: ti.types.ndarray(dtype=ti.i32, ndim=1),
    candidates: ti.types.ndarray(dtype=ti.i32, ndim=2),
    candidate_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    cell_size: ti.f32,
    reach: ti.f32,
):
    table_size = bucket_count.shape[0]
    for v in range(x.shape[0]):
        p = x[v]
        bucket = _hash(ti.floor(p / cell_size, ti.i32), table_size)
        own = representative[v]
        found = 0
        for e in range(bucket_start[bucket], bucket_start[bucket] + bucket_count[bucket]):
            f = entries[e]
            corner = ti.Vector(
                [representative[faces[f][0]], representative[faces[f][1]], representative[faces[f][2]]]
            )
            if found < CANDIDATES and not (corner == own).any():
                a, b, c = x[faces[f][0]], x[faces[f][1]], x[faces[f][2]]
                if (p >= ti.min(a, b, c) - reach).all() and (p <= ti.max(a, b, c) + reach).all():
                    weights, _ = closest_point_on_triangle(p, a, b, c)
                    if (p - (weights[0] * a + weights[1] * b + weights[2] * c)).norm() < reach:
                        excluded = False
                        for n in range(neighbour_offsets[own], neighbour_offsets[own + 1]):
                            if (corner == neighbours[n]).any():
                                excluded = True
                        for slot in range(found):
                            if candidates[v, slot] == f:
                                excluded = True
                        if not excluded:
                            candidates[v, found] = f
                            found += 1
        candidate_count[v] = found


class SelfContacts:
    """Per-vertex lists of nearby garment triangles, refreshed by :meth:`update` once per frame.

    Parameters
    ----------
    model : Model
    device_faces, representative, neighbour_offsets, neighbours : Taichi ndarrays
        The model's arrays on the device (see :class:`sim.solver_xpbd.SolverXPBD`).
    reach : float
        Triangles closer than this to a vertex (m) become its candidates; it must cover the
        cloth thickness plus how far cloth moves in a frame.

    Attributes
    ----------
    candidates : Taichi ndarray (V, CANDIDATES) int32
    candidate_count : Taichi ndarray (V,) int32
    """

    def __init__(self, vertex_count: int, face_count: int, arrays: dict, reach: float, cell_size: float):
        self.arrays = arrays
        self.reach = float(reach)
        self.cell_size = float(cell_size)
        table_size = 1 << int(np.ceil(np.log2(max(4 * face_count, 1024))))
        self.bucket_count = ti.ndarray(ti.i32, shape=table_size)
        self.bucket_start = ti.ndarray(ti.i32, shape=table_size)
        self.entries = ti.ndarray(ti.i32, shape=16 * face_count)
        self.candidates = ti.ndarray(ti.i32, shape=(vertex_count, CANDIDATES))
        self.candidate_count = ti.ndarray(ti.i32, shape=vertex_count)
        self.candidate_count.fill(0)

    def update(self, positions) -> None:
        """Rebuild the candidate lists for cloth at ``positions`` (Taichi ndarray (V,) vec3)."""
        faces = self.arrays["faces"]
        total = _count_cells(positions, faces, self.bucket_count, self.cell_size, self.reach)
        if total > self.entries.shape[0]:
            self.entries = ti.ndarray(ti.i32, shape=int(total * 1.5))
        _fill_cells(
            positions, faces, self.bucket_count, self.bucket_start, self.entries, self.cell_size, self.reach
        )
        _gather_candidates(
            positions,
            faces,
            self.arrays["representative"],
            self.arrays["neighbour_offsets"],
            self.arrays["neighbours"],
            self.bucket_count,
            self.bucket_start,
            self.entries,
            self.candidates,
            self.candidate_count,
            self.cell_size,
            self.reach,
        )
