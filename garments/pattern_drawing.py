"""The flat pattern as a designer checks it: panels side by side, numbered stitches, grain lines, size.

Each seam gets a number and a colour, written beside both of its edges, so a designer can see what is
sewn to what; the grain line is the usual double-headed arrow; a 10 cm bar gives the scale.
"""

import os
from pathlib import Path

import numpy as np

from fitroom.files import atomic_path
from garments.errors import PatternError
from garments.pattern import Pattern

__all__ = ["draw_pattern", "drawing_target", "write_drawing", "DRAWING_FORMATS"]

DRAWING_FORMATS = (".svg", ".png")
_GAP = 0.06
_ROW_WIDTH = 2.2


def _layout(pattern: Pattern) -> dict[str, np.ndarray]:
    """Offset (2,) of each panel's frame so the panels sit in rows, left to right, without touching."""
    offsets, x, y, row_height = {}, 0.0, 0.0, 0.0
    for name, panel in pattern.panels.items():
        outline = panel.outline()
        low, high = outline.min(axis=0), outline.max(axis=0)
        width, height = high - low
        if x > 0 and x + width > _ROW_WIDTH:
            x, y, row_height = 0.0, y - row_height - _GAP, 0.0
        offsets[name] = np.array([x, y - height]) - low
        x += width + _GAP
        row_height = max(row_height, height)
    return offsets


def _inward_normal(points: np.ndarray, clockwise: bool) -> np.ndarray:
    tangent = points[-1] - points[0]
    normal = np.array([-tangent[1], tangent[0]]) / max(np.linalg.norm(tangent), 1e-9)
    return -normal if clockwise else normal


def drawing_target(path: str | os.PathLike):
    """``path`` as a ``Path`` and matplotlib's ``pyplot`` (drawing off screen), once the suffix is known
    to be ``.svg`` or ``.png``.

    Raises
    ------
    PatternError
        When the suffix is neither.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    target = Path(path)
    if target.suffix.lower() not in DRAWING_FORMATS:
        raise PatternError(f"Cannot draw to '{target.name}'; give an output file ending in .svg or .png.")
    return target, pyplot


def draw_pattern(pattern: Pattern, path: str | os.PathLike) -> Path:
    """Draw ``pattern`` to an SVG or PNG file (chosen by the suffix); returns the path.

    Raises
    ------
    PatternError
        When the suffix is neither ``.svg`` nor ``.png``.
    """
    target, pyplot = drawing_target(path)
    offsets = _layout(pattern)
    figure, axes = pyplot.subplots(figsize=(14, 9))
    colours = pyplot.get_cmap("tab20")
    for name, panel in pattern.panels.items():
        outline = panel.outline() + offsets[name]
        axes.fill(
            *np.vstack([outline, outline[:1]]).T, facecolor="#f4efe6", edgecolor="#333333", linewidth=1.0
        )
        centre = outline.mean(axis=0)
        axes.text(*centre, f"{name}\n{panel.material}", ha="center", va="center", fontsize=8, color="#555555")
        extent = outline.max(axis=0) - outline.min(axis=0)
        grain = panel.grain / np.linalg.norm(panel.grain)
        half = 0.3 * float(np.abs(grain) @ extent)
        tail, head = centre - grain * half - [0, 0.04], centre + grain * half - [0, 0.04]
        axes.annotate(
            "", xy=head, xytext=tail, arrowprops={"arrowstyle": "<->", "color": "#1f4e79", "lw": 1.2}
        )
    for number, stitch in enumerate(pattern.stitches):
        colour = colours(number % 20)
        for side in (stitch.a, stitch.b):
            panel = pattern.panels[side.panel]
            points = panel.edge_points(side.edge, 32) + offsets[side.panel]
            axes.plot(*points.T, color=colour, linewidth=2.4)
            middle = points[len(points) // 2]
            label_at = middle + 0.025 * _inward_normal(points, panel.area() < 0)
            axes.text(
                *label_at, str(number), color=colour, fontsize=8, fontweight="bold", ha="center", va="center"
            )
    low = np.min([p.outline().min(axis=0) + offsets[n] for n, p in pattern.panels.items()], axis=0)
    axes.plot([low[0], low[0] + 0.1], [low[1] - 0.04] * 2, color="black", linewidth=2)
    axes.text(low[0] + 0.05, low[1] - 0.07, "10 cm", ha="center", va="top", fontsize=8)
    ease = ", ".join(f"{k} +{v:g}" for k, v in pattern.ease_cm.items())
    chart = f" ({pattern.chart}'s chart)" if pattern.chart else ""
    title = f"{pattern.name}: size {pattern.size}{chart}"
    if ease:
        title += f"; ease over the body, cm: {ease}"
    seams = f"{len(pattern.stitches)} stitches (numbered)" if pattern.stitches else "no stitches in the file"
    axes.set_title(f"{title}\n{len(pattern.panels)} panels, {seams}")
    return write_drawing(figure, axes, target, dpi=150)


def write_drawing(figure, axes, target: Path, dpi: int) -> Path:
    """Write a flat drawing (``figure`` with its one ``axes``, metres to scale, no axes shown) to
    ``target`` whole or not at all, and close the figure; returns ``target``."""
    from matplotlib import pyplot

    axes.set_aspect("equal")
    axes.axis("off")
    figure.tight_layout()
    with atomic_path(target) as tmp:
        figure.savefig(tmp, dpi=dpi, bbox_inches="tight")
    pyplot.close(figure)
    return target
