"""A normal run of the installed command prints fitroom's own lines only: no third-party banner or log."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from body import default_body, load_body_model
from body.photo.bench import render_bench_person
from body.photo.conditions import typical_conditions

_THIRD_PARTY = ("[Taichi]", "Warp", "W0000", "I0000", "absl", "TensorFlow", "bad X server", "XNNPACK")


def _fitroom(*argv, cwd):
    launch = "from viewer.cli import console_main; console_main()"
    return subprocess.run(
        [sys.executable, "-c", launch, *argv], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def _third_party_lines(run) -> list[str]:
    return [line for line in (run.stdout + run.stderr).splitlines() if any(k in line for k in _THIRD_PARTY)]


@pytest.mark.slow
def test_body_from_a_photo_then_a_fit_print_no_third_party_line(tmp_path):
    model = load_body_model("female")
    _, photos = render_bench_person(model, np.zeros(model.shape_count, np.float32), typical_conditions())
    Image.fromarray(photos[0].rgb).save(tmp_path / "front.png")
    body = _fitroom("body", "--front", "front.png", "--height", "168", "-o", "body.json", cwd=tmp_path)
    assert body.returncode == 0, body.stderr
    fit = _fitroom(
        "fit", "--body", "body.json", "--pattern", "tshirt", "--sizes", "M", "--edge-length", "3",
        "--max-frames", "20", "--out", "fit", cwd=tmp_path,
    )  # fmt: skip
    # Twenty frames do not bring a shirt to rest: the fit runs and recommends no size (exit 3).
    assert fit.returncode == 3, fit.stderr
    assert _third_party_lines(body) == [] and _third_party_lines(fit) == []
    assert "Draping tshirt size M" in fit.stderr


def test_verbose_shows_the_third_party_lines(tmp_path):
    (tmp_path / "body.json").write_text(_fitroom_body_json())
    run = _fitroom(
        "--verbose", "drape", "--body", "body.json", "--pattern", "tshirt", "--edge-length", "4",
        "--max-frames", "1", "--out", "drape", cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 3, run.stderr
    assert any("[Taichi]" in line for line in _third_party_lines(run))


def _fitroom_body_json() -> str:
    return json.dumps(default_body().to_dict())


def test_building_the_command_line_loads_no_third_party_library():
    # Its banner would be out before fitroom could silence it (sim.fabric_rest once loaded Taichi here).
    check = (
        "import sys; from viewer.cli import _parser; _parser(); "
        "print(' '.join(m for m in ('taichi', 'warp', 'mediapipe', 'vtk', 'torch') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "", run.stdout + run.stderr
