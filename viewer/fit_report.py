"""Which size fits: the recommendation rule, the fit table and ``fit.json``.

The rule (documented for fit technicians): fit is judged where a tailor judges it, at the chest, waist
and hip girths, and only on drapes that can bear it: a size whose drape failed (it slid off, did not
come to rest, gapes at a seam: :mod:`viewer.drape_verdict`) or that goes round the body at none of
the girths is left out, and the reason says why. Of the others, recommend the smallest size that, at
each girth the drape goes round,

* stretches the fabric around the body by at most ``GIRTH_STRAIN_LIMIT_PCT`` on average (110 %: knit
  tops are worn with up to about 10 % stretch before the fabric visibly pulls and shows drag lines), and
* keeps a girth ease (the garment's girth round the body minus the body's) of at least ``MIN_EASE_CM``.

Those two thresholds per girth are the rule's parameters (:class:`FitRule`); ``DEFAULT_RULE`` holds the
values above at every girth, and ``fitroom calibrate`` fits them per girth to what customers said
(``--rule rule.json`` on ``fitroom fit`` and ``fitroom batch``). Every rule is applied by this module.

The p95 strain over the whole garment is reported beside it but not used: it is dominated by the
shoulders, where every size hangs its own weight. When no size passes, the loosest (last) size is
recommended and the reason says that every size is tight. When no size can be judged, none is
recommended (the command exits 3).
"""

import json
from pathlib import Path

import numpy as np
import pydantic

from fitroom.errors import FitroomError
from fitroom.files import atomic_path
from fitroom.schema import Finite, validated

__all__ = [
    "GIRTH_STRAIN_LIMIT_PCT",
    "MIN_EASE_CM",
    "NO_SIZE_EXIT_STATUS",
    "GIRTHS",
    "GirthTolerance",
    "FitRule",
    "DEFAULT_RULE",
    "RuleFileError",
    "load_fit_rule",
    "tight_girths",
    "why_not_judged",
    "recommend_size",
    "write_fit_json",
    "fit_table",
]

GIRTH_STRAIN_LIMIT_PCT = 110.0
MIN_EASE_CM = 0.0
# The exit status of a command whose drapes ran but could recommend no size (2 is for bad input).
NO_SIZE_EXIT_STATUS = 3
# The girths a rule judges, in the order fit tables show them.
GIRTHS = ("chest", "waist", "hip")


class GirthTolerance(pydantic.BaseModel):
    """What one girth tolerates: the most mean stretch round the body, in % (100 = unstretched), and the
    least girth ease, in cm."""

    model_config = pydantic.ConfigDict(extra="forbid")
    max_strain_pct: Finite = pydantic.Field(ge=100.0, le=300.0)
    min_ease_cm: Finite = pydantic.Field(ge=-30.0, le=30.0)


class FitRule(pydantic.BaseModel):
    """The recommendation rule's parameters: a :class:`GirthTolerance` per girth; ``calibration`` says
    where a calibrated rule came from (``fitroom calibrate`` writes it; the rule ignores it)."""

    model_config = pydantic.ConfigDict(extra="forbid")
    chest: GirthTolerance
    waist: GirthTolerance
    hip: GirthTolerance
    calibration: dict | None = None

    def tolerance(self, girth: str) -> GirthTolerance:
        return getattr(self, girth)


DEFAULT_RULE = FitRule(
    **{
        name: GirthTolerance(max_strain_pct=GIRTH_STRAIN_LIMIT_PCT, min_ease_cm=MIN_EASE_CM)
        for name in GIRTHS
    }
)


class RuleFileError(FitroomError):
    """A rule file (``--rule``) that is missing, not JSON, or outside the rule's schema."""


def load_fit_rule(path: str | Path) -> FitRule:
    """The :class:`FitRule` in the JSON file at ``path`` (as ``fitroom calibrate`` writes it).

    Raises
    ------
    RuleFileError
        The file is missing or unreadable, not JSON, or a threshold is missing or out of range.
    """
    where = f"Rule file '{path}'"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(
            f"{where} cannot be read ({error.__class__.__name__}); give a rule.json "
            "written by 'fitroom calibrate'."
        ) from None
    except json.JSONDecodeError as error:
        raise RuleFileError(
            f"{where} is not JSON ({error.msg} at line {error.lineno}); give a rule.json "
            "written by 'fitroom calibrate'."
        ) from None
    return validated(FitRule, data, where, RuleFileError)


