"""The solver never returns NaN, repeats itself exactly, and names what is wrong with bad input."""

import numpy as np
import pytest
from scenes import tube_garment, tube_on_cylinder

from sim import BodyCollider, Drape, DrapeInputError, Model, SolverXPBD
from sim.lab_scenes import cylinder_body


def test_an_absurd_time_step_gives_finite_results():
    drape = tube_on_cylinder(fps=0.5, substeps=2)
    for _ in range(3):
        positions = drape.step()
    assert np.all(np.isfinite(positions))
    result = drape.result({"waist": 0.9})
    for values in (result.strain_pct, result.stress_n_per_m, result.pressure_pa, result.gap_cm):
        assert np.all(np.isfinite(values))
    assert np.isfinite(result.seam_gap_mm)


def test_a_frame_that_blows_up_is_rerun_reported_and_never_leaves_nan():
    drape = tube_on_cylinder(fps=0.5, substeps=2)
    drape.solver.max_speed = 1e6
    # No floor and no air: the cloth falls freely for the whole 2 s frame.
    drape.solver.floor_height = -1e30
    drape.solver.damping = 0.0
    positions = drape.step()
    assert drape.recoveries >= 1
    assert np.all(np.isfinite(positions))
    assert not drape.settled
    assert drape.result().summary()["recoveries"] == drape.recoveries


def test_a_frame_run_again_sews_its_seams_once_not_once_per_try(monkeypatch):
    import sim.drape

    drape = tube_on_cylinder()
    drape.solver.sew_speed = 0.01
    drape.step()
    before = drape.state.stitch_length.to_numpy()
    # The next frame's first try is reported as blown up, so it is run again from its start.
    real_motion, tries = sim.drape._frame_motion, []

    def first_try_blows_up(*args):
        moved, broken, largest = real_motion(*args)
        tries.append(1)
        return moved, (1 if len(tries) == 1 else broken), largest

    monkeypatch.setattr(sim.drape, "_frame_motion", first_try_blows_up)
    drape.step()
    assert drape.recoveries == 1 and drape.dropped_frames == 0
    after = drape.state.stitch_length.to_numpy()
    # One frame at 10 mm/s closes each still-open seam's allowed gap by 1/60 of 10 mm, not twice that.
    still_open = before > 0.001
    assert np.allclose((before - after)[still_open], 0.01 / drape.fps, atol=1e-5)


def test_the_same_inputs_give_the_same_drape():
    first = tube_on_cylinder()
    second = tube_on_cylinder()
    for _ in range(40):
        a = first.step()
        b = second.step()
    assert np.array_equal(a, b)


def test_a_moving_body_carries_the_garment_without_passing_through_it():
    drape = tube_on_cylinder()
    body_vertices = drape.collider.vertices.copy()
    for _ in range(40):
        drape.step()
    for frame in range(30):
        drape.set_body(body_vertices + [0.004 * (frame + 1), 0.0, 0.0])
        drape.step()
    result = drape.result()
    assert result.penetration_pct == 0.0
    assert result.positions[:, 0].mean() > 0.08


def test_faces_pointing_past_the_vertices_are_refused():
    tube = tube_garment(0.7, 0.3, 0.8, 0.16, 5, 4)
    body_vertices, body_faces = cylinder_body(0.12, 0.0, 1.4, segments=8, rings=2)
    faces = tube["faces"].copy()
    faces[0, 0] = 10_000
    with pytest.raises(DrapeInputError, match="faces"):
        Drape(
            body_vertices,
            body_faces,
            tube["rest_uv"],
            faces,
            tube["positions"],
            tube["stitches"],
            tube["grain"],
            tube["face_material"],
            tube["materials"],
            device="cpu",
        )


def test_the_colour_parallel_sweep_used_on_gpus_drapes_like_the_serial_one():
    body_vertices, body_faces = cylinder_body(0.12, 0.0, 1.4)
    tube = tube_garment(0.7, 0.3, 0.8, 0.16, 25, 10)
    finals = []
    for colored in (False, True):
        arrays = [
            tube[key] for key in ("rest_uv", "faces", "stitches", "grain", "face_material", "materials")
        ]
        model = Model.from_arrays(*arrays)
        collider = BodyCollider(body_vertices, body_faces, [-0.3, 0.3, -0.3], [0.3, 1.3, 0.3])
        solver = SolverXPBD(model, collider, substeps=20, colored=colored)
        state = model.state(tube["positions"])
        contacts = solver.make_contacts(model.thickness + 0.25 * model.max_edge)
        for _ in range(60):
            solver.collide(state, contacts)
            solver.step(state, state, 1.0 / 60.0, contacts)
        finals.append(state.positions_numpy())
    assert np.abs(finals[0] - finals[1]).max() < 5e-3
    assert np.linalg.norm(finals[1][:, [0, 2]], axis=1).min() > 0.12


def test_a_body_moved_near_the_cloth_has_the_distances_of_a_full_rebuild():
    body_vertices, body_faces = cylinder_body(0.12, 0.0, 1.4)
    angle = np.linspace(0.0, 2.0 * np.pi, 60, endpoint=False)
    heights = np.linspace(0.5, 0.9, 9)
    ring_angle, ring_height = (a.ravel() for a in np.meshgrid(angle, heights))
    # Stand-ins for cloth vertices: rings 1 mm inside and outside the skin, deeper inside, further out.
    points = np.concatenate(
        [
            np.stack([r * np.cos(ring_angle), ring_height, r * np.sin(ring_angle)], axis=1)
            for r in (0.1185, 0.121, 0.114, 0.13)
        ]
    ).astype(np.float32)
    box = ([-0.3, 0.2, -0.3], [0.3, 1.2, 0.3])
    moving = BodyCollider(body_vertices, body_faces, *box)
    # Ten frames of a torso turning 2° and stepping 3 mm sideways each frame, the cloth carried along.
    for frame in range(1, 11):
        turn = np.radians(2.0 * frame)
        rotation = np.array(
            [[np.cos(turn), 0.0, np.sin(turn)], [0.0, 1.0, 0.0], [-np.sin(turn), 0.0, np.cos(turn)]]
        )
        shift = np.array([0.003 * frame, 0.0, 0.0])
        posed = (body_vertices @ rotation.T + shift).astype(np.float32)
        moving.update(posed, dt=1.0 / 60.0, near=points + shift.astype(np.float32))
    rebuilt = BodyCollider(posed, body_faces, *box)
    near = points + shift.astype(np.float32)
    moved_distance = moving.signed_distance(near)
    rebuilt_distance = rebuilt.signed_distance(near)
    ring = len(angle) * len(heights)
    # Within contact range the refreshed grid is exact; deeper it is inside, further out never closer.
    assert np.abs(moved_distance[: 2 * ring] - rebuilt_distance[: 2 * ring]).max() < 2e-4
    assert np.all(moved_distance[:ring] < 0.0) and np.all(moved_distance[2 * ring : 3 * ring] < 0.0)
    assert np.all(moved_distance[3 * ring :] >= rebuilt_distance[3 * ring :] - 1e-3)
    # Skin further from the cloth still holds an earlier pose, which the collider knows, until a full update.
    lower = near - np.float32([0.0, 0.3, 0.0])
    assert moving.covers(near) and not moving.covers(lower)
    moving.update(posed)
    assert moving.covers(lower)
    assert np.abs(moving.signed_distance(lower) - rebuilt.signed_distance(lower)).max() < 1e-6
