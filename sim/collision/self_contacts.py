"""Self-collision candidates: for every cloth vertex, the nearby triangles of the same garment, and
for every edge, the nearby edges.

Once per frame the triangles are binned into a hashed uniform grid (Teschner et al., "Optimized spatial
hashing for collision detection of deformable objects", VMV 2003) and each vertex keeps up to
``CANDIDATES`` triangles within reach. Triangles touching the vertex's welded one-ring (its own
triangles and the ones across a seam) are never candidates. On the CPU the binning runs as ordered serial
loops in the same launch as the per-vertex search, so the candidate lists, and the drape, are the
same on every run; on a GPU it runs in parallel. Each edge then looks through the same bins for the
edges of nearby triangles that come within reach of it and share no welded vertex with it, listing
each pair once (from its lower-numbered edge): where layers cross between vertices, no vertex is near
the other layer's triangles and only these edge pairs see it.
"""

import numpy as np
import taichi as ti

from sim.geometry import closest_point_on_triangle, closest_points_on_segments

__all__ = ["SelfContacts", "CANDIDATES", "EDGE_CANDIDATES"]

CANDIDATES = 8
EDGE_CANDIDATES = 4


@ti.func
def _hash(cell, table_size):
    h = (cell[0] * 73856093) ^ (cell[1] * 19349663) ^ (cell[2] * 83492791)
    return h & (table_size - 1)


@ti.func
def _cell_range(low, high, cell_size):
    return ti.floor(low / cell_size, ti.i32), ti.floor(high / cell_size, ti.i32)


@ti.func
def _stamp_ring(
    ring_stamp: ti.template(), own, value, neighbour_offsets: ti.template(), neighbours: ti.template()
):
    """Mark welded vertex ``own`` and its welded neighbours with ``value`` in ``ring_stamp``."""
    ring_stamp[own] = value
    for n in range(neighbour_offsets[own], neighbour_offsets[own + 1]):
        ring_stamp[neighbours[n]] = value


@ti.func
def _bucket_entries(bucket, bucket_start: ti.template(), bucket_count: ti.template(), capacity):
    """The range of ``entries`` slots holding ``bucket``'s triangles (cut at the table's capacity)."""
    return bucket_start[bucket], ti.min(bucket_start[bucket] + bucket_count[bucket], capacity)


