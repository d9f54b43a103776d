"""Fitting the recommendation rule's thresholds to what customers said about the sizes they wore.

Feedback is rows of ``id``, ``pattern``, ``size`` (worn) and ``felt`` (``small``, ``fit``, ``large``),
matched with the batch's drapes of the same person, pattern and size. A rule (:class:`FitRule`)
predicts what a person felt in a worn size with the same functions that recommend sizes
(:func:`viewer.fit_report.tight_girths`, :func:`viewer.fit_report.recommend_size`): ``small`` when
the worn size is tight by the rule, ``fit`` when it is the size the rule recommends, ``large`` when
the rule would recommend a smaller one. Calibration searches the six thresholds (most strain and least
ease at chest, waist and hip) for the rule that agrees with the most training rows: coordinate descent
over a grid of each threshold, repeated until no threshold moves; among equally good values the one
nearest the current value is kept, so a threshold the feedback says nothing about stays where it was.

People are split into training and held-out feedback (by a hash of the id, so a person's rows stay
together); the held-out rows measure how often the calibrated rule and the default rule match what
people said.
"""

import csv
import hashlib
from collections import defaultdict
from pathlib import Path

import numpy as np

from fitroom.errors import FitroomError
from viewer.batch_task import summary_from_row
from viewer.fit_report import DEFAULT_RULE, GIRTHS, FitRule, GirthTolerance, recommend_size, tight_girths

__all__ = [
    "FEELINGS",
    "FeedbackFileError",
    "read_feedback",
    "person_summaries",
    "predict_felt",
    "rule_accuracy",
    "calibrate_rule",
    "HELD_OUT_SHARE",
]

FEELINGS = ("small", "fit", "large")
_COLUMNS = ("id", "pattern", "size", "felt")
# The share of people whose feedback is held out to measure the calibrated rule.
HELD_OUT_SHARE = 0.3
# The values each threshold may take: strain 100-150 % by 0.5, ease -10 to +10 cm by 0.5.
_GRIDS = {
    "max_strain_pct": np.arange(100.0, 150.01, 0.5),
    "min_ease_cm": np.arange(-10.0, 10.01, 0.5),
}
_MAX_SWEEPS = 8


class FeedbackFileError(FitroomError):
    """A feedback file that is missing, unreadable, or whose columns or values are not feedback."""


def read_feedback(path: str | Path) -> list[dict]:
    """The rows of the feedback CSV at ``path`` (``id``, ``pattern``, ``size``, ``felt``).

    Raises
    ------
    FeedbackFileError
        The file is missing or unreadable, lacks one of the columns, has no rows, or a ``felt`` is not
        one of ``FEELINGS`` (naming the row).
    """
    path = Path(path)
    if not path.is_file():
        raise FeedbackFileError(
            f"Feedback file '{path}' does not exist; give a CSV of {', '.join(_COLUMNS)}."
        )
    try:
        with open(path, newline="", encoding="utf-8-sig") as stream:
            reader = csv.DictReader(stream)
            rows = list(reader)
            columns = reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise FeedbackFileError(f"Feedback file '{path}' cannot be read as UTF-8 CSV ({error}).") from None
    missing = [name for name in _COLUMNS if name not in columns]
    if missing:
        raise FeedbackFileError(
            f"Feedback file '{path}' has no {', '.join(missing)} column; give {', '.join(_COLUMNS)}."
        )
    if not rows:
        raise FeedbackFileError(f"Feedback file '{path}' has no rows; add one per size a person wore.")
    for number, row in enumerate(rows, start=1):
        felt = (row["felt"] or "").strip().lower()
        if felt not in FEELINGS:
            raise FeedbackFileError(
                f"Row {number} of '{path}' says felt '{row['felt']}'; use {', '.join(FEELINGS)}."
            )
        row["felt"] = felt
    return [{name: row[name].strip() for name in _COLUMNS} for row in rows]


