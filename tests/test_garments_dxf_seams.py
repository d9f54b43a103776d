"""Seams inferred on DXF files made the way pattern CAD exports them: a tee with a set-in sleeve given
once with ``Quantity: 2``, front and back cut on the fold, a rib collar and cuffs; the same tee as ASTM
pieces sewn along sew lines inside their cut lines; the seams file a designer edits; bad input."""

import json
from pathlib import Path

import numpy as np
import pytest
from dxf_documents import RECTANGLE_MM, tee_pieces, write_dxf

from garments import load_pattern, make_garment, points_inside
from garments.dxf_aama import dxf_garment
from garments.grading import grade_pattern
from garments.seams_file import seams_path
from viewer.cli import main

SIZES = {"S": 0.95, "M": 1.0, "L": 1.05}


@pytest.fixture(scope="module")
def body_json(tmp_path_factory) -> Path:
    import body

    path = tmp_path_factory.mktemp("body") / "body.json"
    path.write_text(json.dumps(body.default_body().to_dict()))
    return path


@pytest.fixture(scope="module")
def tee(tmp_path_factory) -> Path:
    return write_dxf(tmp_path_factory.mktemp("tee") / "tee.dxf", tee_pieces(), sizes=SIZES)


@pytest.fixture(scope="module")
def astm_tee(tmp_path_factory) -> Path:
    return write_dxf(tmp_path_factory.mktemp("astm") / "astm tee.dxf", tee_pieces(astm=True))


def _seams_between(plan, one: str, other: str) -> list:
    return [s for s in plan.seams if {s.a[0], s.b[0]} == {one, other}]


def _check_tee(plan) -> None:
    """The seams a tailor sews on the tee, whatever the file's flavour."""
    assert not plan.unmatched and not plan.left_out
    assert len(_seams_between(plan, "TEEFR", "TEEBK")) == 4  # two shoulders, two side seams
    for sleeve in ("SLEEVE", "SLEEVE 2 mirrored"):
        assert len(_seams_between(plan, sleeve, sleeve)) == 1  # the underarm
        # The cap is cut at the shoulder seam: one part into the front armhole, one into the back.
        assert len(_seams_between(plan, sleeve, "TEEFR")) == len(_seams_between(plan, sleeve, "TEEBK")) == 1
    for cuff, sleeve in (("CUFF", "SLEEVE"), ("CUFF 2 mirrored", "SLEEVE 2 mirrored")):
        assert len(_seams_between(plan, cuff, cuff)) == 1  # closed into a ring
        assert len(_seams_between(plan, cuff, sleeve)) + len(_seams_between(plan, cuff, "SLEEVE")) >= 1
    collar = [s for s in plan.seams if "COLLAR" in (s.a[0], s.b[0])]
    assert {end[0] for s in collar for end in (s.a, s.b)} == {"COLLAR", "TEEFR", "TEEBK"}
    for seam in plan.seams:
        assert 0.0 <= seam.confidence <= 1.0 and seam.reason


def test_tee_seams_are_inferred_as_a_tailor_sews_them(tee):
    plan = dxf_garment(tee).plan
    _check_tee(plan)
    # One notch on the front half of the cap: that half goes into the front armhole.
    front_part = _seams_between(plan, "SLEEVE", "TEEFR")[0]
    assert "sleeve cap" in front_part.reason and front_part.confidence > 0.9
    hems = {panel for (panel, _), reason in plan.unsewn.items() if reason == "hem, left open"}
    assert hems == {"TEEFR", "TEEBK"}


def test_astm_tee_is_sewn_along_its_sew_lines(astm_tee, tee):
    astm = dxf_garment(astm_tee)
    _check_tee(astm.plan)
    # The sew line is 10 mm inside the cut line all round: the front is 52 cm across, not 54.
    front = load_pattern(astm_tee).panels["TEEFR"]
    assert np.ptp(front.outline()[:, 0]) == pytest.approx(0.52, abs=0.003)
    assert np.ptp(load_pattern(tee).panels["TEEFR"].outline()[:, 0]) == pytest.approx(0.52, abs=0.003)


