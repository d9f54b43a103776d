"""The body as a collider: a signed distance grid of its mesh, rebuilt whenever the body moves.

Inside a band around the skin the grid holds exact distances to the nearest triangle, signed with
angle-weighted pseudonormals (Bærentzen & Aanæs, "Signed distance computation using the angle weighted
pseudonormal", IEEE TVCG 11(3), 2005); further out it holds the distance to the skin point nearest
to the closest band node (a close upper bound). The grid also stores the body's velocity at the
nearest skin point, so cloth in contact is carried along by friction when the body moves.

A new pose splats every triangle into the band around it. A small move between frames instead
updates only the blocks of nodes near the cloth, and each node there re-measures the triangle it
and its six neighbours were nearest to, refined across the nearest edge or around the nearest
vertex: a few triangles per node instead of every triangle's whole neighbourhood of nodes.
"""

import numpy as np
import taichi as ti
from scipy import ndimage

from sim.device import init_taichi
from sim.errors import DrapeInputError
from sim.geometry import REGION_FACE, closest_point_on_triangle

__all__ = ["BodyCollider", "sample_distance", "sample_velocity"]

_UNSET = np.iinfo(np.int64).max
_MICROMETRES = 1e6
# Grid nodes per edge of the blocks a moving body is refreshed in.
_BLOCK = 4
# A move refreshes the blocks within a block (2.4 cm) of the cloth; once the body is still, the cloth
# stays on the current pose while every point within this of it is on a refreshed block.
_COVERED_REACH_M = 0.01
_SELF_AND_SIX_NEIGHBOURS = ((0, 0, 0), (1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1))


@ti.kernel
def _mark_blocks_near(
    points: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    marked: ti.types.ndarray(dtype=ti.i32, ndim=3),
    origin: ti.math.vec3,
    block_size: ti.f32,
    reach: ti.f32,
):
    for i, j, k in marked:
        marked[i, j, k] = 0
    shape = ti.Vector([marked.shape[0], marked.shape[1], marked.shape[2]])
    for p in points:
        low = ti.max(ti.floor((points[p] - reach - origin) / block_size, ti.i32), 0)
        high = ti.min(ti.floor((points[p] + reach - origin) / block_size, ti.i32), shape - 1)
        for i, j, k in ti.ndrange((low[0], high[0] + 1), (low[1], high[1] + 1), (low[2], high[2] + 1)):
            marked[i, j, k] = 1


@ti.kernel
def _list_marked_blocks(
    marked: ti.types.ndarray(dtype=ti.i32, ndim=3), blocks: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1)
) -> ti.i32:
    count = 0
    ti.loop_config(serialize=True)
    for i, j, k in ti.ndrange(marked.shape[0], marked.shape[1], marked.shape[2]):
        if marked[i, j, k] != 0:
            blocks[count] = ti.Vector([i, j, k])
            count += 1
    return count


@ti.kernel
def _marked_are_fresh(
    marked: ti.types.ndarray(dtype=ti.i32, ndim=3), fresh: ti.types.ndarray(dtype=ti.i32, ndim=3)
) -> ti.i32:
    stale = 0
    for i, j, k in marked:
        if marked[i, j, k] != 0 and fresh[i, j, k] == 0:
            stale = 1
    return 1 - stale


@ti.kernel
def _clear_blocks(
    nearest: ti.types.ndarray(dtype=ti.i64, ndim=3),
    velocity: ti.types.ndarray(dtype=ti.math.vec3, ndim=3),
    blocks: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    block_count: ti.i32,
    clear_nearest: ti.i32,
):
    shape = ti.Vector([nearest.shape[0], nearest.shape[1], nearest.shape[2]])
    for n, di, dj, dk in ti.ndrange(block_count, _BLOCK, _BLOCK, _BLOCK):
        node = blocks[n] * _BLOCK + ti.Vector([di, dj, dk])
        if (node < shape).all():
            velocity[node[0], node[1], node[2]] = ti.Vector([0.0, 0.0, 0.0])
            if clear_nearest != 0:
                nearest[node[0], node[1], node[2]] = ti.i64(_UNSET)


