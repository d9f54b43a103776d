"""Which size fits: the recommendation rule, the fit table and ``fit.json``.

The rule (documented for fit technicians): recommend the smallest size whose fabric is not pulled
hard anywhere that matters and that leaves room at the body's girths, i.e.

* the 95th percentile of face strain stays at or below ``P95_LIMIT_PCT`` (110 %: knit tees are
  worn with up to about 10 % stretch before the fabric visibly pulls and shows drag lines), and
* the mean ease on the chest, waist and hip rings is at least ``MIN_EASE_CM`` wherever the garment
  reaches that ring.

When no size passes, the loosest (last) size is recommended and the reason says that every size is tight.
"""

import json

import numpy as np

from fitroom.files import atomic_path

__all__ = ["P95_LIMIT_PCT", "MIN_EASE_CM", "recommend_size", "write_fit_json", "fit_table"]

P95_LIMIT_PCT = 110.0
MIN_EASE_CM = 0.0


def _ease_ok(ease: dict) -> tuple[bool, list[str]]:
    tight = [name for name, value in ease.items() if value is not None and value < MIN_EASE_CM]
    return not tight, tight


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
        p95 = summary["strain_pct"]["p95"]
        ease_ok, _ = _ease_ok(summary["ease_cm"])
        if p95 <= P95_LIMIT_PCT and ease_ok:
            return size, (
                f"{size} is the smallest size whose p95 strain ({p95:.1f} %) stays at or below "
                f"{P95_LIMIT_PCT:.0f} % with room (ease >= {MIN_EASE_CM:.0f} cm) at chest, waist and hip."
            )
    size = list(summaries)[-1]
    summary = summaries[size]
    _, tight = _ease_ok(summary["ease_cm"])
    where = f"; no ease at {', '.join(tight)}" if tight else ""
    figures = f"p95 strain {summary['strain_pct']['p95']:.1f} %{where}"
    if len(summaries) == 1:
        return size, f"{size} is tight ({figures}); try a larger size."
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
        "rule": {"p95_strain_limit_pct": P95_LIMIT_PCT, "min_ease_cm": MIN_EASE_CM},
        "sizes": list(summaries),
        **extra,
        **_json_ready(summaries),
    }
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(document, indent=2))
    return document


def fit_table(summaries: dict[str, dict], recommended: str):
    """A ``rich`` table of the sizes: mean and p95 strain, ease at chest / waist / hip, contact, settled."""
    from rich.table import Table

    table = Table(title="Fit by size")
    for column in (
        "size",
        "strain mean %",
        "strain p95 %",
        "ease chest cm",
        "ease waist cm",
        "ease hip cm",
        "contact %",
        "settled",
    ):
        table.add_column(column, justify="right")
    for size, s in summaries.items():
        ease = s["ease_cm"]
        table.add_row(
            f"[bold]{size}[/bold]" + (" *" if size == recommended else ""),
            f"{s['strain_pct']['mean']:.1f}",
            f"{s['strain_pct']['p95']:.1f}",
            *(_fmt(ease.get(k)) for k in ("chest", "waist", "hip")),
            f"{s['contact_pct']:.0f}",
            "yes" if s["settled"] else "no",
        )
    return table


def _fmt(value) -> str:
    return "-" if value is None or not np.isfinite(value) else f"{value:+.1f}"
