"""GarmentCode JSON specification <-> ``Pattern``.

GarmentCode keeps units in ``properties.units_in_meter`` (100: cm), panels under ``pattern.panels`` with
2D ``vertices``, ``edges`` (``endpoints``, optional ``curvature``), a ``translation`` and XYZ-Euler
``rotation`` (degrees), and ``pattern.stitches`` as pairs of ``{panel, edge}`` with an optional
``"right_wrong"`` third entry. fitroom's own data (sizes, grade rules, fabrics, grain, body part) sits
under ``fitroom`` keys at the top level and in each panel, which GarmentCode ignores; everything
fitroom does not interpret is written back as it was read.
"""

import numpy as np

from garments.curves import Curve
from garments.panel_roles import default_grain
from garments.pattern import AS_DRAWN, GRADE_AXES, Edge, Panel, Pattern, Stitch, StitchEnd
from garments.pattern_schema import garmentcode_spec

__all__ = ["pattern_from_garmentcode", "pattern_to_garmentcode"]

_PANEL_KEYS = ("translation", "rotation", "vertices", "edges", "label", "fitroom")
_FLIP_FLAG = "right_wrong"


def _curve_from_spec(spec: dict, start, end, scale: float, relative: bool) -> Curve:
    kind, params = spec["type"], spec["params"]
    if kind == "circle":
        radius, large_arc, right = params
        return Curve("circle", (float(radius) / scale, bool(large_arc), bool(right)))
    points = [tuple(float(c) for c in point) for point in params]
    if not relative:
        chord = end - start
        perp = np.array([-chord[1], chord[0]])
        norm2 = float(chord @ chord)
        points = [
            (
                float((np.array(p) / scale - start) @ chord / norm2),
                float((np.array(p) / scale - start) @ perp / norm2),
            )
            for p in points
        ]
    return Curve(kind, tuple(points))


def _curve_to_spec(curve: Curve, scale: float) -> dict:
    if curve.kind == "circle":
        radius, large_arc, right = curve.params
        return {"type": "circle", "params": [radius * scale, int(large_arc), int(right)]}
    return {"type": curve.kind, "params": [list(point) for point in curve.params]}


def _panel_from_spec(name: str, spec: dict, scale: float, relative: bool) -> Panel:
    vertices = np.asarray(spec["vertices"], dtype=np.float64).reshape(-1, 2) / scale
    edges = []
    for edge_spec in spec["edges"]:
        start, end = edge_spec["endpoints"]
        curve = None
        if edge_spec.get("curvature") is not None and start < len(vertices) and end < len(vertices):
            curve = _curve_from_spec(edge_spec["curvature"], vertices[start], vertices[end], scale, relative)
        edges.append(Edge(start, end, curve, edge_spec.get("label", "")))
    own = spec.get("fitroom", {})
    rotation = np.asarray(spec.get("rotation", [0, 0, 0]), dtype=np.float64)
    rules = own.get("grade_rules")
    grain = own.get("grain")
    return Panel(
        name=name,
        vertices=vertices,
        edges=edges,
        translation=np.asarray(spec.get("translation", [0, 0, 0]), dtype=np.float64) / scale,
        rotation=rotation,
        label=str(spec.get("label", "")),
        material=str(own.get("material", "cotton_jersey")),
        grain=np.asarray(grain, dtype=np.float64) if grain is not None else default_grain(rotation),
        part=str(own.get("part", "")),
        side=str(own.get("side", "")),
        grade_rules=np.asarray(rules, dtype=np.float64).reshape(-1, len(GRADE_AXES), 2) if rules else None,
        extra={key: value for key, value in spec.items() if key not in _PANEL_KEYS},
    )


def _stitch_from_spec(spec: list) -> Stitch:
    a, b = (StitchEnd(side["panel"], side["edge"]) for side in spec[:2])
    return Stitch(a, b, flipped=_FLIP_FLAG in spec[2:])


