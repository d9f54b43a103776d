"""``fitroom population``: correlated people from ANSUR II statistics, each a body the model can make."""

import csv

import numpy as np

from body.fit_measurements import check_measurement_ranges
from body.model import load_body_model
from viewer.cli import main
from viewer.population import ANSUR_II, draw_people


def test_ansur_people_are_correlated_like_the_survey_and_reproducible():
    people, refused = draw_people("men", 400, seed=0)
    values = np.array([[row[key] for key in ("height", "chest", "waist", "hip")] for row in people])
    stats = ANSUR_II["male"]
    correlation = np.corrcoef(values.T)
    # Refusing bodies the model cannot make trims the tails, so the figures are near, not equal.
    assert np.all(np.abs(values.mean(axis=0) - stats["mean"]) < 0.5 * np.asarray(stats["sd"]))
    assert correlation[1, 2] > 0.6 and correlation[2, 3] > 0.6 and 0.0 <= refused < 0.5
    assert draw_people("men", 400, seed=0)[0] == people


def test_every_person_drawn_is_a_body_the_model_can_make(tmp_path):
    out = tmp_path / "people.csv"
    assert main(["population", "--gender", "women", "--n", "50", "--seed", "2", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 50 and {row["gender"] for row in rows} == {"female"}
    model = load_body_model("female")
    for row in rows:
        check_measurement_ranges({key: float(row[key]) for key in ("height", "chest", "waist", "hip")}, model)


def test_people_from_the_body_models_shape_space_are_measured_bodies():
    people, refused = draw_people("women", 3, seed=1, source="model")
    assert refused == 0.0 and [row["id"] for row in people] == ["w1", "w2", "w3"]
    for row in people:
        assert 120 < row["height"] < 230 and row["waist"] < row["hip"] + 30
