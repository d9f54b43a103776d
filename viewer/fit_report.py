"""Which size fits: the recommendation rule, the fit table and ``fit.json``.

The rule (documented for fit technicians): fit is judged where a tailor judges it, at the chest, waist
and hip girths. Recommend the smallest size that, at each girth the garment's torso reaches,

* stretches the fabric around the body by at most ``GIRTH_STRAIN_LIMIT_PCT`` on average (110 %: knit
  tops are worn with up to about 10 % stretch before the fabric visibly pulls and shows drag lines), and
* keeps a mean ease (garment-to-body distance on the ring) of at least ``MIN_EASE_CM``.

The p95 strain over the whole garment is reported beside it but not used: it is dominated by the
shoulders, where every size hangs its own weight. When no size passes, the loosest (last) size is
recommended and the reason says that every size is tight.
"""

import json

import numpy as np

from fitroom.files import atomic_path

__all__ = ["GIRTH_STRAIN_LIMIT_PCT", "MIN_EASE_CM", "recommend_size", "write_fit_json", "fit_table"]

GIRTH_STRAIN_LIMIT_PCT = 110.0
MIN_EASE_CM = 0.0


def _tight_girths(summary: dict) -> list[str]:
    """Where a size fails the rule, with the figure (``chest 117 %``, ``waist ease -0.4 cm``)."""
    tight = []
    for name, strain in summary["girth_strain_pct"].items():
        if strain is not None and strain > GIRTH_STRAIN_LIMIT_PCT:
            tight.append(f"{name} {strain:.0f} %")
    for name, ease in summary["ease_cm"].items():
        if ease is not None and ease < MIN_EASE_CM:
            tight.append(f"{name} ease {ease:+.1f} cm")
    return tight


def recommend_size(summaries: dict[str, dict]) -> tuple[str, str]:
    """Apply the rule to per-size summaries (in size order, smallest first).

    Parameters
    ----------
    summaries : dict[str, dict]
        Size label -> ``DrapeResult.summary()``.

    Returns
    -------
    size, reason : str, str
    """
    for size, summary in summaries.items():
        if not _tight_girths(summary):
            girths = (
                ", ".join(f"{k} {v:.0f} %" for k, v in summary["girth_strain_pct"].items() if v is not None)
                or "no chest, waist or hip girth could be measured on this garment"
            )
            return size, (
                f"{size} is the smallest size that stretches the fabric at most "
                f"{GIRTH_STRAIN_LIMIT_PCT:.0f} % round the body ({girths}) with room to spare "
                f"(ease >= {MIN_EASE_CM:.0f} cm) at chest, waist and hip."
            )
    size = list(summaries)[-1]
    figures = "tight at " + ", ".join(_tight_girths(summaries[size]))
    if len(summaries) == 1:
        return size, f"{size} is {figures}; try a larger size."
    return size, f"Every size is tight; {size} is the loosest tried ({figures}). Try a larger size."


def _json_ready(value):
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return round(value, 4) if np.isfinite(value) else None
    return value


def write_fit_json(path, summaries: dict[str, dict], recommended: str, reason: str, extra: dict) -> dict:
    """Write ``fit.json``: one top-level entry per size, ``recommended_size``, the reason and ``extra`` keys.

    ``sizes`` lists the size keys in draping order (smallest first).
    """
    document = {
        "recommended_size": recommended,
        "reason": reason,
        "rule": {"girth_strain_limit_pct": GIRTH_STRAIN_LIMIT_PCT, "min_ease_cm": MIN_EASE_CM},
        "sizes": list(summaries),
        **extra,
        **_json_ready(summaries),
    }
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(document, indent=2))
    return document


def fit_table(summaries: dict[str, dict], recommended: str):
    """A ``rich`` table of the sizes: strain (mean, p95, at the girths), ease, contact, settled."""
    from rich.table import Table

    table = Table(title="Fit by size: strain in % (100 = unstretched), ease in cm; * recommended")
    columns = (
        "size",
        "strain mean",
        "p95",
        "at chest/waist/hip",
        "ease chest",
        "waist",
        "hip",
        "contact %",
        "settled",
    )
    for column in columns:
        table.add_column(column, justify="right")
    for size, s in summaries.items():
        ease = s["ease_cm"]
        table.add_row(
            f"[bold]{size}[/bold]" + (" *" if size == recommended else ""),
            f"{s['strain_pct']['mean']:.1f}",
            f"{s['strain_pct']['p95']:.1f}",
            "/".join(_fmt_strain(s["girth_strain_pct"].get(k)) for k in ("chest", "waist", "hip")),
            *(_fmt(ease.get(k)) for k in ("chest", "waist", "hip")),
            f"{s['contact_pct']:.0f}",
            "yes" if s["settled"] else "no",
        )
    return table


def _fmt(value) -> str:
    return "-" if value is None or not np.isfinite(value) else f"{value:+.1f}"


def _fmt_strain(value) -> str:
    return "-" if value is None else f"{value:.0f}"
