"""One task of a batch: one person in one pattern, every size draped, one size recommended.

It runs in a Ray worker (or anywhere: it is a plain function) and returns plain rows: one per draped
size with every ``fit.json`` figure flattened to a column (``girth_strain_pct_chest``, ``ease_cm_hip``,
``girths_waist_measured``, ...), and one recommendation row. A problem the person's input causes (a
height of 400 cm, an unreadable photo, a body file that is not one) ends the task with a failed
recommendation row carrying the sentence; it never stops the batch.
"""

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from fitroom.errors import FitroomError
from viewer.batch_people import Person
from viewer.batch_settings import BatchSettings
from viewer.fit_report import GIRTHS, recommend_size, tight_girths

__all__ = ["TaskResult", "run_task", "failed_task", "task_key", "flatten_summary", "summary_from_row"]

# A dict with ``drapes`` (list of row dicts), ``recommendation`` (one row dict) and ``picture`` (PNG
# bytes or None).
TaskResult = dict


def task_key(person: Person, pattern: str) -> str:
    """The name one task's results are committed under: the same person and pattern, the same key."""
    import hashlib

    who = person.id if person.problem is None else f"row {person.row}"
    return hashlib.sha1(f"{who}\0{pattern}".encode()).hexdigest()[:20]


def flatten_summary(summary: dict, prefix: str = "") -> dict:
    """A size's summary as flat columns: nested keys joined by ``_`` (``ease_cm`` {``hip``} ->
    ``ease_cm_hip``); lists (``verdict_reasons``) stay lists."""
    flat = {}
    for key, value in summary.items():
        if isinstance(value, dict):
            flat |= flatten_summary(value, f"{prefix}{key}_")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def summary_from_row(row: dict) -> dict:
    """A size's summary as the rule reads it, from one row of ``drapes.parquet``: the per-girth
    columns put back under their girth (the inverse of :func:`flatten_summary` for
    ``girth_strain_pct``, ``ease_cm`` and ``girths``)."""
    summary = {
        "girth_strain_pct": {name: row.get(f"girth_strain_pct_{name}") for name in GIRTHS},
        "ease_cm": {name: row.get(f"ease_cm_{name}") for name in GIRTHS},
        "girths": {name: {} for name in GIRTHS},
        "verdict": row["verdict"],
        "verdict_reasons": list(row.get("verdict_reasons") or []),
    }
    for key, value in row.items():
        girth, _, field = key.removeprefix("girths_").partition("_")
        if key.startswith("girths_") and girth in GIRTHS:
            summary["girths"][girth][field] = value
    return summary


def _peak_memory_mb() -> float:
    """This process's peak resident memory so far, MB (Linux reports ``ru_maxrss`` in KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _cpu_seconds() -> float:
    """CPU time this process has used so far (user and system), s."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _recommendation(person: Person, pattern: str, settings: BatchSettings, in_worker=True, **fields) -> dict:
    """The recommendation row with its defaults (a failed task's); ``fields`` replace them. The worker's
    process id and peak memory are recorded when the row is made where the task ran."""
    row = {
        "id": person.id,
        "row": person.row,
        "pattern": pattern,
        "material": settings.material or "own",
        "status": "failed",
        "recommended_size": None,
        "reason": None,
        "tight_at": [],
        "gender": person.gender,
        "body_height_cm": None,
        "body_chest_cm": None,
        "body_waist_cm": None,
        "body_hip_cm": None,
        "drapes": 0,
        "failed_drapes": 0,
        "worker_pid": os.getpid() if in_worker else None,
        "worker_peak_memory_mb": _peak_memory_mb() if in_worker else None,
        "task_seconds": None,
        "task_cpu_seconds": None,
    }
    return row | fields


def failed_task(
    person: Person, pattern: str, settings: BatchSettings, reason: str, in_worker: bool = False
) -> TaskResult:
    """The result of a task that could not run or stopped at bad input: no drapes, a failed
    recommendation row saying why (``in_worker``: made in the worker that tried, so it records it)."""
    return {
        "drapes": [],
        "recommendation": _recommendation(person, pattern, settings, in_worker, reason=reason),
        "picture": None,
    }


