"""Placement: every pattern, every size, on small and large bodies of both genders, clear of the body."""

from pathlib import Path

import numpy as np
import pytest

from fitroom.size_chart import size_measurements_cm
from garments import Garment, bundled_patterns, load_pattern, make_garment, mesh_pattern, place_garment
from garments.grading import grade_pattern
from garments.point_in_mesh import points_inside

GARMENTCODE = Path(__file__).parent / "data" / "patterns" / "garmentcode"
FILES = [GARMENTCODE / "shirt_mean_specification.json", GARMENTCODE / "dress_pencil_specification.json"]
SIZES = ("XS", "S", "M", "L", "XL", "XXL")
# A coarse mesh keeps the sweep over patterns, sizes and bodies fast; placement does not depend on it.
SWEEP_EDGE_LENGTH = 0.04


@pytest.fixture(scope="module")
def default_body():
    from body import load_body_model

    return load_body_model("female").body(np.zeros(10))


@pytest.fixture(scope="module")
def sized_bodies():
    """Female and male bodies fitted to the chart's chest, waist, hip and height of each size."""
    from body import body_from_measurements

    return {
        (gender, size): body_from_measurements(size_measurements_cm(chart, size), gender)
        for gender, chart in (("female", "women"), ("male", "men"))
        for size in SIZES
    }


def _distance_to_body(points: np.ndarray, body) -> np.ndarray:
    from scipy.spatial import cKDTree

    return cKDTree(body.vertices).query(points)[0]


def _assert_worn(garment: Garment, body) -> None:
    """No vertex inside the body; fronts in front, backs behind, every vertex within reach of the body."""
    assert not points_inside(body.vertices, body.faces, garment.positions).any()
    distance = _distance_to_body(garment.positions, body)
    assert distance.min() > 0.005 and np.median(distance) < 0.08
    centre_z = body.joint("spine2")[2]
    for index, name in enumerate(garment.panel_names):
        faces = garment.faces[garment.face_panel == index]
        z = garment.positions[np.unique(faces), 2].mean()
        if name in ("front", "left_front", "right_front", "skirt_front") or "ftorso" in name:
            assert z > centre_z, name
        if name in ("back", "left_back", "right_back", "skirt_back") or "btorso" in name:
            assert z < centre_z, name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_garmentcode_files_place_on_the_default_body(path, default_body):
    garment = place_garment(mesh_pattern(load_pattern(path)), default_body)
    _assert_worn(garment, default_body)


def test_tshirt_is_placed_sleeves_round_the_arms(default_body):
    garment = make_garment("tshirt", default_body, size="M")
    assert garment.positions.dtype == np.float32 and garment.positions.shape == (garment.vertex_count, 3)
    _assert_worn(garment, default_body)
    for side, sign in (("left", 1.0), ("right", -1.0)):
        sleeve = np.unique(garment.faces[garment.face_panel == garment.panel_names.index(f"{side}_sleeve")])
        shoulder, elbow = default_body.joint(f"{side}_shoulder"), default_body.joint(f"{side}_elbow")
        along = (elbow - shoulder) / np.linalg.norm(elbow - shoulder)
        offset = garment.positions[sleeve] - shoulder
        radial = np.linalg.norm(offset - np.outer(offset @ along, along), axis=1)
        assert np.all(sign * garment.positions[sleeve, 0] > 0.1)
        assert np.median(radial) < 0.12


def test_faces_look_outward_once_placed(default_body):
    garment = make_garment("tshirt", default_body, size="L", edge_length=0.03)
    corners = garment.positions[garment.faces]
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    from scipy.spatial import cKDTree

    centres = corners.mean(axis=1)
    nearest = default_body.vertices[cKDTree(default_body.vertices).query(centres)[1]]
    assert ((normals * (centres - nearest)).sum(axis=1) > 0).mean() > 0.95


@pytest.mark.parametrize("gender", ["female", "male"])
def test_every_pattern_places_in_every_size_clear_of_the_body(gender, sized_bodies):
    for name in bundled_patterns():
        pattern = load_pattern(name)
        for size in SIZES:
            body = sized_bodies[(gender, size)]
            garment = place_garment(mesh_pattern(grade_pattern(pattern, size), SWEEP_EDGE_LENGTH), body)
            assert not points_inside(body.vertices, body.faces, garment.positions).any(), (name, size)
            assert np.median(_distance_to_body(garment.positions, body)) < 0.08, (name, size)


def test_points_inside_agrees_with_a_sphere():
    import trimesh

    sphere = trimesh.creation.icosphere(subdivisions=3, radius=0.2)
    points = np.random.default_rng(7).uniform(-0.3, 0.3, (2000, 3))
    radius = np.linalg.norm(points, axis=1)
    clear = np.abs(radius - 0.2) > 0.01
    inside = points_inside(sphere.vertices, sphere.faces, points)
    assert np.array_equal(inside[clear], radius[clear] < 0.2)


def test_garmentcode_layout_that_already_fits_is_kept(default_body, tmp_path):
    import json

    vertices = default_body.vertices
    belly_height = float(default_body.joint("spine1")[1])
    near = (np.abs(vertices[:, 1] - belly_height) < 0.03) & (np.abs(vertices[:, 0]) < 0.1)
    front_z, back_z = vertices[near, 2].max(), vertices[near, 2].min()
    edges = [{"endpoints": [i, (i + 1) % 4]} for i in range(4)]

    def patch(z_cm: float, outline: list) -> dict:
        return {"translation": [0, belly_height * 100, z_cm], "rotation": [0, 0, 0], "vertices": outline,
                "edges": edges}  # fmt: skip

    square = [[-5, -5], [5, -5], [5, 5], [-5, 5]]
    panels = {
        "patch_front": patch(front_z * 100 + 3, square),
        "patch_back": patch(back_z * 100 - 3, square[::-1]),
    }
    spec = {"pattern": {"panels": panels, "stitches": []}, "properties": {"units_in_meter": 100}}
    path = tmp_path / "patches_specification.json"
    path.write_text(json.dumps(spec))
    meshed = mesh_pattern(load_pattern(path), 0.02)
    garment = place_garment(meshed, default_body)
    front = meshed.vertex_panel == 0
    assert np.allclose(garment.positions[front, 2], front_z + 0.03, atol=1e-5)
    assert np.allclose(garment.positions[~front, 2], back_z - 0.03, atol=1e-5)


def test_made_to_measure_garment_fits_the_body_it_was_drafted_for(default_body):
    garment = make_garment("shirt_dress", default_body, size="made-to-measure", edge_length=0.03)
    assert garment.size == "made-to-measure"
    _assert_worn(garment, default_body)


@pytest.mark.parametrize("gender", ["female", "male"])
def test_skirts_and_trousers_start_with_their_top_at_the_waist_the_body_was_measured_at(gender, sized_bodies):
    """The waist a waistband is placed at is the body's measured waist (``Body.girth_heights``), the
    level the waist girth in BODY.json and the fit's waist ring are read at, on every body."""
    for name in ("skirt", "trousers", "trousers_men"):
        pattern = load_pattern(name)
        for size in SIZES:
            body = sized_bodies[(gender, size)]
            garment = place_garment(mesh_pattern(grade_pattern(pattern, size), SWEEP_EDGE_LENGTH), body)
            top = float(garment.positions[:, 1].max())
            waist = body.girth_heights()["waist"]
            assert waist < top < waist + 0.04, (name, size, top, waist)
