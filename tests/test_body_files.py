"""BODY.json round trips, the bundled default body, and the ``fitroom body`` command."""

import argparse
import json

import numpy as np
import pytest
import trimesh
from mannequin import mannequin_smpl_file

from body import MEASUREMENT_KEYS, default_body, load_body_json, save_body_json
from body.default_woman import default_body_targets
from body.fit_measurements import FIT_TOLERANCE_CM
from body.model_errors import BodyFileError, MeasurementRangeError, NoBodyRequestError
from viewer import cmd_body


def test_the_default_body_is_the_size_m_woman_and_comes_back_fast():
    targets = default_body_targets()
    assert targets == {"height": 168.0, "chest": 94.0, "waist": 78.0, "hip": 101.0}
    body = default_body()
    assert body.gender == "female" and body.source == "default"
    for key, wanted in targets.items():
        assert abs(body.measurements_cm[key] - wanted) <= FIT_TOLERANCE_CM, key
    body.vertices += 1.0
    again = default_body()
    assert again.vertices[:, 1].min() == pytest.approx(0.0, abs=1e-6)


def test_body_json_round_trips_the_body(tmp_path):
    body = default_body()
    path = tmp_path / "body.json"
    save_body_json(body, path)
    data = json.loads(path.read_text())
    assert {"model", "gender", "betas", "pose", "measurements_cm", "source"} <= set(data)
    assert len(data["pose"]) == 72 and set(MEASUREMENT_KEYS) <= set(data["measurements_cm"])
    again = load_body_json(path)
    assert np.allclose(again.vertices, body.vertices, atol=1e-5)
    assert np.allclose(again.joints, body.joints, atol=1e-5)
    assert again.source == "default" and again.model == "fitroom-anny"
    for key in MEASUREMENT_KEYS:
        assert again.measurements_cm[key] == pytest.approx(body.measurements_cm[key], abs=0.02)


def test_bad_body_files_get_a_sentence(tmp_path):
    with pytest.raises(BodyFileError, match="does not exist"):
        load_body_json(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(BodyFileError, match="not readable JSON"):
        load_body_json(broken)
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"model": "fitroom-anny", "gender": "female", "betas": [0.0]}))
    with pytest.raises(BodyFileError, match="lacks pose, measurements_cm, source"):
        load_body_json(partial)
    short_pose = dict(default_body().to_dict(), pose=[0.0] * 10)
    partial.write_text(json.dumps(short_pose))
    with pytest.raises(BodyFileError, match="72"):
        load_body_json(partial)


def _run_body_command(argv):
    parser = argparse.ArgumentParser()
    cmd_body.add_parser(parser.add_subparsers(dest="command"))
    return cmd_body.run(parser.parse_args(["body", *argv]))


def test_body_command_writes_the_body_and_mesh_and_prints_the_table(tmp_path, capsys):
    out, mesh = tmp_path / "body.json", tmp_path / "body.ply"
    argv = ["--height", "170", "--chest", "92", "--waist", "76", "--hip", "100", "--gender", "female"]
    assert _run_body_command([*argv, "-o", str(out), "--mesh", str(mesh)]) == 0
    data = json.loads(out.read_text())
    assert data["source"] == "measurements" and data["gender"] == "female"
    for key, wanted in {"height": 170, "chest": 92, "waist": 76, "hip": 100}.items():
        assert abs(data["measurements_cm"][key] - wanted) <= FIT_TOLERANCE_CM
    loaded = trimesh.load(mesh, process=False)
    assert len(loaded.vertices) == 13718 and loaded.bounds[0][1] == pytest.approx(0.0, abs=1e-5)
    printed = capsys.readouterr().out
    assert "requested" in printed and "measured" in printed and "waist" in printed


def test_body_command_uses_a_users_model_and_its_body_file_reloads(tmp_path):
    model_file, out = tmp_path / "my_smpl.npz", tmp_path / "body.json"
    mannequin_smpl_file(model_file)
    assert _run_body_command(["--height", "180", "--body-model", str(model_file), "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["model"] == str(model_file.resolve()) and len(data["betas"]) == 2
    again = load_body_json(out)
    assert abs(again.measurements_cm["height"] - 180) <= FIT_TOLERANCE_CM
    assert len(again.vertices) == len(np.load(model_file)["v_template"])


def test_body_command_refuses_requests_it_cannot_meet(tmp_path):
    out = tmp_path / "body.json"
    with pytest.raises(NoBodyRequestError, match="--front"):
        _run_body_command(["-o", str(out)])
    with pytest.raises(MeasurementRangeError, match="height of 400 cm"):
        _run_body_command(["--height", "400", "-o", str(out)])
    assert not out.exists()


def test_body_command_passes_photos_through(tmp_path, monkeypatch):
    import body.photo.estimate

    received = {}

    def fake_body_from_photos(**arguments):
        received.update(arguments)
        return default_body()

    monkeypatch.setattr(body.photo.estimate, "body_from_photos", fake_body_from_photos)
    out = tmp_path / "body.json"
    argv = [
        "--front",
        "f.jpg",
        "--side",
        "s.jpg",
        "--height",
        "168",
        "--overlay",
        str(tmp_path),
        "--keep-pose",
    ]
    assert _run_body_command([*argv, "--gender", "male", "-o", str(out)]) == 0
    assert received == {
        "front": "f.jpg",
        "side": "s.jpg",
        "height_cm": 168.0,
        "gender": "male",
        "model_path": None,
        "overlay_dir": str(tmp_path),
        "keep_pose": True,
    }
    assert out.exists()