def test_tee_pieces_cut_twice_and_on_the_fold(tee):
    pattern = load_pattern(tee)
    sleeves = [pattern.panels[name] for name in ("SLEEVE", "SLEEVE 2 mirrored")]
    # Quantity 2: a left and a right sleeve, one the other's mirror image.
    assert sorted(sleeve.part for sleeve in sleeves) == ["left_arm", "right_arm"]
    left, right = (np.sort(s.outline()[:, 0]) for s in sleeves)
    assert np.allclose(left, -right[::-1], atol=1e-6)
    assert pattern.panels["COLLAR"].part == "neck"
    assert {pattern.panels[name].part for name in ("CUFF", "CUFF 2 mirrored")} == {"left_arm", "right_arm"}
    assert pattern.sizes == ("S", "M", "L")
    assert np.ptp(grade_pattern(pattern, "L").panels["TEEFR"].outline()[:, 0]) > np.ptp(
        grade_pattern(pattern, "S").panels["TEEFR"].outline()[:, 0]
    )


def test_tee_is_placed_round_the_body_clear_of_it(tee):
    import body

    person = body.default_body()
    garment = make_garment(tee, person, size="M", edge_length=0.04)
    inside = points_inside(np.asarray(person.vertices), np.asarray(person.faces), garment.positions)
    assert not inside.any()
    names = garment.panel_names
    left_shoulder = person.joint("left_shoulder")
    faces = garment.faces[garment.face_panel == names.index("SLEEVE")]
    sleeve_x = garment.positions[np.unique(faces)][:, 0].mean()
    assert np.sign(sleeve_x) == np.sign(left_shoulder[0])


def test_seams_command_writes_the_seams_file_and_a_designer_edit_is_used(tee, tmp_path):
    dxf = tmp_path / "tee.dxf"
    dxf.write_bytes(tee.read_bytes())
    assert main(["seams", str(dxf), "-o", str(tmp_path / "seams.png")]) == 0
    sidecar = seams_path(dxf)
    assert sidecar.name == "tee.seams.json" and (tmp_path / "seams.png").stat().st_size > 10_000
    document = json.loads(sidecar.read_text())
    assert document["pieces"][:2] == ["TEEFR", "TEEBK"]
    first = document["seams"][0]
    assert set(first) == {"stitch", "confidence", "reason"} and set(first["stitch"][0]) == {"panel", "edge"}
    # The designer unpicks one seam: the next run sews one stitch fewer.
    count = len(load_pattern(dxf).stitches)
    document["seams"].pop()
    sidecar.write_text(json.dumps(document))
    assert len(load_pattern(dxf).stitches) == count - 1
    assert main(["seams", str(dxf), "-o", str(tmp_path / "again.svg")]) == 0
    assert json.loads(sidecar.read_text()) == document


def test_patterns_lists_a_dxf_files_pieces_sizes_and_quantities(tee, capsys):
    assert main(["patterns", str(tee)]) == 0
    shown = capsys.readouterr().out
    assert "SLEEVE" in shown and "CUFF" in shown and "S M L" in shown
    assert any("SLEEVE" in line and " 2 " in line for line in shown.splitlines())


def _bad_seams(tee: Path, folder: Path, change) -> Path:
    dxf = folder / "tee.dxf"
    dxf.write_bytes(tee.read_bytes())
    assert main(["seams", str(dxf), "-o", str(folder / "s.png")]) == 0
    document = json.loads(seams_path(dxf).read_text())
    change(document)
    seams = folder / "edited.seams.json"
    seams.write_text(json.dumps(document))
    return seams


def _missing_piece(document):
    document["seams"][0]["stitch"][0]["panel"] = "POCKET"


def _missing_edge(document):
    document["seams"][0]["stitch"][0]["edge"] = 40


def _edge_twice(document):
    document["seams"][1]["stitch"][0] = document["seams"][0]["stitch"][0]


@pytest.mark.parametrize(
    ("change", "words"),
    [(_missing_piece, "names piece 'POCKET'"), (_missing_edge, "edge 40"), (_edge_twice, "again in seam")],
)
def test_a_bad_seams_file_is_refused_before_any_drape(tee, body_json, tmp_path, capsys, change, words):
    seams = _bad_seams(tee, tmp_path, change)
    out = tmp_path / "drape"
    argv = ["drape", "--body", str(body_json), "--pattern", str(tmp_path / "tee.dxf"), "--seams", str(seams)]
    argv += ["--out", str(out)]
    assert main(argv) == 2
    assert words in capsys.readouterr().err and not out.exists()


