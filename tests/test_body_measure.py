"""Tailor's measurements: exact answers on a mannequin of prisms, sensible answers on real bodies."""

import numpy as np
import pytest
import torch
from mannequin import MANNEQUIN_CM, mannequin, polygon_perimeter, prism, round_outline, star_outline

from body.measure import ALL_MEASUREMENT_KEYS, MeshSlicer, girth_heights, measure_body, plan_measurements
from body.measure_torch import measure_plan_torch


def test_every_measurement_of_the_mannequin_is_what_a_tape_reads():
    vertices, faces, joints = mannequin()
    measured = measure_body(vertices, faces, joints)
    assert tuple(measured) == ALL_MEASUREMENT_KEYS
    for key, expected in MANNEQUIN_CM.items():
        assert measured[key] == pytest.approx(expected, abs=0.02), key


def test_a_cylinder_cross_section_is_one_loop_with_the_cylinder_perimeter():
    vertices, faces = prism(round_outline(0.0, 0.0, 0.2), 0.0, 1.0)
    loops = MeshSlicer(vertices, faces).section_loops(0.37)
    assert len(loops) == 1
    points = loops[0][2]
    assert np.allclose(points[:, 1], 0.37)
    around = points[np.argsort(np.arctan2(points[:, 2], points[:, 0]))][:, [0, 2]]
    perimeter = np.linalg.norm(np.roll(around, -1, axis=0) - around, axis=1).sum()
    assert perimeter == pytest.approx(polygon_perimeter(0.2), rel=1e-3)


def test_the_tape_bridges_hollows_and_skips_the_arms():
    vertices, faces, joints = mannequin()
    measured = measure_body(vertices, faces, joints)
    star = star_outline(0.16, 0.13)
    star_loop_cm = 100 * np.linalg.norm(np.roll(star, -1, axis=0) - star, axis=1).sum()
    assert measured["hip"] < star_loop_cm - 5.0
    # The chest level cuts both arms too; only the torso loop counts.
    assert measured["chest"] == pytest.approx(100 * polygon_perimeter(0.15), abs=0.02)


def test_girths_are_taken_at_the_levels_of_their_parts():
    vertices, faces, joints = mannequin()
    levels = girth_heights(vertices, faces, joints)
    assert 0.80 < levels["hip"] < 0.951 and 0.951 < levels["waist"] < 1.101 and 1.101 < levels["chest"] < 1.40
    assert 1.45 < levels["neck"] < 1.55 and levels["thigh"] == pytest.approx(0.78)


def test_measurements_follow_the_body_not_where_it_stands():
    vertices, faces, joints = mannequin()
    moved = measure_body(vertices + [0.5, 0.0, -1.0], faces, joints + [0.5, 0.0, -1.0])
    scaled = measure_body(vertices * 1.1, faces, joints * 1.1)
    original = measure_body(vertices, faces, joints)
    for key in ALL_MEASUREMENT_KEYS:
        assert moved[key] == pytest.approx(original[key], abs=0.01), key
        assert scaled[key] == pytest.approx(1.1 * original[key], rel=2e-3), key


def test_the_differentiable_measurements_agree_and_have_gradients():
    vertices, faces, joints = mannequin()
    plan = plan_measurements(vertices, faces, joints)
    vertex_tensor = torch.tensor(vertices, requires_grad=True)
    measured = measure_plan_torch(plan, vertex_tensor, torch.tensor(joints))
    for key, expected in MANNEQUIN_CM.items():
        assert measured[key].item() == pytest.approx(expected, abs=0.02), key
    measured["chest"].backward()
    gradient = vertex_tensor.grad.numpy()
    moving = np.flatnonzero(np.abs(gradient).sum(axis=1) > 0)
    assert moving.size > 0
    # Pushing chest vertices outward lengthens the tape; nothing below the waist takes part.
    outward = np.einsum("vc,vc->v", gradient[moving][:, [0, 2]], vertices[moving][:, [0, 2]])
    assert np.all(outward >= 0) and outward.sum() > 0
    assert vertices[moving, 1].min() > 1.1


@pytest.fixture(scope="module")
def female_model():
    from body.model import load_body_model

    return load_body_model("female")


def test_a_real_body_measures_like_a_person(female_model):
    for betas in [np.zeros(female_model.shape_count), 0.3 * np.ones(female_model.shape_count)]:
        measured = female_model.body(betas).measurements_cm
        assert 140 < measured["height"] < 200
        assert measured["waist"] < measured["hip"]
        assert measured["waist"] < measured["chest"]
        assert 0.38 < measured["inseam"] / measured["height"] < 0.55
        assert 25 < measured["neck"] < 50
        assert measured["thigh"] < measured["hip"] / 1.4
