"""The bad-input matrix: every command and every kind of input a user can get wrong.

Each case runs the real command line in this process and must end with exit status 2, one line on
standard error naming what to change (``fitroom COMMAND: ...``), no traceback, and nothing in the
output location. No case gets as far as a drape.
"""

import copy
import json
import math
import os
import signal
import struct
import zlib
from pathlib import Path

import pytest
from dxf_documents import RECTANGLE_MM, write_dxf

from assets import asset_path
from fitroom.files import TEMPORARY_PREFIX
from viewer.cli import main

_TSHIRT = json.loads(asset_path("patterns", "tshirt.json").read_text())


def _front(spec: dict) -> dict:
    return spec["pattern"]["panels"]["front"]


def _set(path: tuple, value):
    """A change to the T-shirt: the key at ``path`` (under ``pattern.panels.front`` when it starts with
    ``"front"``) set to ``value``."""

    def change(spec):
        node = _front(spec) if path[0] == "front" else spec
        keys = path[1:] if path[0] == "front" else path
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return change


def _zero_length_stitched_edge(spec):
    # Front edge 1 is sewn (stitch 0): put its end on its start.
    vertices = _front(spec)["vertices"]
    start, end = _front(spec)["edges"][1]["endpoints"]
    vertices[end] = list(vertices[start])


def _scaled(factor: float):
    def change(spec):
        for panel in spec["pattern"]["panels"].values():
            panel["vertices"] = [[x * factor, y * factor] for x, y in panel["vertices"]]

    return change


def _wide_panel(spec):
    _front(spec)["vertices"][1][0] = 10_000.0


# Pattern JSON documents that are JSON but not patterns fitroom can use, and the words their error names.
PATTERN_CHANGES = {
    "units_zero": (_set(("properties", "units_in_meter"), 0), "units_in_meter"),
    "units_text": (_set(("properties", "units_in_meter"), "abc"), "units_in_meter"),
    "units_nan": (_set(("properties", "units_in_meter"), math.nan), "units_in_meter"),
    "edges_not_list": (_set(("front", "edges"), {"0": [0, 1]}), "edges"),
    "circle_one_param": (
        _set(("front", "edges", 0, "curvature"), {"type": "circle", "params": [3]}),
        "circle",
    ),
    "cubic_one_point": (
        _set(("front", "edges", 0, "curvature"), {"type": "cubic", "params": [[0.5, 0.1]]}),
        "cubic",
    ),
    "unknown_curve": (
        _set(("front", "edges", 0, "curvature"), {"type": "spline", "params": []}),
        "curvature",
    ),
    "stitched_zero_length": (_zero_length_stitched_edge, "no length"),
    "infinite_coordinate": (_set(("front", "vertices", 0, 0), math.inf), "finite"),
    "nan_coordinate": (_set(("front", "vertices", 0, 0), math.nan), "finite"),
    "panel_100m_wide": (_wide_panel, "at most 3 m"),
    "metres_as_cm": (_scaled(0.01), "at least 5 cm"),
    "vertices_text": (_set(("front", "vertices"), "0,0 1,1"), "vertices"),
    "no_panels": (_set(("pattern", "panels"), {}), "panels"),
    "stitch_not_pair": (_set(("pattern", "stitches", 0), [{"panel": "front", "edge": 1}]), "stitch"),
    "grain_zero": (_set(("front", "fitroom", "grain"), [0, 0]), "grain"),
    # 2.5 m across: a pattern fitroom reads, but whose mesh at 0.5 cm passes the vertex budget.
    "four_times_larger": (_scaled(4.0), "vertices"),
}
# Readable patterns that only a drape refuses (``pattern`` draws them), and the mesh they are draped at.
DRAPE_ONLY = {"four_times_larger": ["--edge-length", "0.5"]}


def _broken_file(path: Path, name: str, document) -> Path:
    """``path`` made into the broken file ``name`` (``not_utf8``, ``not_json``, ``folder``), else the
    JSON of ``document()``."""
    if name == "not_utf8":
        path.write_bytes(b'{"name": "caf\xe9"}')
    elif name == "not_json":
        path.write_text('{"name": ')
    elif name == "folder":
        path.mkdir()
    else:
        path.write_text(json.dumps(document()))
    return path


