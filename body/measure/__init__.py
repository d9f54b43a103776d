"""Tailor's measurements of a body mesh, after ISO 8559-1 / EN 13402-1 definitions (see
:mod:`body.measure.definitions` for each one).

- :mod:`body.measure.slicing`: horizontal cross-sections of a mesh and the hulls a tape follows;
- :mod:`body.measure.definitions`: where each measurement is taken on one body (a ``MeasurementPlan``);
- :mod:`body.measure.evaluation`: the plan turned into lengths (cm) and girth levels (m).
"""

from body.measure.definitions import ALL_MEASUREMENT_KEYS, plan_measurements, torso_girth_cm, torso_girths_m
from body.measure.evaluation import evaluate_plan, girth_heights, measure_body
from body.measure.plan import MeasurementPlan
from body.measure.slicing import MeshSlicer

__all__ = [
    "ALL_MEASUREMENT_KEYS",
    "MeasurementPlan",
    "MeshSlicer",
    "evaluate_plan",
    "girth_heights",
    "measure_body",
    "plan_measurements",
    "torso_girth_cm",
    "torso_girths_m",
]
