"""Bodies from measurements: round trips across genders and sizes, and requests no body can meet."""

import json

import numpy as np
import pytest

from assets import asset_path
from body import body_from_measurements, load_body_model
from body.fit_measurements import FIT_TOLERANCE_CM
from body.model_errors import MeasurementRangeError, NoBodyRequestError, UnknownMeasurementError

_CHART = json.loads(asset_path("size_charts.json").read_text())


def _chart_targets(group: str, size: str) -> dict[str, float]:
    targets = {"height": float(_CHART[group]["height"])}
    targets.update({key: sum(_CHART[group][size][key]) / 2 for key in ("chest", "waist", "hip")})
    return targets


@pytest.mark.parametrize(
    ("gender", "group", "size"),
    [
        ("female", "women", "XS"),
        ("female", "women", "L"),
        ("female", "women", "XXL"),
        ("male", "men", "S"),
        ("male", "men", "XL"),
    ],
)
def test_size_chart_bodies_come_back_within_half_a_centimetre(gender, group, size):
    targets = _chart_targets(group, size)
    body = body_from_measurements(targets, gender)
    assert body.gender == gender and body.source == "measurements"
    for key, wanted in targets.items():
        assert abs(body.measurements_cm[key] - wanted) <= FIT_TOLERANCE_CM, (key, body.measurements_cm[key])


@pytest.mark.parametrize(("gender", "seed"), [("female", 1), ("male", 2)])
def test_all_six_measurements_of_a_model_body_come_back(gender, seed):
    model = load_body_model(gender)
    betas = np.random.default_rng(seed).normal(0.0, 0.5, model.shape_count)
    keys = ("height", "chest", "waist", "hip", "inseam", "shoulder_width")
    targets = {key: model.body(betas).measurements_cm[key] for key in keys}
    body = body_from_measurements(targets, gender)
    for key, wanted in targets.items():
        assert abs(body.measurements_cm[key] - wanted) <= FIT_TOLERANCE_CM, (key, body.measurements_cm[key])


def test_a_height_alone_gives_an_ordinary_body_of_that_height():
    body = body_from_measurements({"height": 160}, "female")
    assert abs(body.measurements_cm["height"] - 160) <= FIT_TOLERANCE_CM
    assert body.measurements_cm["waist"] < body.measurements_cm["hip"]


def test_requests_no_body_can_meet_name_the_measurement_and_the_range():
    with pytest.raises(MeasurementRangeError, match=r"height of 400 cm .* ask for \d+ to \d+ cm"):
        body_from_measurements({"height": 400}, "female")
    with pytest.raises(
        MeasurementRangeError, match=r"waist of 115 cm with a hip of 55 cm .* waist of \d+ to \d+"
    ):
        body_from_measurements({"waist": 115, "hip": 55}, "female")
    with pytest.raises(UnknownMeasurementError, match="bust"):
        body_from_measurements({"bust": 90}, "female")
    with pytest.raises(NoBodyRequestError, match="height"):
        body_from_measurements({}, "female")