def _changed_tshirt(name: str) -> dict:
    spec = copy.deepcopy(_TSHIRT)
    PATTERN_CHANGES[name][0](spec)
    return spec


def _pattern_file(folder: Path, name: str) -> Path:
    return _broken_file(folder / f"{name}.json", name, lambda: _changed_tshirt(name))


PATTERN_WORDS = {name: words for name, (_, words) in PATTERN_CHANGES.items()}
PATTERN_WORDS |= {"not_utf8": "UTF-8", "not_json": "not valid JSON", "folder": "folder"}

DXF_PIECES = {
    "one_vertex": ([{"name": "FRONT", "cut": [[(0.0, 0.0)]]}], "one vertex"),
    "zero_grain": ([{"name": "FRONT", "cut": [RECTANGLE_MM], "grain": ((9.0, 9.0), (9.0, 9.0))}], "grain"),
    "a_line": ([{"name": "FRONT", "cut": [[(0.0, 0.0), (500.0, 0.0)]], "closed": False}], "no area"),
    "huge": ([{"name": "FRONT", "cut": [[(x * 1e4, y * 1e4) for x, y in RECTANGLE_MM]]}], "at most 3 m"),
}


def _body_document(**changes) -> dict:
    document = {
        "model": "fitroom-anny",
        "gender": "female",
        "betas": [0.0] * 10,
        "pose": [0.0] * 72,
        "measurements_cm": {"height": 165.0},
        "source": "measurements",
    }
    document.update(changes)
    return {key: value for key, value in document.items() if value is not None}


BODY_CASES = {
    "betas_text": (_body_document(betas=["0.1"] * 10), "betas"),
    "betas_nan": (_body_document(betas=[math.nan] * 10), "finite"),
    "betas_huge": (_body_document(betas=[1e30] * 10), "betas"),
    "pose_short": (_body_document(pose=[0.0] * 71), "pose"),
    "gender_other": (_body_document(gender="robot"), "gender"),
    "no_pose": (_body_document(pose=None), "lacks pose"),
    "a_list": ([1, 2, 3], "JSON object"),
}


def _body_file(folder: Path, name: str) -> Path:
    return _broken_file(folder / f"body_{name}.json", name, lambda: BODY_CASES[name][0])


BODY_WORDS = {name: words for name, (_, words) in BODY_CASES.items()}
BODY_WORDS |= {"not_utf8": "UTF-8", "not_json": "not readable JSON", "folder": "folder"}


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels (its pixels are never there)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """A folder of every bad input, plus a good ``body.json``, ``pattern.json`` and ``tank.dxf``."""
    folder = tmp_path_factory.mktemp("inputs")
    for name in PATTERN_WORDS:
        _pattern_file(folder, name)
    for name, (pieces, _) in DXF_PIECES.items():
        write_dxf(folder / f"{name}.dxf", pieces)
    (folder / "not_dxf.dxf").write_text("0\nSECTION\n2\nNONSENSE\n")
    for name in BODY_WORDS:
        _body_file(folder, name)
    (folder / "body.json").write_text(json.dumps(_body_document()))
    (folder / "bomb.png").write_bytes(_png_header(100_000, 100_000))
    (folder / "text.jpg").write_text("not a photo")
    (folder / "taken.txt").write_text("a file where a folder is wanted")
    (folder / "a_folder").mkdir()
    (folder / "people_no_rows.csv").write_text("id,height\n")
    (folder / "people_no_id.csv").write_text("name,height\nAda,170\n")
    (folder / "people_unknown_column.csv").write_text("id,height,shoe\nAda,170,38\n")
    (folder / "people_not_utf8.csv").write_bytes(b"id,height\n\xff,170\n")
    (folder / "people.csv").write_text("id,gender,height\nAda,female,170\n")
    (folder / "fabric_no_density.json").write_text('{"name": "mine"}')
    (folder / "fabric_text.json").write_text("a fabric")
    (folder / "feedback_no_felt.csv").write_text("id,pattern,size\nAda,tshirt,M\n")
    (folder / "rule_text.json").write_text("a rule")
    return folder


