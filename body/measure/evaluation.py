"""Measurements (cm) and girth levels (m) of a body mesh, from the plan of where each is taken."""

import numpy as np

from body.measure.definitions import ALL_MEASUREMENT_KEYS, plan_measurements
from body.measure.plan import MeasurementPlan
from body.measure.slicing import loop_perimeter

__all__ = ["evaluate_plan", "girth_heights", "measure_body"]


def evaluate_plan(plan: MeasurementPlan, vertices: np.ndarray, joints: np.ndarray) -> dict[str, float]:
    """Measurements (cm) of a mesh from a plan made on the same topology.

    Parameters
    ----------
    plan : MeasurementPlan
    vertices : (V, 3) float
    joints : (24, 3) float

    Returns
    -------
    dict[str, float]
        ``ALL_MEASUREMENT_KEYS`` in cm.
    """
    points = plan.weights @ np.concatenate([vertices, joints]).astype(np.float64)
    measurements = {}
    for name, (kind, pieces) in plan.spans.items():
        if kind == "path":
            (start, stop), *_ = pieces
            length = float(np.linalg.norm(np.diff(points[start:stop], axis=0), axis=1).sum())
        elif kind == "rise":
            (start, _), *_ = pieces
            length = float(points[start + 1, 1] - points[start, 1])
        else:
            loops = [loop_perimeter(points[start:stop][:, [0, 2]]) for start, stop in pieces]
            length = max(loops) if kind == "largest_loop" else min(loops)
        measurements[name] = 100.0 * length
    return measurements


def girth_heights(vertices: np.ndarray, faces: np.ndarray, joints: np.ndarray) -> dict[str, float]:
    """The level (y, metres, same frame as ``vertices``) at which each girth is taken.

    Parameters
    ----------
    vertices : (V, 3) float
        Rest-pose mesh, metres, Y up, facing +Z.
    faces : (F, 3) int
    joints : (24, 3) float

    Returns
    -------
    dict[str, float]
        ``chest``, ``waist``, ``hip``, ``neck``, ``thigh``.
    """
    plan = plan_measurements(vertices, faces, joints)
    points = plan.weights @ np.concatenate([vertices, joints]).astype(np.float64)
    heights = {}
    for name, (kind, pieces) in plan.spans.items():
        if kind in ("largest_loop", "smallest_loop"):
            loops = [points[start:stop] for start, stop in pieces]
            perimeters = [loop_perimeter(loop[:, [0, 2]]) for loop in loops]
            pick = np.argmax if kind == "largest_loop" else np.argmin
            heights[name] = float(loops[int(pick(perimeters))][:, 1].mean())
    return heights


def measure_body(vertices: np.ndarray, faces: np.ndarray, joints: np.ndarray) -> dict[str, float]:
    """Tailor's measurements of a rest-pose body.

    Parameters
    ----------
    vertices : (V, 3) float
        Metres, Y up, facing +Z, arms away from the torso (the model's rest pose).
    faces : (F, 3) int
    joints : (24, 3) float
        SMPL joints.

    Returns
    -------
    dict[str, float]
        ``ALL_MEASUREMENT_KEYS`` in cm, rounded to 0.01 cm.
    """
    plan = plan_measurements(vertices, faces, joints)
    measured = evaluate_plan(plan, vertices, joints)
    return {key: round(measured[key], 2) for key in ALL_MEASUREMENT_KEYS}
