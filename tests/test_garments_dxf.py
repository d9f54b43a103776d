"""DXF-AAMA files: pieces of the sample size, unfolded, upright on their grain, in metres."""

from pathlib import Path

import numpy as np
import pytest

from garments import PatternLoadingError, load_pattern, mesh_pattern
from garments.dxf_aama import dxf_sizes, pattern_from_dxf

DXF = Path(__file__).parent / "data" / "patterns" / "dxf"
TANK = DXF / "wm_loose_shape_tank.dxf"


def test_tank_reads_its_sample_size_front_and_back_unfolded():
    tank = load_pattern(TANK)
    assert tank.size == "36" and tank.stitches == []
    front, back = tank.panels["RELAXED TANK FR V2"], tank.panels["RELAXED TANK BK V2"]
    width, height = np.ptp(front.vertices, axis=0)
    # The front is cut on the fold: 11.4 inches from fold to side, so about 58 cm across once unfolded.
    assert width == pytest.approx(0.58, abs=0.01) and height == pytest.approx(0.68, abs=0.01)
    assert np.allclose(front.vertices[:, 0].mean(), 0.0, atol=0.02)
    assert front.area() > 0 > back.area()
    assert mesh_pattern(tank).vertex_count > 1000


def test_tank_sizes_grow():
    sizes = dxf_sizes(TANK)
    assert sizes == [str(n) for n in range(26, 54, 2)]
    fronts = [pattern_from_dxf(TANK, size).panels["RELAXED TANK FR V2"] for size in sizes]
    widths = [np.ptp(front.vertices[:, 0]) for front in fronts]
    assert np.all(np.diff(widths) > 0)


def test_metric_file_from_a_3d_garment_tool_loads_in_metres():
    pattern = load_pattern(DXF / "clo-pattern.dxf")
    assert pattern.size == "M" and len(pattern.panels) == 9
    longest = max(np.ptp(panel.vertices, axis=0).max() for panel in pattern.panels.values())
    assert longest == pytest.approx(0.73, abs=0.02)


def test_missing_size_names_the_sizes_there_are():
    with pytest.raises(PatternLoadingError, match="no size '99'; it holds 26, 28"):
        pattern_from_dxf(TANK, "99")
