"""Which size fits: the recommendation rule, the fit table and ``fit.json``.

The rule (documented for fit technicians): fit is judged where a tailor judges it, at the chest, waist
and hip girths, and only on drapes that can bear it: a size whose drape failed (it slid off, did not
come to rest, gapes at a seam: :mod:`viewer.drape_verdict`) or that goes round the body at none of
the girths is left out, and the reason says why. Of the others, recommend the smallest size that, at
each girth the drape goes round,

* stretches the fabric around the body by at most ``GIRTH_STRAIN_LIMIT_PCT`` on average (110 %: knit
  tops are worn with up to about 10 % stretch before the fabric visibly pulls and shows drag lines), and
* keeps a girth ease (the garment's girth round the body minus the body's) of at least ``MIN_EASE_CM``.

The p95 strain over the whole garment is reported beside it but not used: it is dominated by the
shoulders, where every size hangs its own weight. When no size passes, the loosest (last) size is
recommended and the reason says that every size is tight. When no size can be judged, none is
recommended (the command exits 3).
"""

import json

import numpy as np

from fitroom.files import atomic_path

__all__ = [
    "GIRTH_STRAIN_LIMIT_PCT",
    "MIN_EASE_CM",
    "NO_SIZE_EXIT_STATUS",
    "recommend_size",
    "write_fit_json",
    "fit_table",
]

GIRTH_STRAIN_LIMIT_PCT = 110.0
MIN_EASE_CM = 0.0
# The exit status of a command whose drapes ran but could recommend no size (2 is for bad input).
NO_SIZE_EXIT_STATUS = 3


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


def _why_not_judged(summary: dict) -> str | None:
    """Why a size's drape cannot carry a recommendation (it failed, or no girth could be measured
    on it), or None when it can."""
    if summary["verdict"] == "failed":
        return "; ".join(summary["verdict_reasons"])
    if not any(girth["measured"] for girth in summary["girths"].values()):
        return "no chest, waist or hip girth could be measured on its drape"
    return None


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def recommend_size(summaries: dict[str, dict]) -> tuple[str | None, str]:
    """Apply the rule to per-size summaries (in size order, smallest first).

    Only sizes whose drape is ``ok`` and measured at one girth at least are judged; each one left out
    is named in the reason with why.

    Parameters
    ----------
    summaries : dict[str, dict]
        Size label -> summary: ``DrapeResult.summary()`` with :func:`viewer.girth_fit.girth_fit`'s
        figures and the verdict (:class:`viewer.size_drape.SizeDrape`'s ``summary``).

    Returns
    -------
    size, reason : str or None, str
        None when no size can be recommended; the reason then says why of each.
    """
    left_out = {size: why for size, summary in summaries.items() if (why := _why_not_judged(summary))}
    judged = {size: summary for size, summary in summaries.items() if size not in left_out}
    notes = " ".join(f"{size} was not judged: {why}." for size, why in left_out.items())
    if not judged:
        return None, f"No size can be recommended. {notes}"
    for size, summary in judged.items():
        if not _tight_girths(summary):
            measured = [name for name, girth in summary["girths"].items() if girth["measured"]]
            figures = ", ".join(f"{name} {summary['girth_strain_pct'][name]:.0f} %" for name in measured)
            reason = (
                f"{size} is the smallest size that stretches the fabric at most "
                f"{GIRTH_STRAIN_LIMIT_PCT:.0f} % round the body ({figures}) with room to spare "
                f"(ease >= {MIN_EASE_CM:.0f} cm) at the {_listing(measured)}."
            )
            return size, f"{reason} {notes}".strip()
    size = list(judged)[-1]
    figures = "tight at " + ", ".join(_tight_girths(judged[size]))
    if len(judged) == 1:
        return size, f"{size} is {figures}; try a larger size. {notes}".strip()
    reason = f"Every size is tight; {size} is the loosest tried ({figures}). Try a larger size."
    return size, f"{reason} {notes}".strip()


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
    """A ``rich`` table of the sizes: strain (mean, p95, at the girths), girth ease, contact, verdict."""
    from rich.table import Table

    table = Table(
        title="Fit by size: strain in % (100 = unstretched), ease = garment girth - body girth in cm; "
        "* recommended"
    )
    columns = (
        "size",
        "strain mean",
        "p95",
        "at chest/waist/hip",
        "ease chest",
        "waist",
        "hip",
        "contact %",
        "verdict",
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
            "ok" if s["verdict"] == "ok" else "[bold red]failed[/bold red]",
        )
    return table


def _fmt(value) -> str:
    return "-" if value is None or not np.isfinite(value) else f"{value:+.1f}"


def _fmt_strain(value) -> str:
    return "-" if value is None else f"{value:.0f}"
