"""Meshing: quality triangles at the target size, seams sampled vertex for vertex in the right direction."""

import json
from pathlib import Path

import numpy as np
import pytest

from garments import grade_pattern, load_pattern, mesh_pattern

GARMENTCODE = Path(__file__).parent / "data" / "patterns" / "garmentcode"
FILES = [GARMENTCODE / "shirt_mean_specification.json", GARMENTCODE / "dress_pencil_specification.json"]


def _angles_deg(points: np.ndarray, faces: np.ndarray) -> np.ndarray:
    corners = points[faces]
    angles = []
    for i in range(3):
        u = corners[:, (i + 1) % 3] - corners[:, i]
        v = corners[:, (i + 2) % 3] - corners[:, i]
        cosine = (u * v).sum(axis=1) / (np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1))
        angles.append(np.degrees(np.arccos(np.clip(cosine, -1, 1))))
    return np.concatenate(angles)


def test_tshirt_mesh_is_solver_sized_with_good_triangles():
    meshed = mesh_pattern(grade_pattern(load_pattern("tshirt"), "M"))
    assert 2500 < meshed.vertex_count <= 8000
    edges = meshed.rest_uv[meshed.faces] - meshed.rest_uv[np.roll(meshed.faces, 1, axis=1)]
    assert np.linalg.norm(edges, axis=2).mean() == pytest.approx(0.015, rel=0.2)
    assert np.percentile(_angles_deg(meshed.rest_uv, meshed.faces), 1) >= 20.0


def test_finer_edge_length_gives_more_vertices():
    tshirt = load_pattern("tshirt")
    assert mesh_pattern(tshirt, 0.01).vertex_count > 1.8 * mesh_pattern(tshirt, 0.015).vertex_count


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_garmentcode_seams_agree_within_two_percent_after_meshing(path):
    pattern = load_pattern(path)
    meshed = mesh_pattern(pattern)
    for stitch in pattern.stitches:
        a = meshed.edge_vertices[(stitch.a.panel, stitch.a.edge)]
        b = meshed.edge_vertices[(stitch.b.panel, stitch.b.edge)]
        assert len(a) == len(b)
        meshed_a = meshed.edge_polyline_length(stitch.a.panel, stitch.a.edge)
        meshed_b = meshed.edge_polyline_length(stitch.b.panel, stitch.b.edge)
        drawn_a, drawn_b = pattern.stitch_length(stitch.a), pattern.stitch_length(stitch.b)
        assert meshed_a == pytest.approx(drawn_a, rel=0.02)
        assert meshed_b == pytest.approx(drawn_b, rel=0.02)
        # Meshing adds at most 2 % to whatever difference the file itself draws (the dress draws up to 5 %).
        assert meshed_a / meshed_b == pytest.approx(drawn_a / drawn_b, abs=0.02)


def test_faces_run_counter_clockwise_in_rest_coordinates_on_every_panel():
    meshed = mesh_pattern(load_pattern(FILES[0]))
    corners = meshed.rest_uv[meshed.faces]
    u, v = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    assert np.all(u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0] > 0)
    assert meshed.mirrored.any() and not meshed.mirrored.all()


def test_fabric_and_grain_per_face():
    meshed = mesh_pattern(load_pattern("tshirt"))
    band = meshed.panel_names.index("neckband")
    face_fabric = np.array(meshed.materials)[meshed.face_material]
    assert set(face_fabric[meshed.face_panel == band]) == {"rib_knit"}
    assert set(face_fabric[meshed.face_panel != band]) == {"cotton_jersey"}
    assert np.allclose(np.linalg.norm(meshed.grain, axis=1), 1.0)
    assert np.allclose(np.abs(meshed.grain[meshed.face_panel == band]), [1.0, 0.0])


def _two_panel_file(tmp_path: Path, flipped: bool) -> Path:
    square = {"translation": [0, 100, 20], "rotation": [0, 0, 0],
              "vertices": [[0, 0], [10, 0], [10, 10], [0, 10]],
              "edges": [{"endpoints": [i, (i + 1) % 4]} for i in range(4)]}  # fmt: skip
    stitch = [{"panel": "a", "edge": 1}, {"panel": "b", "edge": 3}] + (["right_wrong"] if flipped else [])
    spec = {"pattern": {"panels": {"a": square, "b": square}, "stitches": [stitch]},
            "properties": {"units_in_meter": 100}}  # fmt: skip
    path = tmp_path / f"pair_{flipped}.json"
    path.write_text(json.dumps(spec))
    return path


@pytest.mark.parametrize("flipped", [False, True])
def test_stitch_pairs_run_the_right_way(tmp_path, flipped):
    meshed = mesh_pattern(load_pattern(_two_panel_file(tmp_path, flipped)), 0.02)
    # Edge 1 of a runs up its right side (y 0 -> 0.1); edge 3 of b runs down its left side (y 0.1 -> 0).
    heights = meshed.points[meshed.stitches][:, :, 1]
    if flipped:
        assert np.allclose(heights[:, 0], 0.1 - heights[:, 1])
    else:
        assert np.allclose(heights[:, 0], heights[:, 1])
    assert len(meshed.stitches) == 6
