"""The declared schema of a pattern JSON file (GarmentCode, with fitroom's own keys), checked on load.

A document passes only when every number is finite, every field has its type, curves have the control
points their kind needs, no edge joins a vertex to a point at the same place, the units are positive
and the garment is between 5 cm and 3 m across. Keys the schema does not name are kept as they were.
"""

import math
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from fitroom.schema import Finite, check_extent, validated
from garments.errors import PatternLoadingError

__all__ = ["GarmentCodeSpec", "garmentcode_spec"]

_OPEN = ConfigDict(extra="allow")
# Two panel vertices closer than this (metres) make an edge of no length.
_ZERO_LENGTH_M = 1e-6

Point = tuple[Finite, Finite]
Index = Annotated[int, Field(strict=True, ge=0)]


def _short_form(value: Any) -> Any:
    """GarmentCode's ``"curvature": [x, y]`` is a quadratic curve with one control point."""
    if isinstance(value, list | tuple):
        return {"type": "quadratic", "params": [list(value)]}
    return value


def _is_coordinate(value: Any) -> bool:
    """A finite number (an int too large for a float is not one)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _is_point(value: Any) -> bool:
    return isinstance(value, list | tuple) and len(value) == 2 and all(_is_coordinate(c) for c in value)


class CurvatureSpec(BaseModel):
    """An edge's curve: ``quadratic`` (one control point), ``cubic`` (two) or ``circle``
    (``[radius, large_arc, right]``, radius in file units)."""

    model_config = _OPEN
    type: Literal["quadratic", "cubic", "circle"]
    params: list[Any]

    @model_validator(mode="after")
    def _params_fit_the_kind(self):
        if self.type == "circle":
            radius = self.params[0] if self.params else None
            if len(self.params) != 3 or not _is_point([radius, 0]) or radius <= 0:
                raise ValueError(
                    f"a circle curve has params [radius > 0, large_arc, right], not {self.params!r}"[:160]
                )
            return self
        count = 1 if self.type == "quadratic" else 2
        if len(self.params) != count or not all(_is_point(p) for p in self.params):
            raise ValueError(
                f"a {self.type} curve has {count} control point(s) [x, y] of finite numbers, not "
                f"{self.params!r}"[:160]
            )
        return self


class EdgeSpec(BaseModel):
    """One outline edge: vertex indices ``[start, end]``, an optional curve and label."""

    model_config = _OPEN
    endpoints: tuple[Index, Index]
    curvature: Annotated[CurvatureSpec | None, BeforeValidator(_short_form)] = None
    label: str = ""


class PanelOwnSpec(BaseModel):
    """fitroom's keys of a panel: fabric, grain (a non-zero direction), body part, side, grade rules."""

    model_config = _OPEN
    material: str = "cotton_jersey"
    grain: Point | None = None
    part: str = ""
    side: str = ""
    grade_rules: list[tuple[Point, Point, Point, Point]] | None = None

    @model_validator(mode="after")
    def _grain_has_a_direction(self):
        if self.grain is not None and math.hypot(*self.grain) == 0:
            raise ValueError("the grain direction [0, 0] has no direction; give a non-zero [x, y]")
        return self


class PanelSpec(BaseModel):
    """A panel: at least three ``[x, y]`` vertices (file units), its edges, placement and fitroom keys."""

    model_config = _OPEN
    vertices: list[Point] = Field(min_length=3)
    edges: list[EdgeSpec] = Field(min_length=2)
    translation: tuple[Finite, Finite, Finite] = (0.0, 0.0, 0.0)
    rotation: tuple[Finite, Finite, Finite] = (0.0, 0.0, 0.0)
    label: str = ""
    fitroom: PanelOwnSpec = PanelOwnSpec()

    @model_validator(mode="after")
    def _rules_match_the_vertices(self):
        rules = self.fitroom.grade_rules
        if rules is not None and len(rules) != len(self.vertices):
            raise ValueError(
                f"fitroom.grade_rules has {len(rules)} rows but the panel has {len(self.vertices)} vertices"
            )
        return self