def _binary(path: Path) -> None:
    path.write_bytes(b"AutoCAD Binary DXF\r\n\x1a\x00" + bytes(range(256)))


def _text_only(path: Path) -> None:
    import ezdxf

    document = ezdxf.new("R2000")
    document.modelspace().add_text("Units: METRIC")
    document.modelspace().add_text("Style Name: NOTHING")
    document.saveas(path)


def _no_pieces(path: Path) -> None:
    import ezdxf

    document = ezdxf.new("R2000")
    document.modelspace().add_lwpolyline(RECTANGLE_MM, close=True)
    document.saveas(path)


def _open_outline(path: Path) -> None:
    halves = [RECTANGLE_MM[:3], [(0.0, 650.0), (0.0, 0.0)]]
    write_dxf(path, [{"name": "FRONT", "cut": halves, "closed": False}])


def _not_dxf(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))


def _in_centimetres(path: Path) -> None:
    write_dxf(path, [{"name": "FRONT", "cut": [[(x / 10, y / 10) for x, y in RECTANGLE_MM]]}])


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_binary, "binary DXF"),
        (_text_only, "no pattern pieces"),
        (_no_pieces, "no pattern pieces"),
        (_open_outline, "does not close"),
        (_not_dxf, "not a readable DXF"),
        (_in_centimetres, "--units mm|cm|in"),
    ],
)
def test_bad_dxf_files_get_a_sentence_and_nothing_is_written(tmp_path, capsys, make, words):
    dxf = tmp_path / "bad.dxf"
    make(dxf)
    for command in ("seams", "pattern"):
        assert main([command, str(dxf), "-o", str(tmp_path / "out.png")]) == 2
        assert words in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.dxf"]


def test_units_can_be_overridden(tmp_path):
    dxf = tmp_path / "cm.dxf"
    _in_centimetres(dxf)
    assert main(["pattern", str(dxf), "--units", "cm", "-o", str(tmp_path / "p.svg")]) == 0
    from garments.dxf_source import DxfSource

    front = load_pattern(DxfSource(str(dxf), units="cm")).panels["FRONT"]
    assert np.ptp(front.outline()[:, 0]) == pytest.approx(0.5)


def test_a_size_not_in_the_file_is_refused(tee, body_json, tmp_path, capsys):
    out = tmp_path / "drape"
    argv = ["drape", "--body", str(body_json), "--pattern", str(tee), "--size", "XXL", "--out", str(out)]
    assert main(argv) == 2
    assert "no size 'XXL'; it holds S, M, L" in capsys.readouterr().err and not out.exists()


def test_own_tee_drapes_sewn_shut(tee, body_json, tmp_path):
    out = tmp_path / "drape"
    argv = ["drape", "--body", str(body_json), "--pattern", str(tee), "--size", "L", "--edge-length", "4"]
    # Whether 300 coarse frames bring it fully to rest (exit 0) or not quite (exit 3), it is sewn shut.
    assert main([*argv, "--max-frames", "300", "--out", str(out), "--device", "cpu"]) in (0, 3)
    size = json.loads((out / "fit.json").read_text())["L"]
    assert size["seam_gap_mm"] <= 3.0 and size["penetration_pct"] < 1.0


