import numpy as np
import pytest
from scenes import tube_garment

from body import default_body
from sim.model import Model
from sim.waistline_limit import WaistlineLoop


def _model(tube: dict) -> Model:
    keys = ("rest_uv", "faces", "stitches", "grain", "face_material", "materials")
    return Model.from_arrays(*[tube[key] for key in keys])


def test_the_waistline_loop_is_the_top_edge_closed_by_its_seams_and_as_long_as_the_flat_pattern():
    tube = tube_garment(0.8, 0.3, 0.8, 0.16, 9, 5)
    model = _model(tube)
    positions = tube["positions"]
    top = np.flatnonzero(positions[:, 1] > positions[:, 1].max() - 1e-6)
    # The hold also names the vertices just below the top at the side seams, whose edges run up.
    below_top = np.flatnonzero(np.isclose(positions[:, 1], np.unique(positions[:, 1])[-2]))
    sides = below_top[np.isin(below_top % 9, (0, 8))]
    loop = WaistlineLoop.of_waistline(model, np.r_[top, sides], positions)
    cloth = loop.stitch < 0
    assert cloth.sum() == 2 * 8 and (~cloth).sum() == 2
    assert set(loop.vertices[loop.edges[cloth]].ravel()) == set(top)
    assert loop.longest == pytest.approx(0.8, rel=1e-5)


def test_a_garment_that_hangs_from_nothing_has_no_waistline():
    tube = tube_garment(0.8, 0.3, 0.8, 0.16, 9, 5)
    model = _model(tube)
    loop = WaistlineLoop.of_waistline(model, np.zeros(0, np.int64), tube["positions"])
    assert len(loop.edges) == 0 and loop.longest == 0.0


@pytest.mark.slow
def test_a_skirt_a_size_up_stays_up_at_the_default_mesh():
    # The L's band (88.5 cm) is loose at the default body's waist (78 cm) and smaller than its hips
    # (101 cm). At 1.5 cm edges, before the waistline's length was limited as one loop, the skirt's
    # weight stretched it over the hips and it fell to the floor, failed and unmeasured.
    from viewer.ring_heights import ring_heights
    from viewer.size_drape import drape_size

    body = default_body()
    drape = drape_size(body, "skirt", "L", device="cpu")
    assert drape.summary["verdict"] == "ok", drape.summary["verdict_reasons"]
    waist = drape.summary["girths"]["waist"]
    assert waist["measured"] and not waist["below_hip"]
    assert drape.result.positions[:, 1].max() > ring_heights(body)["hip"] + 0.05
