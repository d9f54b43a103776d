"""DXF-AAMA files: every size read, pieces unfolded and upright in metres, and the tank's seams inferred
exactly as a designer sews it."""

from pathlib import Path

import numpy as np
import pytest

from garments import SelfIntersectionError, UnknownSizeError, load_pattern, mesh_pattern
from garments.dxf_aama import dxf_garment, pattern_from_dxf
from garments.dxf_size_match import sizes_for_body
from garments.grading import grade_pattern

DXF = Path(__file__).parent / "data" / "patterns" / "dxf"
TANK = DXF / "wm_loose_shape_tank.dxf"
GLX = DXF / "glx4802s19_aama.dxf"
FRONT, BACK = "RELAXED TANK FR V2", "RELAXED TANK BK V2"

# The tank as its designer sews it. Both pieces are cut on the fold; unfolded, each runs (seen from the
# outside, counter-clockwise from the top of the strap on the viewer's left):
# 0 shoulder, 1 armhole, 2 side, 3 hem, 4 side, 5 armhole, 6 shoulder, 7 neck.
# The front's viewer's left is the body's right; the back's viewer's left is the body's left.
TANK_SEAMS = {
    ((BACK, 0), (FRONT, 6)),  # left shoulder
    ((BACK, 2), (FRONT, 4)),  # left side seam
    ((BACK, 4), (FRONT, 2)),  # right side seam
    ((BACK, 6), (FRONT, 0)),  # right shoulder
}
TANK_OPEN = {(piece, edge) for piece in (FRONT, BACK) for edge in (1, 3, 5, 7)}


def test_tank_reads_its_sample_size_front_and_back_unfolded():
    tank = load_pattern(TANK)
    assert tank.size == "36"
    front, back = tank.panels[FRONT], tank.panels[BACK]
    width, height = np.ptp(front.outline(), axis=0)
    # The front is cut on the fold: 11.4 inches from fold to side, so about 58 cm across once unfolded.
    assert width == pytest.approx(0.58, abs=0.01) and height == pytest.approx(0.68, abs=0.01)
    assert np.allclose(front.outline()[:, 0].mean(), 0.0, atol=0.02)
    assert front.area() > 0 > back.area()
    assert mesh_pattern(tank).vertex_count > 1000


def test_tank_seams_are_the_designers():
    plan = dxf_garment(TANK).plan
    assert {(seam.a, seam.b) for seam in plan.seams} == TANK_SEAMS
    assert set(plan.unsewn) == TANK_OPEN
    assert all(seam.confidence > 0.9 for seam in plan.seams)
    assert {plan.unsewn[(FRONT, 3)], plan.unsewn[(FRONT, 7)]} == {"hem, left open", "neck opening"}


def test_tank_sizes_grow_and_keep_their_seams():
    tank = load_pattern(TANK)
    assert tank.sizes == tuple(str(n) for n in range(26, 54, 2))
    graded = [grade_pattern(tank, size) for size in ("26", "36", "46")]
    widths = [np.ptp(pattern.panels[FRONT].outline()[:, 0]) for pattern in graded]
    assert np.all(np.diff(widths) > 0)
    assert all(len(pattern.stitches) == 4 for pattern in graded)
    # The file grades the back of sizes 48-52 across its own fold line: those sizes are refused.
    with pytest.raises(SelfIntersectionError, match=BACK):
        grade_pattern(tank, "48")


def test_sizes_to_try_on_a_body_are_read_from_the_pieces_girths():
    legging = load_pattern(GLX)
    assert sizes_for_body(legging, {"hip": 101.0}, 3) == ["48", "50", "52"]
    assert sizes_for_body(legging, {"hip": 92.0}, 3) == ["44", "46", "48"]
    assert sizes_for_body(load_pattern(DXF / "clo-pattern.dxf"), {"chest": 90.0}, 3) == ["M"]


def test_metric_file_from_a_3d_garment_tool_sews_a_tee():
    pattern = load_pattern(DXF / "clo-pattern.dxf")
    assert pattern.size == "M" and len(pattern.panels) == 9
    longest = max(np.ptp(panel.outline(), axis=0).max() for panel in pattern.panels.values())
    assert longest == pytest.approx(0.73, abs=0.02)
    parts = {name: panel.part for name, panel in pattern.panels.items()}
    assert sorted(parts[name] for name in ("36", "39")) == ["left_arm", "right_arm"]
    # The fronts (one notch on the armhole) go in front, the backs (two) behind.
    assert {pattern.panels[name].side for name in ("11", "37")} == {"front"}
    assert {pattern.panels[name].side for name in ("7", "38")} == {"back"}
    assert len(pattern.stitches) == 16


def test_missing_size_names_the_sizes_there_are():
    with pytest.raises(UnknownSizeError, match="no size '99'; it holds 26, 28"):
        pattern_from_dxf(TANK, "99")
    with pytest.raises(UnknownSizeError, match="no size 'XL'"):
        grade_pattern(load_pattern(TANK), "XL")


def test_legging_file_sews_the_first_of_its_alternative_legs():
    plan = dxf_garment(GLX).plan
    # Short, "length options" and long legs of one style, each cut twice: the short pair is sewn.
    assert sorted(plan.left_out) == [
        "GLX4802S19SLL", "GLX4802S19SLL 2 mirrored", "GLX4802S19SLO", "GLX4802S19SLO 2 mirrored"
    ]  # fmt: skip
    reasons = sorted(seam.reason.split(":")[0] for seam in plan.seams)
    assert reasons == ["crotch seam", "crotch seam", "inseam", "inseam"]
    pattern = load_pattern(GLX)
    assert sorted(panel.part for panel in pattern.panels.values()) == ["left_leg", "right_leg"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "sizes"),
    [("wm_loose_shape_tank.dxf", "40,44"), ("glx4802s19_aama.dxf", "48,50"), ("clo-pattern.dxf", "M")],
)
def test_shared_dxf_files_drape_sewn_shut_clear_of_the_body(name, sizes, tmp_path):
    import json

    import body
    from viewer.cli import main

    person = tmp_path / "body.json"
    person.write_text(json.dumps(body.default_body().to_dict()))
    out = tmp_path / "fit"
    argv = ["fit", "--body", str(person), "--pattern", str(DXF / name), "--sizes", sizes, "--out", str(out)]
    assert main([*argv, "--device", "cpu"]) in (0, 3)
    document = json.loads((out / "fit.json").read_text())
    for size in sizes.split(","):
        fit = document[size]
        assert fit["seam_gap_mm"] <= 3.0 and fit["penetration_pct"] < 0.5 and fit["settled"], (size, fit)