def _make_body(person: Person):
    """The person's body from their body file, photos or measurements (see :mod:`viewer.batch_people`)."""
    import body

    if person.body is not None:
        return body.load_body_json(person.body)
    if person.front is not None:
        return body.body_from_photos(
            front=person.front,
            side=person.side,
            height_cm=person.measurements_cm.get("height"),
            gender=person.gender,
        )
    return body.body_from_measurements(
        person.measurements_cm, person.gender, body.load_body_model(person.gender)
    )


def _girth_names(tight: list[str]) -> list[str]:
    """``["chest 117 %", "chest ease -0.4 cm", "hip 112 %"]`` -> ``["chest", "hip"]``."""
    return list(dict.fromkeys(text.split()[0] for text in tight))


def _picture(made, drapes) -> bytes:
    """The sizes side by side (:func:`viewer.pictures.render_sizes`) as PNG bytes, so that a worker on
    another machine can send it to the driver."""
    from viewer.pictures import render_sizes

    with tempfile.TemporaryDirectory(prefix="fitroom-batch-") as folder:
        path = Path(folder) / "sizes.png"
        render_sizes(made, drapes, path)
        return path.read_bytes()


def run_task(person: Person, pattern: str, settings: BatchSettings, device: str = "cpu") -> TaskResult:
    """Make the person's body, drape every size of ``pattern`` and recommend one.

    Parameters
    ----------
    person : Person
        A row of the people file (one with a ``problem`` gives a failed result at once).
    pattern : str
        A pattern of ``settings.patterns``.
    settings : BatchSettings
    device : str
        ``cpu`` or ``cuda``: where this task's drapes run.

    Returns
    -------
    TaskResult
        ``drapes`` (one row per size, smallest first), ``recommendation`` (``status`` ``ok``, ``no size``
        when every drape failed, or ``failed`` with the sentence as ``reason``; ``task_seconds`` and
        ``task_cpu_seconds``, the wall and CPU time of making the body and draping) and ``picture``.
    """
    from viewer.size_drape import drape_size

    if person.problem is not None:
        return failed_task(person, pattern, settings, person.problem)
    started, started_cpu = time.perf_counter(), _cpu_seconds()
    try:
        made = _make_body(person)
        drapes = [
            drape_size(
                made, pattern, size, settings.material, device, settings.edge_length_m, settings.max_frames
            )
            for size in settings.patterns[pattern]
        ]
    except FitroomError as error:
        return failed_task(person, pattern, settings, str(error), in_worker=True)
    summaries = {drape.size: drape.summary for drape in drapes}
    recommended, reason = recommend_size(summaries, settings.rule)
    base = {"id": person.id, "row": person.row, "pattern": pattern, "material": settings.material or "own"}
    rows = [
        base
        | {"size": size, "size_index": index, "tight_at": tight_girths(summary, settings.rule)}
        | flatten_summary(summary)
        for index, (size, summary) in enumerate(summaries.items())
    ]
    chart = made.measurements_cm
    recommendation = _recommendation(
        person,
        pattern,
        settings,
        status="no size" if recommended is None else "ok",
        recommended_size=recommended,
        reason=reason,
        tight_at=[]
        if recommended is None
        else _girth_names(tight_girths(summaries[recommended], settings.rule)),
        gender=made.gender,
        body_height_cm=chart.get("height"),
        body_chest_cm=chart.get("chest"),
        body_waist_cm=chart.get("waist"),
        body_hip_cm=chart.get("hip"),
        drapes=len(rows),
        failed_drapes=sum(row["verdict"] == "failed" for row in rows),
        task_seconds=round(time.perf_counter() - started, 3),
        task_cpu_seconds=round(_cpu_seconds() - started_cpu, 3),
    )
    picture = _picture(made, drapes) if settings.pictures else None
    worker = {key: recommendation[key] for key in ("worker_pid", "worker_peak_memory_mb")}
    return {"drapes": [row | worker for row in rows], "recommendation": recommendation, "picture": picture}
