"""The coverage picture (matplotlib): per pattern, a stacked bar per size and a chest-hip scatter.

Left: for each size, the share of people for whom it is the recommended fit, fits but loose, is tight
(by girth) or failed to drape, and a last bar, ``no size``, for the people no size fits, split by why.
Right: each person's chest against hip (cm), coloured by the size recommended (a grey cross: no size
fits), over the size chart's chest x hip band of each size: a gap in the chart is where people fall
between or outside the boxes.
"""

import io
from pathlib import Path

from viewer.coverage import DRAPE_OUTCOMES

__all__ = ["coverage_png_bytes"]

_OUTCOME_COLOURS = {
    "recommended": "#2e9e44",
    "fits, loose": "#9ad18b",
    "tight at chest": "#f08c3a",
    "tight at waist": "#d9541e",
    "tight at hip": "#a8251a",
    "drape failed": "#9a9a9a",
}
_NO_SIZE_COLOURS = {"every drape failed": "#9a9a9a", "bad row": "#505050"}


def _size_colours(sizes: list[str]) -> dict[str, tuple]:
    from matplotlib import colormaps

    palette = colormaps["tab10"]
    return {size: palette(index % 10) for index, size in enumerate(sizes)}


def _bars(ax, figures: dict) -> None:
    people = max(figures["people"], 1)
    labels = [*figures["sizes"], "no size"]
    bottoms = [0.0] * len(labels)
    for outcome in DRAPE_OUTCOMES:
        shares = [100.0 * figures["by_size"][size][outcome] / people for size in figures["sizes"]]
        if any(shares):
            ax.bar(
                figures["sizes"], shares, bottom=bottoms[:-1], color=_OUTCOME_COLOURS[outcome], label=outcome
            )
            bottoms[:-1] = [b + s for b, s in zip(bottoms[:-1], shares, strict=True)]
    for why, count in sorted(figures["no_size"].items()):
        colour = _NO_SIZE_COLOURS.get(why) or _OUTCOME_COLOURS.get(why, "#444444")
        share = 100.0 * count / people
        ax.bar(
            ["no size"],
            [share],
            bottom=[bottoms[-1]],
            color=colour,
            hatch="//",
            edgecolor="white",
            label=f"no size: {why}",
        )
        bottoms[-1] += share
    ax.set_ylabel("share of people (%)")
    ax.set_ylim(0, 105)
    ax.set_xticks(range(len(labels)), labels)
    ax.legend(fontsize=7, loc="upper left", ncols=2, frameon=False)


def _chart_name(rows: list[dict]) -> str:
    genders = [row["gender"] for row in rows if row["gender"]]
    return "men" if genders and genders.count("male") > len(genders) / 2 else "women"


def _scatter(ax, figures: dict) -> None:
    from matplotlib.patches import Rectangle

    from fitroom.size_chart import size_chart

    sizes = figures["sizes"]
    colours = _size_colours(sizes)
    chart_name = _chart_name(figures["people_rows"])
    chart = size_chart()[chart_name]
    for size in sizes:
        if size in chart:
            (chest_low, chest_high), (hip_low, hip_high) = chart[size]["chest"], chart[size]["hip"]
            ax.add_patch(
                Rectangle(
                    (chest_low, hip_low),
                    chest_high - chest_low,
                    hip_high - hip_low,
                    fill=False,
                    edgecolor=colours[size],
                    linewidth=1.5,
                )
            )
            ax.annotate(size, (chest_low + 0.4, hip_high - 0.4), va="top", fontsize=8, color=colours[size])
    drawn = [row for row in figures["people_rows"] if row["body_chest_cm"] is not None]
    for size in sizes:
        mine = [row for row in drawn if row["recommended_size"] == size and not row["tight_at"]]
        if mine:
            ax.scatter(
                [r["body_chest_cm"] for r in mine],
                [r["body_hip_cm"] for r in mine],
                s=12,
                color=colours[size],
                label=f"{size} ({len(mine)})",
            )
    none = [row for row in drawn if row["tight_at"] or row["recommended_size"] is None]
    if none:
        ax.scatter(
            [r["body_chest_cm"] for r in none],
            [r["body_hip_cm"] for r in none],
            s=18,
            marker="x",
            color="#555555",
            label=f"no size fits ({len(none)})",
        )
    ax.set_xlabel("chest (cm)")
    ax.set_ylabel("hip (cm)")
    ax.set_title(f"recommended size over the {chart_name}'s chart bands", fontsize=9)
    ax.legend(fontsize=7, loc="lower right", frameon=False)


def coverage_png_bytes(figures_by_pattern: dict[str, dict]) -> bytes:
    """The picture (one row of two plots per pattern) as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = len(figures_by_pattern)
    figure, axes = plt.subplots(rows, 2, figsize=(13, 5 * rows), squeeze=False)
    for (pattern, figures), (bars, scatter) in zip(figures_by_pattern.items(), axes, strict=True):
        _bars(bars, figures)
        bars.set_title(
            f"{Path(pattern).stem}: what each size is for the {figures['people']} people", fontsize=10
        )
        _scatter(scatter, figures)
    figure.tight_layout()
    stream = io.BytesIO()
    figure.savefig(stream, format="png", dpi=110)
    plt.close(figure)
    return stream.getvalue()
