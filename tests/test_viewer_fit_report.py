"""The size recommendation rule, on per-size summaries a drape would produce."""

import json

from viewer.fit_report import GIRTH_STRAIN_LIMIT_PCT, recommend_size, write_fit_json


def _summary(chest=104.0, waist=102.0, hip=101.0, ease_chest=1.0, p95=115.0, reasons=()):
    strains = {"chest": chest, "waist": waist, "hip": hip}
    return {
        "strain_pct": {"mean": 104.0, "p95": p95, "max": p95 + 10},
        "girth_strain_pct": strains,
        "ease_cm": {"chest": ease_chest, "waist": 2.0, "hip": 1.5},
        "girths": {
            name: {"covered": value is not None, "measured": value is not None, "rode_up": False}
            for name, value in strains.items()
        },
        "verdict": "failed" if reasons else "ok",
        "verdict_reasons": list(reasons),
        "contact_pct": 30.0,
        "penetration_pct": 0.0,
        "settled": True,
        "frames": 200,
        "sim_seconds": 3.3,
        "wall_seconds": 4.0,
    }


def test_recommends_the_smallest_size_not_stretched_round_the_body():
    summaries = {"S": _summary(chest=117), "M": _summary(chest=107), "L": _summary(chest=104)}
    size, reason = recommend_size(summaries)
    assert size == "M"
    assert reason.startswith("M is the smallest size") and f"{GIRTH_STRAIN_LIMIT_PCT:.0f} %" in reason


def test_any_one_tight_girth_rules_a_size_out():
    summaries = {"S": _summary(hip=112), "M": _summary()}
    assert recommend_size(summaries)[0] == "M"


def test_negative_ease_rules_a_size_out_even_when_the_fabric_is_not_stretched():
    summaries = {"S": _summary(ease_chest=-0.5), "M": _summary()}
    assert recommend_size(summaries)[0] == "M"


def test_shoulder_strain_from_the_garment_hanging_does_not_count_against_a_size():
    assert recommend_size({"S": _summary(p95=135), "M": _summary(p95=120)})[0] == "S"


def test_a_girth_the_garment_does_not_reach_is_not_held_against_it():
    size, reason = recommend_size({"S": _summary(hip=None)})
    assert size == "S" and "at the chest and waist." in reason and "()" not in reason


def test_a_girth_the_garment_was_cut_for_but_does_not_go_round_on_the_drape_is_never_recommended():
    gaping = _summary(hip=None)
    gaping["girths"]["hip"]["covered"] = True
    size, reason = recommend_size({"S": gaping, "M": _summary()})
    assert size == "M"
    assert "S was not judged: its drape does not go round the body at the hip" in reason


def test_a_failed_drape_is_never_recommended_and_the_reason_says_why():
    summaries = {
        "S": _summary(reasons=["it slid off: it no longer goes round the body at the hip"]),
        "M": _summary(),
    }
    size, reason = recommend_size(summaries)
    assert size == "M"
    assert "S was not judged: it slid off" in reason


def test_no_size_is_recommended_when_every_drape_failed_or_could_not_be_measured():
    summaries = {
        "S": _summary(reasons=["it did not come to rest in 600 frames"]),
        "M": _summary(chest=None, waist=None, hip=None),
    }
    size, reason = recommend_size(summaries)
    assert size is None
    assert reason.startswith("No size can be recommended.")
    assert "did not come to rest" in reason and "no chest, waist or hip girth could be measured" in reason


def test_when_every_size_is_tight_the_loosest_is_named_with_where_it_is_tight():
    summaries = {"S": _summary(chest=130), "M": _summary(chest=120, waist=111)}
    size, reason = recommend_size(summaries)
    assert size == "M"
    assert "Every size is tight" in reason and "chest 120 %" in reason and "waist 111 %" in reason


def test_a_single_tight_size_is_called_tight_not_the_loosest_of_several():
    size, reason = recommend_size({"M": _summary(chest=125)})
    assert size == "M"
    assert "M is tight" in reason and "loosest" not in reason


def test_fit_json_is_whole_and_carries_the_contract_keys(tmp_path):
    summaries = {"S": _summary(chest=118), "M": _summary()}
    size, reason = recommend_size(summaries)
    write_fit_json(tmp_path / "fit.json", summaries, size, reason, {"pattern": "tshirt"})
    document = json.loads((tmp_path / "fit.json").read_text())
    assert document["recommended_size"] == "M"
    assert document["sizes"] == ["S", "M"]
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
    assert list(tmp_path.iterdir()) == [tmp_path / "fit.json"]
