"""Checks that a pattern can be meshed and sewn; each failure names the panel and edge to fix."""

import itertools
import warnings

from shapely.geometry import LinearRing, LineString, MultiPoint

from garments.errors import (
    DuplicateStitchError,
    EdgeIndexError,
    EdgeLoopError,
    SelfIntersectionError,
    StitchLengthError,
    StitchLengthWarning,
    StitchReferenceError,
)

__all__ = ["validate_pattern", "is_gathered", "STITCH_WARN_RATIO", "STITCH_ERROR_RATIO", "GATHER_ERROR_RATIO"]

# Relative length difference of two sewn edges above which a seam is reported.
STITCH_WARN_RATIO = 0.05
STITCH_ERROR_RATIO = 0.10
# A gathered seam (one edge labelled as an interface or gather, as GarmentCode labels the waist where a
# bodice is gathered into a skirt) eases the longer edge into the shorter one, up to this difference.
GATHER_ERROR_RATIO = 0.5
_GATHER_LABELS = ("interface", "gather", "stretch")


def is_gathered(pattern, stitch) -> bool:
    """True when either edge of ``stitch`` is labelled as gathered (``*interface*`` or ``*gather*``)."""
    labels = [pattern.panels[side.panel].edges[side.edge].label for side in (stitch.a, stitch.b)]
    return any(word in label for label in labels for word in _GATHER_LABELS)


def _check_outline(panel) -> None:
    vertex_count = len(panel.vertices)
    if len(panel.edges) < 2:
        raise EdgeLoopError(
            f"Panel '{panel.name}' has {len(panel.edges)} edge(s); an outline needs at least two."
        )
    for index, edge in enumerate(panel.edges):
        for end in (edge.start, edge.end):
            if not 0 <= end < vertex_count:
                raise EdgeIndexError(
                    f"Panel '{panel.name}' edge {index} names vertex {end}, but the panel has vertices "
                    f"0..{vertex_count - 1}; fix the edge's endpoints."
                )
    for index, edge in enumerate(panel.edges):
        following = panel.edges[(index + 1) % len(panel.edges)]
        if edge.end != following.start:
            raise EdgeLoopError(
                f"Panel '{panel.name}' edge {index} ends at vertex {edge.end} but edge "
                f"{(index + 1) % len(panel.edges)} starts at vertex {following.start}; the outline must "
                f"close (each edge starting where the previous one ends)."
            )


def _check_simple(panel) -> None:
    if LinearRing(panel.outline()).is_simple:
        return
    lines = [LineString(panel.edge_points(i, 32)) for i in range(len(panel.edges))]
    for i, line in enumerate(lines):
        if not line.is_simple:
            raise SelfIntersectionError(
                f"Panel '{panel.name}' edge {i} crosses itself; flatten its curve controls."
            )
    for i, j in itertools.combinations(range(len(lines)), 2):
        touch = lines[i].intersection(lines[j])
        if touch.is_empty:
            continue
        ends_i = {panel.edges[i].start, panel.edges[i].end}
        shared = ends_i & {panel.edges[j].start, panel.edges[j].end}
        corners = MultiPoint([panel.vertices[k] for k in shared]).buffer(1e-6)
        if shared and touch.difference(corners).is_empty:
            continue
        raise SelfIntersectionError(
            f"Panel '{panel.name}' outline crosses itself where edges {i} and {j} meet; move their "
            f"vertices or curve controls apart."
        )


def _check_stitches(pattern) -> list[str]:
    messages = []
    used = {}
    for index, stitch in enumerate(pattern.stitches):
        for side in (stitch.a, stitch.b):
            if side.panel not in pattern.panels:
                raise StitchReferenceError(
                    f"Stitch {index} names panel '{side.panel}', which the pattern does not have; "
                    f"use one of {', '.join(pattern.panels)}."
                )
            edge_count = len(pattern.panels[side.panel].edges)
            if not 0 <= side.edge < edge_count:
                raise StitchReferenceError(
                    f"Stitch {index} names edge {side.edge} of panel '{side.panel}', which has edges "
                    f"0..{edge_count - 1}; fix the stitch."
                )
            key = (side.panel, side.edge)
            if key in used:
                raise DuplicateStitchError(
                    f"Panel '{side.panel}' edge {side.edge} is sewn in stitch {used[key]} and stitch "
                    f"{index}; an edge can be sewn only once, so split it or remove one stitch."
                )
            used[key] = index
        length_a, length_b = pattern.stitch_length(stitch.a), pattern.stitch_length(stitch.b)
        difference = abs(length_a - length_b) / max(length_a, length_b)
        message = (
            f"Stitch {index} sews panel '{stitch.a.panel}' edge {stitch.a.edge} ({length_a * 100:.1f} cm) to "
            f"panel '{stitch.b.panel}' edge {stitch.b.edge} ({length_b * 100:.1f} cm), {difference:.0%} apart"
        )
        if is_gathered(pattern, stitch):
            if difference > GATHER_ERROR_RATIO:
                raise StitchLengthError(f"{message}; a gathered seam can ease in at most half its length.")
        elif difference > STITCH_ERROR_RATIO:
            raise StitchLengthError(f"{message}; make the two edges the same length (within 10 %).")
        elif difference > STITCH_WARN_RATIO:
            messages.append(f"{message}; the seam will pucker.")
    return messages


def validate_pattern(pattern) -> list[str]:
    """Check every panel outline and stitch of ``pattern``.

    Returns
    -------
    list[str]
        Warnings (stitched edges 5-10 % apart in length, gathered seams excepted); each is also issued
        as a ``StitchLengthWarning``.

    Raises
    ------
    EdgeIndexError, EdgeLoopError, SelfIntersectionError, StitchReferenceError, DuplicateStitchError,
    StitchLengthError
        For the first problem found.
    """
    for panel in pattern.panels.values():
        _check_outline(panel)
    for panel in pattern.panels.values():
        _check_simple(panel)
    messages = _check_stitches(pattern)
    for message in messages:
        warnings.warn(message, StitchLengthWarning, stacklevel=3)
    return messages
