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
# A vertex pushed out of the body by d moves the cloth within this many times d of it along.
_SPREAD = 2.0
# The body's normal is averaged over this many nearest vertices (about 3 cm round on the default body).
_NORMAL_NEIGHBOURS = 30


def _spread(moves: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Moves (K, 3) m shared with the unmoved vertices near each moved one, fading to nothing at
    ``_SPREAD`` times its length, so cloth pushed out of the body bends there and does not kink."""
    length = np.linalg.norm(moves, axis=1)
    moved = np.flatnonzero(length > 0)
    if not len(moved):
        return moves
    tree = cKDTree(positions[moved])
    total = np.zeros_like(moves)
    weight_sum = np.zeros(len(moves))
    strongest = np.zeros(len(moves))
    for row, near in enumerate(tree.query_ball_point(positions, r=_SPREAD * length[moved].max())):
        if length[row] > 0 or not near:
            continue
        sources = moved[near]
        reach = _SPREAD * length[sources]
        weight = np.clip(1 - np.linalg.norm(positions[sources] - positions[row], axis=1) / reach, 0, 1) ** 2
        if weight.max() > 0:
            total[row] = weight @ moves[sources]
            weight_sum[row], strongest[row] = weight.sum(), weight.max()
    shared = weight_sum > 0
    spread = moves.copy()
    spread[shared] = total[shared] / weight_sum[shared, None] * strongest[shared, None]
    return spread


def push_out(positions: np.ndarray, body, distance: float, facing: np.ndarray) -> np.ndarray:
    """Move vertices (K, 3) inside the body, or closer to it than ``distance`` (m), out along its normal.

    The cloth around a moved vertex follows it part of the way (``_spread``). Where the body leaves no
    room along its normal (between thighs that touch), a vertex still inside walks along ``facing``
    (K,) (+1: forward, -1: backward) until it is out of the body.
    """
    first = _pushed(positions, body, distance, facing)
    return _pushed(positions + _spread(first - positions, positions), body, distance, facing)


def _pushed(positions: np.ndarray, body, distance: float, facing: np.ndarray) -> np.ndarray:
    """``push_out`` without the spread: each vertex on its own."""
    vertices = np.asarray(body.vertices, np.float64)
    faces = np.asarray(body.faces)
    normals = vertex_normals(vertices, faces)
    tree = cKDTree(vertices)
    # Cloth leaves along the body's normal averaged over a few centimetres, so that in a crease (an
    # armpit, between the thighs) neighbouring vertices go out the same way and do not fold.
    _, around = tree.query(vertices, k=_NORMAL_NEIGHBOURS)
    outward = normals[around].mean(axis=1)
    outward /= np.maximum(np.linalg.norm(outward, axis=1, keepdims=True), 1e-12)
    positions = positions.copy()
    for _ in range(4):
        _, nearest = tree.query(positions)
        height = ((positions - vertices[nearest]) * normals[nearest]).sum(axis=1)
        bad = points_inside(vertices, faces, positions) | (height < distance)
        if not bad.any():
            return positions
        # Along the normal by what is missing, not onto the nearest skin vertex: cloth over one vertex
        # would all land on one point.
        positions[bad] += (distance * 1.5 - height[bad])[:, None] * outward[nearest[bad]]
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