# Commands that take --pattern, with what else each needs ({out} is the output location).
PATTERN_COMMANDS = {
    "drape": ["drape", "--body", "{in}/body.json", "--out", "{out}"],
    "fit": ["fit", "--body", "{in}/body.json", "--out", "{out}"],
    "turntable": ["turntable", "--body", "{in}/body.json", "-o", "{out}/spin.mp4"],
    "report": ["report", "--body", "{in}/body.json", "-o", "{out}/fit.html"],
}


def _cases():
    cases = []
    for name, words in PATTERN_WORDS.items():
        for command, argv in PATTERN_COMMANDS.items():
            argv = [*argv, "--pattern", f"{{in}}/{name}.json", *DRAPE_ONLY.get(name, [])]
            cases.append(pytest.param(argv, words, id=f"{command}-{name}"))
        if name not in DRAPE_ONLY:
            argv = ["pattern", f"{{in}}/{name}.json", "-o", "{out}/p.svg"]
            cases.append(pytest.param(argv, words, id=f"pattern-{name}"))
    for name, (_, words) in DXF_PIECES.items():
        for command in ("drape", "fit"):
            argv = [*PATTERN_COMMANDS[command], "--pattern", f"{{in}}/{name}.dxf"]
            cases.append(pytest.param(argv, words, id=f"{command}-dxf-{name}"))
        cases.append(
            pytest.param(
                ["pattern", f"{{in}}/{name}.dxf", "-o", "{out}/p.svg"], words, id=f"pattern-dxf-{name}"
            )
        )
    cases.append(
        pytest.param(["pattern", "{in}/not_dxf.dxf", "-o", "{out}/p.svg"], "DXF", id="pattern-not-dxf")
    )
    for name, words in BODY_WORDS.items():
        for command, argv in PATTERN_COMMANDS.items():
            argv = [part.replace("{in}/body.json", f"{{in}}/body_{name}.json") for part in argv]
            cases.append(pytest.param(argv, words, id=f"{command}-body-{name}"))
    drape = PATTERN_COMMANDS["drape"]
    for flag, value, words in [
        ("--edge-length", "0", "0.3-10 cm"),
        ("--edge-length", "nan", "finite"),
        ("--edge-length", "-1", "0.3-10 cm"),
        ("--edge-length", "0.05", "0.3-10 cm"),
        ("--edge-length", "inf", "finite"),
        ("--edge-length", "one", "not a number"),
        ("--max-frames", "0", "not positive"),
        ("--max-frames", "-5", "not positive"),
        ("--max-frames", "2.5", "whole number"),
        ("--size", "M,L", "names 2 sizes"),
        ("--size", "Q", "no size 'Q'"),
        ("--material", "silk", "silk"),
        ("--device", "tpu", "invalid choice"),
    ]:
        cases.append(pytest.param([*drape, flag, value], words, id=f"drape{flag}={value}"))
    turntable = PATTERN_COMMANDS["turntable"]
    for flag, value, words in [
        ("--size", "M,L", "names 2 sizes"),
        ("--frames", "0", "not positive"),
        ("--frames", "1", "at least 2 frames"),
        ("--edge-length", "0", "0.3-10 cm"),
        ("--resolution", "big", "WIDTHxHEIGHT"),
        ("--heatmap", "heat", "heat"),
    ]:
        cases.append(pytest.param([*turntable, flag, value], words, id=f"turntable{flag}={value}"))
    for argv, words, name in [
        (
            ["fit", "--body", "{in}/body.json", "--sizes", ",", "--out", "{out}"],
            "names no size",
            "fit-no-sizes",
        ),
        (
            ["fit", "--body", "{in}/body.json", "--max-frames", "0", "--out", "{out}"],
            "not positive",
            "fit-frames",
        ),
        (["demo", "--out", "{out}", "--edge-length", "0"], "0.3-10 cm", "demo-edge"),
        (["demo", "--out", "{out}", "--frames", "-1"], "not positive", "demo-frames"),
        (["demo", "--out", "{out}", "--max-frames", "0"], "not positive", "demo-max-frames"),
        (["bench", "--edge-length", "0", "--out", "{out}/b.json"], "0.3-10 cm", "bench-edge"),
        (["bench", "--people", "0", "--body", "--out", "{out}/b.json"], "not positive", "bench-people"),
        (["report", "--body", "{in}/body.json", "-o", "{out}/fit.pdf"], ".html", "report-suffix"),
        (
            ["turntable", "--body", "{in}/body.json", "-o", "{out}/spin.avi"],
            ".mp4 or .gif",
            "turntable-suffix",
        ),
        (["pattern", "tshirt", "-o", "{out}/p.pdf"], ".svg, .png", "pattern-suffix"),
        (["pattern", "no_such_pattern", "-o", "{out}/p.svg"], "No pattern", "pattern-unknown"),
    ]:
        cases.append(pytest.param(argv, words, id=name))
    # Output locations: an existing folder as a file, an existing file as a folder, read-only places.
    for argv, words, name in [
        (["drape", "--body", "{in}/body.json", "--out", "{in}/taken.txt"], "existing file", "drape-out-file"),
        (["fit", "--body", "{in}/body.json", "--out", "{in}/taken.txt"], "existing file", "fit-out-file"),
        (["demo", "--out", "{in}/taken.txt"], "existing file", "demo-out-file"),
        (["view", "--out", "{in}/taken.txt"], "display", "view-out-file"),
        (["pattern", "tshirt", "-o", "{in}/a_folder"], "existing folder", "pattern-out-folder"),
        (["turntable", "--body", "{in}/body.json", "-o", "{in}/a_folder"], "mp4", "turntable-out-folder"),
        (["report", "--body", "{in}/body.json", "-o", "{in}/a_folder"], ".html", "report-out-folder"),
        (["body", "--height", "170", "-o", "{in}/a_folder"], "existing folder", "body-out-folder"),
        (["bench", "--out", "{in}/a_folder"], "existing folder", "bench-out-folder"),
        (
            ["drape", "--body", "{in}/body.json", "--out", "/proc/fitroom-out"],
            "cannot be written",
            "drape-out-proc",
        ),
        (["pattern", "tshirt", "-o", "/proc/fitroom.svg"], "cannot be written", "pattern-out-proc"),
        (["body", "--height", "170", "-o", "/proc/body.json"], "cannot be written", "body-out-proc"),
        (["pattern", "tshirt", "-o", "{in}/taken.txt/p.svg"], "is a file", "pattern-out-under-file"),
        (
            ["fit", "--body", "{in}/body.json", "--out", "{in}/taken.txt/fit"],
            "is a file",
            "fit-out-under-file",
        ),
    ]:
        cases.append(pytest.param(argv, words, id=name))
    # Photos and body requests.
    for argv, words, name in [
        (["body", "--front", "{in}/bomb.png", "-o", "{out}/b.json"], "million pixels", "body-bomb"),
        (["body", "--front", "{in}/text.jpg", "-o", "{out}/b.json"], "not an image", "body-not-image"),
        (["body", "--front", "{in}/missing.jpg", "-o", "{out}/b.json"], "no photo file", "body-no-photo"),
        (["body", "--side", "{in}/text.jpg", "-o", "{out}/b.json"], "--front", "body-side-alone"),
        (["body", "--height", "170", "-o", "{out}/b.json", "--mesh", "{out}/b.xyz"], ".ply", "body-mesh-xyz"),
        (["body", "--height", "nan", "-o", "{out}/b.json"], "finite", "body-height-nan"),
        (["body", "--chest", "-90", "-o", "{out}/b.json"], "positive", "body-chest-negative"),
        (["body", "-o", "{out}/b.json"], "Nothing to make a body from", "body-nothing"),
    ]:
        cases.append(pytest.param(argv, words, id=name))
    # The other commands: fabrics, seams, batch people tables, populations, coverage, calibration, rules.
    people = ["batch", "--pattern", "tshirt", "--out", "{out}", "--people"]
    for argv, words, name in [
        (["fabric", "silkk", "--out", "{out}"], "Unknown fabric", "fabric-unknown"),
        (["fabric", "{in}/fabric_no_density.json", "--out", "{out}"], "density_kg_m2", "fabric-file-field"),
        (["fabric", "{in}/fabric_text.json", "--out", "{out}"], "not JSON", "fabric-file-text"),
        (["fabric", "denim", "--substeps", "0", "--out", "{out}"], "at least 1", "fabric-substeps"),
        (["fabric", "denim", "--out", "{in}/taken.txt"], "existing file", "fabric-out-file"),
        (
            [
                "drape",
                "--body",
                "{in}/body.json",
                "--material",
                "{in}/fabric_no_density.json",
                "--out",
                "{out}",
            ],
            "density_kg_m2",
            "drape-fabric-file",
        ),
        (["seams", "{in}/missing.dxf", "-o", "{out}/s.png"], "cannot be read", "seams-missing"),
        (["seams", "{in}/not_dxf.dxf", "-o", "{out}/s.png"], "DXF", "seams-not-dxf"),
        (["seams", "{in}/one_vertex.dxf", "-o", "{out}/s.png"], "one vertex", "seams-one-vertex"),
        (["seams", "{in}/one_vertex.dxf", "-o", "{out}/s.pdf"], ".svg, .png", "seams-suffix"),
        ([*people, "{in}/missing.csv"], "does not exist", "batch-people-missing"),
        ([*people, "{in}/people_no_rows.csv"], "no rows", "batch-people-no-rows"),
        ([*people, "{in}/people_no_id.csv"], "no 'id' column", "batch-people-no-id"),
        ([*people, "{in}/people_unknown_column.csv"], "'shoe'", "batch-people-unknown-column"),
        ([*people, "{in}/people_not_utf8.csv"], "UTF-8", "batch-people-not-utf8"),
        ([*people, "{in}/body.json"], ".csv or .parquet", "batch-people-suffix"),
        ([*people, "{in}/people.csv", "--material", "silkk"], "Unknown fabric", "batch-material"),
        ([*people, "{in}/people.csv", "--workers", "0"], "not positive", "batch-workers"),
        ([*people, "{in}/people.csv", "--sizes", "M,Q"], "no size 'Q'", "batch-size"),
        ([*people, "{in}/people.csv", "--pattern", "{in}/nan_coordinate.json"], "finite", "batch-pattern"),
        (
            ["population", "--gender", "robots", "--n", "3", "-o", "{out}/p.csv"],
            "invalid choice",
            "population-gender",
        ),
        (
            ["population", "--gender", "women", "--n", "0", "-o", "{out}/p.csv"],
            "not positive",
            "population-n",
        ),
        (
            ["population", "--gender", "women", "--n", "3", "-o", "{out}/p.txt"],
            ".csv, .parquet",
            "population-suffix",
        ),
        (
            ["population", "--gender", "women", "--n", "3", "-o", "{in}/a_folder"],
            "existing folder",
            "population-out-folder",
        ),
        (["coverage", "{in}/a_folder", "-o", "{out}/c.png"], "drapes.parquet", "coverage-no-results"),
        (
            [
                "calibrate",
                "--feedback",
                "{in}/missing.csv",
                "--results",
                "{in}/a_folder",
                "-o",
                "{out}/r.json",
            ],
            "does not exist",
            "calibrate-feedback-missing",
        ),
        (
            [
                "calibrate",
                "--feedback",
                "{in}/feedback_no_felt.csv",
                "--results",
                "{in}/a_folder",
                "-o",
                "{out}/r.json",
            ],
            "felt",
            "calibrate-feedback-columns",
        ),
        (
            ["fit", "--body", "{in}/body.json", "--rule", "{in}/rule_text.json", "--out", "{out}"],
            "not JSON",
            "fit-rule-text",
        ),
        (["patterns", "{in}/missing.json"], "No pattern", "patterns-missing"),
        (["patterns", "{in}/not_json.json"], "not valid JSON", "patterns-not-json"),
        (
            ["body", "--height", "170", "--gender", "robot", "-o", "{out}/b.json"],
            "invalid choice",
            "body-gender",
        ),
        (["body", "--height", "9000", "-o", "{out}/b.json"], "102 to 239 cm", "body-height-range"),
        (
            ["body", "--height", "170", "--body-model", "{in}/missing.pkl", "-o", "{out}/b.json"],
            "does not exist",
            "body-model-missing",
        ),
        (["fit", "--body", "{in}/missing.json", "--out", "{out}"], "does not exist", "fit-body-missing"),
    ]:
        cases.append(pytest.param(argv, words, id=name))
    return cases