@ti.kernel
def _build_candidates(
    x: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    representative: ti.types.ndarray(dtype=ti.i32, ndim=1),
    neighbour_offsets: ti.types.ndarray(dtype=ti.i32, ndim=1),
    neighbours: ti.types.ndarray(dtype=ti.i32, ndim=1),
    bucket_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    bucket_start: ti.types.ndarray(dtype=ti.i32, ndim=1),
    entries: ti.types.ndarray(dtype=ti.i32, ndim=1),
    entry_low: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    entry_high: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    candidates: ti.types.ndarray(dtype=ti.i32, ndim=2),
    candidate_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    ring_stamp: ti.types.ndarray(dtype=ti.i32, ndim=1),
    cell_size: ti.f32,
    reach: ti.f32,
    serial: ti.template(),
):
    table_size = bucket_count.shape[0]
    capacity = entries.shape[0]
    for b in range(table_size):
        bucket_count[b] = 0
    # Each triangle goes into the cells its bounding box overlaps (at most 8 while cells are longer
    # than its edges). On the CPU the binning is serial, so buckets list triangles in index order;
    # on a GPU it is parallel and that order (and so the drape, in its last bits) may vary.
    ti.loop_config(serialize=serial)
    for f in range(faces.shape[0]):
        a, b, c = x[faces[f][0]], x[faces[f][1]], x[faces[f][2]]
        low, high = _cell_range(ti.min(a, b, c), ti.max(a, b, c), cell_size)
        for i, j, k in ti.ndrange((low[0], high[0] + 1), (low[1], high[1] + 1), (low[2], high[2] + 1)):
            bucket_count[_hash(ti.Vector([i, j, k]), table_size)] += 1
    ti.loop_config(serialize=True)
    for b in range(table_size):
        bucket_start[b] = 0 if b == 0 else bucket_start[b - 1] + bucket_count[b - 1]
    for b in range(table_size):
        bucket_count[b] = 0
    ti.loop_config(serialize=serial)
    for f in range(faces.shape[0]):
        a, b, c = x[faces[f][0]], x[faces[f][1]], x[faces[f][2]]
        low, high = _cell_range(ti.min(a, b, c), ti.max(a, b, c), cell_size)
        for i, j, k in ti.ndrange((low[0], high[0] + 1), (low[1], high[1] + 1), (low[2], high[2] + 1)):
            bucket = _hash(ti.Vector([i, j, k]), table_size)
            slot = bucket_start[bucket] + ti.atomic_add(bucket_count[bucket], 1)
            if slot < capacity:
                entries[slot] = f
                entry_low[slot] = ti.min(a, b, c) - reach
                entry_high[slot] = ti.max(a, b, c) + reach
    # Each vertex looks in the cells its reach overlaps and writes only its own list, in table order:
    # the same on every run, however many threads share the loop. The serial (CPU) sweep first stamps
    # the vertex's welded one-ring with its own number, so excluding a triangle costs three loads
    # instead of a pass over the one-ring per triangle.
    ti.loop_config(serialize=serial)
    for v in range(x.shape[0]):
        p = x[v]
        own = representative[v]
        found = 0
        if ti.static(serial):
            _stamp_ring(ring_stamp, own, v, neighbour_offsets, neighbours)
        low, high = _cell_range(p - reach, p + reach, cell_size)
        for i, j, k in ti.ndrange((low[0], high[0] + 1), (low[1], high[1] + 1), (low[2], high[2] + 1)):
            bucket = _hash(ti.Vector([i, j, k]), table_size)
            first, last = _bucket_entries(bucket, bucket_start, bucket_count, capacity)
            for e in range(first, last):
                # The box test reads only the entry itself, so most triangles cost no scattered loads.
                if found < CANDIDATES and (p >= entry_low[e]).all() and (p <= entry_high[e]).all():
                    f = entries[e]
                    ids = faces[f]
                    corner = ti.Vector(
                        [representative[ids[0]], representative[ids[1]], representative[ids[2]]]
                    )
                    excluded = False
                    if ti.static(serial):
                        excluded = (
                            ring_stamp[corner[0]] == v
                            or ring_stamp[corner[1]] == v
                            or ring_stamp[corner[2]] == v
                        )
                    else:
                        excluded = (corner == own).any()
                        for n in range(neighbour_offsets[own], neighbour_offsets[own + 1]):
                            if (corner == neighbours[n]).any():
                                excluded = True
                    for slot in range(found):
                        if candidates[v, slot] == f:
                            excluded = True
                    if not excluded:
                        a, b, c = x[ids[0]], x[ids[1]], x[ids[2]]
                        weights, _ = closest_point_on_triangle(p, a, b, c)
                        if (p - (weights[0] * a + weights[1] * b + weights[2] * c)).norm() < reach:
                            candidates[v, found] = f
                            found += 1
        candidate_count[v] = found


