"""The blocks of grid nodes a moving body's distances are refreshed in: marking those near the cloth,
listing them, and clearing them."""

import numpy as np
import taichi as ti

__all__ = ["BLOCK", "UNSET_KEY", "mark_blocks_near", "list_marked_blocks", "marked_are_fresh", "clear_blocks"]

# Grid nodes per edge of the blocks a moving body is refreshed in.
BLOCK = 4
# The nearest-triangle key of a node no triangle is near.
UNSET_KEY = np.iinfo(np.int64).max


@ti.kernel
def mark_blocks_near(
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
def list_marked_blocks(
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
def marked_are_fresh(
    marked: ti.types.ndarray(dtype=ti.i32, ndim=3), fresh: ti.types.ndarray(dtype=ti.i32, ndim=3)
) -> ti.i32:
    stale = 0
    for i, j, k in marked:
        if marked[i, j, k] != 0 and fresh[i, j, k] == 0:
            stale = 1
    return 1 - stale


@ti.kernel
def clear_blocks(
    nearest: ti.types.ndarray(dtype=ti.i64, ndim=3),
    velocity: ti.types.ndarray(dtype=ti.math.vec3, ndim=3),
    blocks: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    block_count: ti.i32,
    clear_nearest: ti.i32,
):
    shape = ti.Vector([nearest.shape[0], nearest.shape[1], nearest.shape[2]])
    for n, di, dj, dk in ti.ndrange(block_count, BLOCK, BLOCK, BLOCK):
        node = blocks[n] * BLOCK + ti.Vector([di, dj, dk])
        if (node < shape).all():
            velocity[node[0], node[1], node[2]] = ti.Vector([0.0, 0.0, 0.0])
            if clear_nearest != 0:
                nearest[node[0], node[1], node[2]] = ti.i64(UNSET_KEY)
