"""Signed distance and body velocity at each grid node of the refreshed blocks, from the triangle it is
nearest to, signed by the pseudonormal of the nearest feature."""

import taichi as ti

from sim.collision.grid_blocks import BLOCK, UNSET_KEY
from sim.collision.nearest_triangle import tracked_key
from sim.geometry import closest_point_on_triangle

__all__ = ["resolve_signed_distance"]


@ti.kernel
def resolve_signed_distance(
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
    for n, di, dj, dk in ti.ndrange(block_count, BLOCK, BLOCK, BLOCK):
        node = blocks[n] * BLOCK + ti.Vector([di, dj, dk])
        if (node >= shape).any():
            continue
        i, j, k = node[0], node[1], node[2]
        key = nearest[i, j, k]
        if ti.static(track):
            key = tracked_key(
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
        if key == ti.i64(UNSET_KEY):
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