@ti.kernel
def _build_edge_candidates(
    x: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    edges: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    face_edges: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    rest_uv: ti.types.ndarray(dtype=ti.math.vec2, ndim=1),
    vertex_piece: ti.types.ndarray(dtype=ti.i32, ndim=1),
    rest_exclusion: ti.f32,
    representative: ti.types.ndarray(dtype=ti.i32, ndim=1),
    neighbour_offsets: ti.types.ndarray(dtype=ti.i32, ndim=1),
    neighbours: ti.types.ndarray(dtype=ti.i32, ndim=1),
    edge_ring_stamp: ti.types.ndarray(dtype=ti.i32, ndim=1),
    bucket_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    bucket_start: ti.types.ndarray(dtype=ti.i32, ndim=1),
    entries: ti.types.ndarray(dtype=ti.i32, ndim=1),
    entry_low: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    entry_high: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    edge_candidates: ti.types.ndarray(dtype=ti.i32, ndim=2),
    edge_candidate_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    entry_piece: ti.types.ndarray(dtype=ti.i32, ndim=1),
    entry_rest: ti.types.ndarray(dtype=ti.math.vec2, ndim=1),
    bucket_pieces: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    bucket_rest_low: ti.types.ndarray(dtype=ti.math.vec2, ndim=1),
    bucket_rest_high: ti.types.ndarray(dtype=ti.math.vec2, ndim=1),
    cell_size: ti.f32,
    reach: ti.f32,
    serial: ti.template(),
):
    table_size = bucket_count.shape[0]
    capacity = entries.shape[0]
    # Each bucket's pieces and the box of its triangles' first corners in the flat pattern: an edge
    # skips, without reading its entries, a bucket whose triangles are all its own piece's near
    # neighbours in the flat pattern (most buckets, away from seams and folds).
    for bucket in range(table_size):
        first, last = _bucket_entries(bucket, bucket_start, bucket_count, capacity)
        pieces = ti.Vector([2147483647, -1])
        low = ti.Vector([1e30, 1e30])
        high = ti.Vector([-1e30, -1e30])
        for slot in range(first, last):
            corner = faces[entries[slot]][0]
            corner_piece, corner_rest = vertex_piece[corner], rest_uv[corner]
            entry_piece[slot], entry_rest[slot] = corner_piece, corner_rest
            pieces = ti.Vector([ti.min(pieces[0], corner_piece), ti.max(pieces[1], corner_piece)])
            low, high = ti.min(low, corner_rest), ti.max(high, corner_rest)
        bucket_pieces[bucket] = pieces
        bucket_rest_low[bucket], bucket_rest_high[bucket] = low, high
    ti.loop_config(serialize=serial)
    for e in range(edges.shape[0]):
        a, b = x[edges[e][0]], x[edges[e][1]]
        ends = ti.Vector([representative[edges[e][0]], representative[edges[e][1]]])
        piece = vertex_piece[edges[e][0]]
        # The welded one-rings of both ends (across seams too): edges touching them meet this one at a
        # seam or a shared triangle, where they lie within reach by construction.
        if ti.static(serial):
            for q in ti.static(range(2)):
                _stamp_ring(edge_ring_stamp, ends[q], e, neighbour_offsets, neighbours)
        rest_middle = 0.5 * (rest_uv[edges[e][0]] + rest_uv[edges[e][1]])
        low_point, high_point = ti.min(a, b), ti.max(a, b)
        found = 0
        low, high = _cell_range(low_point - reach, high_point + reach, cell_size)
        for i, j, k in ti.ndrange((low[0], high[0] + 1), (low[1], high[1] + 1), (low[2], high[2] + 1)):
            bucket = _hash(ti.Vector([i, j, k]), table_size)
            first, last = _bucket_entries(bucket, bucket_start, bucket_count, capacity)
            farthest = ti.max(
                ti.abs(bucket_rest_low[bucket] - rest_middle), ti.abs(bucket_rest_high[bucket] - rest_middle)
            )
            if (bucket_pieces[bucket] == piece).all() and farthest.norm() < rest_exclusion:
                last = first
            for slot in range(first, last):
                # Cloth of the same piece this near in the flat pattern cannot fold onto the edge
                # without crumpling it to nothing; its triangles are skipped first, from the entry.
                local = (
                    entry_piece[slot] == piece and (entry_rest[slot] - rest_middle).norm() < rest_exclusion
                )
                if (
                    not local
                    and found < EDGE_CANDIDATES
                    and (high_point >= entry_low[slot]).all()
                    and (low_point <= entry_high[slot]).all()
                ):
                    f = entries[slot]
                    for side in ti.static(range(3)):
                        other = face_edges[f][side]
                        c_end = representative[edges[other][0]]
                        d_end = representative[edges[other][1]]
                        keep = other > e and found < EDGE_CANDIDATES
                        if keep:
                            if ti.static(serial):
                                keep = edge_ring_stamp[c_end] != e and edge_ring_stamp[d_end] != e
                            else:
                                keep = not ((ends == c_end).any() or (ends == d_end).any())
                                for q in ti.static(range(2)):
                                    ring = ends[q]
                                    for n in range(neighbour_offsets[ring], neighbour_offsets[ring + 1]):
                                        if neighbours[n] == c_end or neighbours[n] == d_end:
                                            keep = False
                        for n in range(found):
                            if edge_candidates[e, n] == other:
                                keep = False
                        if keep:
                            c, d = x[edges[other][0]], x[edges[other][1]]
                            s, t = closest_points_on_segments(a, b, c, d)
                            if ((a + s * (b - a)) - (c + t * (d - c))).norm() < reach:
                                edge_candidates[e, found] = other
                                found += 1
        edge_candidate_count[e] = found


