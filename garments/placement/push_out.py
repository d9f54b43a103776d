"""Clearing the body: vertices inside it, or too close, move out along the body's normal."""

import numpy as np
from scipy.spatial import cKDTree

from fitroom.mesh_normals import vertex_normals
from garments.placement.rows import ROW
from garments.placement.trunk import CLEARANCE, MIN_CLEARANCE
from garments.point_in_mesh import points_inside

__all__ = ["push_out", "own_layout_fits"]

# Most 1 cm steps a vertex stuck inside the body may walk to get out.
_WALK_STEPS = 40


def push_out(positions: np.ndarray, body, distance: float, facing: np.ndarray) -> np.ndarray:
    """Move vertices (K, 3) inside the body, or closer to it than ``distance`` (m), out along its normal.

    Where the body leaves no room along its normal (between thighs that touch), a vertex still inside
    walks along ``facing`` (K,) (+1: forward, -1: backward) until it is out of the body.
    """
    vertices = np.asarray(body.vertices, np.float64)
    faces = np.asarray(body.faces)
    normals = vertex_normals(vertices, faces)
    tree = cKDTree(vertices)
    positions = positions.copy()
    for _ in range(4):
        _, nearest = tree.query(positions)
        height = ((positions - vertices[nearest]) * normals[nearest]).sum(axis=1)
        bad = points_inside(vertices, faces, positions) | (height < distance)
        if not bad.any():
            return positions
        positions[bad] = vertices[nearest[bad]] + distance * 1.5 * normals[nearest[bad]]
    stuck = points_inside(vertices, faces, positions)
    for _ in range(_WALK_STEPS):
        if not stuck.any():
            break
        positions[stuck, 2] += facing[stuck] * ROW
        stuck[stuck] = points_inside(vertices, faces, positions[stuck])
    return positions


def own_layout_fits(world: np.ndarray, body, clearance: float = CLEARANCE) -> bool:
    """True when GarmentCode's own 3D layout ``world`` (V, 3) sits round the body within two clearances."""
    vertices = np.asarray(body.vertices, np.float64)
    if points_inside(vertices, np.asarray(body.faces), world).any():
        return False
    distance, _ = cKDTree(vertices).query(world)
    return bool(distance.min() >= MIN_CLEARANCE and np.percentile(distance, 95) <= 2 * clearance)
