"""Verdicts on drapes a designer would reject, and no recommendation from them."""

import json

import numpy as np

from body import default_body
from viewer.cli import main
from viewer.drape_verdict import drape_verdict
from viewer.girth_fit import girth_fit
from viewer.ring_heights import ring_heights
from viewer.size_drape import start_drape


def test_a_panel_torn_away_from_its_seams_is_failed_naming_the_seam():
    body = default_body()
    garment, drape = start_drape(body, "tank_top", "M", device="cpu", edge_length=0.03)
    result = drape.run(max_frames=400)
    drape.close()
    heights = ring_heights(body)

    def verdict_of(result):
        return drape_verdict(garment, result, girth_fit(garment, result, body, heights)["girths"])

    assert verdict_of(result)[0] == "ok"
    front = garment.panel_names.index("front")
    torn = np.unique(garment.faces[garment.face_panel == front])
    result.positions = result.positions.copy()
    result.positions[torn, 2] += 0.05
    verdict, reasons = verdict_of(result)
    assert verdict == "failed"
    assert any("seam of front and back is open 5" in reason for reason in reasons), reasons


def test_a_front_pushed_back_through_the_back_is_failed_as_passing_through_itself():
    from sim.collision.self_intersections import self_intersecting_pairs

    body = default_body()
    garment, drape = start_drape(body, "tank_top", "M", device="cpu", edge_length=0.03)
    result = drape.run(max_frames=400)
    representative = drape.model.representative
    drape.close()
    heights = ring_heights(body)
    assert len(result.self_intersecting_faces) <= 0.01 * len(garment.faces)
    front = np.unique(garment.faces[garment.face_panel == garment.panel_names.index("front")])
    depth = np.ptp(result.positions[:, 2])
    result.positions = result.positions.copy()
    result.positions[front, 2] -= 0.6 * depth
    result.self_intersecting_faces = self_intersecting_pairs(result.positions, garment.faces, representative)
    verdict, reasons = drape_verdict(garment, result, girth_fit(garment, result, body, heights)["girths"])
    assert verdict == "failed"
    assert any("passes through itself" in reason for reason in reasons), reasons


def test_when_no_drape_can_be_judged_fit_exits_3_and_says_why(tmp_path, capsys):
    (tmp_path / "body.json").write_text(json.dumps(default_body().to_dict()))
    status = main(
        ["fit", "--body", str(tmp_path / "body.json"), "--pattern", "tshirt", "--sizes", "S,M",
         "--edge-length", "4", "--max-frames", "3", "--device", "cpu", "--out", str(tmp_path / "fit")]
    )  # fmt: skip
    assert status == 3
    document = json.loads((tmp_path / "fit" / "fit.json").read_text())
    assert document["recommended_size"] is None
    assert document["S"]["verdict"] == "failed" and document["M"]["verdict_reasons"]
    out = capsys.readouterr().out
    assert "No size can be recommended" in out and "did not come to rest in 3 frames" in out


def test_a_skirt_whose_waistband_is_wider_than_the_hip_falls_to_the_feet_and_is_failed():
    from viewer.size_drape import drape_size

    body = default_body()
    drape = drape_size(body, "skirt", "XXL", device="cpu", edge_length=0.03, max_frames=400)
    floor = float(body.vertices[:, 1].min())
    assert drape.result.positions[:, 1].min() >= floor - 1e-3
    assert drape.summary["verdict"] == "failed"
    reasons = " ".join(drape.summary["verdict_reasons"])
    assert "slid off" in reasons, reasons
    knee = float(body.joint("left_knee")[1])
    assert np.percentile(drape.result.positions[:, 1], 95) < knee, "it fell to the feet"


def test_a_skirt_and_trousers_a_size_up_slide_to_the_hips_and_stay_there():
    """On the default body (a chart-M woman: waist 76, hip 100 cm) the L waistbands (88.5 cm) are loose
    at the waist but smaller than the hip: they slide down, are caught on the hips and judged there."""
    from viewer.size_drape import drape_size

    body = default_body()
    hip_height = ring_heights(body)["hip"]
    # The 3 cm trousers' legs never quite come to rest (they do at 2 cm): judged on staying up only.
    for pattern in ("skirt", "trousers"):
        drape = drape_size(body, pattern, "L", device="cpu", edge_length=0.03, max_frames=400)
        waist = drape.summary["girths"]["waist"]
        reasons = drape.summary["verdict_reasons"]
        assert not any("slid" in reason for reason in reasons), (pattern, reasons)
        assert pattern != "skirt" or drape.summary["verdict"] == "ok", reasons
        assert waist["measured"] and not waist["below_hip"], (pattern, waist)
        assert waist["worn_below_cm"] > 2.0, (pattern, waist)
        assert drape.result.positions[:, 1].max() > hip_height + 0.05, pattern
        assert drape.summary["ease_cm"]["waist"] is not None


def test_a_tank_top_sewn_side_to_opposite_side_across_the_body_is_failed_and_not_recommended(
    tmp_path, capsys
):
    """Each front side seam sewn to the back's other side: seams cross the body, as a slip in a seams file
    would make them. The drape is failed with the crossing named, and fit recommends nothing (exit 3)."""
    from assets import asset_path

    document = json.loads(asset_path("patterns", "tank_top.json").read_text())
    crossed = [(1, 1), (2, 2), (3, 3), (9, 10), (10, 11), (11, 12), (5, 8), (7, 5)]
    document["pattern"]["stitches"] = [
        [{"panel": "front", "edge": a}, {"panel": "back", "edge": b}] for a, b in crossed
    ]
    (tmp_path / "crossed.json").write_text(json.dumps(document))
    (tmp_path / "body.json").write_text(json.dumps(default_body().to_dict()))
    status = main(
        ["fit", "--body", str(tmp_path / "body.json"), "--pattern", str(tmp_path / "crossed.json"),
         "--sizes", "M", "--edge-length", "3", "--max-frames", "200", "--device", "cpu",
         "--out", str(tmp_path / "fit")]
    )  # fmt: skip
    assert status == 3
    fit = json.loads((tmp_path / "fit" / "fit.json").read_text())
    assert fit["recommended_size"] is None and fit["M"]["verdict"] == "failed"
    reasons = " ".join(fit["M"]["verdict_reasons"])
    assert "seam of front and back is open" in reasons or "passes through itself" in reasons, reasons


def test_trousers_on_a_heavy_body_are_measured_round_the_hip_seen_from_the_spine():
    """Seen from the mean of the body's vertices at hip level (hands and belly pull it 30 cm forward
    on this body), trousers seemed not to go round the hip; seen from the spine they do."""
    from types import SimpleNamespace

    from body import body_from_measurements
    from garments import make_garment

    body = body_from_measurements({"height": 168, "chest": 125, "waist": 109, "hip": 132}, "female")
    garment = make_garment("trousers", body, size="XXL", edge_length=0.03)
    as_placed = SimpleNamespace(
        positions=garment.positions,
        strain_pct=np.full(len(garment.faces), 100.0),
        face_area_m2=np.ones(len(garment.faces)),
    )
    hip = girth_fit(garment, as_placed, body, ring_heights(body))["girths"]["hip"]
    assert hip["covered"] and hip["measured"], hip
