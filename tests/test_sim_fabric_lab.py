"""The fabric lab at a small size on the CPU, against answers worked out by hand from the fabric's data.

Where the solver misses a target today the test says so as a strict expected failure, with the
measured figure in its reason: it starts passing (and so fails as unexpected) when the solver is fixed.
"""

import numpy as np
import pytest

from sim import material_preset
from sim.fabric_cantilever import cantilever_test
from sim.fabric_cusick import DISC_RADIUS_M, SUPPORT_RADIUS_M, cusick_test, drape_coefficient, node_count
from sim.fabric_strip import strip_reference, strip_test

G = 9.81
LENGTH = 0.20


def test_a_strip_run_to_convergence_stretches_as_the_fabric_curve_says():
    # With 120 substeps a frame the solver reaches the equilibrium of the fabric's own stiffening curve
    # (at 160 and more the loaded strip never comes to rest in float32: it keeps moving 0.1-0.2 mm a frame).
    jersey = material_preset("cotton_jersey")
    result = strip_test(jersey, "warp", 5.0, substeps=120)
    assert result.at_rest
    assert result.extension_m == pytest.approx(strip_reference(jersey, "warp", 5.0, LENGTH), rel=0.05)


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="at 20 substeps a frame XPBD over-stretches the loaded strip (about 3 n g h^2 / edge, see "
    "sim/solver_xpbd.py): converged it follows the fabric's curve, at the drape settings it does not",
)
def test_a_strip_at_the_drape_settings_follows_the_fabric_curve_within_5_percent():
    jersey = material_preset("cotton_jersey")
    result = strip_test(jersey, "warp", 5.0)
    assert result.extension_m == pytest.approx(strip_reference(jersey, "warp", 5.0, LENGTH), rel=0.05)


def test_the_cantilever_at_the_drape_settings_overhangs_twice_the_bending_length_within_10_percent():
    # c = (B / w)^(1/3) with w = ρ g: gray interlock (23.2e-6 / (0.187 · 9.81))^(1/3) = 2.33 cm.
    # At 5 mm edges and 20 substeps this holds, but by two errors cancelling (see the next test).
    jersey = material_preset("cotton_jersey")
    result = cantilever_test(jersey)
    twice = 2.0 * (23.2e-6 / (0.187 * G)) ** (1.0 / 3.0)
    assert result.twice_bending_length_m == pytest.approx(twice, rel=1e-6)
    assert result.overhang_m == pytest.approx(twice, rel=0.10)


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="converged (80 substeps at 5 mm edges; 320 at 2.5 mm) the strip is stiffer than its bending_n_m: "
    "the overhang is 27-30 % past 2c, an effective rigidity of about 2.1 B; at 20 substeps the unconverged "
    "bending softens it back, so the figure depends on edge and substeps",
)
def test_the_cantilever_run_to_convergence_overhangs_twice_the_bending_length_within_10_percent():
    jersey = material_preset("cotton_jersey")
    result = cantilever_test(jersey, substeps=80)
    assert result.overhang_m == pytest.approx(2.0 * (23.2e-6 / (0.187 * G)) ** (1.0 / 3.0), rel=0.10)


def test_drape_coefficient_and_nodes_of_shapes_with_known_answers():
    angle = np.linspace(0.0, 2.0 * np.pi, 720, endpoint=False)
    # A flat disc covers its whole ring: DC = 1. A rim of radius R(1 + 0.1 cos 6θ) has six crests.
    flat = np.c_[DISC_RADIUS_M * np.cos(angle), np.zeros_like(angle), DISC_RADIUS_M * np.sin(angle)]
    centre = np.zeros((1, 3))
    ring = np.arange(len(angle))
    fan = np.c_[np.zeros(len(angle), int), ring + 1, (ring + 1) % len(angle) + 1]
    disc = np.r_[centre, flat]
    assert drape_coefficient(disc, fan, DISC_RADIUS_M, SUPPORT_RADIUS_M) == pytest.approx(1.0, abs=1e-3)
    # A disc shrunk to the support's radius in the shadow: DC = 0.
    assert drape_coefficient(
        disc * SUPPORT_RADIUS_M / DISC_RADIUS_M, fan, DISC_RADIUS_M, SUPPORT_RADIUS_M
    ) == (pytest.approx(0.0, abs=1e-3))
    wavy = disc.copy()
    wavy[1:, [0, 2]] *= (1.0 + 0.1 * np.cos(6 * angle))[:, None]
    assert node_count(wavy, np.arange(1, len(disc))) == 6


