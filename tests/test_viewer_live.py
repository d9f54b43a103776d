"""The live viewer driven offscreen through the same methods its keys, sliders and clicks call."""

import numpy as np
import pytest

import body as body_package
from viewer.live import LiveViewer

EDGE_LENGTH = 0.035


@pytest.fixture(scope="module")
def viewer(tmp_path_factory):
    default = body_package.default_body()
    model = body_package.load_body_model(default.gender)
    live = LiveViewer(
        model,
        default,
        "tshirt",
        ["S", "XL"],
        device="cpu",
        off_screen=True,
        edge_length=EDGE_LENGTH,
        out_dir=tmp_path_factory.mktemp("live"),
        window_size=(400, 500),
    )
    yield live
    live.scene.close()


def _frames(viewer, count):
    for _ in range(count):
        viewer.advance()


def test_the_drape_runs_frame_by_frame_and_the_panels_close(viewer):
    viewer.restart()
    start_gap = viewer.drape.result().seam_gap_mm
    _frames(viewer, 60)
    assert viewer.frame == 60
    assert viewer.drape.result().seam_gap_mm < start_gap
    assert np.allclose(viewer.scene.garment_mesh.points, viewer.drape.result().positions, atol=1e-5)


def test_space_pauses_and_restart_goes_back_to_the_flat_pattern(viewer):
    assert viewer.toggle_pause() is True
    frozen = viewer.scene.garment_mesh.points.copy()
    _frames(viewer, 5)
    assert np.array_equal(viewer.scene.garment_mesh.points, frozen)
    assert viewer.toggle_pause() is False
    viewer.restart()
    assert viewer.frame == 0
    assert np.allclose(viewer.scene.garment_mesh.points, viewer.garment.positions)


def test_size_switch_redrapes_a_bigger_garment(viewer):
    viewer.switch_size(0)
    small_rest = viewer.garment.rest_uv.copy()
    viewer.switch_size("XL")
    assert viewer.size == "XL" and viewer.frame == 0
    assert np.ptp(viewer.garment.rest_uv[:, 0]) >= np.ptp(small_rest[:, 0])
    _frames(viewer, 10)
    assert viewer.frame == 10


def test_h_cycles_every_map_with_its_own_colour_bar(viewer):
    seen = []
    for _ in range(6):
        seen.append(viewer.cycle_map())
        if viewer.map_name != "none":
            assert viewer.scene._bar_title in viewer.scene.plotter.scalar_bars
    assert sorted(seen) == sorted(["none", "strain", "fabric", "stress", "pressure", "gap"])
    assert viewer.map_name == "strain"


def test_picking_the_garment_reports_strain_direction_and_ease(viewer):
    point = viewer.drape.result().positions[0] + 0.001
    text = viewer.pick(point)
    assert "strain" in text and "%" in text and "deg to grain" in text and "gap to skin" in text


def test_screenshot_is_a_picture_of_the_window(viewer):
    import imageio.v3 as iio

    path = viewer.screenshot()
    image = iio.imread(path)
    assert image.shape[:2] == (500, 400) and image.std() > 10


def test_raising_the_arms_moves_the_body_and_the_garment_stays_out_of_it(viewer):
    hands_before = viewer.body.joint("left_wrist").copy()
    viewer.set_arm_angle(75.0)
    _frames(viewer, 40)
    assert viewer.body.joint("left_wrist")[1] > hands_before[1] + 0.1
    assert viewer.drape.result().penetration_pct < 2.0


def test_a_drape_that_comes_to_rest_is_judged_on_screen_as_fit_judges_it(viewer):
    viewer.switch_size("S")
    _frames(viewer, 30)
    assert viewer.verdict is None
    while viewer.verdict is None:
        viewer.advance()
    assert viewer.verdict["verdict"] in ("ok", "failed")
    status = viewer.scene._captions["status"]
    text = status.GetText(2) if hasattr(status, "GetText") else status.GetInput()
    assert f"({viewer.verdict['verdict']})" in text
