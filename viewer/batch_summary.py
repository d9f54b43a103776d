"""What a batch prints at the end: the table of recommendations per pattern and the run's speed."""

from pathlib import Path

from viewer.batch_ray import BatchRun

__all__ = ["batch_table", "run_sentence"]


def batch_table(recommendations_path: Path, patterns: dict[str, list]):
    """A ``rich`` table, one row per pattern: people, recommended (per size, in ``patterns``' size
    order), no size, failed rows.

    ``patterns`` is :attr:`viewer.batch_settings.BatchSettings.patterns` (pattern -> sizes).
    """
    import pyarrow.parquet as pq
    from rich.table import Table

    rows = pq.read_table(recommendations_path).to_pylist()
    recommended = {row["recommended_size"] for row in rows}
    sizes = [
        size for size in dict.fromkeys(s for sizes in patterns.values() for s in sizes) if size in recommended
    ]
    table = Table(title="Batch: people recommended each size, per pattern")
    for column in ("pattern", "people", *sizes, "no size", "failed"):
        table.add_column(column, justify="left" if column == "pattern" else "right")
    for pattern in patterns:
        mine = [row for row in rows if row["pattern"] == pattern]
        counts = [sum(row["recommended_size"] == size for row in mine) for size in sizes]
        table.add_row(
            Path(pattern).stem,
            str(len(mine)),
            *map(str, counts),
            str(sum(row["status"] == "no size" for row in mine)),
            str(sum(row["status"] == "failed" for row in mine)),
        )
    return table


def run_sentence(run: BatchRun) -> str:
    """``Ran 12 tasks (24 drapes, 1 failed) in 80 s on 2 workers: 9.0 drapes per core-minute; ...``"""
    if not run.tasks:
        return f"Nothing to run: all {run.skipped} tasks were done before."
    speed = run.drapes_per_core_minute()
    text = (
        f"Ran {run.tasks} tasks ({run.drapes} drapes, {run.failed_drapes} failed) in {run.seconds:.0f} s on "
        f"{run.workers} workers"
        + ("" if speed is None else f": {speed:.1f} drapes per core-minute")
        + f"; {run.skipped} tasks were done before."
    )
    for failed in run.failed_tasks:
        text += f"\nFailed: {failed}"
    return text
