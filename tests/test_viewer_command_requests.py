"""The commands that drape nothing check their whole request before any work starts: a bad request is
refused with one sentence and exit status 2, before the work it would have started is reached."""

import pytest
from dxf_documents import RECTANGLE_MM, write_dxf

import body.default_woman
import garments.dxf_aama
import sim.fabric_lab
from viewer.cli import main


def _no_work(what: str):
    def refused(*args, **kwargs):
        raise AssertionError(f"{what} started before the request was checked")

    return refused


def _one_sentence(capsys, command: str) -> str:
    error = capsys.readouterr().err.strip()
    assert "Traceback" not in error
    lines = error.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"fitroom {command}: "), error
    return lines[0]


def test_seams_refuses_a_seams_file_it_cannot_write_before_inferring_any_seam(tmp_path, capsys, monkeypatch):
    dxf = write_dxf(tmp_path / "front.dxf", [{"name": "FRONT", "cut": [RECTANGLE_MM]}])
    monkeypatch.setattr(garments.dxf_aama, "dxf_garment", _no_work("reading the DXF and inferring seams"))
    drawing = tmp_path / "seams.png"
    argv = ["seams", str(dxf), "-o", str(drawing), "--seams", "/proc/front.seams.json"]
    assert main(argv) == 2
    assert "cannot be written" in _one_sentence(capsys, "seams")
    assert not drawing.exists()


def test_fabric_refuses_a_misspelt_material_before_the_lab_runs(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sim.fabric_lab, "run_fabric_lab", _no_work("the fabric lab"))
    out = tmp_path / "lab"
    assert main(["fabric", "denm", "--out", str(out)]) == 2
    sentence = _one_sentence(capsys, "fabric")
    assert "'denm'" in sentence and "denim" in sentence
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--size", "M,L"], "names 2 sizes"),
        (["--size", "Q"], "no size 'Q'"),
        (["--pattern", "tshrt"], "No pattern 'tshrt'"),
        (["--body", "--field"], "one at a time"),
    ],
)
def test_bench_refuses_a_bad_request_before_making_the_body(tmp_path, capsys, monkeypatch, argv, words):
    monkeypatch.setattr(body.default_woman, "default_body", _no_work("making the default body"))
    out = tmp_path / "bench.json"
    assert main(["bench", *argv, "--no-peer", "--out", str(out)]) == 2
    assert words in _one_sentence(capsys, "bench")
    assert not out.exists()


def test_pattern_draws_one_size_and_refuses_two(tmp_path, capsys):
    drawing = tmp_path / "tshirt.svg"
    assert main(["pattern", "tshirt", "--size", "M,L", "-o", str(drawing)]) == 2
    assert "'M,L' names 2 sizes; this command draws one" in _one_sentence(capsys, "pattern")
    assert not drawing.exists()
