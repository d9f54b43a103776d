"""Drafts fitroom's own GarmentCode-format test garments for the default body and writes them here.

Run ``python tests/data/garmentcode/draft_test_patterns.py`` to rewrite the five files. They are drawn
the way GarmentCode lays its garments out (panels named and placed as its garment programs do: left
halves at +x, backs at -z, sleeves along arms held 50 degrees down, hood halves beside the head, skirt
gores turned round the vertical axis), in centimetres, to the default body's measurements (height 168,
chest 94, waist 78, hip 101, shoulder width 39, neck 37, inseam 78.5) with the ease a sewing pattern of
each kind has (Aldrich, *Metric Pattern Cutting for Women's Wear*, 6th ed., 2015: 8-12 cm chest ease
for a sweatshirt block, 4-6 cm hip ease for trousers and skirts).

Each panel is outlined counter-clockwise as seen from outside the garment; an edge runs between two
named points, and a stitch is checked to join the same named points on both sides.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent

# Heights on the default body (cm): side neck point, natural waist, crotch.
NECK_Y = 142.4
WAIST_Y = 108.4
CROTCH_Y = 78.5
# Sleeves lie along an arm held this far down from horizontal (GarmentCode's arm pose angle).
ARM_ANGLE = 50.0


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


class Garment:
    """Panels and stitches of one test garment."""

    def __init__(self, name: str):
        self.name = name
        self.panels: dict[str, Outline] = {}
        self.stitches = []

    def add(self, *outlines: Outline) -> None:
        for outline in outlines:
            self.panels[outline.name] = outline

    def sew(self, panel_a: str, edge_a: str, panel_b: str, edge_b: str) -> None:
        """Stitch two edges that join the same named points, as GarmentCode pairs them."""
        a, b = self.panels[panel_a].edge(edge_a), self.panels[panel_b].edge(edge_b)
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

    def write(self) -> Path:
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
        path = HERE / f"{self.name}_specification.json"
        path.write_text(json.dumps(spec, indent=1) + "\n")
        return path


# ---- bodices ---------------------------------------------------------------------------------------


def bodice_half(name, width, length, armhole, shoulder_x, shoulder_drop, neck_x, neck_depth, z):
    """A left bodice half (front when ``z`` > 0), centre line at x = 0, hem at y = 0, facing out.

    ``width`` across the chest from the centre line, ``length`` from the hem to the side neck point,
    ``armhole`` from the hem to the underarm; the neckline drops ``neck_depth`` at the centre.
    """
    top = length
    points = {
        "hem_c": (0.0, 0.0),
        "hem_s": (width, 0.0),
        "underarm": (width, armhole),
        "shoulder": (shoulder_x, top - shoulder_drop),
        "neck_s": (neck_x, top),
        "neck_c": (0.0, top - neck_depth),
    }
    scoop = [through(points["underarm"], points["shoulder"], (shoulder_x + 1.0, armhole + 6.0))]
    neck = [through(points["neck_s"], points["neck_c"], (neck_x * 0.9, top - neck_depth * 0.95))]
    edges = [
        Edge("hem_c", "hem_s", "hem"),
        Edge("hem_s", "underarm", "side"),
        Edge("underarm", "shoulder", "armhole", scoop),
        Edge("shoulder", "neck_s", "shoulder"),
        Edge("neck_s", "neck_c", "neck", neck),
        Edge("neck_c", "hem_c", "centre"),
    ]
    outline = Outline(name, points, edges, (0.0, NECK_Y - length, z))
    return outline.facing(outward=z > 0)


def bodice(garment, width, length, armhole, shoulder_x, neck_x, front_neck, back_neck, prefix=""):
    """Left and right, front and back halves sewn at the sides, shoulders and centre lines."""
    for side, z, depth in (("f", 25.0, front_neck), ("b", -20.0, back_neck)):
        left = bodice_half(f"left_{side}torso", width, length, armhole, shoulder_x, 4.0, neck_x, depth, z)
        garment.add(left, left.mirrored(f"right_{side}torso"))
    for half in ("left", "right"):
        for seam in ("side", "shoulder"):
            garment.sew(f"{half}_ftorso", seam, f"{half}_btorso", seam)
    for side in ("f", "b"):
        garment.sew(f"left_{side}torso", "centre", f"right_{side}torso", "centre")


# ---- sleeves and cuffs -----------------------------------------------------------------------------


def sleeve_half(name, cap_edge, cap_depth, bicep_half, end_half, length, z, shoulder):
    """A left sleeve half along GarmentCode's arm: x from the shoulder tip to the wrist, y = 0 the top seam.

    The cap runs from the shoulder tip to the underarm, bowed to ``cap_edge`` cm (the armhole it is sewn
    to).
    """
    points = {
        "shoulder": (0.0, 0.0),
        "underarm": (cap_depth, -bicep_half),
        "end_under": (length, -end_half),
        "end_top": (length, 0.0),
    }
    edges = [
        Edge("shoulder", "underarm", "armhole", [[0.5, 0.15]]),
        Edge("underarm", "end_under", "under"),
        Edge("end_under", "end_top", "end"),
        Edge("end_top", "shoulder", "top"),
    ]
    translation = (shoulder[0], shoulder[1], z)
    outline = Outline(name, points, edges, translation, (0.0, 0.0, -ARM_ANGLE))
    outline = outline.facing(outward=z > 0)
    bow_to_length(outline, "armhole", cap_edge)
    return outline


def cuff_half(name, end_half, start, depth, z, shoulder):
    """A left cuff half, a band ``depth`` cm long starting ``start`` cm down the arm from the shoulder tip."""
    points = {
        "end_under": (start, -end_half),
        "cuff_under": (start + depth, -end_half),
        "cuff_top": (start + depth, 0.0),
        "end_top": (start, 0.0),
    }
    edges = [
        Edge("end_under", "cuff_under", "under"),
        Edge("cuff_under", "cuff_top", "hem"),
        Edge("cuff_top", "end_top", "top"),
        Edge("end_top", "end_under", "end"),
    ]
    outline = Outline(name, points, edges, (shoulder[0], shoulder[1], z), (0.0, 0.0, -ARM_ANGLE))
    return outline.facing(outward=z > 0)


def sleeves(garment, length, bicep, end, cap_depth, cuff=0.0, shoulder_x=20.0):
    """Both sleeves (and cuffs when ``cuff`` > 0 cm), sewn into the bodice armholes."""
    shoulder = (shoulder_x + 1.0, NECK_Y - 4.0)
    for side, z in (("f", 15.0), ("b", -12.0)):
        armhole = edge_length(garment.panels[f"left_{side}torso"], "armhole")
        left = sleeve_half(f"left_sleeve_{side}", armhole, cap_depth, bicep / 2, end / 2, length, z, shoulder)
        garment.add(left, left.mirrored(f"right_sleeve_{side}"))
        if cuff:
            band = cuff_half(f"left_cuff_{side}", end / 2, length + 2.0, cuff, z, shoulder)
            garment.add(band, band.mirrored(f"right_cuff_{side}"))
    for half in ("left", "right"):
        for side in ("f", "b"):
            garment.sew(f"{half}_sleeve_{side}", "armhole", f"{half}_{side}torso", "armhole")
            if cuff:
                garment.sew(f"{half}_cuff_{side}", "end", f"{half}_sleeve_{side}", "end")
        garment.sew(f"{half}_sleeve_f", "top", f"{half}_sleeve_b", "top")
        garment.sew(f"{half}_sleeve_f", "under", f"{half}_sleeve_b", "under")
        if cuff:
            garment.sew(f"{half}_cuff_f", "top", f"{half}_cuff_b", "top")
            garment.sew(f"{half}_cuff_f", "under", f"{half}_cuff_b", "under")


# ---- the five garments -----------------------------------------------------------------------------


def hooded_top() -> Garment:
    """A pullover sweatshirt with a two-piece hood and long sleeves with cuffs.

    Chest 94 + 14 cm ease (four halves of 27 cm), length 62 cm from the side neck point (to the high
    hip), armhole depth 25 cm, dropped shoulder (half width 20.5 cm), sleeve 48 cm + 6 cm cuff, bicep
    36 cm, cuff 22 cm round. The hood is 35 cm high and 26 cm deep, sewn to the whole neckline (front
    neck 9 cm deep, back 2 cm), its halves joined over the crown and down the back of the head.
    """
    garment = Garment("hooded_top")
    bodice(garment, 27.0, 62.0, 37.0, 20.5, 8.5, 9.0, 2.0)
    sleeves(garment, 48.0, 36.0, 22.0, 12.0, cuff=6.0, shoulder_x=20.5)
    back_neck = edge_length(garment.panels["right_btorso"], "neck")
    front_neck = edge_length(garment.panels["right_ftorso"], "neck")
    # Right half beside the head: panel x forward (world +z), y up from the side neck point.
    points = {
        "neck_c_b": (-8.0, -2.0),  # centre back of the neckline
        "neck_s": (0.0, 0.0),
        "neck_c": (9.0, -9.0),  # centre front of the neckline
        "face_top": (10.0, 30.0),
        "crown": (-5.0, 35.0),
    }
    edges = [
        Edge("neck_c_b", "neck_s", "neck_back"),
        Edge("neck_s", "neck_c", "neck_front", [[0.5, 0.1]]),
        Edge("neck_c", "face_top", "face"),
        Edge("face_top", "crown", "top", [[0.5, -0.12]]),
        Edge("crown", "neck_c_b", "back", [[0.5, -0.25]]),
    ]
    right = Outline("right_hood", points, edges, (-8.0, NECK_Y + 2.0, 0.0), (0.0, -90.0, 0.0))
    right = right.facing(outward=True)
    bow_to_length(right, "neck_back", back_neck)
    bow_to_length(right, "neck_front", front_neck)
    left = right.mirrored("left_hood")
    garment.add(right, left)
    for half in ("left", "right"):
        _sew_renamed(garment, f"{half}_hood", "neck_back", f"{half}_btorso", "neck")
        _sew_renamed(garment, f"{half}_hood", "neck_front", f"{half}_ftorso", "neck")
    garment.sew("right_hood", "top", "left_hood", "top")
    garment.sew("right_hood", "back", "left_hood", "back")
    return garment


def _sew_renamed(garment, panel_a, edge_a, panel_b, edge_b):
    """Sew a neck edge to a neckline whose points have other names: run ends are matched by height."""
    a, b = garment.panels[panel_a], garment.panels[panel_b]
    ea, eb = a.edge(edge_a), b.edge(edge_b)
    # Both edges run between a centre point and the side neck point; match the side neck ends.
    a_side_first = ea.start == "neck_s"
    b_side_first = eb.start == "neck_s"
    entry = [
        {"panel": panel_a, "edge": a.edge_index(edge_a)},
        {"panel": panel_b, "edge": b.edge_index(edge_b)},
    ]
    if a_side_first == b_side_first:
        entry.append("right_wrong")
    _check_lengths(a, edge_a, b, edge_b)
    garment.stitches.append(entry)


if __name__ == "__main__":
    for draft in (hooded_top,):
        print(draft().write())
