"""Which body triangle each grid node is nearest to, as a sortable key (distance in micrometres, then the
triangle): splatting every triangle into the band around it for a new pose, and, for a small move,
re-measuring the triangles a node and its six neighbours were nearest to, refined across the nearest
edge or around the nearest vertex."""

import taichi as ti

from sim.collision.grid_blocks import BLOCK, UNSET_KEY
from sim.geometry import REGION_FACE, closest_point_on_triangle

__all__ = ["splat_nearest_triangle", "tracked_key"]

_MICROMETRES = 1e6
_SELF_AND_SIX_NEIGHBOURS = ((0, 0, 0), (1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1))


@ti.kernel
def splat_nearest_triangle(
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
            block_low = low // BLOCK
            block_high = high // BLOCK
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
                    marked[i // BLOCK, j // BLOCK, k // BLOCK] != 0
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
    key = ti.i64(UNSET_KEY)
    if distance < band:
        key = (ti.cast(distance * _MICROMETRES, ti.i64) << 32) | ti.cast(t, ti.i64)
    return key, region


@ti.func
def tracked_key(
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
    best = ti.i64(UNSET_KEY)
    best_region = 0
    tried = ti.Vector([-1] * 7)
    for q in ti.static(range(7)):
        source = node + ti.Vector(_SELF_AND_SIX_NEIGHBOURS[q])
        if (source >= 0).all() and (source < shape).all():
            key = previous[source[0], source[1], source[2]]
            if key != ti.i64(UNSET_KEY):
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
    if best != ti.i64(UNSET_KEY) and best_region != REGION_FACE:
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
