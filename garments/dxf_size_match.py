"""Which of a DXF file's own sizes (``36``, ``M``, ``50``) to try on a body, from the pieces' girths.

A file's size names say nothing of the body they fit, so each size is measured flat: a top at its chest
(the panels' widths across at the top of their side seams or ``CHEST_BELOW_SHOULDER`` below their
highest point, whichever is lower, summed round the garment), trousers at the hip (across,
``HIP_ABOVE_CROTCH`` above the crotch point). The size that fits is the smallest whose flat girth
reaches the body's; ``fitroom fit`` drapes it and its neighbours and recommends among them. Sizes the
file draws wrongly (an outline that crosses itself) are not tried.
"""

import numpy as np
from shapely.geometry import LineString, Polygon

from garments.dxf_panels import DXF_ROLES
from garments.errors import PatternError
from garments.grading import grade_pattern
from garments.pattern import Pattern

__all__ = ["flat_girth_cm", "sizes_for_body", "HIP_ABOVE_CROTCH", "CHEST_BELOW_SHOULDER"]

# A trouser's hip line lies this far (m) above its crotch point; a top's chest line this far below the
# top of its shoulders.
HIP_ABOVE_CROTCH = 0.08
CHEST_BELOW_SHOULDER = 0.22


def _width_at(panel, height: float) -> float:
    """The panel's width (m) across at ``height`` in its own frame."""
    outline = panel.outline()
    line = LineString([(outline[:, 0].min() - 1.0, height), (outline[:, 0].max() + 1.0, height)])
    return float(Polygon(outline).buffer(0).intersection(line).length)


def flat_girth_cm(pattern: Pattern) -> tuple[str, float] | None:
    """(``chest`` or ``hip``, the flat girth in cm) of a DXF pattern, or None when it has neither side
    seams nor rises to measure at."""
    chest, hip = [], []
    for panel in pattern.panels.values():
        roles = panel.extra.get(DXF_ROLES, [])
        sides = [edge for edge, role in enumerate(roles) if role == "side"]
        rises = [edge for edge, role in enumerate(roles) if role == "rise"]
        if panel.part == "torso" and sides:
            underarm = max(panel.edge_points(edge)[:, 1].max() for edge in sides)
            level = min(underarm, panel.outline()[:, 1].max() - CHEST_BELOW_SHOULDER)
            chest.append(_width_at(panel, level - 0.005))
        elif panel.part.endswith("_leg") and rises:
            crotch = min(panel.edge_points(edge)[:, 1].min() for edge in rises)
            hip.append(_width_at(panel, crotch + HIP_ABOVE_CROTCH))
    if hip:
        return "hip", 100.0 * float(np.sum(hip))
    if chest:
        return "chest", 100.0 * float(np.sum(chest))
    return None


def sizes_for_body(pattern: Pattern, measurements_cm: dict[str, float], count: int) -> list[str]:
    """``count`` of the pattern's sizes round the one that fits a body (``measurements_cm``: ``chest``,
    ``hip``), in the file's order; the pattern's own size when the girth cannot be measured."""
    sizes, girths = [], []
    for size in pattern.sizes:
        try:
            graded = grade_pattern(pattern, size)
        except PatternError:
            continue
        sizes.append(size)
        girths.append(flat_girth_cm(graded))
    if not sizes or any(girth is None for girth in girths) or girths[0][0] not in measurements_cm:
        return [pattern.size]
    body = measurements_cm[girths[0][0]]
    fitting = next((k for k, (_, girth) in enumerate(girths) if girth >= body), len(sizes) - 1)
    first = int(np.clip(fitting - (count - 1) // 2, 0, max(0, len(sizes) - count)))
    return sizes[first : first + count]
