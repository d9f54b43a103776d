"""Shared tools for drafting the bundled patterns from body measurements.

A drafter is a function from body measurements (cm: ``chest``, ``waist``, ``hip``, ``height``) to a
``Draft``: panels drawn in cm as seen from the front of the body (x toward the body's left, y up, so
front panels run counter-clockwise and back panels clockwise, as in GarmentCode), stitches, and the
levels girths are measured at. ``draft_pattern`` drafts once for the base size and once per measurement
nudged by 1 cm, and stores the differences as grade rules.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.spatial.transform import Rotation

from fitroom.size_chart import chart_sizes, size_measurements_cm
from garments.curves import Curve
from garments.pattern import GRADE_AXES, Edge, Panel, Pattern, Stitch, StitchEnd

__all__ = [
    "Draft",
    "PanelDraft",
    "cubic",
    "quadratic",
    "draft_pattern",
    "arm_rotation",
    "seam",
    "mirrored_panel",
    "reversed_curve",
]


def _relative(start, end, point) -> tuple[float, float]:
    start, end, point = (np.asarray(p, dtype=np.float64) for p in (start, end, point))
    chord = end - start
    perp = np.array([-chord[1], chord[0]])
    norm2 = float(chord @ chord)
    return float((point - start) @ chord / norm2), float((point - start) @ perp / norm2)


def cubic(start, end, control_1, control_2) -> Curve:
    """A cubic Bézier edge from absolute control points (cm), stored relative to the edge."""
    return Curve("cubic", (_relative(start, end, control_1), _relative(start, end, control_2)))


def quadratic(start, end, control) -> Curve:
    """A quadratic Bézier edge from an absolute control point (cm), stored relative to the edge."""
    return Curve("quadratic", (_relative(start, end, control),))


def reversed_curve(curve: Curve) -> Curve:
    """The same Bézier run from its end to its start (relative controls ``(t, n)`` become ``(1 - t, -n)``)."""
    return Curve(curve.kind, tuple((1.0 - t, -n) for t, n in reversed(curve.params)))


@dataclass
class PanelDraft:
    """One panel as drafted, in cm.

    Attributes
    ----------
    name : str
    points : list of (x, y)
        Outline corners in order; edge ``i`` runs from point ``i`` to point ``i + 1`` (wrapping).
    curves : dict[int, Curve]
        Curved edges by index (absolute controls already made relative, see ``cubic``).
    labels : dict[int, str]
        Edge labels by index.
    part, side, material : str
    grain : (x, y)
    translation : (x, y, z) cm and rotation (XYZ Euler degrees) for GarmentCode's 3D layout.
    """

    name: str
    points: list
    part: str
    side: str
    material: str
    curves: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    grain: tuple = (0.0, 1.0)
    translation: tuple = (0.0, 0.0, 0.0)
    rotation: tuple = (0.0, 0.0, 0.0)

    def panel(self) -> Panel:
        """The ``Panel`` in metres (grade rules are attached by ``draft_pattern``)."""
        count = len(self.points)
        edges = [Edge(i, (i + 1) % count, self.curves.get(i), self.labels.get(i, "")) for i in range(count)]
        return Panel(
            name=self.name,
            vertices=np.asarray(self.points, dtype=np.float64) / 100.0,
            edges=edges,
            translation=np.asarray(self.translation, dtype=np.float64) / 100.0,
            rotation=np.asarray(self.rotation, dtype=np.float64),
            material=self.material,
            grain=np.asarray(self.grain, dtype=np.float64),
            part=self.part,
            side=self.side,
        )


@dataclass
class Draft:
    """A drafted pattern in one size: panels, seams as ((panel, edge), (panel, edge)), girth levels."""

    panels: list[PanelDraft]
    seams: list[tuple[tuple[str, int], tuple[str, int]]]
    girth_lines: dict[str, list[tuple[str, int]]]


def seam(panel_a: str, edge_a: int, panel_b: str, edge_b: int) -> tuple[tuple[str, int], tuple[str, int]]:
    """A seam joining edge ``edge_a`` of ``panel_a`` to edge ``edge_b`` of ``panel_b``."""
    return (panel_a, edge_a), (panel_b, edge_b)


def arm_rotation(arm_direction) -> tuple[float, float, float]:
    """XYZ Euler angles (degrees) that lay a sleeve drawn cap-up along an arm pointing ``arm_direction``.

    The sleeve's -y (cap to cuff) follows the arm and its +z (outside) faces up, off the top of the arm.
    """
    down_arm = np.asarray(arm_direction, dtype=np.float64)
    down_arm /= np.linalg.norm(down_arm)
    up = np.array([0.0, 1.0, 0.0]) - down_arm[1] * down_arm
    up /= np.linalg.norm(up)
    y_axis = -down_arm
    x_axis = np.cross(y_axis, up)
    matrix = np.column_stack([x_axis, y_axis, up])
    return tuple(float(a) for a in Rotation.from_matrix(matrix).as_euler("XYZ", degrees=True))


def draft_pattern(
    drafter: Callable[[dict[str, float]], Draft],
    name: str,
    chart: str,
    ease_cm: dict[str, float],
    description: str,
    base_size: str = "M",
) -> Pattern:
    """Draft ``drafter`` for the ``base_size`` body of ``chart`` and derive its grade rules.

    Returns
    -------
    Pattern
        In ``base_size``, graded to every chart size, with per-vertex grade rules.
    """
    base = size_measurements_cm(chart, base_size)
    draft = drafter(base)
    panels = {panel_draft.name: panel_draft.panel() for panel_draft in draft.panels}
    for axis_index, axis in enumerate(GRADE_AXES):
        nudged = drafter({**base, axis: base[axis] + 1.0})
        for panel_draft in nudged.panels:
            panel = panels[panel_draft.name]
            if panel.grade_rules is None:
                panel.grade_rules = np.zeros((len(panel.vertices), len(GRADE_AXES), 2))
            moved = np.asarray(panel_draft.points, dtype=np.float64) / 100.0
            panel.grade_rules[:, axis_index] = (moved - panel.vertices) * 100.0
    stitches = [Stitch(StitchEnd(*a), StitchEnd(*b)) for a, b in draft.seams]
    return Pattern(
        name=name,
        panels=panels,
        stitches=stitches,
        size=base_size,
        sizes=chart_sizes(),
        chart=chart,
        base_measurements_cm=base,
        ease_cm=dict(ease_cm),
        girth_lines=draft.girth_lines,
        description=description,
        extra={"properties": {"curvature_coords": "relative", "units_in_meter": 100}},
    )


def mirrored_panel(panel: PanelDraft, name: str, part: str) -> tuple[PanelDraft, Callable[[int], int]]:
    """The mirror image of ``panel`` across x = 0, drawn in the same turning sense.

    Returns the new panel and the map from an edge index of ``panel`` to the matching edge of the mirror
    (mirroring then reversing the outline renumbers edge ``i`` of ``n`` as ``n - 1 - i``).
    """
    count = len(panel.points)
    points = [
        (-panel.points[(count - k) % count][0], panel.points[(count - k) % count][1]) for k in range(count)
    ]

    def edge_map(old: int) -> int:
        return (count - 1 - old) % count

    curves = {}
    for old, curve in panel.curves.items():
        if curve.kind == "circle":
            radius, large_arc, right = curve.params
            curves[edge_map(old)] = Curve("circle", (radius, large_arc, right))
        else:
            curves[edge_map(old)] = Curve(curve.kind, tuple((1.0 - t, n) for t, n in reversed(curve.params)))
    labels = {edge_map(old): label for old, label in panel.labels.items()}
    translation = (-panel.translation[0], panel.translation[1], panel.translation[2])
    mirror = PanelDraft(
        name, points, part, panel.side, panel.material, curves, labels, panel.grain, translation
    )
    return mirror, edge_map
