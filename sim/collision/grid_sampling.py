"""Trilinear reads of the body's distance and velocity grids, inside solver kernels and from the host."""

import taichi as ti

__all__ = ["sample_distance", "sample_velocity", "sample_points"]


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
def sample_points(
    grid: ti.types.ndarray(dtype=ti.f32, ndim=3),
    points: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    values: ti.types.ndarray(dtype=ti.f32, ndim=1),
    origin: ti.math.vec3,
    spacing: ti.f32,
):
    for i in points:
        values[i], _ = sample_distance(grid, origin, spacing, points[i])
