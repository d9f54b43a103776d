"""Sizes: girths follow the size chart plus the garment's ease, lengths move by smaller steps."""

import numpy as np
import pytest

from garments import bundled_patterns, load_pattern, size_measurements_cm
from garments.grading import grade_pattern, pattern_for_measurements
from garments.validation import is_gathered

SIZES = ("XS", "S", "M", "L", "XL", "XXL")


@pytest.mark.parametrize("name", bundled_patterns())
def test_flat_pattern_girths_are_chart_plus_ease_in_every_size(name):
    pattern = load_pattern(name)
    assert pattern.girth_lines, "every bundled pattern says where its girths are measured"
    for size in SIZES:
        graded = grade_pattern(pattern, size)
        body = size_measurements_cm(pattern.chart, size)
        for girth in pattern.girth_lines:
            expected = body[girth] + pattern.ease_cm[girth]
            assert graded.girth_cm(girth) == pytest.approx(expected, abs=0.6), (size, girth)


@pytest.mark.parametrize("name", bundled_patterns())
def test_girths_grow_with_every_size(name):
    pattern = load_pattern(name)
    for girth in pattern.girth_lines:
        girths = [grade_pattern(pattern, size).girth_cm(girth) for size in SIZES]
        assert np.all(np.diff(girths) > 3.0), (girth, girths)


def test_tshirt_lengths_grade_by_smaller_steps_than_girths():
    tshirt = load_pattern("tshirt")
    chest = [grade_pattern(tshirt, size).girth_cm("chest") for size in SIZES]
    length = [np.ptp(grade_pattern(tshirt, size).panels["front"].vertices[:, 1]) * 100 for size in SIZES]
    armhole = [grade_pattern(tshirt, size).panels["front"].edge_length(4) * 100 for size in SIZES]
    for values in (length, armhole):
        steps = np.diff(values)
        assert np.all(steps > 0) and np.all(steps < np.diff(chest) / 4)


@pytest.mark.parametrize("name", bundled_patterns())
def test_seams_stay_matched_in_every_size(name):
    pattern = load_pattern(name)
    for size in SIZES:
        graded = grade_pattern(pattern, size)
        for stitch in graded.stitches:
            if is_gathered(graded, stitch):
                continue
            a, b = graded.stitch_length(stitch.a), graded.stitch_length(stitch.b)
            assert abs(a - b) / max(a, b) < 0.05, (size, stitch)


def test_grading_twice_lands_where_grading_once_does():
    tshirt = load_pattern("tshirt")
    once = grade_pattern(tshirt, "XL").panels["left_sleeve"].vertices
    twice = grade_pattern(grade_pattern(tshirt, "XS"), "XL").panels["left_sleeve"].vertices
    assert np.allclose(once, twice)


def test_made_to_measure_follows_the_body():
    tshirt = load_pattern("tshirt")
    fitted = pattern_for_measurements(tshirt, {"chest": 103.0, "waist": 85.0, "hip": 108.0, "height": 175.0})
    assert fitted.size == "made-to-measure"
    assert fitted.girth_cm("chest") == pytest.approx(103.0 + tshirt.ease_cm["chest"], abs=0.6)
    assert fitted.girth_cm("hip") == pytest.approx(108.0 + tshirt.ease_cm["hip"], abs=0.6)
    taller = np.ptp(fitted.panels["back"].vertices[:, 1]) - np.ptp(tshirt.panels["back"].vertices[:, 1])
    assert 0.01 < taller < 0.05


def test_size_s_tshirt_is_tighter_than_a_size_m_body_and_xl_looser():
    tshirt = load_pattern("tshirt")
    body_chest = size_measurements_cm("women", "M")["chest"]
    assert (
        grade_pattern(tshirt, "S").girth_cm("chest")
        < body_chest
        < grade_pattern(tshirt, "M").girth_cm("chest")
    )
    assert grade_pattern(tshirt, "XL").girth_cm("chest") > body_chest + 20
