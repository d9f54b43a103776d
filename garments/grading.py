"""Grading: moving a pattern's points by grade rules to a size from the chart or to a body's measurements.

A grade rule says how far each outline point moves per centimetre of chest, waist, hip and height
(industry grade rules give the same per-size point moves as tables). Girths therefore follow the chart's
steps exactly, ease stays as drafted, and lengths move by the smaller steps the draft ties to girth and
height.
"""

import numpy as np

from fitroom.size_chart import size_measurements_cm
from garments.errors import UnknownSizeError
from garments.pattern import AS_DRAWN, GRADE_AXES, Pattern

__all__ = ["grade_pattern", "pattern_for_measurements", "pattern_in_size", "MADE_TO_MEASURE"]

MADE_TO_MEASURE = "made-to-measure"


def _moved(pattern: Pattern, target_cm: dict[str, float], size: str) -> Pattern:
    graded = pattern.copy()
    delta_m = np.array(
        [
            (target_cm.get(axis, base) - base) / 100.0
            for axis, base in ((axis, pattern.base_measurements_cm[axis]) for axis in GRADE_AXES)
        ]
    )
    for panel in graded.panels.values():
        if panel.grade_rules is None:
            continue
        before = panel.vertices.copy()
        panel.vertices = panel.vertices + np.einsum("nkd,k->nd", panel.grade_rules, delta_m)
        for edge in panel.edges:
            if edge.curve is not None and edge.curve.kind == "circle":
                old = np.linalg.norm(before[edge.end] - before[edge.start])
                new = np.linalg.norm(panel.vertices[edge.end] - panel.vertices[edge.start])
                radius, large_arc, right = edge.curve.params
                edge.curve = type(edge.curve)("circle", (radius * new / old, large_arc, right))
    graded.base_measurements_cm = {
        axis: float(target_cm.get(axis, pattern.base_measurements_cm[axis])) for axis in GRADE_AXES
    }
    graded.size = size
    return graded


def grade_pattern(pattern: Pattern, size: str | None) -> Pattern:
    """``pattern`` graded to ``size`` of its chart; None or its current size gives an unchanged copy.

    Raises
    ------
    UnknownSizeError
        When the pattern is not graded to ``size``.
    """
    if size is None or size == pattern.size:
        return pattern.copy()
    if "dxf_source" in pattern.extra:
        from garments.dxf_aama import dxf_pattern_in_size

        return dxf_pattern_in_size(pattern, size)
    if size not in pattern.sizes:
        if not pattern.sizes:
            raise UnknownSizeError(
                f"Pattern '{pattern.name}' has no grade rules, so it comes only in the size it was drawn in; "
                f"leave the size out (or use '{AS_DRAWN}') instead of '{size}'."
            )
        raise UnknownSizeError(
            f"Pattern '{pattern.name}' has no size '{size}'; choose one of {', '.join(pattern.sizes)}."
        )
    return _moved(pattern, size_measurements_cm(pattern.chart, size), size)


def pattern_for_measurements(pattern: Pattern, measurements_cm: dict[str, float]) -> Pattern:
    """``pattern`` drafted made-to-measure for a body's ``chest``, ``waist``, ``hip`` and ``height`` (cm).

    Measurements the dict lacks keep the pattern's own.

    Raises
    ------
    UnknownSizeError
        When the pattern has no grade rules to draft from.
    """
    if not pattern.sizes or "dxf_source" in pattern.extra:
        raise UnknownSizeError(
            f"Pattern '{pattern.name}' has no grade rules, so it cannot be made to measure; "
            f"use it in the size it was drawn in."
        )
    return _moved(pattern, measurements_cm, MADE_TO_MEASURE)


def pattern_in_size(
    pattern: Pattern, size: str | None, measurements_cm: dict[str, float] | None = None
) -> Pattern:
    """``pattern`` in ``size``: ``made-to-measure`` drafts it for ``measurements_cm`` (cm; None keeps the
    pattern's own, see ``pattern_for_measurements``), any other size grades it (``grade_pattern``).

    Raises
    ------
    UnknownSizeError
        When the pattern does not come in ``size``.
    """
    if size == MADE_TO_MEASURE:
        return pattern_for_measurements(pattern, measurements_cm or {})
    return grade_pattern(pattern, size)
