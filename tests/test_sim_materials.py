"""Fabric presets: the names the rest of fitroom uses, physical values, and a sentence for a typo."""

import pytest

from sim import MATERIALS, UnknownMaterialError, material_preset
from sim.fabric_curve import strain_at, tension_at

PRESETS = (
    "cotton_jersey",
    "rib_knit",
    "denim",
    "ponte_knit",
    "swim_stretch",
    "shirting",
    "cotton_poplin",
    "sweat_fleece",
)


def test_every_named_fabric_is_a_preset_with_physical_values():
    for name in PRESETS:
        fabric = material_preset(name)
        assert 0.05 < fabric.density_kg_m2 < 0.5
        assert fabric.stretch_warp_n_m > 0 and fabric.stretch_weft_n_m > 0 and fabric.shear_n_m > 0
        assert 1e-6 < fabric.bending_n_m < 1e-3
        assert 0 < fabric.friction < 1 and 0 < fabric.thickness_m < 3e-3
        assert 0 < fabric.wearable_strain_pct <= 50
        assert "Wang, O'Brien & Ramamoorthi 2011" in fabric.source
    assert set(MATERIALS) == set(PRESETS)


def test_each_stretch_curve_starts_at_the_linear_stiffness_and_never_softens():
    for name in PRESETS:
        fabric = material_preset(name)
        for curve, linear in (
            (fabric.stretch_curve_warp, fabric.stretch_warp_n_m),
            (fabric.stretch_curve_weft, fabric.stretch_weft_n_m),
        ):
            assert curve[0] == (0.0, linear)
            assert all(k1 >= k0 and e1 > e0 for (e0, k0), (e1, k1) in zip(curve[:-1], curve[1:], strict=True))


def test_the_jersey_curve_gives_the_strain_worked_out_by_hand():
    # Gray interlock warp: k rises from 16.6 to 46.4 N/m over 1/6 strain, so k(e) = 16.6 + 178.8 e and
    # T(e) = 16.6 e + 89.4 e²; T = 1 N/m at e = (-16.6 + sqrt(16.6² + 4 · 89.4)) / (2 · 89.4) = 4.79 %.
    jersey = material_preset("cotton_jersey")
    assert strain_at(jersey, "warp", 1.0) == pytest.approx(0.0479, abs=2e-4)
    # Past 1/6 the stiffness stays at 46.4 N/m: T(1/6) = (16.6 + 46.4) / 2 / 6 = 5.25 N/m.
    assert tension_at(jersey, "warp", 1 / 6) == pytest.approx(5.25, abs=1e-3)
    assert strain_at(jersey, "warp", 20.0) == pytest.approx(1 / 6 + (20.0 - 5.25) / 46.4, abs=1e-4)
    # Linear along the bias: 1/k45 = (1/16.6 + 1/34.5 + 1/36.9) / 4.
    assert strain_at(jersey, "bias", 1.0, linear=True) == pytest.approx((1 / 16.6 + 1 / 34.5 + 1 / 36.9) / 4)


def test_denim_is_stiffer_than_jersey():
    assert material_preset("denim").stretch_warp_n_m > 10 * material_preset("cotton_jersey").stretch_warp_n_m


def test_unknown_fabric_names_the_choices():
    with pytest.raises(UnknownMaterialError, match="cotton_jersey.*fabric file ending in .json"):
        material_preset("cotton jersey")
