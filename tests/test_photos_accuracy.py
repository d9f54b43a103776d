"""Bodies from photos, measured: a reduced randomised benchmark, and the file and pose paths."""

import json

import numpy as np
import pytest
from PIL import Image

from body import load_body_model
from body.body_json import load_body_json, save_body_json
from body.fit_measurements import body_from_measurements
from body.photo.bench import BENCH_TARGETS_CM, TUNING_SEEDS, render_bench_person, run_photo_bench
from body.photo.conditions import typical_conditions
from body.photo.estimate import body_from_photos
from body.photo.fit import typical_height_m
from fitroom.size_chart import size_measurements_cm

# Each module renders and fits bodies from photos: several seconds a test.
pytestmark = pytest.mark.slow

_GIRTHS = ("chest", "waist", "hip")


@pytest.fixture(scope="module")
def bench():
    # The first two people of the first tuning seed: a bare woman (126 cm hip, arms 10 degrees from
    # her body, a room behind her) and a bare man, each under randomly drawn camera and scene.
    return run_photo_bench(n_people=2, seeds=TUNING_SEEDS[:1], modes=("front_side", "front_only"))


def test_a_reduced_randomised_bench_estimates_every_person_at_the_given_height(bench):
    assert bench["failures"] == [] and bench["people"] == 2
    assert bench["groups"]["front_side/all"]["mae_cm"]["height"] <= 0.5
    assert {p["gender"] for p in bench["per_person"]} == {"female", "male"}
    assert not bench["held_out"] and bench["tuning_seeds"] == list(TUNING_SEEDS)


@pytest.mark.xfail(
    reason="issue 15: from the front alone the first woman (arms 10 degrees from her body, against her "
    "sides) reads chest -6.3 and waist -9.6 cm, so the two people's MAE is chest 3.4, waist 5.7, hip 0.9 cm "
    "(over the six people of this seed 3.6, 5.4, 1.0: front-only waists read small)",
    strict=True,
)
def test_a_reduced_randomised_bench_meets_the_front_only_target(bench):
    group = bench["groups"]["front_only/bare"]
    for key in _GIRTHS:
        assert group["mae_cm"][key] <= BENCH_TARGETS_CM["front_only"]["bare"], (key, group)


def test_a_reduced_randomised_bench_front_and_side_stay_within_the_front_only_target(bench):
    group = bench["groups"]["front_side/bare"]
    for key in _GIRTHS:
        assert group["mae_cm"][key] <= BENCH_TARGETS_CM["front_only"]["bare"], (key, group)


# A bound on these two people, not the 1.5 cm target (judged on the held-out bench, where it is
# not met yet): they read waist 1.1 cm with one build of anny's cache and 1.65 cm with a fresh one (the
# bench's people are drawn through anny), so the target itself would pass or fail by the machine.
# Before the fit matched the body's smooth contour they read 1.9 / 1.9 / 3.0 cm.
_REDUCED_FRONT_SIDE_BOUND_CM = 2.0


def test_a_reduced_randomised_bench_front_and_side_stay_near_the_bare_target(bench):
    group = bench["groups"]["front_side/bare"]
    for key in _GIRTHS:
        assert group["mae_cm"][key] <= _REDUCED_FRONT_SIDE_BOUND_CM, (key, group)


def test_body_from_photo_files_names_its_source_keeps_its_colours_and_draws_overlays(tmp_path):
    model = load_body_model("female")
    truth, photos = render_bench_person(
        model, np.zeros(model.shape_count, dtype=np.float32), typical_conditions()
    )
    paths = []
    for photo in photos:
        paths.append(tmp_path / photo.name.replace(".png", ".jpg"))
        Image.fromarray(photo.rgb).save(paths[-1], quality=92)
    body = body_from_photos(
        paths[0],
        paths[1],
        height_cm=truth.measurements_cm["height"],
        gender="female",
        overlay_dir=tmp_path / "fit",
    )
    assert body.source == "photos: front.jpg, side.jpg"
    assert body.gender == "female" and body.model == "fitroom-anny"
    assert np.all(body.pose == 0.0)  # the default output stands in the model's rest pose
    assert body.vertices[:, 1].min() == pytest.approx(0.0, abs=1e-5)
    for key in _GIRTHS:
        assert abs(body.measurements_cm[key] - truth.measurements_cm[key]) <= 3.0, key
    for name in ("front_fit.png", "side_fit.png"):
        overlay = np.asarray(Image.open(tmp_path / "fit" / name))
        assert overlay.shape == photos[0].rgb.shape
        assert not np.array_equal(overlay, photos[0].rgb)
    save_body_json(body, tmp_path / "body.json")
    written = json.loads((tmp_path / "body.json").read_text())
    assert set(written["appearance"]) == {"skin_rgb", "hair_rgb"}
    assert load_body_json(tmp_path / "body.json").appearance == written["appearance"]


def test_keep_pose_keeps_the_arms_where_the_photo_has_them(tmp_path):
    model = load_body_model("male")
    conditions = typical_conditions(arm_angle_deg=15.0)
    truth, photos = render_bench_person(model, np.zeros(model.shape_count, dtype=np.float32), conditions)
    path = tmp_path / "front.png"
    Image.fromarray(photos[0].rgb).save(path)
    body = body_from_photos(path, height_cm=truth.measurements_cm["height"], gender="male", keep_pose=True)
    rest = model.body(body.betas)
    for wrist in ("left_wrist", "right_wrist"):
        # The photo's arms hang closer to the body than the model's A-pose.
        assert abs(body.joint(wrist)[0]) < abs(rest.joint(wrist)[0]) - 0.05, wrist
    assert np.any(body.pose != 0.0)
    assert body.source == "photos: front.png"


def test_without_a_height_a_woman_of_typical_height_reads_her_height_and_is_told_it_is_assumed(
    tmp_path, capsys
):
    # No photo fixes the scale. The fit used to hold the height near the model's own mean shape
    # (174 cm for women) and read this 168 cm woman 174.7 cm tall; `fitroom body` did not say that the
    # height was a guess.
    from viewer.cli import main

    model = load_body_model("female")
    betas = body_from_measurements(size_measurements_cm("women", "M"), "female", model).betas
    truth, photos = render_bench_person(model, betas, typical_conditions())
    paths = []
    for photo in photos:
        paths.append(tmp_path / photo.name)
        Image.fromarray(photo.rgb).save(paths[-1])
    argv = ["body", "--front", str(paths[0]), "--side", str(paths[1]), "--gender", "female"]
    assert main([*argv, "-o", str(tmp_path / "body.json")]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "No --height given: the body was made 168 cm tall, the typical height of a woman" in printed
    assert "give --height CM" in printed
    body = load_body_json(tmp_path / "body.json")
    assert body.source == (
        "photos: front.png, side.png (no height given: 168 cm assumed, the typical height of a woman)"
    )
    assert body.measurements_cm["height"] == pytest.approx(truth.measurements_cm["height"], abs=1.5)
    assert typical_height_m("female") == pytest.approx(1.68)
