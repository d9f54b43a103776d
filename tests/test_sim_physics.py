"""Cloth physics a reviewer can check by hand: sag, resting on a sphere, sewing, contact, fit by size."""

import numpy as np
import pytest
from scenes import sphere_body, tube_garment, tube_on_cylinder
from scipy.integrate import trapezoid

from body import default_body
from sim import BodyCollider, Drape, Model, SolverXPBD, State, material_preset
from sim.fabric_curve import strain_at
from sim.lab_scenes import cylinder_body, grid_panel, sheet_drape
from viewer.size_drape import start_drape

GRAVITY = 9.81


def _far_body():
    return sphere_body(0.05, (0.0, -10.0, 0.0), subdivisions=1)


def test_hanging_strip_stretches_as_its_weight_and_stiffness_say():
    width, length = 0.04, 0.3
    rest_uv, faces = grid_panel(width, length, 3, 13)
    top = np.flatnonzero(rest_uv[:, 1] > length - 1e-6)
    grain = np.tile([[0.0, 1.0]], (len(faces), 1))
    model = Model.from_arrays(
        rest_uv, faces, None, grain, np.zeros(len(faces), int), ["cotton_jersey"], pins=top
    )
    state = State(np.c_[rest_uv, np.zeros(len(rest_uv))])
    solver = SolverXPBD(model, None, self_collision=False, damping=8.0, substeps=40)
    for _ in range(240):
        solver.step(state, state, 1.0 / 60.0)
    bottom = np.flatnonzero(rest_uv[:, 1] < 1e-6)
    elongation = -state.positions_numpy()[bottom, 1].mean()
    jersey = material_preset("cotton_jersey")
    # Tension at rest height s is ρ g s per unit width; the strain there is the fabric curve's at that
    # tension (which stiffens as it stretches), and the elongation its integral over the length.
    heights = np.linspace(0.0, length, 301)
    strains = [strain_at(jersey, "warp", jersey.density_kg_m2 * GRAVITY * h) for h in heights]
    expected = float(trapezoid(strains, heights))
    assert abs(elongation - expected) < 0.05 * expected


def test_cloth_dropped_on_a_sphere_rests_on_it_with_nothing_inside():
    radius = 0.15
    body_vertices, body_faces = sphere_body(radius, (0.0, 1.0, 0.0))
    rest_uv, faces = grid_panel(0.6, 0.6, 25, 25)
    positions = np.c_[rest_uv[:, 0] - 0.3, np.full(len(rest_uv), 1.0 + radius + 0.03), rest_uv[:, 1] - 0.3]
    drape = sheet_drape(body_vertices, body_faces, rest_uv, faces, positions, "cotton_jersey")
    result = drape.run(max_frames=90)
    distance_to_centre = np.linalg.norm(result.positions - [0.0, 1.0, 0.0], axis=1)
    assert distance_to_centre.min() > radius
    assert result.penetration_pct == 0.0
    centre_vertex = np.argmin(np.linalg.norm(rest_uv - 0.3, axis=1))
    assert result.contact[centre_vertex]
    assert result.positions[:, 1].min() < 1.0 - 0.05


def test_two_panels_sewn_along_an_edge_close_within_3_mm():
    panel_uv, panel_faces = grid_panel(0.2, 0.2, 11, 11)
    rest_uv = np.concatenate([panel_uv, panel_uv])
    faces = np.concatenate([panel_faces, panel_faces + len(panel_uv)])
    left = np.c_[panel_uv[:, 0] - 0.25, panel_uv[:, 1], np.zeros(len(panel_uv))]
    right = np.c_[panel_uv[:, 0] + 0.05, panel_uv[:, 1], np.zeros(len(panel_uv))]
    rows = np.arange(11) * 11
    stitches = np.stack([rows + 10, rows + len(panel_uv)], axis=1)
    body_vertices, body_faces = _far_body()
    drape = Drape(
        body_vertices,
        body_faces,
        rest_uv,
        faces,
        np.concatenate([left, right]),
        stitches,
        np.tile([[0.0, 1.0]], (len(faces), 1)),
        np.zeros(len(faces), int),
        ["cotton_jersey"],
        pins=np.r_[rows[-1], rows[-1] + 10 + len(panel_uv)],
        device="cpu",
    )
    assert drape.result().seam_gap_mm > 90
    for _ in range(90):
        drape.step()
    assert drape.result().seam_gap_mm <= 3.0