@ti.kernel
def _splat_nearest_triangle(
    vertices: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    triangles: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    nearest: ti.types.ndarray(dtype=ti.i64, ndim=3),
    marked: ti.types.ndarray(dtype=ti.i32, ndim=3),
    origin: ti.math.vec3,
    spacing: ti.f32,
    band: ti.f32,
):
    shape = ti.Vector([nearest.shape[0], nearest.shape[1], nearest.shape[2]])
    for t in range(triangles.shape[0]):
        a = vertices[triangles[t][0]]
        b = vertices[triangles[t][1]]
        c = vertices[triangles[t][2]]
        low = ti.max(ti.ceil((ti.min(a, b, c) - band - origin) / spacing, ti.i32), 0)
        high = ti.min(ti.floor((ti.max(a, b, c) + band - origin) / spacing, ti.i32), shape - 1)
        touches_marked = False
        if (low <= high).all():
            block_low = low // _BLOCK
            block_high = high // _BLOCK
            for i, j, k in ti.ndrange(
                (block_low[0], block_high[0] + 1),
                (block_low[1], block_high[1] + 1),
                (block_low[2], block_high[2] + 1),
            ):
                if marked[i, j, k] != 0:
                    touches_marked = True
        normal = (b - a).cross(c - a)
        normal_length = normal.norm()
        # Nodes further from the triangle's plane than the band cannot be within it: a dot product
        # rules them out before the closest-point walk.
        plane_reach = band * normal_length if normal_length > 1e-12 else ti.math.inf
        if touches_marked:
            for i, j, k in ti.ndrange((low[0], high[0] + 1), (low[1], high[1] + 1), (low[2], high[2] + 1)):
                p = origin + ti.Vector([i, j, k], ti.f32) * spacing
                if (
                    marked[i // _BLOCK, j // _BLOCK, k // _BLOCK] != 0
                    and ti.abs((p - a).dot(normal)) < plane_reach
                ):
                    weights, _ = closest_point_on_triangle(p, a, b, c)
                    distance = (p - (weights[0] * a + weights[1] * b + weights[2] * c)).norm()
                    if distance < band:
                        # Packing (distance in µm, triangle) into one integer makes the minimum, and so the
                        # grid, independent of the order threads arrive in.
                        key = (ti.cast(distance * _MICROMETRES, ti.i64) << 32) | ti.cast(t, ti.i64)
                        ti.atomic_min(nearest[i, j, k], key)


@ti.func
def _key_of(vertices: ti.template(), triangles: ti.template(), t, p, band):
    """Key (distance in µm, triangle) of triangle ``t`` from ``p`` (unset beyond the band), and its region."""
    a = vertices[triangles[t][0]]
    b = vertices[triangles[t][1]]
    c = vertices[triangles[t][2]]
    weights, region = closest_point_on_triangle(p, a, b, c)
    distance = (p - (weights[0] * a + weights[1] * b + weights[2] * c)).norm()
    key = ti.i64(_UNSET)
    if distance < band:
        key = (ti.cast(distance * _MICROMETRES, ti.i64) << 32) | ti.cast(t, ti.i64)
    return key, region


@ti.func
def _tracked_key(
    vertices: ti.template(),
    triangles: ti.template(),
    across: ti.template(),
    vertex_corner_offsets: ti.template(),
    vertex_corners: ti.template(),
    previous: ti.template(),
    node,
    p,
    shape,
    band,
):
    """The node's nearest-triangle key after a small move of the body.

    The nearest of the triangles the node and its six neighbours had (one sweep of a jump flood with
    step one) is refined by one step on the mesh: the triangles around the vertex or across the edge
    nearest to the node. Exact for a locally rigid move; the band follows skin that moves up to a
    node spacing per update.
    """
    best = ti.i64(_UNSET)
    best_region = 0
    tried = ti.Vector([-1] * 7)
    for q in ti.static(range(7)):
        source = node + ti.Vector(_SELF_AND_SIX_NEIGHBOURS[q])
        if (source >= 0).all() and (source < shape).all():
            key = previous[source[0], source[1], source[2]]
            if key != ti.i64(_UNSET):
                t = ti.cast(key & ti.i64(0xFFFFFFFF), ti.i32)
                # Neighbouring nodes mostly share a triangle; each is measured once.
                repeated = False
                for earlier in ti.static(range(q)):
                    if tried[earlier] == t:
                        repeated = True
                tried[q] = t
                if not repeated:
                    candidate, region = _key_of(vertices, triangles, t, p, band)
                    if candidate < best:
                        best, best_region = candidate, region
    if best != ti.i64(_UNSET) and best_region != REGION_FACE:
        t = ti.cast(best & ti.i64(0xFFFFFFFF), ti.i32)
        if best_region <= 3:
            corner = triangles[t][best_region - 1]
            for n in range(vertex_corner_offsets[corner], vertex_corner_offsets[corner + 1]):
                candidate, _ = _key_of(vertices, triangles, vertex_corners[n] // 3, p, band)
                best = ti.min(best, candidate)
        else:
            candidate, _ = _key_of(vertices, triangles, across[t][best_region - 4], p, band)
            best = ti.min(best, candidate)
    return best


@ti.kernel
def _face_normals(
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
def _gathered_normals(
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


@ti.kernel
def _resolve_signed_distance(
    vertices: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    vertex_velocity: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    triangles: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    face_normal: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    edge_normal: ti.types.ndarray(dtype=ti.math.vec3, ndim=2),
    vertex_normal: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    nearest: ti.types.ndarray(dtype=ti.i64, ndim=3),
    distance: ti.types.ndarray(dtype=ti.f32, ndim=3),
    velocity: ti.types.ndarray(dtype=ti.math.vec3, ndim=3),
    skin_point: ti.types.ndarray(dtype=ti.math.vec3, ndim=3),
    blocks: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    block_count: ti.i32,
    origin: ti.math.vec3,
    spacing: ti.f32,
    keep_far: ti.i32,
    previous: ti.types.ndarray(dtype=ti.i64, ndim=3),
    across: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    vertex_corner_offsets: ti.types.ndarray(dtype=ti.i32, ndim=1),
    vertex_corners: ti.types.ndarray(dtype=ti.i32, ndim=1),
    band: ti.f32,
    track: ti.template(),
):
    shape = ti.Vector([nearest.shape[0], nearest.shape[1], nearest.shape[2]])
    for n, di, dj, dk in ti.ndrange(block_count, _BLOCK, _BLOCK, _BLOCK):
        node = blocks[n] * _BLOCK + ti.Vector([di, dj, dk])
        if (node >= shape).any():
            continue
        i, j, k = node[0], node[1], node[2]
        key = nearest[i, j, k]
        if ti.static(track):
            key = _tracked_key(
                vertices,
                triangles,
                across,
                vertex_corner_offsets,
                vertex_corners,
                previous,
                node,
                origin + ti.cast(node, ti.f32) * spacing,
                shape,
                band,
            )
            nearest[i, j, k] = key
        velocity[i, j, k] = ti.Vector([0.0, 0.0, 0.0])
        if key == ti.i64(_UNSET):
            if keep_far == 0:
                distance[i, j, k] = ti.math.inf
            else:
                # Beyond the band the node keeps its side (the skin moved less than the band since it
                # was last inside it) and is at least the band away from the skin.
                distance[i, j, k] = ti.math.sign(distance[i, j, k]) * ti.max(ti.abs(distance[i, j, k]), band)
        else:
            t = ti.cast(key & ti.i64(0xFFFFFFFF), ti.i32)
            tri = triangles[t]
            a, b, c = vertices[tri[0]], vertices[tri[1]], vertices[tri[2]]
            p = origin + ti.Vector([i, j, k], ti.f32) * spacing
            weights, region = closest_point_on_triangle(p, a, b, c)
            skin_point[i, j, k] = weights[0] * a + weights[1] * b + weights[2] * c
            offset = p - skin_point[i, j, k]
            normal = face_normal[t]
            if region >= 1 and region <= 3:
                normal = vertex_normal[tri[region - 1]]
            elif region >= 4:
                normal = edge_normal[t, region - 4]
            sign = 1.0
            if offset.dot(normal) < 0.0:
                sign = -1.0
            distance[i, j, k] = sign * offset.norm()
            velocity[i, j, k] = (
                weights[0] * vertex_velocity[tri[0]]
                + weights[1] * vertex_velocity[tri[1]]
                + weights[2] * vertex_velocity[tri[2]]
            )


@ti.func
def _cell(origin, spacing, shape, p):
    local = (p - origin) / spacing
    base = ti.min(ti.max(ti.floor(local, ti.i32), 0), shape - 2)
    return base, ti.min(ti.max(local - base, 0.0), 1.0), (local >= 0).all() and (local <= shape - 1).all()


@ti.func
def sample_distance(grid: ti.template(), origin, spacing, p):
    """Trilinear signed distance (m) and its gradient at ``p``; far outside (1 m, zero) off the grid."""
    shape = ti.Vector([grid.shape[0], grid.shape[1], grid.shape[2]])
    base, f, inside_grid = _cell(origin, spacing, shape, p)
    value = 1.0
    gradient = ti.Vector([0.0, 0.0, 0.0])
    if inside_grid:
        i, j, k = base[0], base[1], base[2]
        c000, c100 = grid[i, j, k], grid[i + 1, j, k]
        c010, c110 = grid[i, j + 1, k], grid[i + 1, j + 1, k]
        c001, c101 = grid[i, j, k + 1], grid[i + 1, j, k + 1]
        c011, c111 = grid[i, j + 1, k + 1], grid[i + 1, j + 1, k + 1]
        x0 = c000 + (c100 - c000) * f[0]
        x1 = c010 + (c110 - c010) * f[0]
        x2 = c001 + (c101 - c001) * f[0]
        x3 = c011 + (c111 - c011) * f[0]
        y0 = x0 + (x1 - x0) * f[1]
        y1 = x2 + (x3 - x2) * f[1]
        value = y0 + (y1 - y0) * f[2]
        gx0 = (c100 - c000) + ((c110 - c010) - (c100 - c000)) * f[1]
        gx1 = (c101 - c001) + ((c111 - c011) - (c101 - c001)) * f[1]
        gradient[0] = (gx0 + (gx1 - gx0) * f[2]) / spacing
        gradient[1] = ((x1 - x0) + ((x3 - x2) - (x1 - x0)) * f[2]) / spacing
        gradient[2] = (y1 - y0) / spacing
    return value, gradient


@ti.func
def sample_velocity(grid: ti.template(), origin, spacing, p):
    """Body velocity (m/s) stored at the grid node nearest to ``p``."""
    shape = ti.Vector([grid.shape[0], grid.shape[1], grid.shape[2]])
    base, f, inside_grid = _cell(origin, spacing, shape, p)
    velocity = ti.Vector([0.0, 0.0, 0.0])
    if inside_grid:
        node = base + ti.cast(f + 0.5, ti.i32)
        velocity = grid[node[0], node[1], node[2]]
    return velocity


@ti.kernel
def _sample_points(
    grid: ti.types.ndarray(dtype=ti.f32, ndim=3),
    points: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    values: ti.types.ndarray(dtype=ti.f32, ndim=1),
    origin: ti.math.vec3,
    spacing: ti.f32,
):
    for i in points:
        values[i], _ = sample_distance(grid, origin, spacing, points[i])


def _compressed_rows(keys: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (count + 1,) and the positions of ``keys`` grouped by key, each group in index order."""
    offsets = np.concatenate([[0], np.cumsum(np.bincount(keys, minlength=count))]).astype(np.int32)
    return offsets, np.argsort(keys, kind="stable").astype(np.int32)


def _normal_topology(vertex_count: int, triangles: np.ndarray) -> dict:
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


def _triangles_across(topology: dict) -> np.ndarray:
    """(F, 3) int32: per side (ab, bc, ca) of each triangle, a triangle sharing it (itself on a border)."""
    offsets, sides, slots = topology["edge_side_offsets"], topology["edge_sides"], topology["edge_slots"]
    first = sides[offsets[:-1]] // 3
    last = sides[offsets[1:] - 1] // 3
    own = np.arange(len(slots)) // 3
    across = np.where(first[slots] == own, last[slots], first[slots])
    return across.reshape(-1, 3).astype(np.int32)


class BodyCollider:
    """Signed distance grid of a body mesh over a box, on the solver's device.

    Parameters
    ----------
    vertices : (Vb, 3) float
        Body vertices, m.
    faces : (Fb, 3) int
        Body triangles, counter-clockwise seen from outside.
    box_min, box_max : (3,) float
        The region (m) the grid covers; cloth outside it does not collide.
    spacing : float
        Grid spacing, m.
    band : float
        Distance from the skin (m) within which distances are exact.

    Attributes
    ----------
    distance : Taichi ndarray (nx, ny, nz) float32
        Signed distance, m; negative inside the body.
    velocity : Taichi ndarray (nx, ny, nz, 3) float32
        Body velocity near the skin, m/s.
    origin : (3,) float32
    """

    def __init__(
        self,
        vertices: np.ndarray,
        faces: np.ndarray,
        box_min: np.ndarray,
        box_max: np.ndarray,
        spacing: float = 6e-3,
        band: float = 12e-3,
    ):
        init_taichi()
        faces = np.asarray(faces)
        if faces.ndim != 2 or faces.shape[1] != 3 or len(faces) == 0:
            raise DrapeInputError("body_faces must be a (F, 3) array of triangles.")
        self.faces = np.ascontiguousarray(faces, np.int32)
        self.vertex_count = int(np.asarray(vertices).shape[0])
        if self.faces.min() < 0 or self.faces.max() >= self.vertex_count:
            raise DrapeInputError("body_faces index vertices that do not exist.")
        self.spacing = float(spacing)
        self.band = float(band)
        self.origin = np.asarray(box_min, np.float32)
        self.shape = tuple(
            int(n) for n in np.ceil((np.asarray(box_max) - self.origin) / spacing).astype(int) + 1
        )
        self.distance = ti.ndarray(ti.f32, shape=self.shape)
        self.velocity = ti.Vector.ndarray(3, ti.f32, shape=self.shape)
        self.velocity.fill(0.0)
        self._nearest = ti.ndarray(ti.i64, shape=self.shape)
        self._skin_point = ti.Vector.ndarray(3, ti.f32, shape=self.shape)
        self._triangles = ti.Vector.ndarray(3, ti.i32, shape=len(self.faces))
        self._triangles.from_numpy(self.faces)
        self._normal_topology = {}
        self._normal_topology_numpy = _normal_topology(self.vertex_count, self.faces)
        for name, values in self._normal_topology_numpy.items():
            self._normal_topology[name] = ti.ndarray(ti.i32, shape=len(values))
            self._normal_topology[name].from_numpy(values)
        face_count, vertex_count = len(self.faces), self.vertex_count
        self._skin = {
            "vertices": ti.Vector.ndarray(3, ti.f32, shape=vertex_count),
            "vertex_velocity": ti.Vector.ndarray(3, ti.f32, shape=vertex_count),
            "face_normal": ti.Vector.ndarray(3, ti.f32, shape=face_count),
            "corner_angle": ti.Vector.ndarray(3, ti.f32, shape=face_count),
            "vertex_normal": ti.Vector.ndarray(3, ti.f32, shape=vertex_count),
            "edge_normal": ti.Vector.ndarray(3, ti.f32, shape=(face_count, 3)),
        }
        self._nearest_previous = ti.ndarray(ti.i64, shape=self.shape)
        self._across = ti.Vector.ndarray(3, ti.i32, shape=face_count)
        self._across.from_numpy(_triangles_across(self._normal_topology_numpy))
        block_shape = tuple(-(-n // _BLOCK) for n in self.shape)
        self._marked = ti.ndarray(ti.i32, shape=block_shape)
        # Blocks that hold the current pose (all after a full rebuild, those near the cloth after a move).
        self._fresh = ti.ndarray(ti.i32, shape=block_shape)
        self._blocks = ti.Vector.ndarray(3, ti.i32, shape=int(np.prod(block_shape)))
        self._block_count = 0
        self._moving_blocks = 0
        self.stale_away_from_cloth = False
        self.vertices = np.zeros((self.vertex_count, 3), np.float32)
        self.update(vertices)

    def update(self, vertices: np.ndarray, dt: float | None = None, near: np.ndarray | None = None) -> None:
        """Rebuild the grid for the body at ``vertices``.

        Parameters
        ----------
        vertices : (Vb, 3) float
            New body vertices, same topology, m.
        dt : float, optional
            Seconds since the previous pose; the body velocity is the change over ``dt``. With it,
            the body is taken to have moved a little: only the band near the skin is recomputed
            and nodes further out keep their distances, which keeps a moving avatar cheap. Without it
            (a new pose) the whole grid is rebuilt and the velocity is zero.
        near : (N, 3) float, optional
            With ``dt``: the cloth's positions, m. Only the band within a block of ``_BLOCK``
            nodes (2.4 cm at 6 mm spacing) of them is recomputed, more than the cloth moves in a
            frame; elsewhere the grid keeps an earlier pose
            (:attr:`stale_away_from_cloth`, see :meth:`covers`) until an update without ``near``.
        """
        vertices = np.ascontiguousarray(vertices, np.float32)
        if vertices.shape != (self.vertex_count, 3) or not np.all(np.isfinite(vertices)):
            raise DrapeInputError(f"body vertices must be a finite ({self.vertex_count}, 3) array of metres.")
        velocity = np.zeros_like(vertices) if dt is None else (vertices - self.vertices) / np.float32(dt)
        self.vertices = vertices
        skin = self._skin
        skin["vertices"].from_numpy(vertices)
        skin["vertex_velocity"].from_numpy(velocity)
        _face_normals(skin["vertices"], self._triangles, skin["face_normal"], skin["corner_angle"])
        topology = self._normal_topology
        _gathered_normals(
            self._triangles,
            skin["face_normal"],
            skin["corner_angle"],
            topology["vertex_corner_offsets"],
            topology["vertex_corners"],
            topology["edge_side_offsets"],
            topology["edge_sides"],
            topology["edge_slots"],
            skin["vertex_normal"],
            skin["edge_normal"],
        )
        origin = ti.Vector(self.origin.tolist())
        tracking = dt is not None and near is not None
        if tracking:
            points = np.ascontiguousarray(near, np.float32).reshape(-1, 3)
            device_points = ti.Vector.ndarray(3, ti.f32, shape=len(points))
            device_points.from_numpy(points)
            _mark_blocks_near(
                device_points, self._marked, origin, _BLOCK * self.spacing, _BLOCK * self.spacing
            )
        else:
            self._marked.fill(1)
        self._fresh.copy_from(self._marked)
        self.stale_away_from_cloth = tracking
        # The previous update's blocks lose their velocity along with the ones refreshed now.
        _clear_blocks(self._nearest, self.velocity, self._blocks, self._moving_blocks, 0)
        self._block_count = _list_marked_blocks(self._marked, self._blocks)
        if tracking:
            self._nearest, self._nearest_previous = self._nearest_previous, self._nearest
        else:
            _clear_blocks(self._nearest, self.velocity, self._blocks, self._block_count, 1)
            _splat_nearest_triangle(
                skin["vertices"],
                self._triangles,
                self._nearest,
                self._marked,
                origin,
                self.spacing,
                self.band,
            )
        _resolve_signed_distance(
            skin["vertices"],
            skin["vertex_velocity"],
            self._triangles,
            skin["face_normal"],
            skin["edge_normal"],
            skin["vertex_normal"],
            self._nearest,
            self.distance,
            self.velocity,
            self._skin_point,
            self._blocks,
            self._block_count,
            origin,
            self.spacing,
            int(dt is not None),
            self._nearest_previous,
            self._across,
            topology["vertex_corner_offsets"],
            topology["vertex_corners"],
            self.band,
            tracking,
        )
        if not tracking:
            self._nearest_previous.copy_from(self._nearest)
        self._moving_blocks = self._block_count if dt is not None else 0
        if dt is None:
            self.distance.from_numpy(self._fill_far_field(self.distance.to_numpy()))

    def covers(self, points: np.ndarray) -> bool:
        """Whether the grid holds the current pose everywhere within 1 cm of ``points`` (N, 3), m."""
        if not self.stale_away_from_cloth:
            return True
        points = np.ascontiguousarray(points, np.float32).reshape(-1, 3)
        device_points = ti.Vector.ndarray(3, ti.f32, shape=len(points))
        device_points.from_numpy(points)
        origin = ti.Vector(self.origin.tolist())
        _mark_blocks_near(device_points, self._marked, origin, _BLOCK * self.spacing, _COVERED_REACH_M)
        return bool(_marked_are_fresh(self._marked, self._fresh))

    def stop(self) -> None:
        """The body has stopped: zero its velocity where the last update set one."""
        _clear_blocks(self._nearest, self.velocity, self._blocks, self._moving_blocks, 0)
        self._moving_blocks = 0

    def _fill_far_field(self, distance: np.ndarray) -> np.ndarray:
        """Give nodes beyond the band a distance and the sign of the side they are on."""
        far = ~np.isfinite(distance)
        if not far.any():
            return distance
        if far.all():
            return np.ones_like(distance)
        inside_band = ~far & (distance < 0)
        inside = ndimage.binary_propagation(inside_band, mask=far | inside_band)
        nearest = ndimage.distance_transform_edt(far, return_distances=False, return_indices=True)
        skin_point = self._skin_point.to_numpy()[tuple(nearest)]
        nodes = self.origin + np.moveaxis(np.indices(distance.shape, np.float32), 0, -1) * np.float32(
            self.spacing
        )
        beyond = np.linalg.norm(nodes - skin_point, axis=-1)
        filled = np.where(far, np.where(inside, -beyond, beyond), distance)
        return filled.astype(np.float32)

    def signed_distance(self, points: np.ndarray) -> np.ndarray:
        """Trilinear signed distance (m) at ``points`` (N, 3) m, as the solver sees it; 1 m off the grid."""
        points = np.ascontiguousarray(points, np.float32).reshape(-1, 3)
        device_points = ti.Vector.ndarray(3, ti.f32, shape=len(points))
        device_points.from_numpy(points)
        values = ti.ndarray(ti.f32, shape=len(points))
        _sample_points(self.distance, device_points, values, ti.Vector(self.origin.tolist()), self.spacing)
        return values.to_numpy()
