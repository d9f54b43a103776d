"""The size recommendation rule, on per-size summaries a drape would produce."""

import json

from viewer.fit_report import P95_LIMIT_PCT, recommend_size, write_fit_json


def _summary(p95, chest=3.0, waist=5.0, hip=4.0):
    return {
        "strain_pct": {"mean": p95 - 4, "p95": p95, "max": p95 + 5},
        "ease_cm": {"chest": chest, "waist": waist, "hip": hip},
        "contact_pct": 30.0,
        "penetration_pct": 0.0,
        "settled": True,
        "frames": 200,
        "sim_seconds": 3.3,
        "wall_seconds": 4.0,
    }


def test_recommends_the_smallest_size_that_is_neither_pulled_nor_tight():
    summaries = {"S": _summary(118, chest=-1.0), "M": _summary(109), "L": _summary(104), "XL": _summary(102)}
    size, reason = recommend_size(summaries)
    assert size == "M"
    assert "M" in reason and f"{P95_LIMIT_PCT:.0f}" in reason


def test_negative_ease_rules_out_a_size_even_when_strain_is_low():
    summaries = {"S": _summary(105, waist=-0.5), "M": _summary(104)}
    assert recommend_size(summaries)[0] == "M"


def test_a_ring_the_garment_does_not_reach_is_not_held_against_it():
    summaries = {"S": _summary(105, hip=None)}
    assert recommend_size(summaries)[0] == "S"


def test_when_every_size_is_tight_the_loosest_is_named_and_the_reason_says_so():
    summaries = {"S": _summary(130), "M": _summary(125, chest=-2.0)}
    size, reason = recommend_size(summaries)
    assert size == "M"
    assert "tight" in reason and "chest" in reason


def test_fit_json_is_whole_and_carries_the_contract_keys(tmp_path):
    summaries = {"S": _summary(118), "M": _summary(109)}
    size, reason = recommend_size(summaries)
    write_fit_json(tmp_path / "fit.json", summaries, size, reason, {"pattern": "tshirt"})
    document = json.loads((tmp_path / "fit.json").read_text())
    assert document["recommended_size"] == "M"
    for key in (
        "strain_pct",
        "contact_pct",
        "ease_cm",
        "penetration_pct",
        "settled",
        "frames",
        "sim_seconds",
        "wall_seconds",
    ):
        assert key in document["S"]
    assert document["sizes"] == ["S", "M"]
    assert list(tmp_path.iterdir()) == [tmp_path / "fit.json"]


def test_a_single_tight_size_is_called_tight_not_the_loosest_of_several():
    size, reason = recommend_size({"M": _summary(125)})
    assert size == "M"
    assert "M is tight" in reason and "loosest" not in reason
