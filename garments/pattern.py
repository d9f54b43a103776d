"""The sewing-pattern data model: panels of curved edges, stitches between edges, sizes and fabrics.

Everything is in metres. Panel outlines run counter-clockwise seen from the outside of the garment
(GarmentCode's convention), so two panels sewn side by side run along their seam in opposite directions.
"""

import copy
from dataclasses import dataclass, field

import numpy as np

from garments.curves import Curve, edge_length, edge_polyline

__all__ = ["Edge", "Panel", "StitchEnd", "Stitch", "Pattern", "GRADE_AXES", "AS_DRAWN"]

# The body measurements grade rules are written against, in this order (cm).
GRADE_AXES = ("chest", "waist", "hip", "height")

# The size label of a pattern that carries no grading: it exists in one size, the one it was drawn in.
AS_DRAWN = "as drawn"


@dataclass
class Edge:
    """One edge of a panel outline.

    Attributes
    ----------
    start, end : int
        Indices into the panel's ``vertices``.
    curve : Curve or None
        None for a straight edge.
    label : str
        Free-form label (GarmentCode uses it for interfaces such as ``lower_interface``).
    """

    start: int
    end: int
    curve: Curve | None = None
    label: str = ""


@dataclass
class Panel:
    """A flat piece of fabric.

    Attributes
    ----------
    name : str
    vertices : (N, 2) float64
        Outline corners, metres, in the panel's own frame.
    edges : list[Edge]
        The closed outline, each edge starting where the previous one ends.
    translation : (3,) float64
        GarmentCode placement of the panel frame's origin, metres, Y up, body facing +Z.
    rotation : (3,) float64
        GarmentCode placement rotation, XYZ Euler angles in degrees.
    label : str
        GarmentCode panel label (``body``, ``leg``, ...).
    material : str
        Default fabric preset name (see ``sim``).
    grain : (2,) float64
        Unit warp (lengthwise grain) direction in the panel frame.
    part : str
        Body part the panel wraps: ``torso``, ``left_arm``, ``right_arm``, ``left_leg``, ``right_leg``,
        ``neck``; empty when it is to be inferred from the name and placement.
    side : str
        ``front`` or ``back`` for torso and leg panels, ``top``/``under`` or ``front``/``back`` for arms;
        empty when inferred.
    grade_rules : (N, 4, 2) float64 or None
        Displacement of each vertex per unit change of each ``GRADE_AXES`` body measurement (metres per
        metre, so the same numbers hold in a cm file).
    extra : dict
        Keys of the source file fitroom does not interpret, written back unchanged.
    """

    name: str
    vertices: np.ndarray
    edges: list[Edge]
    translation: np.ndarray = field(default_factory=lambda: np.zeros(3))
    rotation: np.ndarray = field(default_factory=lambda: np.zeros(3))
    label: str = ""
    material: str = "cotton_jersey"
    grain: np.ndarray = field(default_factory=lambda: np.array([0.0, 1.0]))
    part: str = ""
    side: str = ""
    grade_rules: np.ndarray | None = None
    extra: dict = field(default_factory=dict)

    def edge_points(self, index: int, count: int = 64) -> np.ndarray:
        """Dense points (count, 2) along edge ``index``, from its start to its end, metres."""
        edge = self.edges[index]
        return edge_polyline(self.vertices[edge.start], self.vertices[edge.end], edge.curve, count)

    def edge_length(self, index: int) -> float:
        """Length of edge ``index`` in metres."""
        edge = self.edges[index]
        return edge_length(self.vertices[edge.start], self.vertices[edge.end], edge.curve)

    def outline(self, points_per_edge: int = 32) -> np.ndarray:
        """The closed outline as a polygon (M, 2), metres, without repeating the first point."""
        return np.concatenate([self.edge_points(i, points_per_edge)[:-1] for i in range(len(self.edges))])

    def area(self) -> float:
        """Area of the panel in square metres."""
        x, y = self.outline().T
        return float(0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


@dataclass(frozen=True)
class StitchEnd:
    """One side of a seam: an edge of a panel."""

    panel: str
    edge: int


@dataclass
class Stitch:
    """A seam joining two panel edges.

    Attributes
    ----------
    a, b : StitchEnd
    flipped : bool
        False (the usual case): the edges run in opposite directions along the seam, so ``a``'s start
        meets ``b``'s end. True (GarmentCode ``right_wrong``): ``a``'s start meets ``b``'s start.
    """

    a: StitchEnd
    b: StitchEnd
    flipped: bool = False


@dataclass
class Pattern:
    """A sewing pattern in one size.

    Attributes
    ----------
    name : str
    panels : dict[str, Panel]
        In drawing order.
    stitches : list[Stitch]
    size : str
        The size the geometry is in (``M``, ``made-to-measure``, or ``AS_DRAWN`` for ungraded files).
    sizes : tuple[str, ...]
        Sizes ``garments.grading.grade_pattern`` can produce; empty for a pattern without grade rules.
    chart : str
        Size-chart section the sizes come from: ``women`` or ``men`` (empty when ungraded).
    base_measurements_cm : dict[str, float]
        The body (``GRADE_AXES``, cm) the current geometry is drafted for; grading moves the points by the
        grade rules times the change in these measurements.
    ease_cm : dict[str, float]
        Garment girth minus body girth at ``chest``, ``waist`` and ``hip`` (those the garment reaches).
    girth_lines : dict[str, list[tuple[str, int]]]
        For each girth, the (panel, vertex) pairs whose level the flat pattern is measured at; the
        panel's width at that vertex's height counts once per entry.
    description : str
    extra : dict
        Top-level keys of the source file fitroom does not interpret, written back unchanged.
    """

    name: str
    panels: dict[str, Panel]
    stitches: list[Stitch]
    size: str = AS_DRAWN
    sizes: tuple[str, ...] = ()
    chart: str = ""
    base_measurements_cm: dict[str, float] = field(default_factory=dict)
    ease_cm: dict[str, float] = field(default_factory=dict)
    girth_lines: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    description: str = ""
    extra: dict = field(default_factory=dict)

    def copy(self) -> "Pattern":
        """A deep copy that can be changed without touching this pattern."""
        return copy.deepcopy(self)

    def stitch_length(self, end: StitchEnd) -> float:
        """Length in metres of the edge a stitch side names."""
        return self.panels[end.panel].edge_length(end.edge)

    def materials(self) -> list[str]:
        """The distinct fabric presets of the panels, in panel order."""
        return list(dict.fromkeys(panel.material for panel in self.panels.values()))

    def validate(self) -> list[str]:
        """Check outlines and stitches; return warnings, raise the first error (see ``garments.errors``)."""
        from garments.validation import validate_pattern

        return validate_pattern(self)

    def girth_cm(self, girth: str) -> float:
        """Flat-pattern circumference at ``chest``, ``waist`` or ``hip`` in cm (see ``girth_lines``)."""
        from garments.pattern_measures import flat_girth_cm

        return flat_girth_cm(self, girth)
