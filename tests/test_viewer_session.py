"""The session layer: every request is checked before any work starts, and what the sizes share (the
pattern, the body's ring heights) is loaded or measured once per command."""

import json

import pytest

import body.measure.evaluation
import garments.make
import garments.pattern_files
from fitroom.errors import FitroomError
from viewer.cli import main
from viewer.session import open_session


@pytest.fixture(scope="module")
def body_file(tmp_path_factory):
    import body

    path = tmp_path_factory.mktemp("body") / "body.json"
    path.write_text(json.dumps(body.default_body().to_dict()))
    return path


def _counting(monkeypatch, module, name) -> list:
    """Replace ``module.name`` by a wrapper that records each call; returns the record."""
    calls, original = [], getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_turntable_of_two_sizes_is_refused_with_a_sentence(body_file, tmp_path, capsys):
    video = tmp_path / "spin.mp4"
    status = main(["turntable", "--body", str(body_file), "--size", "M,L", "-o", str(video)])
    error = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in error
    last = error.strip().splitlines()[-1]
    assert last.startswith("fitroom turntable: ") and "names 2 sizes" in last
    assert not video.exists()


def test_a_session_for_one_size_refuses_two():
    with pytest.raises(FitroomError, match="names 2 sizes"):
        open_session("tshirt", "M,L", ("M",), single=True)


@pytest.mark.parametrize(
    ("command", "output"),
    [("drape", ["--out", "{out}"]), ("fit", ["--out", "{out}"]), ("turntable", ["-o", "{out}/t.mp4"])]
    + [("report", ["-o", "{out}/fit.html"])],
)
def test_a_misspelt_material_is_refused_before_any_meshing(
    body_file, tmp_path, capsys, monkeypatch, command, output
):
    def no_meshing(*args, **kwargs):
        raise AssertionError("a pattern was meshed before the material was checked")

    monkeypatch.setattr(garments.make, "mesh_pattern", no_meshing)
    loads = _counting(monkeypatch, garments.pattern_files, "pattern_from_garmentcode")
    out = tmp_path / "out"
    argv = [command, "--body", str(body_file), "--material", "cotton_jersy"]
    status = main([*argv, *(part.replace("{out}", str(out)) for part in output)])
    error = capsys.readouterr().err
    assert status == 2, error
    assert "cotton_jersy" in error and "Traceback" not in error
    assert not loads, "the pattern was read before the material was checked"
    assert not out.exists()


def test_a_four_size_fit_loads_its_pattern_and_measures_its_body_once(body_file, tmp_path, monkeypatch):
    """Once for every size and every use: the fit's chest, waist and hip rings and the waist placement
    reads are the same levels of the one body."""
    loads = _counting(monkeypatch, garments.pattern_files, "pattern_from_garmentcode")
    measures = _counting(monkeypatch, body.measure.evaluation, "girth_heights")
    out = tmp_path / "fit"
    argv = ["fit", "--body", str(body_file), "--sizes", "S,M,L,XL", "--edge-length", "4", "--device", "cpu"]
    status = main([*argv, "--max-frames", "3", "--out", str(out)])
    assert status in (0, 3)
    assert {"S", "M", "L", "XL"} <= set(json.loads((out / "fit.json").read_text()))
    assert len(loads) == 1
    assert len(measures) == 1