def pattern_from_garmentcode(spec, name: str, where: str | None = None) -> Pattern:
    """Read a GarmentCode specification (the parsed JSON) into a ``Pattern`` in metres.

    Parameters
    ----------
    spec : dict
        The JSON object of a ``*_specification.json`` file, checked against
        :class:`garments.pattern_schema.GarmentCodeSpec` before anything is built from it.
    name : str
        Pattern name to use when the file has no ``fitroom.name``.
    where : str, optional
        What to call the document in messages (default ``Pattern 'name'``).

    Raises
    ------
    PatternLoadingError
        Naming the field, the value found and what is allowed.
    """
    spec = garmentcode_spec(spec, where or f"Pattern '{name}'")
    body = spec["pattern"]
    properties = spec.get("properties", {})
    scale = float(properties.get("units_in_meter", 100))
    relative = properties.get("curvature_coords", "relative") == "relative"
    panels = {key: _panel_from_spec(key, value, scale, relative) for key, value in body["panels"].items()}
    stitches = [_stitch_from_spec(stitch) for stitch in body.get("stitches", [])]
    own = spec.get("fitroom", {})
    extra = {key: value for key, value in spec.items() if key not in ("pattern", "fitroom")}
    extra["pattern"] = {key: value for key, value in body.items() if key not in ("panels", "stitches")}
    return Pattern(
        name=own.get("name") or name,
        panels=panels,
        stitches=stitches,
        size=own.get("size") or AS_DRAWN,
        sizes=tuple(own.get("sizes", ())),
        chart=str(own.get("chart", "")),
        base_measurements_cm={k: float(v) for k, v in own.get("base_measurements_cm", {}).items()},
        ease_cm={k: float(v) for k, v in own.get("ease_cm", {}).items()},
        girth_lines={
            k: [(str(p), int(v)) for p, v in lines] for k, lines in own.get("girth_lines", {}).items()
        },
        description=str(own.get("description", "")),
        extra=extra,
    )


def _round(values, digits: int = 6) -> list:
    return np.round(np.asarray(values, dtype=np.float64), digits).tolist()


def _panel_to_spec(panel: Panel, scale: float) -> dict:
    edges = []
    for edge in panel.edges:
        edge_spec = {"endpoints": [edge.start, edge.end]}
        if edge.curve is not None:
            edge_spec["curvature"] = _curve_to_spec(edge.curve, scale)
        if edge.label:
            edge_spec["label"] = edge.label
        edges.append(edge_spec)
    own = {"material": panel.material, "grain": _round(panel.grain)}
    if panel.part:
        own["part"] = panel.part
    if panel.side:
        own["side"] = panel.side
    if panel.grade_rules is not None:
        own["grade_rules"] = _round(panel.grade_rules)
    spec = {
        "translation": _round(panel.translation * scale),
        "rotation": _round(panel.rotation),
        "vertices": _round(panel.vertices * scale),
        "edges": edges,
    }
    if panel.label:
        spec["label"] = panel.label
    spec.update(panel.extra)
    spec["fitroom"] = own
    return spec


def pattern_to_garmentcode(pattern: Pattern) -> dict:
    """The GarmentCode specification (a JSON-ready dict, cm) of ``pattern``, with fitroom's keys added."""
    extra = dict(pattern.extra)
    pattern_extra = extra.pop("pattern", {})
    properties = dict(extra.pop("properties", {}))
    properties["curvature_coords"] = "relative"
    scale = float(properties.setdefault("units_in_meter", 100))
    stitches = []
    for stitch in pattern.stitches:
        entry = [{"panel": side.panel, "edge": side.edge} for side in (stitch.a, stitch.b)]
        if stitch.flipped:
            entry.append(_FLIP_FLAG)
        stitches.append(entry)
    body = {
        "panels": {name: _panel_to_spec(panel, scale) for name, panel in pattern.panels.items()},
        "stitches": stitches,
        **pattern_extra,
    }
    own = {"name": pattern.name, "size": pattern.size, "sizes": list(pattern.sizes)}
    if pattern.description:
        own["description"] = pattern.description
    if pattern.chart:
        own["chart"] = pattern.chart
    if pattern.base_measurements_cm:
        own["base_measurements_cm"] = pattern.base_measurements_cm
    if pattern.ease_cm:
        own["ease_cm"] = pattern.ease_cm
    if pattern.girth_lines:
        own["girth_lines"] = {k: [list(entry) for entry in v] for k, v in pattern.girth_lines.items()}
    return {"pattern": body, **extra, "properties": properties, "fitroom": own}
