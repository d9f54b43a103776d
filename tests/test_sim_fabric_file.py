"""User fabric files: a preset's fields as JSON load as a Material, and every bad value gets a
sentence naming the field and its allowed range, before any drape starts."""

import dataclasses
import json

import numpy as np
import pytest

from sim import Model, material_preset
from sim.fabric_file import FabricFileError, load_fabric, resolve_fabric
from sim.lab_scenes import grid_panel
from viewer.cli import main


def _jersey_fields() -> dict:
    fields = dataclasses.asdict(material_preset("cotton_jersey"))
    fields["name"] = "my_jersey"
    return fields


def _write(tmp_path, fields, name="fabric.json"):
    path = tmp_path / name
    path.write_text(json.dumps(fields))
    return path


def test_a_preset_written_as_a_file_loads_back_the_same_fabric(tmp_path):
    loaded = load_fabric(_write(tmp_path, _jersey_fields()))
    expected = dataclasses.replace(material_preset("cotton_jersey"), name="my_jersey")
    assert loaded == expected
    assert resolve_fabric(str(tmp_path / "fabric.json")) == expected
    assert resolve_fabric("denim") is material_preset("denim")


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("density_kg_m2", 0.0, r"'density_kg_m2' must be a number above 0 and at most 2 \(kg/m²\)"),
        ("density_kg_m2", -0.2, r"'density_kg_m2' must be a number above 0"),
        ("thickness_m", 0.006, r"'thickness_m' must be a number above 0 and at most 0.005 \(m, 5 mm\)"),
        ("bending_n_m", float("nan"), r"'bending_n_m' must be a number above 0.*it is NaN"),
        ("friction", "0.5", r"'friction' must be a number from 0 to 2"),
        (
            "stretch_curve_warp",
            [[0, 16.6], [0.1, 12.0]],
            r"'stretch_curve_warp'.*stiffness falls from 16.6 to 12",
        ),
        (
            "stretch_curve_weft",
            [[0, 34.5], [0.1, 40], [0.05, 50]],
            r"'stretch_curve_weft'.*strains do not rise",
        ),
        (
            "stretch_curve_weft",
            [[0, 20.0], [0.1, 40]],
            r"first stiffness is 20 N/m but the linear stiffness is 34.5",
        ),
        ("stretch_curve_warp", [[0.01, 16.6]], r"its first strain is 0.01, not 0"),
    ],
)
def test_a_bad_value_names_the_field_and_its_range(tmp_path, field, value, words):
    fields = _jersey_fields()
    fields[field] = value
    with pytest.raises(FabricFileError, match=words):
        load_fabric(_write(tmp_path, fields))


def test_unknown_and_missing_fields_are_named(tmp_path):
    fields = _jersey_fields()
    fields["stretchiness"] = 3
    with pytest.raises(
        FabricFileError, match="unknown field 'stretchiness'; the fields are name, density_kg_m2"
    ):
        load_fabric(_write(tmp_path, fields))
    fields = _jersey_fields()
    del fields["wearable_strain_pct"]
    with pytest.raises(FabricFileError, match=r"lacks the field 'wearable_strain_pct' \(a number above 0"):
        load_fabric(_write(tmp_path, fields))


def test_text_that_is_not_utf8_json_is_refused_with_a_sentence(tmp_path):
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "étoffe"}'.encode("latin-1"))
    with pytest.raises(FabricFileError, match="is not UTF-8 text"):
        load_fabric(latin)
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": ')
    with pytest.raises(FabricFileError, match="is not JSON"):
        load_fabric(broken)
    listed = _write(tmp_path, [1, 2], "list.json")
    with pytest.raises(FabricFileError, match="must hold one JSON object"):
        load_fabric(listed)
    with pytest.raises(FabricFileError, match="Cannot read fabric file"):
        load_fabric(tmp_path / "missing.json")


def test_the_model_takes_a_fabric_file_wherever_it_takes_a_preset_name(tmp_path):
    fields = _jersey_fields()
    fields["density_kg_m2"] = 0.374
    path = _write(tmp_path, fields)
    rest_uv, faces = grid_panel(0.1, 0.1, 3, 3)
    grain = np.tile([[0.0, 1.0]], (len(faces), 1))
    heavy = Model.from_arrays(rest_uv, faces, None, grain, np.zeros(len(faces), int), [str(path)])
    preset = Model.from_arrays(rest_uv, faces, None, grain, np.zeros(len(faces), int), ["cotton_jersey"])
    # Twice the areal density, half the inverse mass.
    np.testing.assert_allclose(heavy.inverse_mass, 0.5 * preset.inverse_mass, rtol=1e-5)


def test_a_bad_fabric_file_on_the_command_line_exits_2_before_any_work(tmp_path, capsys):
    fields = _jersey_fields()
    fields["thickness_m"] = 0.01
    path = _write(tmp_path, fields)
    out = tmp_path / "out"
    # The body file does not exist: the fabric is checked first, so its sentence is the one printed.
    status = main(
        ["drape", "--body", str(tmp_path / "nobody.json"), "--material", str(path), "--out", str(out)]
    )
    assert status == 2
    assert "'thickness_m' must be a number above 0 and at most 0.005" in capsys.readouterr().err
    assert not out.exists()
    assert main(["fabric", str(path), "--out", str(out)]) == 2
    assert not out.exists()
