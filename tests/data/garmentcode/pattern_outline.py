"""Outlines of GarmentCode panels drawn by name: points, edges between them, curves relative to the
chord, mirroring across the body's centre plane, and a garment's panels and stitches written as a
GarmentCode specification. Used by :mod:`draft_test_patterns`."""

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass
class Edge:
    start: str
    end: str
    name: str
    curve: list | None = None  # quadratic [[t, n]] or cubic [[t, n], [t, n]], relative to the chord


@dataclass
class Outline:
    """A panel: named points (cm, panel frame), edges between them in order, and its 3D layout."""

    name: str
    points: dict
    edges: list
    translation: tuple = (0.0, 0.0, 0.0)
    rotation: tuple = (0.0, 0.0, 0.0)
    extra: dict = field(default_factory=dict)

    def area(self) -> float:
        xy = np.array([self.points[edge.start] for edge in self.edges])
        return 0.5 * float(np.sum(xy[:, 0] * np.roll(xy[:, 1], -1) - np.roll(xy[:, 0], -1) * xy[:, 1]))

    def reversed(self) -> "Outline":
        """The same outline run the other way round (its curves keep their shape)."""
        edges = [
            Edge(edge.end, edge.start, edge.name, _reverse_curve(edge.curve)) for edge in reversed(self.edges)
        ]
        return Outline(self.name, self.points, edges, self.translation, self.rotation, self.extra)

    def facing(self, outward: bool) -> "Outline":
        """This outline counter-clockwise in its frame (``outward``) or clockwise."""
        return self if (self.area() > 0) == outward else self.reversed()

    def mirrored(self, name: str) -> "Outline":
        """The mirror image across the body's centre plane (x -> -x), still facing out."""
        points = {key: (-x, y) for key, (x, y) in self.points.items()}
        edges = [Edge(edge.start, edge.end, edge.name, _mirror_curve(edge.curve)) for edge in self.edges]
        a, b, c = self.rotation
        tx, ty, tz = self.translation
        mirrored = Outline(name, points, edges, (-tx, ty, tz), (a, -b, -c), self.extra)
        return mirrored.reversed()

    def edge_index(self, name: str) -> int:
        return [edge.name for edge in self.edges].index(name)

    def edge(self, name: str) -> Edge:
        return self.edges[self.edge_index(name)]

    def spec(self) -> dict:
        order = [edge.start for edge in self.edges]
        vertices = [list(np.round(self.points[key], 4)) for key in order]
        edges = []
        for index, edge in enumerate(self.edges):
            entry = {"endpoints": [index, (index + 1) % len(order)]}
            if edge.curve is not None:
                kind = "quadratic" if len(edge.curve) == 1 else "cubic"
                entry["curvature"] = {"type": kind, "params": [list(np.round(p, 5)) for p in edge.curve]}
            edges.append(entry)
        return {
            "translation": [round(float(v), 4) for v in self.translation],
            "rotation": [round(float(v), 4) for v in self.rotation],
            "vertices": vertices,
            "edges": edges,
            **self.extra,
        }


def _reverse_curve(curve):
    return None if curve is None else [[1.0 - t, -n] for t, n in reversed(curve)]


def _mirror_curve(curve):
    return None if curve is None else [[t, -n] for t, n in curve]


def through(start, end, point) -> list:
    """Relative (t, n) of ``point`` against the chord ``start`` -> ``end`` (perp = chord turned +90 deg)."""
    start, end, point = (np.asarray(p, float) for p in (start, end, point))
    chord = end - start
    perp = np.array([-chord[1], chord[0]])
    offset = point - start
    return [float(offset @ chord / (chord @ chord)), float(offset @ perp / (chord @ chord))]


