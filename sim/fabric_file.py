"""A user's own fabric: a JSON file with the fields of a preset, checked before any work.

The file holds one object with exactly the fields of :class:`sim.materials.Material` (see
``fitroom fabric cotton_jersey --out DIR``, whose ``fabric.json`` carries the preset's fields under
``material``, for a template)::

    {"name": "my_jersey", "density_kg_m2": 0.18, "stretch_warp_n_m": 16.6, "stretch_weft_n_m": 34.5,
     "shear_n_m": 36.9, "bending_n_m": 2.3e-5, "friction": 0.5, "thickness_m": 0.0006,
     "stretch_curve_warp": [[0, 16.6], [0.167, 46.4]], "stretch_curve_weft": [[0, 34.5], [0.167, 405.9]],
     "wearable_strain_pct": 20, "source": "my own strip test, 2026"}

The ranges below are those of real apparel fabrics with room to spare: areal density above 0 and at
most 2 kg/m² (the heaviest apparel cloths, coating wool and 20 oz denim, weigh under 0.7 kg/m²),
thickness at most 5 mm, stiffnesses above 0, stretch curves that start at zero strain with the
linear stiffness and do not soften as they stretch.
"""

import json
import math
from pathlib import Path
from typing import Annotated

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from fitroom.errors import FitroomError
from sim.materials import Material, material_preset

__all__ = ["FabricFileError", "load_fabric", "resolve_fabric", "FABRIC_FIELDS"]


class FabricFileError(FitroomError):
    """A fabric file that cannot be read, or whose values are not those of a fabric."""


def _number(low: float, high: float, low_open: bool = True):
    bound = {"gt" if low_open else "ge": low, "le": high}
    return Annotated[float, Field(strict=True, allow_inf_nan=False, **bound)]


# Each field and its allowed range, in the words a bad value's sentence uses.
FABRIC_FIELDS: dict[str, str] = {
    "name": "a non-empty name",
    "density_kg_m2": "a number above 0 and at most 2 (kg/m²)",
    "stretch_warp_n_m": "a number above 0 and at most 1e6 (N/m)",
    "stretch_weft_n_m": "a number above 0 and at most 1e6 (N/m)",
    "shear_n_m": "a number above 0 and at most 1e6 (N/m)",
    "bending_n_m": "a number above 0 and at most 0.01 (N·m)",
    "friction": "a number from 0 to 2",
    "thickness_m": "a number above 0 and at most 0.005 (m, 5 mm)",
    "stretch_curve_warp": "a list of [strain, stiffness N/m] pairs starting at [0, stretch_warp_n_m], "
    "strains rising and at most 2, stiffness never falling",
    "stretch_curve_weft": "a list of [strain, stiffness N/m] pairs starting at [0, stretch_weft_n_m], "
    "strains rising and at most 2, stiffness never falling",
    "wearable_strain_pct": "a number above 0 and at most 200 (%)",
    "source": "a sentence saying where the figures come from",
}

_Pair = Annotated[list[_number(0.0, 1e6, low_open=False)], Field(min_length=2, max_length=2)]


class _FabricFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(strict=True, min_length=1)]
    density_kg_m2: _number(0.0, 2.0)
    stretch_warp_n_m: _number(0.0, 1e6)
    stretch_weft_n_m: _number(0.0, 1e6)
    shear_n_m: _number(0.0, 1e6)
    bending_n_m: _number(0.0, 1e-2)
    friction: _number(0.0, 2.0, low_open=False)
    thickness_m: _number(0.0, 5e-3)
    stretch_curve_warp: Annotated[list[_Pair], Field(min_length=1)]
    stretch_curve_weft: Annotated[list[_Pair], Field(min_length=1)]
    wearable_strain_pct: _number(0.0, 200.0)
    source: Annotated[str, Field(strict=True, min_length=1)]


def _curve_problem(curve: list[list[float]], linear: float) -> str | None:
    """What is wrong with a stretch curve, or None."""
    strains = [strain for strain, _ in curve]
    stiffness = [k for _, k in curve]
    if strains[0] != 0.0:
        return f"its first strain is {strains[0]:g}, not 0"
    if not math.isclose(stiffness[0], linear, rel_tol=1e-3):
        return f"its first stiffness is {stiffness[0]:g} N/m but the linear stiffness is {linear:g} N/m"
    for (e0, k0), (e1, k1) in zip(curve[:-1], curve[1:], strict=True):
        if not e1 > e0:
            return f"its strains do not rise ({e0:g} then {e1:g})"
        if e1 > 2.0:
            return f"its strain {e1:g} is over 2"
        if k1 < k0:
            return f"its stiffness falls from {k0:g} to {k1:g} N/m between strains {e0:g} and {e1:g}"
    return None


def _refuse(path: Path, field: str, why: str) -> FabricFileError:
    return FabricFileError(f"Fabric file {path}: '{field}' must be {FABRIC_FIELDS[field]}; {why}.")


def load_fabric(path: str | Path) -> Material:
    """Read and check the fabric file at ``path``.

    Raises
    ------
    FabricFileError
        With a sentence naming the field and its allowed range (or what is wrong with the file: not
        found, not UTF-8, not JSON, not an object, an unknown or a missing field).
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise FabricFileError(f"Cannot read fabric file {path}: {error.strerror or error}.") from None
    except UnicodeDecodeError as error:
        raise FabricFileError(
            f"Fabric file {path} is not UTF-8 text (byte {error.start}); save it as UTF-8 JSON."
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FabricFileError(
            f"Fabric file {path} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from None
    if not isinstance(document, dict):
        raise FabricFileError(f"Fabric file {path} must hold one JSON object with the fields of a fabric.")
    try:
        fabric = _FabricFile.model_validate(document)
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0])
        if first["type"] == "extra_forbidden":
            known = ", ".join(FABRIC_FIELDS)
            raise FabricFileError(
                f"Fabric file {path} has an unknown field '{field}'; the fields are {known}."
            ) from None
        if first["type"] == "missing":
            raise FabricFileError(
                f"Fabric file {path} lacks the field '{field}' ({FABRIC_FIELDS[field]})."
            ) from None
        raise _refuse(path, field, f"it is {json.dumps(document.get(field))}") from None
    for field, linear in (
        ("stretch_curve_warp", fabric.stretch_warp_n_m),
        ("stretch_curve_weft", fabric.stretch_weft_n_m),
    ):
        problem = _curve_problem(getattr(fabric, field), linear)
        if problem:
            raise _refuse(path, field, problem)
    values = fabric.model_dump()
    for field in ("stretch_curve_warp", "stretch_curve_weft"):
        values[field] = tuple((float(strain), float(k)) for strain, k in values[field])
    return Material(**values)


def resolve_fabric(fabric: str | Material) -> Material:
    """A :class:`Material` for a preset name, a fabric file path ending in ``.json``, or a Material.

    Raises
    ------
    sim.UnknownMaterialError
        For a name that is no preset.
    FabricFileError
        For a fabric file that cannot be used (see :func:`load_fabric`).
    """
    if isinstance(fabric, Material):
        return fabric
    if str(fabric).lower().endswith(".json"):
        return load_fabric(fabric)
    return material_preset(fabric)