CASES = _cases()


def test_the_matrix_is_large():
    assert len(CASES) >= 80


@pytest.mark.parametrize(("argv", "words"), CASES)
def test_bad_input_exits_2_with_one_sentence_and_writes_nothing(inputs, tmp_path, capsys, argv, words):
    out = tmp_path / "out"
    before = sorted(p.name for p in inputs.iterdir())
    status = main([part.replace("{in}", str(inputs)).replace("{out}", str(out)) for part in argv])
    error = capsys.readouterr().err
    assert status == 2, error
    assert "Traceback" not in error
    lines = [line for line in error.strip().splitlines() if line.startswith("fitroom ")]
    assert len(lines) == 1 and error.strip().endswith(lines[0]), error
    assert words in lines[0], lines[0]
    assert not out.exists()
    assert sorted(p.name for p in inputs.iterdir()) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMPORARY_PREFIX)]


# Issue 13's list of failing cases, in its order, each with the matrix case that replays it.
ISSUE_13_CASES = [
    ("Pattern file", "non-UTF-8 bytes", ["pattern-not_utf8", "drape-not_utf8"]),
    ("Pattern file", "`units_in_meter` of 0", ["pattern-units_zero", "drape-units_zero"]),
    ("Pattern file", '`units_in_meter` of "abc"', ["pattern-units_text", "drape-units_text"]),
    ("Pattern file", "an `edges` that is not a list", ["pattern-edges_not_list", "drape-edges_not_list"]),
    ("Pattern file", "a circle edge with one parameter", ["pattern-circle_one_param"]),
    (
        "Pattern file",
        "a stitched zero-length edge",
        ["pattern-stitched_zero_length", "drape-stitched_zero_length"],
    ),
    ("Pattern file", "an infinite coordinate", ["pattern-infinite_coordinate", "drape-infinite_coordinate"]),
    ("Pattern file", "a NaN coordinate", ["pattern-nan_coordinate", "drape-nan_coordinate"]),
    ("Pattern file", "a directory given as the pattern", ["pattern-folder", "drape-folder"]),
    ("Pattern file", "a panel 100 m wide", ["pattern-panel_100m_wide", "drape-panel_100m_wide"]),
    ("Pattern file", "a garment in metres claimed as cm", ["pattern-metres_as_cm", "drape-metres_as_cm"]),
    ("DXF", "a piece with a one-vertex boundary", ["pattern-dxf-one_vertex", "drape-dxf-one_vertex"]),
    ("DXF", "a zero-length grain line", ["pattern-dxf-zero_grain", "drape-dxf-zero_grain"]),
    ("Photo", "a PNG header claiming 10⁵ × 10⁵ pixels", ["body-bomb"]),
    ("Photo", "`--side` without `--front`", ["body-side-alone"]),
    ("Body file", "betas given as strings", ["drape-body-betas_text"]),
    ("Command line", "`--edge-length 0`", ["drape--edge-length=0"]),
    ("Command line", "`--edge-length nan`", ["drape--edge-length=nan"]),
    ("Command line", "`--edge-length -1`", ["drape--edge-length=-1"]),
    ("Command line", "`--edge-length 0.05`", ["drape--edge-length=0.05"]),
    ("Command line", "`--max-frames 0`", ["drape--max-frames=0"]),
    ("Command line", "`--max-frames -5`", ["drape--max-frames=-5"]),
    ("Command line", "`turntable --size M,L`", ["turntable--size=M,L"]),
    (
        "Output path",
        "an existing directory as `-o`",
        [
            "pattern-out-folder",
            "body-out-folder",
            "bench-out-folder",
            "report-out-folder",
            "turntable-out-folder",
        ],
    ),
    ("Output path", "an existing file as `--out`", ["drape-out-file", "fit-out-file", "demo-out-file"]),
    (
        "Output path",
        "a directory that cannot be written",
        ["drape-out-proc", "pattern-out-proc", "body-out-proc"],
    ),
    ("Output path", "a folder under an existing file", ["fit-out-under-file", "pattern-out-under-file"]),
    ("`body --mesh`", "`--mesh out.xyz`", ["body-mesh-xyz"]),
]
_CASE_ARGS = {case.id: case.values for case in CASES}
BAD_INPUTS_DOC = Path(__file__).resolve().parent.parent / "docs" / "bad_inputs.md"


