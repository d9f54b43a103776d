"""The live viewer's window, offscreen: it opens on the size asked for, its size slider reads size
names, and closing it stops the drape's contact worker process so nothing is left writing to a pipe."""

import pytest

import body as body_package
from viewer.live import LiveViewer

# Fine enough for the drape to use a contact worker process (sim.CONTACT_WORKER_MIN_VERTICES).
EDGE_LENGTH = 0.015


@pytest.fixture
def viewer(tmp_path):
    default = body_package.default_body()
    model = body_package.load_body_model(default.gender)
    return LiveViewer(
        model,
        default,
        "tshirt",
        ["S", "M", "XL"],
        device="cpu",
        off_screen=True,
        edge_length=EDGE_LENGTH,
        out_dir=tmp_path,
        window_size=(400, 500),
        start_size="M",
    )


def test_the_window_opens_on_the_size_asked_for_and_its_slider_names_sizes(viewer, monkeypatch, capfd):
    assert viewer.size == "M"
    seen = {}

    def person_at_the_window(**_options):
        """Stands in for the window's event loop: slide to the first size, then close the window."""
        representation = viewer._size_slider.GetRepresentation()
        seen["opened"] = representation.GetTitleText()
        viewer._slide_size(0.3)
        seen["slid"] = representation.GetTitleText(), representation.GetValue()
        seen["worker"] = viewer.drape.contact_schedule.worker._process
        viewer.advance()

    monkeypatch.setattr(viewer.scene.plotter, "show", person_at_the_window)
    viewer.show()
    assert seen["opened"].startswith("size M")
    assert seen["slid"][0].startswith("size S") and seen["slid"][1] == 0
    assert viewer.size == "S"
    assert seen["worker"].poll() is not None, "the contact worker outlived the window"
    assert "BrokenPipeError" not in capfd.readouterr().err
