"""The field test: every pattern, in each of its sizes, on bodies across the size chart, in two fabrics.

It asks what a shop or a designer would see: how many drapes fail and why, whether any drape gives
NaN or crashes, whether a size is ever recommended without a measured girth, and whether chart bodies
are recommended their chart's size or a neighbour. Each drape goes the way ``fitroom fit`` goes
(:func:`viewer.size_drape.drape_size`, :mod:`viewer.drape_verdict`, :func:`viewer.fit_report.recommend_size`).
"""

import time
from collections import Counter
from pathlib import Path

import numpy as np

__all__ = ["FIELD_BODIES", "FIELD_FABRICS", "FIELD_SIZES", "field_patterns", "run_field_bench", "field_table"]

# The sizes of a graded pattern the field test drapes (an ungraded file: the size it is drawn in).
FIELD_SIZES = ("S", "M", "L", "XL")

# (label, gender, size chart and size or None, measurements cm beyond the chart's): women and men at
# chart XS, M and XXL, then a tall thin and a short heavy body.
FIELD_BODIES = (
    ("woman XS", "female", ("women", "XS"), {}),
    ("man M", "male", ("men", "M"), {}),
    ("woman XXL", "female", ("women", "XXL"), {}),
    ("man XS", "male", ("men", "XS"), {}),
    ("woman M", "female", ("women", "M"), {}),
    ("man XXL", "male", ("men", "XXL"), {}),
    ("tall thin woman", "female", None, {"height": 185.0, "chest": 84.0, "waist": 66.0, "hip": 90.0}),
    ("short heavy man", "male", None, {"height": 160.0, "chest": 116.0, "waist": 108.0, "hip": 114.0}),
)
# A knit and a woven-weight double knit: the fabric every pattern is also draped in.
FIELD_FABRICS = (None, "ponte_knit")
_TEST_DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# Real GarmentCode files nobody here wrote, and fitroom's own GarmentCode test garments (a hooded top,
# a jumpsuit, a six-gore skirt, a collared shirt with cuffs, wide trousers).
_GARMENTCODE_FILES = (
    *(_TEST_DATA / "patterns" / "garmentcode").glob("*.json"),
    *(_TEST_DATA / "garmentcode").glob("*_specification.json"),
)


def field_patterns() -> list[str]:
    """The bundled patterns and the GarmentCode files kept with the tests."""
    from garments import bundled_patterns

    return bundled_patterns() + sorted(str(path) for path in _GARMENTCODE_FILES)


def _body(label, gender, chart_size, measurements):
    from body.fit_measurements import body_from_measurements
    from fitroom.size_chart import size_measurements_cm

    targets = dict(size_measurements_cm(*chart_size)) if chart_size else {}
    targets.update(measurements)
    return body_from_measurements(targets, gender)


# Words that say what kind of failure a verdict reason is (see viewer.drape_verdict).
_REASON_KINDS = (
    ("blew up", "blew up"),
    ("come to rest", "not at rest"),
    ("inside the body", "inside the body"),
    ("seam", "seam open"),
    ("stretched beyond", "overstretched"),
    ("slid", "slid off"),
    ("floor", "on the floor"),
    ("passes through itself", "self-intersecting"),
)


def _reason_kind(reason: str) -> str:
    return next((kind for words, kind in _REASON_KINDS if words in reason), reason)


def _neighbours(size: str) -> set[str]:
    from garments import chart_sizes

    sizes = list(chart_sizes())
    if size not in sizes:
        return set()
    at = sizes.index(size)
    return set(sizes[max(at - 1, 0) : at + 2])