class StitchEndSpec(BaseModel):
    """One side of a stitch: a panel name and an edge index."""

    model_config = _OPEN
    panel: str
    edge: Index


def _stitch_shape(value: Any) -> Any:
    if (
        not isinstance(value, list)
        or len(value) not in (2, 3)
        or (len(value) == 3 and value[2] != "right_wrong")
    ):
        raise ValueError("a stitch is [{panel, edge}, {panel, edge}] with an optional 'right_wrong'")
    return value


Stitch = Annotated[list[StitchEndSpec | str], BeforeValidator(_stitch_shape)]


class PatternBodySpec(BaseModel):
    """``pattern``: at least one panel by name, and the stitches."""

    model_config = _OPEN
    panels: dict[str, PanelSpec] = Field(min_length=1)
    stitches: list[Stitch] = []

    @model_validator(mode="after")
    def _stitch_ends_are_objects(self):
        for index, stitch in enumerate(self.stitches):
            if not all(isinstance(side, StitchEndSpec) for side in stitch[:2]):
                raise ValueError(f"stitch {index} must start with two {{panel, edge}} objects")
        return self


class PropertiesSpec(BaseModel):
    """``properties``: file units per metre (100 for cm) and how curve control points are given."""

    model_config = _OPEN
    units_in_meter: Annotated[Finite, Field(gt=0)] = 100.0
    curvature_coords: Literal["relative", "absolute"] = "relative"


class PatternOwnSpec(BaseModel):
    """fitroom's keys at the top: name, sizes, size chart, base measurements and ease (cm), girth lines."""

    model_config = _OPEN
    name: str | None = None
    size: str | None = None
    sizes: list[str] = []
    chart: str = ""
    base_measurements_cm: dict[str, Finite] = {}
    ease_cm: dict[str, Finite] = {}
    girth_lines: dict[str, list[tuple[str, Index]]] = {}
    description: str = ""


class GarmentCodeSpec(BaseModel):
    """A whole pattern JSON document."""

    model_config = _OPEN
    pattern: PatternBodySpec
    properties: PropertiesSpec = PropertiesSpec()
    fitroom: PatternOwnSpec = PatternOwnSpec()


def _check_edges(spec: GarmentCodeSpec, where: str, scale: float) -> None:
    for name, panel in spec.pattern.panels.items():
        count = len(panel.vertices)
        for index, edge in enumerate(panel.edges):
            start, end = edge.endpoints
            if start >= count or end >= count:
                continue  # named by the outline check, which knows the panel's vertex range
            gap = math.dist(panel.vertices[start], panel.vertices[end]) / scale
            if start == end or gap < _ZERO_LENGTH_M:
                raise PatternLoadingError(
                    f"{where}: panel '{name}' edge {index} runs from vertex {start} to vertex {end} at the "
                    "same point, an edge of no length; remove the edge or move one of its vertices."
                )


def garmentcode_spec(data: Any, where: str) -> dict:
    """``data`` (a parsed pattern JSON document) checked against ``GarmentCodeSpec``.

    Returns
    -------
    dict
        The checked document (keys that were given, plus those the schema does not name), for
        :func:`garments.garmentcode.pattern_from_garmentcode`.

    Raises
    ------
    PatternLoadingError
        Naming the field, the value and what is allowed; or a garment outside 5 cm - 3 m across.
    """
    spec = validated(GarmentCodeSpec, data, where, PatternLoadingError)
    scale = spec.properties.units_in_meter
    _check_edges(spec, where, scale)
    extents = {
        name: float(np.ptp(np.asarray(panel.vertices, dtype=np.float64), axis=0).max()) / scale
        for name, panel in spec.pattern.panels.items()
    }
    check_extent(extents, where, f"units_in_meter {scale:g}", PatternLoadingError)
    return spec.model_dump(exclude_unset=True)