def test_the_cusick_disc_drapes_over_its_support_and_jersey_drapes_more_than_denim():
    jersey = cusick_test(material_preset("cotton_jersey"), edge=0.015)
    denim = cusick_test(material_preset("denim"), edge=0.015)
    for result in (jersey, denim):
        assert result.at_rest
        assert 0.0 < result.drape_coefficient < 1.0 and result.nodes >= 1
        # The rim hangs below the support's top and nothing sinks into the pedestal.
        assert result.positions[:, 1].min() < result.support_top_m - 0.01
    assert jersey.drape_coefficient < denim.drape_coefficient


@pytest.fixture(scope="module")
def drape_coefficients() -> dict:
    """Every preset's Cusick drape coefficient at 1.5 cm edges."""
    from sim import MATERIALS

    return {name: cusick_test(fabric, edge=0.015).drape_coefficient for name, fabric in MATERIALS.items()}


def test_jersey_is_the_most_drapeable_preset(drape_coefficients):
    assert min(drape_coefficients, key=drape_coefficients.get) == "cotton_jersey"


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="denim (0.89 at 1.5 cm) is not the stiffest: shirting (0.94), cotton poplin (0.95) and swimwear "
    "(0.92) drape less, as their measured bending lengths (B / w)^(1/3), 3.5, 3.9 and 3.1 cm, exceed denim's "
    "2.7 cm in Wang et al.'s data",
)
def test_denim_is_the_stiffest_preset(drape_coefficients):
    assert max(drape_coefficients, key=drape_coefficients.get) == "denim"


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="the solver's bending is not converged at 20 substeps: jersey reads 0.72 at 1 cm edges and 0.57 "
    "at 0.75 cm, 15 points apart",
)
def test_the_drape_coefficient_is_the_same_within_2_points_at_two_mesh_resolutions():
    jersey = material_preset("cotton_jersey")
    coarse, fine = (cusick_test(jersey, edge=edge).drape_coefficient for edge in (0.01, 0.0075))
    assert abs(coarse - fine) <= 0.02


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="jersey's drape coefficient is 0.72 at 1 cm edges (0.78 at 1.5 cm) against 0.20-0.60 for knits: "
    "Wang et al.'s bending figures are several times KES-F's for such knits, and the solver's bending "
    "depends on the mesh (0.57 at 0.75 cm, 0.33 at 0.5 cm)",
)
def test_jersey_drape_coefficient_falls_in_the_published_range_for_knits():
    result = cusick_test(material_preset("cotton_jersey"), edge=0.015)
    assert 0.20 <= result.drape_coefficient <= 0.60


def test_fitroom_fabric_writes_the_lab_figures_and_pictures_and_names_them(tmp_path, capsys):
    import json

    from viewer.cli import main

    out = tmp_path / "lab"
    assert main(["fabric", "denim", "--out", str(out)]) == 0
    document = json.loads((out / "fabric.json").read_text())
    assert document["fabric"] == "denim" and document["material"]["stretch_curve_warp"][0] == [0.0, 205.0]
    assert len(document["strip"]) == 9 and {row["direction"] for row in document["strip"]} == {
        "warp",
        "weft",
        "bias",
    }
    # Twice denim's bending length: 2 (64.2e-6 / (0.324 · 9.81))^(1/3) m = 5.45 cm.
    assert document["cantilever"]["twice_bending_length_cm"] == pytest.approx(5.45, abs=0.01)
    assert document["cusick"]["published_range"] == [0.55, 0.95]
    assert [run["edge_cm"] for run in document["cusick"]["runs"]] == [1.0, 0.75]
    pictures = ["strip.png", "cusick_10mm.png", "cusick_7.5mm.png"]
    assert all((out / name).stat().st_size > 10_000 for name in pictures)
    said = capsys.readouterr().out
    assert f"Wrote {out / 'fabric.json'}" in said and all(name in said for name in pictures)
