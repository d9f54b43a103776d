"""The solver never returns NaN, repeats itself exactly, and names what is wrong with bad input."""

import numpy as np
import pytest

from sim import BodyCollider, Drape, DrapeInputError, Model, SolverXPBD, State
from sim.scenes import cylinder_body, tube_garment


def _tube_drape(**options) -> Drape:
    body_vertices, body_faces = cylinder_body(0.12, 0.0, 1.4)
    tube = tube_garment(0.7, 0.3, 0.8, 0.16, 25, 10)
    return Drape(
        body_vertices,
        body_faces,
        tube["rest_uv"],
        tube["faces"],
        tube["positions"],
        tube["stitches"],
        tube["grain"],
        tube["face_material"],
        tube["materials"],
        device="cpu",
        **options,
    )


def test_an_absurd_time_step_gives_finite_results():
    drape = _tube_drape(fps=0.5, substeps=2)
    for _ in range(3):
        positions = drape.step()
    assert np.all(np.isfinite(positions))
    result = drape.result({"waist": 0.9})
    for values in (result.strain_pct, result.stress_n_per_m, result.pressure_pa, result.ease_cm):
        assert np.all(np.isfinite(values))
    assert np.isfinite(result.seam_gap_mm)


def test_a_frame_that_blows_up_is_rerun_reported_and_never_leaves_nan():
    drape = _tube_drape(fps=0.5, substeps=2)
    drape.solver.max_speed = 1e6
    positions = drape.step()
    assert drape.recoveries >= 1
    assert np.all(np.isfinite(positions))
    assert not drape.settled
    assert drape.result().summary()["recoveries"] == drape.recoveries


def test_the_same_inputs_give_the_same_drape():
    first = _tube_drape()
    second = _tube_drape()
    for _ in range(40):
        a = first.step()
        b = second.step()
    assert np.array_equal(a, b)


def test_a_moving_body_carries_the_garment_without_passing_through_it():
    drape = _tube_drape()
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
        state = State(tube["positions"])
        contacts = solver.make_contacts(model.thickness + 0.25 * model.max_edge)
        for _ in range(60):
            solver.collide(state, contacts)
            solver.step(state, state, 1.0 / 60.0, contacts)
        finals.append(state.positions_numpy())
    assert np.abs(finals[0] - finals[1]).max() < 5e-3
    assert np.linalg.norm(finals[1][:, [0, 2]], axis=1).min() > 0.12
