"""The self-contact search in a second process: the same lists, the same drape on every run, and
no process left behind."""

import numpy as np
import pytest
from scenes import tube_garment, tube_on_cylinder

from body import default_body
from garments import make_garment
from sim import Drape, Model, SolverXPBD, State
from sim.collision.contact_worker import ContactWorker


def _tube():
    return tube_garment(0.7, 0.3, 0.8, 0.16, 25, 10)


def test_the_worker_builds_the_lists_the_solver_would():
    tube = _tube()
    model = Model.from_arrays(
        *(tube[k] for k in ("rest_uv", "faces", "stitches", "grain", "face_material", "materials"))
    )
    solver = SolverXPBD(model)
    contacts = solver.make_contacts(model.thickness + 0.25 * model.max_edge)
    # Fold the tube flat so that its front and back lie within reach of each other.
    positions = tube["positions"].copy()
    positions[:, 2] *= 0.02
    solver.collide(State(positions), contacts)
    worker = ContactWorker(contacts)
    try:
        worker.send(positions)
        answer = worker.receive()
    finally:
        worker.close()
    # Vertex-triangle candidates, then edge-edge candidates.
    for (candidates, counts), (expected, expected_counts) in zip(
        (answer[:2], answer[2:]), (contacts.lists[:2], contacts.lists[2:]), strict=True
    ):
        assert counts.sum() > 0
        assert np.array_equal(counts, expected_counts)
        for row in np.nonzero(counts)[0]:
            assert np.array_equal(candidates[row, : counts[row]], expected[row, : counts[row]])


def _settling_shirt(worker: bool):
    """A coarse XL T-shirt settling on the default body: after its first frames it moves slowly
    enough for lists a frame old to be used, so a worker's lists take part."""
    body = default_body()
    garment = make_garment("tshirt", body, size="XL", edge_length=0.03)
    arrays = (garment.rest_uv, garment.faces, garment.positions, garment.stitches, garment.grain)
    return Drape(
        body.vertices,
        body.faces,
        *arrays,
        garment.face_material,
        garment.materials,
        device="cpu",
        contact_worker=worker,
    )


def test_a_drape_with_a_worker_repeats_itself_and_stays_outside_the_body():
    runs = []
    for _ in range(2):
        drape = _settling_shirt(worker=True)
        for _ in range(120):
            drape.step()
        runs.append(drape.state.positions_numpy())
        assert drape.contact_lists["from_worker"] > 0
        assert drape.result().penetration_pct == 0.0
        drape.close()
    assert np.array_equal(runs[0], runs[1])


def test_closing_a_drape_stops_its_worker():
    drape = tube_on_cylinder(contact_worker=True)
    drape.step()
    process = drape.contact_schedule.worker._process
    assert process.poll() is None
    drape.close()
    assert process.poll() is not None


def test_a_drape_whose_worker_dies_goes_on_without_it():
    drape = tube_on_cylinder(contact_worker=True)
    for _ in range(3):
        drape.step()
    drape.contact_schedule.worker._process.kill()
    drape.contact_schedule.worker._process.wait()
    with pytest.warns(UserWarning, match="worker stopped"):
        for _ in range(5):
            drape.step()
    assert not drape.contact_worker_used
    assert np.all(np.isfinite(drape.state.positions_numpy()))


def test_a_drape_is_the_same_with_and_without_a_worker():
    runs = []
    for worker in (True, False):
        drape = _settling_shirt(worker)
        for _ in range(120):
            drape.step()
        assert drape.contact_worker_used is worker
        assert drape.contact_lists["from_worker" if worker else "built_ahead"] > 0
        runs.append(drape.state.positions_numpy())
        drape.close()
    assert np.array_equal(runs[0], runs[1])