def _sentence(argv, inputs: Path, out: Path, capsys) -> tuple[int, str]:
    """Exit status and the last line ``fitroom`` prints for ``argv`` (the folders named ``IN``, ``OUT``)."""
    status = main([part.replace("{in}", str(inputs)).replace("{out}", str(out)) for part in argv])
    line = capsys.readouterr().err.strip().splitlines()[-1]
    return status, line.replace(str(inputs), "IN").replace(str(out), "OUT")


def _interrupt_sentences(monkeypatch, capsys) -> list[tuple[str, int, str]]:
    """What ``fitroom drape`` prints and returns when SIGINT (Ctrl-C) or SIGTERM stops it."""
    import viewer.cmd_drape
    from fitroom.stopping import Stopped

    rows = []
    for name, stop in (("SIGINT", KeyboardInterrupt()), ("SIGTERM", Stopped(signal.SIGTERM))):

        def stopped(args, stop=stop):
            raise stop

        monkeypatch.setattr(viewer.cmd_drape, "run", stopped)
        status = main(["drape", "--body", "BODY.json", "--out", "OUT"])
        rows.append((name, status, capsys.readouterr().err.strip().splitlines()[-1]))
    return rows


def _bad_inputs_doc(inputs: Path, out: Path, capsys, monkeypatch) -> str:
    lines = [
        "# What fitroom says to each bad input of issue 13",
        "",
        "Generated by `tests/test_bad_inputs.py::test_the_bad_inputs_doc_is_current` from the real command",
        "line (`FITROOM_WRITE_DOCS=1` rewrites it); `IN` is the folder of inputs, `OUT` the output location.",
        "Every case exits with status 2, prints this one line and writes nothing. The matrix in",
        f"`tests/test_bad_inputs.py` runs {len(CASES)} cases over every command and input kind.",
        "",
        "| input | case | command | exit | what fitroom prints |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind, case, ids in ISSUE_13_CASES:
        for case_id in ids:
            argv, _ = _CASE_ARGS[case_id]
            status, sentence = _sentence(argv, inputs, out, capsys)
            command = " ".join(part.replace("{in}", "IN").replace("{out}", "OUT") for part in argv)
            cell = sentence.replace("|", "\\|")
            lines.append(f"| {kind} | {case} | `fitroom {command}` | {status} | {cell} |")
    lines += [
        "",
        "## Interrupts",
        "",
        "SIGINT (Ctrl-C) and SIGTERM stop any command at once: no traceback, the contact worker",
        "ended, nothing partial left (outputs are staged under `.fitroom-tmp-*` names and renamed whole;",
        "a SIGKILLed run's temporaries are removed by the next write into the same folder).",
        "`tests/test_interrupts.py` sends them to `drape`, `fit` and `turntable` while loading, mid-drape",
        "and while writing.",
        "",
        "| signal | exit | what fitroom prints |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| {name} | {status} | {line} |" for name, status, line in _interrupt_sentences(monkeypatch, capsys)
    ]
    return "\n".join(lines) + "\n"


def test_the_bad_inputs_doc_is_current(inputs, tmp_path, capsys, monkeypatch):
    """``docs/bad_inputs.md`` quotes what fitroom prints today for every case of issue 13's list."""
    document = _bad_inputs_doc(inputs, tmp_path / "out", capsys, monkeypatch)
    if os.environ.get("FITROOM_WRITE_DOCS"):
        BAD_INPUTS_DOC.write_text(document, encoding="utf-8")
    assert BAD_INPUTS_DOC.read_text(encoding="utf-8") == document
