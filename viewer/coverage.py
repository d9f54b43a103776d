"""Size-chart coverage of a batch: who each size fits, who no size fits and why, where the gaps are.

From ``RESULTS/drapes.parquet`` and ``RESULTS/recommendations.parquet`` (:mod:`viewer.batch_store`),
per pattern: each draped size of each person is one of

* ``recommended``: the size the rule picks, and it is not tight anywhere;
* ``fits, loose``: not tight either, but a smaller size also fits (the rule picks the smallest);
* ``tight at <girth>``: tight by the batch's rule (the first girth it names);
* ``drape failed``: its verdict is ``failed``, or the rule cannot judge it for another reason
  (:func:`viewer.fit_report.why_not_judged`: it does not go round a girth it was cut for).

A person no size fits is one whose recommendation is tight itself (every size was tight), whose
drapes all failed, or whose row could not be draped.
"""

from collections import Counter
from pathlib import Path

from fitroom.errors import FitroomError

__all__ = ["CoverageInputError", "DRAPE_OUTCOMES", "load_results", "coverage_figures", "person_outcome"]

# What a draped size can be for one person, in the order the bars stack them.
DRAPE_OUTCOMES = (
    "recommended",
    "fits, loose",
    "tight at chest",
    "tight at waist",
    "tight at hip",
    "drape failed",
)


class CoverageInputError(FitroomError):
    """A results folder without the tables ``fitroom batch`` writes."""


def load_results(results_dir: str | Path) -> tuple[list[dict], list[dict]]:
    """The drape rows and recommendation rows of the batch in ``results_dir``.

    Raises
    ------
    CoverageInputError
        The folder or one of its two tables is missing or unreadable.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from viewer.batch_store import DRAPES_FILE, RECOMMENDATIONS_FILE

    folder = Path(results_dir)
    tables = []
    for name in (DRAPES_FILE, RECOMMENDATIONS_FILE):
        path = folder / name
        if not path.is_file():
            raise CoverageInputError(
                f"{folder} has no {name}; give a folder written by 'fitroom batch --out {folder}'."
            )
        try:
            tables.append(pq.read_table(path).to_pylist())
        except (OSError, pa.ArrowException) as error:
            raise CoverageInputError(f"{path} cannot be read ({error}); run 'fitroom batch' again.") from None
    return tables[0], tables[1]


def _drape_outcome(drape: dict, recommended_index: int | None) -> str:
    from viewer.batch_task import summary_from_row
    from viewer.fit_report import why_not_judged

    if drape["verdict"] == "failed" or why_not_judged(summary_from_row(drape)):
        return "drape failed"
    if drape["tight_at"]:
        return f"tight at {drape['tight_at'][0].split()[0]}"
    if recommended_index is not None and drape["size_index"] > recommended_index:
        return "fits, loose"
    return "recommended"


def person_outcome(recommendation: dict) -> str:
    """``fits`` or why no size fits the person: ``tight at hip``, ``every drape failed`` or ``bad row``."""
    if recommendation["status"] == "failed":
        return "bad row"
    if recommendation["status"] == "no size":
        return "every drape failed"
    if recommendation["tight_at"]:
        return f"tight at {recommendation['tight_at'][0]}"
    return "fits"


def coverage_figures(drapes: list[dict], recommendations: list[dict]) -> dict[str, dict]:
    """Per pattern: the counts the plots and the table show.

    Returns
    -------
    dict
        pattern -> ``people`` (int), ``sizes`` (draped sizes in order), ``by_size`` {size: Counter of
        :data:`DRAPE_OUTCOMES`}, ``fits_share`` {size: share of people the size is recommended to and
        fits}, ``no_size`` Counter of :func:`person_outcome` values other than ``fits``, and ``people_rows``
        (the recommendation rows).
    """
    figures = {}
    for pattern in dict.fromkeys(row["pattern"] for row in recommendations):
        people = [row for row in recommendations if row["pattern"] == pattern]
        mine = [row for row in drapes if row["pattern"] == pattern]
        sizes = [size for _, size in sorted({(row["size_index"], row["size"]) for row in mine})]
        recommended_index = {
            row["id"]: sizes.index(row["recommended_size"])
            for row in people
            if row["recommended_size"] in sizes and not row["tight_at"]
        }
        by_size = {size: Counter() for size in sizes}
        for row in mine:
            by_size[row["size"]][_drape_outcome(row, recommended_index.get(row["id"]))] += 1
        outcomes = Counter(person_outcome(row) for row in people)
        fits = Counter(row["recommended_size"] for row in people if person_outcome(row) == "fits")
        figures[pattern] = {
            "people": len(people),
            "sizes": sizes,
            "by_size": by_size,
            "fits_share": {size: fits[size] / max(len(people), 1) for size in sizes},
            "no_size": Counter({why: count for why, count in outcomes.items() if why != "fits"}),
            "people_rows": people,
        }
    return figures