def edge_polyline(outline: Outline, edge: Edge, samples: int = 200) -> np.ndarray:
    start, end = (np.asarray(outline.points[key], float) for key in (edge.start, edge.end))
    t = np.linspace(0.0, 1.0, samples)[:, None]
    if edge.curve is None:
        return start + t * (end - start)
    chord = end - start
    perp = np.array([-chord[1], chord[0]])
    controls = [start + a * chord + b * perp for a, b in edge.curve]
    nodes = [start, *controls, end]
    while len(nodes) > 1:  # de Casteljau
        nodes = [(1 - t) * a + t * b for a, b in zip(nodes[:-1], nodes[1:], strict=True)]
    return nodes[0]


def edge_length(outline: Outline, name: str) -> float:
    points = edge_polyline(outline, outline.edge(name))
    return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def bow_to_length(outline: Outline, name: str, target: float, outward: bool = True) -> None:
    """Bend edge ``name`` (a quadratic through its middle), away from the panel's centre when
    ``outward``, until it is ``target`` cm long."""
    edge = outline.edge(name)
    start, end = (np.asarray(outline.points[key], float) for key in (edge.start, edge.end))
    chord = end - start
    centre = np.mean([outline.points[e.start] for e in outline.edges], axis=0)
    away = float(np.array([-chord[1], chord[0]]) @ ((start + end) / 2 - centre)) > 0
    sign = 1.0 if away == outward else -1.0
    low, high = 0.0, 1.0
    for _ in range(60):
        mid = (low + high) / 2
        edge.curve = [[0.5, sign * mid]]
        if edge_length(outline, name) < target:
            low = mid
        else:
            high = mid
    if abs(edge_length(outline, name) - target) > 0.05:
        raise ValueError(f"{outline.name} {name}: cannot bend to {target:.1f} cm")


def _check_lengths(a: Outline, edge_a: str, b: Outline, edge_b: str) -> None:
    """Two edges to be sewn must be within 3 % of each other's length (no easing or gathering here)."""
    length_a, length_b = edge_length(a, edge_a), edge_length(b, edge_b)
    if abs(length_a - length_b) > 0.03 * max(length_a, length_b):
        raise ValueError(f"{a.name}.{edge_a} {length_a:.1f} cm, {b.name}.{edge_b} {length_b:.1f} cm")


class PatternDraft:
    """Panels and stitches of one test garment."""

    def __init__(self, name: str):
        self.name = name
        self.panels: dict[str, Outline] = {}
        self.stitches = []

    def add(self, *outlines: Outline) -> None:
        for outline in outlines:
            self.panels[outline.name] = outline

    def sew(self, panel_a: str, edge_a: str, panel_b: str, edge_b: str, same: dict | None = None) -> None:
        """Stitch two edges that join the same named points, as GarmentCode pairs them.

        ``same`` maps point names of ``panel_a`` to the names the same points have in ``panel_b``.
        """
        a, b = self.panels[panel_a].edge(edge_a), self.panels[panel_b].edge(edge_b)
        same = same or {}
        a = Edge(same.get(a.start, a.start), same.get(a.end, a.end), a.name)
        entry = [
            {"panel": panel_a, "edge": self.panels[panel_a].edge_index(edge_a)},
            {"panel": panel_b, "edge": self.panels[panel_b].edge_index(edge_b)},
        ]
        if (a.start, a.end) == (b.start, b.end):
            entry.append("right_wrong")
        elif (a.start, a.end) != (b.end, b.start):
            raise ValueError(f"{panel_a}.{edge_a} and {panel_b}.{edge_b} join different points")
        _check_lengths(self.panels[panel_a], edge_a, self.panels[panel_b], edge_b)
        self.stitches.append(entry)

    def write(self, folder: Path) -> Path:
        """Write ``folder / <name>_specification.json`` and return its path."""
        spec = {
            "pattern": {
                "panels": {name: outline.spec() for name, outline in self.panels.items()},
                "stitches": self.stitches,
                "panel_order": list(self.panels),
            },
            "parameters": {},
            "parameter_order": [],
            "properties": {
                "curvature_coords": "relative",
                "normalize_panel_translation": False,
                "normalized_edge_loops": True,
                "units_in_meter": 100,
            },
        }
        path = folder / f"{self.name}_specification.json"
        path.write_text(json.dumps(spec, indent=1) + "\n")
        return path
