"""A sewn DXF garment as a ``Pattern``: one panel per piece copy, its edges cut where the seam plan breaks
them and stood in GarmentCode's frame (centre line at x = 0, backs mirrored), the plan's seams as
stitches, eased sleeve caps and stretched bands marked, the panels laid out round the body by role."""

import numpy as np

from garments.curves import POLYLINE, Curve
from garments.dxf_layout import lay_out_panels
from garments.pattern import Edge, Panel, Pattern, Stitch, StitchEnd
from garments.seam_drawing import DXF_DRAWN
from garments.seam_plan import SeamPlan, SewPiece

__all__ = ["garment_pattern", "edge_breaks", "DXF_ROLES"]

# The ``Panel.extra`` key holding each edge's role (see :mod:`garments.seam_edges`).
DXF_ROLES = "dxf_roles"


def edge_breaks(piece: SewPiece, plan: SeamPlan) -> list[tuple[int, float]]:
    """Where the panel's edges start: the plan's breaks, else its outline's."""
    return plan.breaks.get(piece.name) or [(edge, 0.0) for edge in range(piece.edges.edge_count)]


def _panel(piece: SewPiece, breaks: list[tuple[int, float]], eased: dict[int, str]) -> Panel:
    """The panel of one piece, centre line at x = 0, backs mirrored into GarmentCode's frame."""
    ends = breaks[1:] + breaks[:1]
    edges = [piece.outline.stretch(start, end) for start, end in zip(breaks, ends, strict=True)]
    shift = np.array([piece.edges.centre_x, 0.0])
    flip = np.array([-1.0, 1.0]) if piece.facing == "back" else np.array([1.0, 1.0])
    edges = [(points - shift) * flip for points in edges]
    vertices = np.array([points[0] for points in edges])
    panel_edges = []
    for index, points in enumerate(edges):
        start, end = points[0], points[-1]
        chord = end - start
        inner = points[1:-1]
        curve = None
        if len(inner) and float(chord @ chord) > 0:
            relative = inner - start
            t = relative @ chord / (chord @ chord)
            n = relative @ np.array([-chord[1], chord[0]]) / (chord @ chord)
            if np.abs(n).max() > 1e-4:
                curve = Curve(POLYLINE, tuple(zip(t.tolist(), n.tolist(), strict=True)))
        panel_edges.append(Edge(index, (index + 1) % len(edges), curve, eased.get(index, "")))
    return Panel(
        name=piece.name,
        vertices=vertices,
        edges=panel_edges,
        part="",
        side=piece.facing,
        extra={
            "dxf_kind": piece.edges.kind,
            "dxf_mirrored": piece.facing == "back",
            DXF_DRAWN: [((line - shift) * flip).tolist() for line in piece.outline.drawn],
        },
    )


def garment_pattern(garment, seams: str | None = None, units: str | None = None) -> Pattern:
    """The ``Pattern`` of a :class:`garments.dxf_aama.DxfGarment` as its plan sews it, laid out round the
    body by role; ``seams`` and ``units`` are kept so that grading (``garments.grading.grade_pattern``)
    reads another size of the file the same way."""
    plan, document = garment.plan, garment.document
    sources = {(s.a, s.b) for s in plan.seams}
    eased: dict[str, dict[int, str]] = {}
    kinds = {p.name: p.edges.kind for p in garment.pieces}
    for a, b in sources:
        for own, other in ((a, b), (b, a)):
            if kinds.get(own[0]) in ("sleeve", "band") and kinds.get(other[0]) != kinds.get(own[0]):
                eased.setdefault(own[0], {})[own[1]] = (
                    "gather: eased" if kinds[own[0]] == "sleeve" else "stretch: band"
                )
    panels = {p.name: _panel(p, edge_breaks(p, plan), eased.get(p.name, {})) for p in garment.pieces}
    stitches = [Stitch(StitchEnd(*s.a), StitchEnd(*s.b)) for s in plan.seams]
    roles = {p.name: [p.edges.roles[edge] for edge, _ in edge_breaks(p, plan)] for p in garment.pieces}
    for name, panel in panels.items():
        panel.extra[DXF_ROLES] = roles[name]
    lay_out_panels(panels, kinds, roles, stitches)
    sizes = tuple(document.sizes)
    return Pattern(
        name=document.path.stem,
        panels=panels,
        stitches=stitches,
        size=garment.size,
        sizes=sizes,
        description=f"DXF-AAMA pieces of size {garment.size} (sizes in the file: {', '.join(sizes)})",
        extra={
            "properties": {"units_in_meter": 100, "curvature_coords": "relative"},
            "dxf_source": {"path": str(document.path), "seams": seams, "units": units},
        },
    )