def tight_girths(summary: dict, rule: FitRule = DEFAULT_RULE) -> list[str]:
    """Where a size fails ``rule``, with the figure (``chest 117 %``, ``waist ease -0.4 cm``); empty when
    it passes."""
    tight = []
    for name, strain in summary["girth_strain_pct"].items():
        if strain is not None and strain > rule.tolerance(name).max_strain_pct:
            tight.append(f"{name} {strain:.0f} %")
    for name, ease in summary["ease_cm"].items():
        if ease is not None and ease < rule.tolerance(name).min_ease_cm:
            tight.append(f"{name} ease {ease:+.1f} cm")
    return tight


def _limits(rule: FitRule, girths: list[str], field: str, unit: str) -> str:
    """``110 %`` when the girths share one threshold, else ``chest 106 %, waist 112 %``."""
    values = [getattr(rule.tolerance(name), field) for name in girths]
    if len(set(values)) == 1:
        return f"{values[0]:.0f}{unit}"
    return ", ".join(f"{name} {value:.0f}{unit}" for name, value in zip(girths, values, strict=True))


def why_not_judged(summary: dict) -> str | None:
    """Why a size's drape cannot carry a recommendation (it failed, or no girth could be measured
    on it), or None when it can."""
    if summary["verdict"] == "failed":
        return "; ".join(summary["verdict_reasons"])
    if not any(girth["measured"] for girth in summary["girths"].values()):
        return "no chest, waist or hip girth could be measured on its drape"
    unmeasured = [
        name for name, girth in summary["girths"].items() if girth["covered"] and not girth["measured"]
    ]
    if unmeasured:
        return f"its drape does not go round the body at the {_listing(unmeasured)}, where it was cut to fit"
    return None


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def recommend_size(summaries: dict[str, dict], rule: FitRule = DEFAULT_RULE) -> tuple[str | None, str]:
    """Apply ``rule`` to per-size summaries (in size order, smallest first).

    Only sizes whose drape is ``ok`` and measured at one girth at least are judged; each one left out
    is named in the reason with why.

    Parameters
    ----------
    summaries : dict[str, dict]
        Size label -> summary: ``DrapeResult.summary()`` with :func:`viewer.girth_fit.girth_fit`'s
        figures and the verdict (:class:`viewer.size_drape.SizeDrape`'s ``summary``).
    rule : FitRule
        The thresholds per girth (default: ``DEFAULT_RULE``).

    Returns
    -------
    size, reason : str or None, str
        None when no size can be recommended; the reason then says why of each.
    """
    left_out = {size: why for size, summary in summaries.items() if (why := why_not_judged(summary))}
    judged = {size: summary for size, summary in summaries.items() if size not in left_out}
    notes = " ".join(f"{size} was not judged: {why}." for size, why in left_out.items())
    if not judged:
        return None, f"No size can be recommended. {notes}"
    for size, summary in judged.items():
        if not tight_girths(summary, rule):
            measured = [name for name, girth in summary["girths"].items() if girth["measured"]]
            figures = ", ".join(f"{name} {summary['girth_strain_pct'][name]:.0f} %" for name in measured)
            reason = (
                f"{size} is the smallest size that stretches the fabric at most "
                f"{_limits(rule, measured, 'max_strain_pct', ' %')} round the body ({figures}) with room "
                f"to spare (ease >= {_limits(rule, measured, 'min_ease_cm', ' cm')}) at the "
                f"{_listing(measured)}."
            )
            return size, f"{reason} {notes}".strip()
    size = list(judged)[-1]
    figures = "tight at " + ", ".join(tight_girths(judged[size], rule))
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


def write_fit_json(
    path, summaries: dict[str, dict], recommended: str, reason: str, extra: dict, rule: FitRule = DEFAULT_RULE
) -> dict:
    """Write ``fit.json``: one top-level entry per size, ``recommended_size``, the reason, the ``rule``
    that chose it (its thresholds per girth) and ``extra`` keys.

    ``sizes`` lists the size keys in draping order (smallest first).
    """
    document = {
        "recommended_size": recommended,
        "reason": reason,
        "rule": rule.model_dump(exclude_none=True),
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