class SelfContacts:
    """Per-vertex lists of nearby garment triangles, refreshed by :meth:`update` once per frame.

    Parameters
    ----------
    vertex_count, face_count : int
    arrays : dict
        The solver's device arrays ``faces``, ``representative``, ``neighbour_offsets``, ``neighbours``.
    reach : float
        Triangles closer than this to a vertex (m) become its candidates; it must cover the cloth
        thickness plus how far cloth moves in a frame.
    cell_size : float
        Hash cell edge, m; at least the longest triangle edge.
    serial : bool
        Bin triangles in one ordered loop (the CPU path, deterministic) or in parallel (GPUs).

    Attributes
    ----------
    candidates : Taichi ndarray (V, CANDIDATES) int32
    candidate_count : Taichi ndarray (V,) int32
    edge_candidates : Taichi ndarray (E, EDGE_CANDIDATES) int32
        Per edge, higher-numbered edges within reach.
    edge_candidate_count : Taichi ndarray (E,) int32
    """

    def __init__(
        self,
        vertex_count: int,
        face_count: int,
        arrays: dict,
        reach: float,
        cell_size: float,
        serial: bool = True,
    ):
        self.arrays = arrays
        self.serial = serial
        self.reach = float(reach)
        self.cell_size = float(cell_size)
        # Triangles of an edge's own piece this near it in the flat pattern (m) are no edge candidates.
        self.rest_exclusion = 2.0 * self.cell_size
        table_size = 1 << int(np.ceil(np.log2(max(2 * face_count, 1024))))
        self.bucket_count = ti.ndarray(ti.i32, shape=table_size)
        self.bucket_start = ti.ndarray(ti.i32, shape=table_size)
        # Per bucket, the lowest and highest piece of its triangles and the box of their first corners
        # in the flat pattern (the edge search's scratch).
        self.bucket_pieces = ti.Vector.ndarray(2, ti.i32, shape=table_size)
        self.bucket_rest_low = ti.Vector.ndarray(2, ti.f32, shape=table_size)
        self.bucket_rest_high = ti.Vector.ndarray(2, ti.f32, shape=table_size)
        self.entries = ti.ndarray(ti.i32, shape=8 * face_count)
        self.entry_low = ti.Vector.ndarray(3, ti.f32, shape=8 * face_count)
        self.entry_high = ti.Vector.ndarray(3, ti.f32, shape=8 * face_count)
        # Per entry, its triangle's piece and first corner in the flat pattern (the edge search's).
        self.entry_piece = ti.ndarray(ti.i32, shape=8 * face_count)
        self.entry_rest = ti.Vector.ndarray(2, ti.f32, shape=8 * face_count)
        self.candidates = ti.ndarray(ti.i32, shape=(vertex_count, CANDIDATES))
        self.candidate_count = ti.ndarray(ti.i32, shape=vertex_count)
        self.candidate_count.fill(0)
        edge_count = arrays["edges"].shape[0]
        self.edge_candidates = ti.ndarray(ti.i32, shape=(max(edge_count, 1), EDGE_CANDIDATES))
        self.edge_candidate_count = ti.ndarray(ti.i32, shape=max(edge_count, 1))
        self.edge_candidate_count.fill(0)
        # Per welded vertex, the last vertex whose one-ring it belongs to (the serial search's scratch).
        self.ring_stamp = ti.ndarray(ti.i32, shape=vertex_count)
        self.ring_stamp.fill(-1)
        # Per welded vertex, the last edge whose ends' one-rings it belongs to (the edge search's scratch).
        self.edge_ring_stamp = ti.ndarray(ti.i32, shape=vertex_count)
        self.edge_ring_stamp.fill(-1)

    def update(self, positions) -> None:
        """Rebuild the candidate lists for cloth at ``positions`` (Taichi ndarray (V,) vec3)."""
        a = self.arrays
        _build_candidates(
            positions,
            a["faces"],
            a["representative"],
            a["neighbour_offsets"],
            a["neighbours"],
            self.bucket_count,
            self.bucket_start,
            self.entries,
            self.entry_low,
            self.entry_high,
            self.candidates,
            self.candidate_count,
            self.ring_stamp,
            self.cell_size,
            self.reach,
            self.serial,
        )
        _build_edge_candidates(
            positions,
            a["faces"],
            a["edges"],
            a["face_edges"],
            a["rest_uv"],
            a["vertex_piece"],
            self.rest_exclusion,
            a["representative"],
            a["neighbour_offsets"],
            a["neighbours"],
            self.edge_ring_stamp,
            self.bucket_count,
            self.bucket_start,
            self.entries,
            self.entry_low,
            self.entry_high,
            self.edge_candidates,
            self.edge_candidate_count,
            self.entry_piece,
            self.entry_rest,
            self.bucket_pieces,
            self.bucket_rest_low,
            self.bucket_rest_high,
            self.cell_size,
            self.reach,
            self.serial,
        )

    @property
    def lists(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The candidate lists on the host: vertex candidates, their counts, edge candidates, theirs."""
        return (
            self.candidates.to_numpy(),
            self.candidate_count.to_numpy(),
            self.edge_candidates.to_numpy(),
            self.edge_candidate_count.to_numpy(),
        )

    def upload(self, lists) -> None:
        """Use candidate lists built elsewhere (:attr:`lists` of the same topology)."""
        for array, values in zip(
            (self.candidates, self.candidate_count, self.edge_candidates, self.edge_candidate_count),
            lists,
            strict=True,
        ):
            array.from_numpy(values)
