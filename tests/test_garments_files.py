"""Pattern files: GarmentCode JSON read and written unchanged, the bundled library, loading errors."""

import json
from pathlib import Path

import numpy as np
import pytest

from garments import PatternLoadingError, bundled_patterns, load_pattern, save_pattern
from garments.grading import grade_pattern

GARMENTCODE = Path(__file__).parent / "data" / "patterns" / "garmentcode"
SHIRT = GARMENTCODE / "shirt_mean_specification.json"
DRESS = GARMENTCODE / "dress_pencil_specification.json"
ISSUE_LIBRARY = {"tshirt", "tank_top", "skirt", "trousers", "shirt_dress"}


@pytest.mark.parametrize(("path", "panels", "stitches"), [(SHIRT, 8, 18), (DRESS, 6, 23)])
def test_garmentcode_files_load_in_metres(path, panels, stitches):
    pattern = load_pattern(path)
    assert (len(pattern.panels), len(pattern.stitches)) == (panels, stitches)
    spec = json.loads(path.read_text())
    name, panel = next(iter(pattern.panels.items()))
    assert np.allclose(panel.vertices * 100, spec["pattern"]["panels"][name]["vertices"])
    assert np.allclose(panel.translation * 100, spec["pattern"]["panels"][name]["translation"])


def test_garmentcode_file_written_back_keeps_its_content(tmp_path):
    original = json.loads(DRESS.read_text())
    written = json.loads(save_pattern(load_pattern(DRESS), tmp_path / "dress.json").read_text())
    assert written["pattern"]["panel_order"] == original["pattern"]["panel_order"]
    assert written["parameters"] == original["parameters"]
    assert written["properties"]["units_in_meter"] == 100
    for name, panel in original["pattern"]["panels"].items():
        again = written["pattern"]["panels"][name]
        assert np.allclose(again["vertices"], panel["vertices"], atol=1e-4)
        assert [e["endpoints"] for e in again["edges"]] == [e["endpoints"] for e in panel["edges"]]
        assert [e.get("curvature") is None for e in again["edges"]] == [
            e.get("curvature") is None for e in panel["edges"]
        ]
        assert again["label"] == panel["label"]
    assert [[s[0], s[1]] for s in written["pattern"]["stitches"]] == original["pattern"]["stitches"]
    reloaded = load_pattern(tmp_path / "dress.json")
    for name, panel in load_pattern(DRESS).panels.items():
        assert np.isclose(reloaded.panels[name].edge_length(3), panel.edge_length(3))


def test_bundled_library_holds_the_issue_patterns_in_six_sizes():
    assert ISSUE_LIBRARY <= set(bundled_patterns())
    for name in bundled_patterns():
        pattern = load_pattern(name)
        assert pattern.sizes == ("XS", "S", "M", "L", "XL", "XXL")
        assert pattern.validate() == []


def test_bundled_pattern_round_trips_with_its_sizes_and_fabrics(tmp_path):
    tshirt = load_pattern("tshirt")
    again = load_pattern(save_pattern(tshirt, tmp_path / "tee.json"))
    assert again.sizes == tshirt.sizes and again.ease_cm == tshirt.ease_cm
    assert np.allclose(
        grade_pattern(again, "XL").panels["front"].vertices,
        grade_pattern(tshirt, "XL").panels["front"].vertices,
    )
    assert [p.material for p in again.panels.values()] == [p.material for p in tshirt.panels.values()]


def test_tshirt_is_front_back_two_sleeves_and_a_rib_neckband():
    tshirt = load_pattern("tshirt")
    assert list(tshirt.panels) == ["front", "back", "left_sleeve", "right_sleeve", "neckband"]
    fabrics = {name: panel.material for name, panel in tshirt.panels.items()}
    assert fabrics == {**dict.fromkeys(list(fabrics)[:4], "cotton_jersey"), "neckband": "rib_knit"}


def test_unknown_pattern_name_lists_the_bundled_ones():
    with pytest.raises(PatternLoadingError, match="tshirt"):
        load_pattern("no_such_pattern")


def test_file_that_is_not_json_gets_a_sentence(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"pattern": {"panels": ')
    with pytest.raises(PatternLoadingError, match="not valid JSON"):
        load_pattern(broken)


def test_file_of_another_format_is_refused(tmp_path):
    other = tmp_path / "pattern.txt"
    other.write_text("front back")
    with pytest.raises(PatternLoadingError, match=".json"):
        load_pattern(other)
