"""Edge-edge self contact: layers that cross between vertices stay apart."""

import numpy as np
import pytest

from sim import Model, SolverXPBD

# Edges 4 cm long, strips 1 cm wide, and no vertex of either strip over the other: where they cross,
# only edges meet edges.
_STEPS = np.array([-0.10, -0.06, -0.02, 0.02, 0.06, 0.10])
_HALF_WIDTH = 0.005


def _strip(along_x: bool, height: float):
    """A strip 2 vertices wide along x (or z) at ``height``: flat (u, v), 3D positions, faces."""
    across = np.array([-_HALF_WIDTH, _HALF_WIDTH])
    u, v = np.meshgrid(_STEPS, across, indexing="ij")
    flat = np.c_[u.ravel(), v.ravel()]
    x, z = (flat[:, 0], flat[:, 1]) if along_x else (flat[:, 1], flat[:, 0])
    positions = np.c_[x, np.full(len(flat), height), z]
    faces = []
    for i in range(len(_STEPS) - 1):
        a, b, c, d = 2 * i, 2 * i + 1, 2 * i + 2, 2 * i + 3
        faces += [(a, c, b), (b, c, d)]
    return flat, positions, np.array(faces)


def _crossing_heights(edge_contact: bool) -> np.ndarray:
    """Heights (m) of the upper strip where its long edges cross over the pinned lower strip's, after
    it was pulled down onto it for two seconds."""
    upper_flat, upper, upper_faces = _strip(True, 0.015)
    lower_flat, lower, lower_faces = _strip(False, 0.0)
    count = len(upper)
    faces = np.r_[upper_faces, lower_faces + count]
    rest_uv = np.r_[upper_flat, lower_flat]
    grain = np.tile([[1.0, 0.0]], (len(faces), 1))
    panel = np.r_[np.zeros(len(upper_faces), int), np.zeros(len(lower_faces), int)]
    ends = np.flatnonzero(np.abs(upper[:, 0]) > 0.09)
    pins = np.r_[ends, np.arange(count, count + len(lower))]
    model = Model.from_arrays(rest_uv, faces, None, grain, panel, ["cotton_jersey"], pins=pins)
    solver = SolverXPBD(model, None, self_collision=True, gravity=(0.0, -40.0, 0.0))
    state = model.state(np.r_[upper, lower])
    contacts = solver.make_contacts(model.thickness + 0.25 * model.max_edge)
    for _ in range(120):
        solver.collide(state, contacts)
        if not edge_contact:
            contacts.edge_candidate_count.fill(0)
        solver.step(state, state, 1.0 / 60.0, contacts)
    positions = state.positions_numpy()[:count]
    # Each long edge of the upper strip spans x = -0.02 .. 0.02 and crosses the lower strip's long
    # edges at x = ±_HALF_WIDTH.
    heights = []
    for side in (0, 1):
        start, end = positions[4 + side], positions[6 + side]
        for x in (-_HALF_WIDTH, _HALF_WIDTH):
            share = (x - start[0]) / (end[0] - start[0])
            heights.append(start[1] + share * (end[1] - start[1]))
    return np.array(heights)


@pytest.mark.parametrize("edge_contact", [True, False])
def test_strips_crossing_between_vertices_stay_apart_only_with_edge_contact(edge_contact):
    heights = _crossing_heights(edge_contact)
    if edge_contact:
        # Resting on the lower strip, at least half a cloth thickness (3.1 mm) above it.
        assert heights.min() > 1.0e-3
    else:
        # Vertex-triangle contact alone never sees the crossing: the upper strip falls through.
        assert heights.max() < -0.5e-3
