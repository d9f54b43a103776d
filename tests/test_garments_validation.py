"""Each validation error, raised by loading a broken pattern file, names what to fix."""

import json
import warnings
from pathlib import Path

import pytest

from garments import (
    DuplicateStitchError,
    EdgeIndexError,
    EdgeLoopError,
    SelfIntersectionError,
    StitchLengthError,
    StitchLengthWarning,
    StitchReferenceError,
    UnknownSizeError,
    load_pattern,
)
from garments.grading import grade_pattern

SHIRT = Path(__file__).parent / "data" / "patterns" / "garmentcode" / "shirt_mean_specification.json"
DRESS = SHIRT.with_name("dress_pencil_specification.json")


def _square(side_cm: float, right_side_cm: float | None = None) -> dict:
    """A GarmentCode panel: a square whose right edge (edge 1) can be made longer or shorter."""
    right = side_cm if right_side_cm is None else right_side_cm
    return {
        "translation": [0, 100, 20],
        "rotation": [0, 0, 0],
        "vertices": [[0, 0], [side_cm, 0], [side_cm, right], [0, side_cm]],
        "edges": [{"endpoints": [i, (i + 1) % 4]} for i in range(4)],
    }


def _two_squares(right_side_cm: float) -> dict:
    """Two squares sewn along edge 1 of each; the second square's edge 1 is ``right_side_cm`` long."""
    return {
        "pattern": {
            "panels": {"a": _square(20.0), "b": _square(20.0, right_side_cm)},
            "stitches": [[{"panel": "a", "edge": 1}, {"panel": "b", "edge": 1}]],
        },
        "properties": {"units_in_meter": 100, "curvature_coords": "relative"},
    }


def _write(tmp_path: Path, spec: dict) -> Path:
    path = tmp_path / "broken_specification.json"
    path.write_text(json.dumps(spec))
    return path


def _shirt() -> dict:
    return json.loads(SHIRT.read_text())


def test_edge_loop_that_does_not_close(tmp_path):
    spec = _shirt()
    spec["pattern"]["panels"]["left_ftorso"]["edges"][2]["endpoints"] = [3, 2]
    with pytest.raises(
        EdgeLoopError, match="'left_ftorso' edge 1 ends at vertex 2 but edge 2 starts at vertex 3"
    ):
        load_pattern(_write(tmp_path, spec))


def test_edge_index_out_of_range(tmp_path):
    spec = _shirt()
    spec["pattern"]["panels"]["left_btorso"]["edges"][6]["endpoints"] = [6, 9]
    with pytest.raises(EdgeIndexError, match="'left_btorso' edge 6 names vertex 9.*vertices 0..6"):
        load_pattern(_write(tmp_path, spec))


def test_stitch_naming_a_missing_panel(tmp_path):
    spec = _shirt()
    spec["pattern"]["stitches"][3][1]["panel"] = "left_pocket"
    with pytest.raises(StitchReferenceError, match="Stitch 3 names panel 'left_pocket'"):
        load_pattern(_write(tmp_path, spec))


def test_stitch_naming_a_missing_edge(tmp_path):
    spec = _shirt()
    spec["pattern"]["stitches"][0][0]["edge"] = 12
    with pytest.raises(StitchReferenceError, match="edge 12 of panel 'left_sleeve_f', which has edges 0..3"):
        load_pattern(_write(tmp_path, spec))


def test_edge_in_two_stitches(tmp_path):
    spec = _shirt()
    spec["pattern"]["stitches"].append(
        [{"panel": "left_sleeve_f", "edge": 0}, {"panel": "left_btorso", "edge": 1}]
    )
    with pytest.raises(
        DuplicateStitchError, match="'left_sleeve_f' edge 0 is sewn in stitch 0 and stitch 18"
    ):
        load_pattern(_write(tmp_path, spec))


def test_stitched_edges_more_than_ten_percent_apart(tmp_path):
    with pytest.raises(StitchLengthError, match=r"'a' edge 1 \(20.0 cm\).*'b' edge 1 \(23.0 cm\)"):
        load_pattern(_write(tmp_path, _two_squares(23.0)))


def test_stitched_edges_five_to_ten_percent_apart_warn(tmp_path):
    with pytest.warns(StitchLengthWarning, match="pucker"):
        messages = load_pattern(_write(tmp_path, _two_squares(21.5)), validate=False).validate()
    assert len(messages) == 1 and "7%" in messages[0]


def test_stitched_edges_within_five_percent_pass_quietly(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_pattern(_write(tmp_path, _two_squares(20.6))).validate() == []


def test_gathered_waist_seam_of_a_real_dress_is_allowed():
    dress = load_pattern(DRESS)
    waist = [s for s in dress.stitches if s.b.panel == "skirt_front" and s.b.edge == 6]
    assert abs(dress.stitch_length(waist[0].a) / dress.stitch_length(waist[0].b) - 1) > 0.2


def test_self_intersecting_outline(tmp_path):
    spec = _two_squares(20.0)
    spec["pattern"]["panels"]["a"]["vertices"] = [[0, 0], [20, 20], [20, 0], [0, 20]]
    with pytest.raises(SelfIntersectionError, match="Panel 'a' outline crosses itself where edges 0 and 2"):
        load_pattern(_write(tmp_path, spec))


def test_curve_crossing_its_own_panel(tmp_path):
    spec = _two_squares(20.0)
    spec["pattern"]["panels"]["a"]["edges"][0]["curvature"] = {"type": "quadratic", "params": [[0.5, 2.5]]}
    with pytest.raises(SelfIntersectionError, match="Panel 'a'"):
        load_pattern(_write(tmp_path, spec))


def test_unknown_size(tmp_path):
    with pytest.raises(UnknownSizeError, match="no size 'XXXL'; choose one of XS, S, M, L, XL, XXL"):
        grade_pattern(load_pattern("tshirt"), "XXXL")
    with pytest.raises(UnknownSizeError, match="no grade rules"):
        grade_pattern(load_pattern(SHIRT), "M")
