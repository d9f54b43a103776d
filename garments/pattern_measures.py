"""Measuring a flat pattern the way a pattern maker checks it: girth across the panels at a level."""

from shapely.geometry import LineString, Polygon

__all__ = ["flat_girth_cm", "panel_width_at"]


def panel_width_at(panel, height: float) -> float:
    """Total width in metres of ``panel`` along the horizontal line ``y = height`` (panel frame)."""
    outline = panel.outline()
    left, right = outline[:, 0].min() - 1.0, outline[:, 0].max() + 1.0
    return float(
        Polygon(outline).buffer(0).intersection(LineString([(left, height), (right, height)])).length
    )


def flat_girth_cm(pattern, girth: str) -> float:
    """Circumference in cm of the flat pattern at its ``girth`` line (``chest``, ``waist`` or ``hip``).

    The width of each panel listed in ``pattern.girth_lines[girth]`` is taken at the height of the listed
    vertex and summed; seam allowances are not part of fitroom patterns, so this is the garment's girth.

    Raises
    ------
    KeyError
        When the pattern records no such girth line.
    """
    return 100.0 * sum(
        panel_width_at(pattern.panels[name], pattern.panels[name].vertices[vertex][1])
        for name, vertex in pattern.girth_lines[girth]
    )
