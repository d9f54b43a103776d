"""The field test on a small matrix: every drape judged, nothing NaN, no recommendation unmeasured."""

import pytest

from viewer.field_bench import FIELD_SIZES, run_field_bench


@pytest.mark.slow
def test_the_field_test_judges_every_drape_and_recommends_only_on_measured_girths():
    report = run_field_bench(bodies=1, fabrics=1, edge_length=0.04, max_frames=250, patterns=["tank_top"])
    assert report["drapes"] == len(FIELD_SIZES)
    assert report["nan"] == 0 and report["crashes"] == []
    assert report["unmeasured_recommendations"] == 0
    assert all(row["verdict"] in ("ok", "failed") for row in report["rows"])
    assert all(row["reasons"] for row in report["rows"] if row["verdict"] == "failed")
    assert set(report["per_pattern"]) == {"tank_top"}