def person_summaries(drapes: list[dict]) -> dict[tuple[str, str], dict[str, dict]]:
    """(id, pattern) -> size -> the rule's figures, sizes in draping order (smallest first)."""
    grouped = defaultdict(list)
    for row in drapes:
        grouped[(row["id"], row["pattern"])].append(row)
    return {
        key: {row["size"]: summary_from_row(row) for row in sorted(rows, key=lambda row: row["size_index"])}
        for key, rows in grouped.items()
    }


def predict_felt(summaries: dict[str, dict], worn: str, rule: FitRule) -> str:
    """What ``rule`` says a person felt in the ``worn`` size (see the module docstring)."""
    if tight_girths(summaries[worn], rule):
        return "small"
    return "fit" if recommend_size(summaries, rule)[0] == worn else "large"


def rule_accuracy(cases: list[tuple[dict, str, str]], rule: FitRule) -> float:
    """The share of ``cases`` (summaries, worn size, felt) where ``rule`` predicts what was felt."""
    if not cases:
        return float("nan")
    return sum(predict_felt(summaries, worn, rule) == felt for summaries, worn, felt in cases) / len(cases)


def _held_out(person: str, seed: int) -> bool:
    digest = hashlib.sha1(f"{seed}\0{person}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < HELD_OUT_SHARE


def _with(rule: FitRule, girth: str, field: str, value: float) -> FitRule:
    tolerance = rule.tolerance(girth).model_copy(update={field: float(value)})
    return rule.model_copy(update={girth: GirthTolerance(**tolerance.model_dump())})


def _descend(cases, rule: FitRule) -> FitRule:
    """Coordinate descent of the six thresholds on ``cases`` (see the module docstring)."""
    best = rule_accuracy(cases, rule)
    for _ in range(_MAX_SWEEPS):
        moved = False
        for girth in GIRTHS:
            for field, grid in _GRIDS.items():
                current = getattr(rule.tolerance(girth), field)
                scores = np.array([rule_accuracy(cases, _with(rule, girth, field, value)) for value in grid])
                top = np.flatnonzero(scores >= scores.max() - 1e-12)
                if scores.max() > best + 1e-12:
                    value = grid[top[np.argmin(np.abs(grid[top] - current))]]
                    rule, best, moved = _with(rule, girth, field, value), scores.max(), True
        if not moved:
            break
    return rule


def calibrate_rule(
    feedback: list[dict], drapes: list[dict], seed: int = 0, start: FitRule = DEFAULT_RULE
) -> FitRule:
    """The rule fitted to the training part of ``feedback``, its ``calibration`` saying how well it and
    ``start`` match the held-out part.

    Parameters
    ----------
    feedback : list[dict]
        From :func:`read_feedback`.
    drapes : list[dict]
        Rows of ``drapes.parquet``.
    seed : int
        Chooses which people are held out.
    start : FitRule
        Where the search starts, and the rule it is compared with (default: the built-in rule).

    Raises
    ------
    FeedbackFileError
        When no feedback row matches a drape that can be judged.
    """
    summaries = person_summaries(drapes)
    train, held, unmatched = [], [], 0
    for row in feedback:
        sizes = summaries.get((row["id"], row["pattern"]))
        if not sizes or row["size"] not in sizes or sizes[row["size"]]["verdict"] == "failed":
            unmatched += 1
            continue
        (held if _held_out(row["id"], seed) else train).append((sizes, row["size"], row["felt"]))
    if not train:
        raise FeedbackFileError(
            "No feedback row matches a drape that can be judged (same id, pattern and size, verdict ok); "
            "give the results folder of the batch these people were draped in."
        )
    fitted = _descend(train, start)
    calibration = {
        "feedback_rows": len(feedback),
        "unmatched_rows": unmatched,
        "training_rows": len(train),
        "held_out_rows": len(held),
        "training_accuracy": round(rule_accuracy(train, fitted), 4),
        "held_out_accuracy": round(rule_accuracy(held, fitted), 4) if held else None,
        "held_out_accuracy_of_default_rule": round(rule_accuracy(held, start), 4) if held else None,
        "seed": seed,
    }
    return fitted.model_copy(update={"calibration": calibration})
