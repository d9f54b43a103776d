"""Fabric presets: the names the rest of fitroom uses, physical values, and a sentence for a typo."""

import pytest

from sim import MATERIALS, UnknownMaterialError, material_preset


def test_every_named_fabric_is_a_preset_with_physical_values():
    for name in ("cotton_jersey", "rib_knit", "denim", "ponte_knit", "swim_stretch", "shirting"):
        fabric = material_preset(name)
        assert 0.05 < fabric.density_kg_m2 < 0.5
        assert fabric.stretch_warp_n_m > 0 and fabric.stretch_weft_n_m > 0 and fabric.shear_n_m > 0
        assert 1e-6 < fabric.bending_n_m < 1e-3
        assert 0 < fabric.friction < 1 and 0 < fabric.thickness_m < 3e-3
    assert set(MATERIALS) >= {"cotton_jersey", "denim", "shirting"}


def test_denim_is_stiffer_than_jersey():
    assert material_preset("denim").stretch_warp_n_m > 10 * material_preset("cotton_jersey").stretch_warp_n_m


def test_unknown_fabric_names_the_choices():
    with pytest.raises(UnknownMaterialError, match="cotton_jersey"):
        material_preset("cotton jersey")