def test_sleeve_pressed_against_a_torso_does_not_pass_through():
    torso_radius = 0.15
    body_vertices, body_faces = cylinder_body(torso_radius, 0.5, 1.5)
    sleeve = tube_garment(0.25, 0.4, 0.8, 0.25 / (2 * np.pi), 16, 13)
    sleeve_positions = sleeve["positions"] + [torso_radius + 0.06, 0.0, 0.0]
    model = Model.from_arrays(
        sleeve["rest_uv"],
        sleeve["faces"],
        sleeve["stitches"],
        sleeve["grain"],
        sleeve["face_material"],
        sleeve["materials"],
    )
    collider = BodyCollider(body_vertices, body_faces, [-0.3, 0.4, -0.3], [0.5, 1.6, 0.3])
    pressing = (-20.0, 0.0, 0.0)
    solver = SolverXPBD(model, collider, self_collision=True, gravity=pressing, substeps=10)
    state = model.state(sleeve_positions)
    contacts = solver.make_contacts(model.thickness + 0.5 * model.max_edge)
    # Pressed sideways against a round torso the tube may slide around it (which way depends on the
    # last bits of the arithmetic); what must hold is that it never enters it, and that it touched.
    closest = []
    for _ in range(60):
        solver.collide(state, contacts)
        solver.step(state, state, 1.0 / 60.0, contacts)
        closest.append(np.linalg.norm(state.positions_numpy()[:, [0, 2]], axis=1).min())
    assert min(closest) > torso_radius
    assert min(closest) < torso_radius + 2 * model.thickness


def _tube_on_cylinder(circumference: float) -> float:
    drape = tube_on_cylinder(circumference)
    for _ in range(90):
        drape.step()
    return drape.result().summary()["strain_pct"]["mean"]


def test_a_smaller_tube_on_the_same_body_is_under_more_strain():
    body_circumference = 2 * np.pi * 0.12
    small = _tube_on_cylinder(0.88 * body_circumference)
    large = _tube_on_cylinder(0.94 * body_circumference)
    assert small > large > 100.0


@pytest.mark.slow
def test_a_loose_t_shirt_with_sleeves_on_the_torso_comes_to_rest():
    # At 1 cm edges the XL sleeves lie against the torso's sides. With a self-contact push that moved
    # only the vertex (half the overlap) and never the triangle, they jittered for good: 6-20 % of the
    # vertices kept moving more than 0.5 mm a frame and the drape never settled in 600 frames.
    # With the self-contact push turned into velocity, layers bounced apart and 2-20 % of the
    # vertices kept moving: it settled, or not, by the last bits of the arithmetic of the machine.
    _, drape = start_drape(default_body(), "tshirt", "XL", device="cpu", edge_length=0.01)
    result = drape.run(max_frames=600)
    assert result.settled
    assert result.penetration_pct == 0.0
    drape.close()


def test_a_tube_wider_than_the_body_falls_to_the_floor_and_stays_on_it():
    # Before the floor, a garment that slid off kept falling for good (48 m below the feet).
    drape = tube_on_cylinder(1.2)
    for _ in range(150):
        drape.step()
    heights = drape.state.positions_numpy()[:, 1]
    assert heights.min() >= -1e-3
    assert heights.max() < 0.3


@pytest.mark.slow
def test_a_loose_t_shirt_at_the_default_mesh_comes_to_rest():
    # Before the self-contact separation stopped giving layers velocity, the XL at 1.5 cm kept 3-4 %
    # of its vertices moving and never came to rest in 600 frames; it now rests at about frame 210.
    _, drape = start_drape(default_body(), "tshirt", "XL", device="cpu")
    result = drape.run(max_frames=600)
    drape.close()
    assert result.settled and result.frames < 400
    assert result.seam_gap_mm < 3.0
