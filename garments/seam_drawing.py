"""The seams of a DXF garment drawn for review: every piece as the file draws it, its edges numbered,
each seam a coloured pair of matching edges with the seam's number at both, low-confidence seams dashed
and flagged, and a key giving each seam's confidence and reason.
"""

import os
from pathlib import Path

import numpy as np

from garments.pattern import Pattern
from garments.pattern_drawing import drawing_target, write_drawing
from garments.seam_plan import LOW_CONFIDENCE, SeamPlan

__all__ = ["draw_seams", "DXF_DRAWN"]

# The ``Panel.extra`` key of a DXF piece's internal lines and drill holes (lists of points, metres, in
# the panel's frame), drawn thin.
DXF_DRAWN = "dxf_drawn"

_GAP = 0.08
_ROW_WIDTH = 2.4
_KEY_LINES = 40


def _as_drawn(pattern: Pattern) -> tuple[dict, dict]:
    """Each panel's edges and its internal lines and drill holes (lists of (k, 2), metres) as the file
    draws it (mirrored-for-layout panels turned back), laid out in rows."""
    drawn, marks, x, y, row_height = {}, {}, 0.0, 0.0, 0.0
    for name, panel in pattern.panels.items():
        flip = np.array([-1.0, 1.0]) if panel.extra.get("dxf_mirrored") else np.array([1.0, 1.0])
        edges = [panel.edge_points(index, 48) * flip for index in range(len(panel.edges))]
        points = np.vstack(edges)
        low, high = points.min(axis=0), points.max(axis=0)
        width, height = high - low
        if x > 0 and x + width > _ROW_WIDTH:
            x, y, row_height = 0.0, y - row_height - _GAP, 0.0
        offset = np.array([x, y - height]) - low
        drawn[name] = [edge + offset for edge in edges]
        marks[name] = [
            np.asarray(line).reshape(-1, 2) * flip + offset for line in panel.extra.get(DXF_DRAWN, [])
        ]
        x += width + _GAP
        row_height = max(row_height, height)
    return drawn, marks


def _label_point(edge: np.ndarray, centre: np.ndarray, inward: float) -> np.ndarray:
    middle = edge[len(edge) // 2]
    toward = centre - middle
    return middle + inward * toward / max(np.linalg.norm(toward), 1e-9)


def draw_seams(pattern: Pattern, plan: SeamPlan, path: str | os.PathLike, title: str) -> Path:
    """Draw ``pattern``'s panels with ``plan``'s seams to an SVG or PNG file; returns the path.

    Raises
    ------
    PatternError
        When the suffix is neither ``.svg`` nor ``.png``.
    """
    target, pyplot = drawing_target(path)
    drawn, marks = _as_drawn(pattern)
    figure, (axes, key) = pyplot.subplots(1, 2, figsize=(18, 10), gridspec_kw={"width_ratios": [3, 1.3]})
    colours = pyplot.get_cmap("tab10")
    centres = {}
    for name, edges in drawn.items():
        outline = np.vstack([edge[:-1] for edge in edges])
        centres[name] = outline.mean(axis=0)
        axes.fill(
            *np.vstack([outline, outline[:1]]).T, facecolor="#f4efe6", edgecolor="#999999", linewidth=0.8
        )
        axes.text(*centres[name], name, ha="center", va="center", fontsize=8, color="#333333")
        for line in marks[name]:
            axes.plot(*line.T, color="#8c6d46", linewidth=0.6, linestyle=":" if len(line) > 1 else "none",
                      marker="o" if len(line) == 1 else None, markersize=2)  # fmt: skip
        for index, edge in enumerate(edges):
            axes.text(*_label_point(edge, centres[name], 0.05), str(index), fontsize=6, color="#777777",
                      ha="center", va="center")  # fmt: skip
    lines = []
    for number, seam in enumerate(plan.seams):
        colour = colours(number % 10)
        low = seam.confidence < LOW_CONFIDENCE
        for panel, edge in (seam.a, seam.b):
            points = drawn[panel][edge]
            axes.plot(*points.T, color=colour, linewidth=2.6, linestyle="--" if low else "-")
            label = f"{number}?" if low else str(number)
            axes.text(*_label_point(points, centres[panel], 0.022), label, color=colour, fontsize=8,
                      fontweight="bold", ha="center", va="center")  # fmt: skip
        flag = "  CHECK" if low else ""
        lines.append(
            (
                f"{number}: {seam.a[0]} {seam.a[1]} + {seam.b[0]} {seam.b[1]}  ({seam.confidence:.2f}){flag}",
                colour,
            )
        )
        lines.append((f"    {seam.reason}", "#444444"))
    for name, reason in {**plan.left_out, **plan.unmatched}.items():
        lines.append((f"not sewn: {name}: {reason}", "#aa0000"))
    key.axis("off")
    for row, (text, colour) in enumerate(lines[: 2 * _KEY_LINES]):
        key.text(0.0, 1.0 - row / (2 * _KEY_LINES), text[:110], color=colour, fontsize=6.5, va="top",
                 transform=key.transAxes)  # fmt: skip
    low_count = sum(seam.confidence < LOW_CONFIDENCE for seam in plan.seams)
    axes.set_title(
        f"{title}\n{len(plan.seams)} seams inferred ({low_count} to check, dashed), edges numbered grey; "
        "unsewn edges grey"
    )
    return write_drawing(figure, axes, target, dpi=130)
