"""Fit metrics on shapes whose answer is known by hand."""

import numpy as np

from sim import Model, material_preset
from sim.lab_scenes import grid_panel
from sim.metrics import face_deformation, principal_strain, principal_stress, ring_gap, weighted_percentile


def _jersey_panel(grain):
    rest_uv, faces = grid_panel(0.2, 0.1, 5, 3)
    model = Model.from_arrays(
        rest_uv, faces, None, np.tile(grain, (len(faces), 1)), np.zeros(len(faces), int), ["cotton_jersey"]
    )
    return rest_uv, model


def test_a_panel_pulled_ten_percent_along_the_warp_reads_110_percent_at_zero_degrees():
    rest_uv, model = _jersey_panel([1.0, 0.0])
    stretched = np.c_[1.1 * rest_uv[:, 0], rest_uv[:, 1], np.zeros(len(rest_uv))]
    warp, weft = face_deformation(stretched, model.faces, model.face_rest_inverse)
    strain, angle = principal_strain(warp, weft)
    assert np.allclose(strain, 110.0, atol=1e-3)
    assert np.allclose(np.minimum(angle, 180.0 - angle), 0.0, atol=1e-3)
    stress = principal_stress(warp, weft, model.face_stiffness)
    assert np.allclose(stress, 0.1 * material_preset("cotton_jersey").stretch_warp_n_m, rtol=1e-4)


def test_the_same_pull_across_the_grain_reads_90_degrees_and_the_weft_stiffness():
    rest_uv, model = _jersey_panel([0.0, 1.0])
    stretched = np.c_[1.1 * rest_uv[:, 0], rest_uv[:, 1], np.zeros(len(rest_uv))]
    warp, weft = face_deformation(stretched, model.faces, model.face_rest_inverse)
    strain, angle = principal_strain(warp, weft)
    assert np.allclose(strain, 110.0, atol=1e-3)
    assert np.allclose(angle, 90.0, atol=1e-3)
    stress = principal_stress(warp, weft, model.face_stiffness)
    assert np.allclose(stress, 0.1 * material_preset("cotton_jersey").stretch_weft_n_m, rtol=1e-4)


def test_a_rotated_unstretched_panel_reads_100_percent():
    rest_uv, model = _jersey_panel([1.0, 0.0])
    turned = np.c_[rest_uv[:, 0], np.zeros(len(rest_uv)), rest_uv[:, 1]]
    strain, _ = principal_strain(*face_deformation(turned, model.faces, model.face_rest_inverse))
    assert np.allclose(strain, 100.0, atol=1e-3)


def test_area_weighted_percentile_and_ring_gap():
    assert weighted_percentile(np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 98.0]), 50.0) == 3.0
    positions = np.array([[0.0, 1.0, 0.0], [0.0, 1.005, 0.0], [0.0, 1.5, 0.0]])
    assert ring_gap(positions, np.array([2.0, 4.0, 9.0]), 1.0, 0.01) == 3.0
    assert ring_gap(positions, np.array([2.0, 4.0, 9.0]), 0.5, 0.01) is None


def test_the_fabric_mode_map_reads_the_same_stretch_against_each_fabrics_wearable_limit():
    from scenes import sphere_body

    from sim.lab_scenes import sheet_drape
    from viewer.fit_maps import fit_map

    rest_uv, faces = grid_panel(0.2, 0.1, 5, 3)
    stretched = np.c_[1.1 * rest_uv[:, 0], rest_uv[:, 1], np.zeros(len(rest_uv))]
    body = sphere_body(0.05, (0.0, 1.0, 0.0), subdivisions=2)
    readings = {}
    for fabric in ("cotton_jersey", "swim_stretch"):
        drape = sheet_drape(*body, rest_uv, faces, stretched, fabric, self_collision=False)
        readings[fabric] = fit_map("fabric").values(drape.result())
        drape.close()
    # 10 % is half of jersey's 20 % wearable stretch and a quarter of swimwear's 40 %.
    assert np.allclose(readings["cotton_jersey"], 50.0, atol=0.01)
    assert np.allclose(readings["swim_stretch"], 25.0, atol=0.01)