def run_field_bench(
    bodies: int = len(FIELD_BODIES), fabrics: int = 2, edge_length=0.03, max_frames=400, patterns=None
):
    """Drape the matrix and summarise it.

    Parameters
    ----------
    bodies : int
        How many of ``FIELD_BODIES`` (in order: a woman, a man, ...).
    fabrics : int
        How many of ``FIELD_FABRICS`` (the pattern's own fabrics first).
    edge_length : float
        Mesh edge length, m.
    max_frames : int
    patterns : list[str], optional
        Pattern names or files (default :func:`field_patterns`).

    Returns
    -------
    dict
        ``drapes``, ``failed``, ``failed_pct``, ``nan``, ``crashes``, ``unmeasured_recommendations``,
        ``off_chart_recommendations``, ``failure_reasons`` (reason kind -> count), ``per_pattern``
        (pattern -> drapes, failed, recommended by body), ``rows`` (one per drape) and ``seconds``.
    """
    from fitroom.errors import FitroomError
    from garments import chart_sizes, load_pattern
    from viewer.fit_report import recommend_size
    from viewer.session import sizes_to_drape
    from viewer.size_drape import drape_size

    started = time.perf_counter()
    rows, crashes, recommendations = [], [], []
    for label, gender, chart_size, measurements in FIELD_BODIES[:bodies]:
        body = _body(label, gender, chart_size, measurements)
        for pattern in patterns or field_patterns():
            name = Path(pattern).stem
            loaded = load_pattern(pattern)
            for fabric in FIELD_FABRICS[:fabrics]:
                summaries = {}
                for size in sizes_to_drape(loaded, None, FIELD_SIZES):
                    try:
                        drape = drape_size(body, loaded, size, fabric, "cpu", edge_length, max_frames)
                    except FitroomError as error:
                        crashes.append({"pattern": name, "size": size, "body": label, "error": str(error)})
                        continue
                    summary = drape.summary
                    summaries[drape.size] = summary
                    finite = bool(np.all(np.isfinite(drape.result.positions)))
                    rows.append(
                        {
                            "pattern": name,
                            "size": drape.size,
                            "body": label,
                            "fabric": fabric or "own",
                            "verdict": summary["verdict"],
                            "reasons": summary["verdict_reasons"],
                            "finite": finite,
                        }
                    )
                if summaries:
                    size, _ = recommend_size(summaries)
                    girths = summaries[size]["girths"].values() if size is not None else ()
                    measured = any(girth["measured"] for girth in girths)
                    recommendations.append(
                        {
                            "pattern": name,
                            "body": label,
                            "fabric": fabric or "own",
                            "recommended": size,
                            "measured": measured,
                            "chart_size": chart_size[1] if chart_size else None,
                        }
                    )
    failed = [row for row in rows if row["verdict"] == "failed"]
    kinds = Counter(_reason_kind(reason) for row in failed for reason in row["reasons"])
    per_pattern = {}
    for row in rows:
        entry = per_pattern.setdefault(row["pattern"], {"drapes": 0, "failed": 0, "recommended": {}})
        entry["drapes"] += 1
        entry["failed"] += row["verdict"] == "failed"
    for rec in recommendations:
        per_pattern.setdefault(rec["pattern"], {"drapes": 0, "failed": 0, "recommended": {}})
        per_pattern[rec["pattern"]]["recommended"][f"{rec['body']} ({rec['fabric']})"] = rec["recommended"]
    # Only letter sizes can be off the chart: an ungraded file's one size ("as drawn") is not.
    off_chart = [
        rec
        for rec in recommendations
        if rec["chart_size"]
        and rec["recommended"] in chart_sizes()
        and rec["recommended"] not in _neighbours(rec["chart_size"])
    ]
    return {
        "drapes": len(rows),
        "failed": len(failed),
        "failed_pct": round(100.0 * len(failed) / max(len(rows), 1), 1),
        "nan": sum(not row["finite"] for row in rows),
        "crashes": crashes,
        "unmeasured_recommendations": sum(
            rec["recommended"] is not None and not rec["measured"] for rec in recommendations
        ),
        "off_chart_recommendations": off_chart,
        "failure_reasons": dict(kinds.most_common()),
        "per_pattern": per_pattern,
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 1),
    }


def field_table(report: dict):
    """A ``rich`` table per pattern: drapes, failed, and the size recommended to each body."""
    from rich.table import Table

    table = Table(title=f"Field test: {report['failed']} of {report['drapes']} drapes failed")
    for column in ("pattern", "drapes", "failed", "recommended (body, fabric: size)"):
        table.add_column(column)
    for pattern, entry in report["per_pattern"].items():
        picks = ", ".join(f"{who}: {size or '-'}" for who, size in entry["recommended"].items())
        table.add_row(pattern, str(entry["drapes"]), str(entry["failed"]), picks)
    return table
