"""Sleeve caps sewn on where they start: each sleeve's cap moved onto the armhole it is sewn to.

A sleeve wrapped on its arm's tube meets the bodice only roughly: the tube's ring at the cap is square to
the arm, the armhole follows the bodice round the side of the trunk, and a bodice widened for a loose
size reaches out under the arm. Left there, the sleeve's underside starts through the bodice, and
XPBD self contact cannot take apart cloth that starts crossed. So every sleeve vertex sewn to the
trunk moves onto its partners on the armhole (just outside it), and the rest of the sleeve (cuffs
too) follows by a harmonic blend over the sleeve's mesh (Botsch and Sorkine 2008, "On linear
variational surface deformation methods", the membrane case): the cap starts on the armhole and
the sleeve leaves it smoothly, back onto its arm's tube within ``_BLEND_REACH`` times the largest
move.
"""

import numpy as np
from scipy.sparse import coo_matrix, diags
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.sparse.linalg import spsolve

__all__ = ["sleeve_caps_on_armholes"]

# A sleeve vertex this many times the cap's largest move (over the flat pattern) from the cap keeps
# its place on the arm's tube; closer ones blend toward the armhole.
_BLEND_REACH = 2.0
# The cap starts this far (m) outside its armhole, away from the trunk's centre line, so that the
# sleeve's rows of triangles start over the bodice's edge, not through it.
_CAP_GAP = 0.012
# Weight, against 1 for a mesh edge, of a seam within the arm in the blend.
_SEAM_WEIGHT = 1e-4


def _cap_moves(stitches, arm, trunk, positions, centre_x, centre_z):
    """Cap vertices (C,) of an arm sewn to the trunk and their moves (C, 3) m onto the armhole, to
    the middle of their partners there and ``_CAP_GAP`` outside it, away from the trunk's centre line
    at (``centre_x``, ``centre_z``)."""
    found = [stitches[arm[stitches[:, a]] & trunk[stitches[:, b]]][:, [a, b]] for a, b in ((0, 1), (1, 0))]
    pairs = np.concatenate(found)
    cap, slot = np.unique(pairs[:, 0], return_inverse=True)
    targets = np.zeros((len(cap), 3))
    np.add.at(targets, slot, positions[pairs[:, 1]])
    targets /= np.bincount(slot, minlength=len(cap))[:, None]
    outward = np.column_stack([targets[:, 0] - centre_x, np.zeros(len(cap)), targets[:, 2] - centre_z])
    outward /= np.maximum(np.linalg.norm(outward, axis=1, keepdims=True), 1e-12)
    return cap, targets + _CAP_GAP * outward - positions[cap]


def _arm_graph(faces: np.ndarray, stitches: np.ndarray, rest_uv: np.ndarray, arm: np.ndarray):
    """Edges (E, 2) among the arm's vertices (local indices) and their flat lengths (E,) m; seams
    within the arm (a sleeve's front to its back, a cuff to its sleeve) join at length 0."""
    local = np.full(len(arm), -1)
    local[arm] = np.arange(arm.sum())
    edges = faces[arm[faces].all(axis=1)][:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
    edges = np.unique(np.sort(edges, axis=1), axis=0)
    lengths = np.linalg.norm(rest_uv[edges[:, 0]] - rest_uv[edges[:, 1]], axis=1)
    inner = stitches[arm[stitches].all(axis=1)]
    edges = np.concatenate([edges, inner])
    lengths = np.concatenate([lengths, np.zeros(len(inner))])
    return local[edges], lengths


def _harmonic_blend(edges, weights, count: int, fixed: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Values (N, 3) harmonic on the graph of ``edges`` (E, 2) with ``weights`` (E,), equal to
    ``values`` where ``fixed``."""
    rows, columns = np.r_[edges[:, 0], edges[:, 1]], np.r_[edges[:, 1], edges[:, 0]]
    adjacency = coo_matrix((np.r_[weights, weights], (rows, columns)), shape=(count, count)).tocsr()
    laplacian = (diags(np.asarray(adjacency.sum(axis=1)).ravel()) - adjacency).tocsr()
    free = ~fixed
    result = values.copy()
    if free.any():
        rhs = -laplacian[free][:, fixed] @ values[fixed]
        result[free] = np.asarray(spsolve(laplacian[free][:, free].tocsc(), rhs)).reshape(-1, 3)
    return result


def sleeve_caps_on_armholes(meshed, parts: np.ndarray, positions: np.ndarray, centre_x: float) -> np.ndarray:
    """Positions (V, 3) m with each arm's cap on the armhole it is sewn to and the sleeve following.

    ``meshed`` is the garment's ``MeshedPattern``, ``parts`` (V,) the body part of each vertex and
    ``positions`` (V, 3) the placed vertices, sleeves on their arms' tubes and the bodice round the
    trunk; ``centre_x`` (m) is the x of the trunk's centre line. Arms sewn to no trunk panel keep
    their place.
    """
    stitches = np.asarray(meshed.stitches, np.int64).reshape(-1, 2)
    faces = np.asarray(meshed.faces, np.int64)
    rest_uv = np.asarray(meshed.rest_uv, np.float64)
    trunk = parts == "torso"
    positions = positions.copy()
    for limb in ("left_arm", "right_arm"):
        arm = parts == limb
        if not arm.any() or not len(stitches):
            continue
        centre_z = float(positions[trunk, 2].max() + positions[trunk, 2].min()) / 2 if trunk.any() else 0.0
        cap, moves = _cap_moves(stitches, arm, trunk, positions, centre_x, centre_z)
        if not len(cap):
            continue
        edges, lengths = _arm_graph(faces, stitches, rest_uv, arm)
        count = int(arm.sum())
        local = np.cumsum(arm) - 1
        graph = coo_matrix((np.r_[lengths, lengths] + 1e-9, (np.r_[edges[:, 0], edges[:, 1]],
                                                             np.r_[edges[:, 1], edges[:, 0]])),
                           shape=(count, count)).tocsr()  # fmt: skip
        from_cap = dijkstra(graph, indices=local[cap], min_only=True)
        reach = _BLEND_REACH * float(np.linalg.norm(moves, axis=1).max())
        fixed = from_cap >= reach
        fixed[local[cap]] = True
        # A piece of the arm joined to the cap by no seam (it is sewn to nothing on the arm) stays put.
        _, component = connected_components(graph, directed=False)
        fixed |= ~np.isin(component, component[local[cap]])
        values = np.zeros((count, 3))
        values[local[cap]] = moves
        # A seam within the sleeve holds its two sides together only weakly: where the bodice's side seam
        # starts open, the sleeve's underarm seam opens with it rather than dragging both sides across.
        weights = np.where(lengths > 0, 1.0, _SEAM_WEIGHT)
        positions[arm] += _harmonic_blend(edges, weights, count, fixed, values)
    return positions
