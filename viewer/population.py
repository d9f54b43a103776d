"""Realistic people to try a size chart on: correlated height, chest, waist and hip.

Two sources. ``ansur`` draws from a multivariate normal with the means, standard deviations and
correlations of the 2012 U.S. Army Anthropometric Survey (ANSUR II: Gordon, Blackwell, Bradtmiller et
al., *2012 Anthropometric Survey of U.S. Army Personnel: Methods and Summary Statistics*,
NATICK/TR-15/007, 2014; public domain; 1,986 women and 4,082 men aged 17-58). Its columns are
``stature``, ``chestcircumference``, ``waistcircumference`` (at the omphalion, the navel) and
``buttockcircumference`` (the hip, at the buttocks' greatest protrusion). The hip's mean and standard
deviation are taken from the public CSVs' 1st and 99th percentiles (women 86.7-120.6 cm, men
86.2-121.8 cm: sd = spread / 4.65); stature, chest and waist are the report's summary figures rounded to
0.1 cm, correlations rounded to 0.05 (they were not re-read from the report's tables when this was
written: check them against TR-15/007 before quoting them). It is a soldier sample, leaner and younger
than a shop's customers: a population to try a chart on, not a market. Its waist is the navel's, which
sits lower and rounder than the natural waist the body model makes, so a draw the body model cannot make
(a waist too large for its hip, :func:`body.fit_measurements.check_measurement_ranges`) is drawn again;
:func:`draw_people` says what share of draws that was.

``model`` draws from the body model's own shape space: shape coefficients from the standard normal the
model was built to (its principal components of adult anny bodies, phenotypes drawn uniformly), clipped
to the model's plausible range, each body measured as ``fitroom body`` measures it.
"""

import numpy as np

__all__ = ["ANSUR_II", "POPULATION_GENDERS", "POPULATION_SOURCES", "draw_people"]

# ``--gender`` words -> the body model's gender.
POPULATION_GENDERS = {"women": "female", "men": "male"}
POPULATION_SOURCES = ("ansur", "model")
# Measurements drawn, in this order in the means, standard deviations and correlation matrices.
_KEYS = ("height", "chest", "waist", "hip")
# ANSUR II (2012) summary statistics in cm: stature, chest, waist (omphalion) and buttock circumference.
ANSUR_II = {
    "female": {
        "mean": (162.9, 91.5, 85.2, 102.8),
        "sd": (6.4, 7.4, 9.9, 7.3),
        "correlation": (
            (1.00, 0.20, 0.15, 0.35),
            (0.20, 1.00, 0.80, 0.75),
            (0.15, 0.80, 1.00, 0.80),
            (0.35, 0.75, 0.80, 1.00),
        ),
    },
    "male": {
        "mean": (175.6, 104.2, 94.2, 103.0),
        "sd": (6.9, 8.6, 11.1, 7.6),
        "correlation": (
            (1.00, 0.30, 0.25, 0.40),
            (0.30, 1.00, 0.85, 0.80),
            (0.25, 0.85, 1.00, 0.85),
            (0.40, 0.80, 0.85, 1.00),
        ),
    },
}
# Draws beyond this many standard deviations (on any measurement) are drawn again: the survey's own
# extremes, and beyond what a body model built from adults is asked to make.
_MAX_SIGMA = 3.0


def _makeable(model, row) -> bool:
    """Whether the body model can make a body of these measurements (height, chest, waist, hip cm)."""
    from body.fit_measurements import check_measurement_ranges
    from body.model_errors import MeasurementRangeError

    try:
        check_measurement_ranges(dict(zip(_KEYS, map(float, row), strict=True)), model)
    except MeasurementRangeError:
        return False
    return True


def _ansur(gender: str, count: int, rng) -> tuple[np.ndarray, float]:
    """(count, 4) height, chest, waist, hip in cm from the ANSUR II multivariate normal, and the share
    of draws refused (beyond ``_MAX_SIGMA`` or outside the body model's range)."""
    from body.model import load_body_model

    model = load_body_model(gender)
    stats = ANSUR_II[gender]
    sd = np.asarray(stats["sd"])
    covariance = np.asarray(stats["correlation"]) * np.outer(sd, sd)
    kept, tried = [], 0
    while len(kept) < count:
        batch = rng.multivariate_normal(stats["mean"], covariance, size=count)
        tried += len(batch)
        near = np.all(np.abs(batch - stats["mean"]) <= _MAX_SIGMA * sd, axis=1)
        kept += [row for row in batch[near] if _makeable(model, row)]
    return np.asarray(kept[:count]), 1.0 - len(kept) / tried


def _model(gender: str, count: int, rng) -> tuple[np.ndarray, float]:
    """(count, 4) height, chest, waist, hip in cm of bodies drawn from the body model's shape space
    (none refused)."""
    from body.model import load_body_model

    model = load_body_model(gender)
    bound = np.asarray(model.betas_bound, dtype=np.float64)
    betas = np.clip(rng.standard_normal((count, model.shape_count)), -bound, bound)
    rows = []
    for shape in betas:
        measured = model.body(shape.astype(np.float32)).measurements_cm
        rows.append([measured[key] for key in _KEYS])
    return np.asarray(rows), 0.0


def draw_people(gender: str, count: int, seed: int = 0, source: str = "ansur") -> tuple[list[dict], float]:
    """``count`` people of ``gender`` as people-file rows (``id``, ``gender``, height, chest, waist, hip
    in cm, rounded to 0.1 cm), and the share of draws refused and drawn again.

    Parameters
    ----------
    gender : {"women", "men"}
    count : int
    seed : int
        The same seed draws the same people.
    source : {"ansur", "model"}
        See the module docstring.
    """
    model_gender = POPULATION_GENDERS[gender]
    rng = np.random.default_rng(seed)
    values, refused = (_ansur if source == "ansur" else _model)(model_gender, count, rng)
    width = len(str(count))
    people = [
        {"id": f"{gender[0]}{index:0{width}d}", "gender": model_gender}
        | {key: round(float(value), 1) for key, value in zip(_KEYS, row, strict=True)}
        for index, row in enumerate(values, start=1)
    ]
    return people, refused