def test_a_tank_binds_its_armholes_and_neck(tmp_path):
    body_pieces = tee_pieces()[:2]
    front, back = (dxf_garment(write_dxf(tmp_path / "body.dxf", body_pieces)).pieces[k] for k in (0, 1))
    armhole = sum(p.edges.lengths[p.edges.roles.index("armhole")] for p in (front, back)) * 1000
    neck = sum(
        p.edges.lengths[[e for e, r in enumerate(p.edges.roles) if r == "neck"]].sum() for p in (front, back)
    )
    strips = [("ARMHOLE BINDING", 2, 0.9 * armhole), ("NECK BINDING", 1, 0.85 * neck * 1000)]
    for name, quantity, length in strips:
        strip = [(0.0, 0.0), (length, 0.0), (length, 30.0), (0.0, 30.0)]
        body_pieces.append(
            {"name": name, "quantity": quantity, "cut": [strip], "grain": ((5.0, 5.0), (5.0, 25.0))}
        )
    plan = dxf_garment(write_dxf(tmp_path / "tank.dxf", body_pieces)).plan
    assert not plan.unmatched
    for binding in ("ARMHOLE BINDING", "ARMHOLE BINDING 2 mirrored"):
        hosts = {end[0] for s in plan.seams if binding in (s.a[0], s.b[0]) for end in (s.a, s.b)}
        assert hosts == {binding, "TEEFR", "TEEBK"}
    assert any("NECK BINDING" in (s.a[0], s.b[0]) and "TEEBK" in (s.a[0], s.b[0]) for s in plan.seams)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("TEEFR", "front"), ("TEEBK", "back"), ("MENS TEE FRT", "front"), ("POLO BACK", "back"),
        ("SLEEVE", "sleeve"), ("POLOSLV", "sleeve"), ("SLEEVE BAND", "band"), ("COLLAR", "collar"),
        ("POLOCLR", "collar"), ("CUFF", "cuff"), ("BACK NECK TAPE", "band"), ("WB", "waistband"),
        ("FRONT YOKE", "yoke"), ("PLACKET", "placket"), ("POCKET", "pocket"), ("11", ""),
    ],
)  # fmt: skip
def test_piece_names_in_several_vendors_styles(name, role):
    from garments.piece_names import piece_role_from_name

    assert piece_role_from_name(name) == role


def test_pieces_that_match_nothing_are_named_and_nothing_drapes(tmp_path, body_json, capsys):
    pieces = tee_pieces()[:2]
    # A sleeve whose cap is twice any armhole: it goes nowhere.
    pieces.append({"name": "SLEEVE", "cut": [[(-400.0, 0.0), (400.0, 0.0), (0.0, 900.0)]]})
    dxf = write_dxf(tmp_path / "odd.dxf", pieces)
    out = tmp_path / "drape"
    assert main(["drape", "--body", str(body_json), "--pattern", str(dxf), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "'SLEEVE': no armhole opening fits" in error and "odd.seams.json" in error and not out.exists()


def test_a_seams_file_leaving_a_piece_unsewn_is_refused(tee, body_json, tmp_path, capsys):
    def unpick_the_collar(document):
        document["seams"] = [
            s for s in document["seams"] if "COLLAR" not in {e["panel"] for e in s["stitch"]}
        ]

    seams = _bad_seams(tee, tmp_path, unpick_the_collar)
    out = tmp_path / "drape"
    argv = ["drape", "--body", str(body_json), "--pattern", str(tmp_path / "tee.dxf"), "--seams", str(seams)]
    assert main([*argv, "--out", str(out)]) == 2
    assert "'COLLAR': no seam in the seams file joins it" in capsys.readouterr().err and not out.exists()


def _as_open_polylines(outline: list, turns: list) -> list[list]:
    """A closed outline cut at its turn points into open polylines, one per edge (as AccuMark writes)."""
    points = [tuple(p) for p in outline]
    cuts = sorted(min(range(len(points)), key=lambda i: np.hypot(*np.subtract(points[i], t))) for t in turns)
    return [
        points[a : b + 1] if b > a else points[a:] + points[: b + 1]
        for a, b in zip(cuts, cuts[1:] + cuts[:1], strict=True)
    ]


def test_unnamed_long_sleeved_pieces_in_open_polylines_are_sewn_by_shape_and_notches(tmp_path):
    front, back, sleeve = tee_pieces()[:3]
    sleeve["cut"] = [[(-120.0, -400.0), (120.0, -400.0), *sleeve["cut"][0][2:]]]
    sleeve["turn"] = [(-120.0, -400.0), (120.0, -400.0), (210.0, 170.0), (-210.0, 170.0)]
    for number, piece in enumerate((front, back, sleeve), start=1):
        piece["cut"] = _as_open_polylines(piece["cut"][0], piece["turn"])
        piece["closed"], piece["name"] = False, str(number)
    plan = dxf_garment(write_dxf(tmp_path / "numbers.dxf", [front, back, sleeve])).plan
    assert not plan.unmatched
    assert len(_seams_between(plan, "1", "2")) == 4
    for copy in ("3", "3 2 mirrored"):
        assert len(_seams_between(plan, copy, copy)) == 1
        assert len(_seams_between(plan, copy, "1")) == len(_seams_between(plan, copy, "2")) == 1
    pattern = load_pattern(tmp_path / "numbers.dxf")
    assert (pattern.panels["1"].side, pattern.panels["2"].side) == ("front", "back")
