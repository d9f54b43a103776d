"""A batch's results on disk: one Parquet part file per finished task, compacted into two tables.

``RESULTS/parts/<key>.parquet`` holds one task's drape rows; the task's recommendation row travels in
the same file, as JSON in the Parquet schema's metadata, so a task is committed by one rename
(:func:`fitroom.files.atomic_path`): a part is there whole or not at all, and a killed run (SIGKILL
included) leaves at most a ``.fitroom-tmp-*`` temporary, which is never read as a result. A part that
cannot be read (a disk that lost it) counts as not done and its task runs again.

:meth:`BatchStore.compact` writes ``RESULTS/drapes.parquet`` (one row per person x pattern x size x
material) and ``RESULTS/recommendations.parquet`` (one per person x pattern) from every part, each row
once, ordered as the people file and the settings order them.
"""

import json
from pathlib import Path

from fitroom.files import TEMPORARY_PREFIX, atomic_path

__all__ = ["BatchStore", "DRAPES_FILE", "RECOMMENDATIONS_FILE", "PARTS_FOLDER", "PICTURES_FOLDER"]

DRAPES_FILE = "drapes.parquet"
RECOMMENDATIONS_FILE = "recommendations.parquet"
PARTS_FOLDER = "parts"
PICTURES_FOLDER = "pictures"
_RECOMMENDATION_KEY = b"fitroom.recommendation"


def _table(rows: list[dict]):
    """A ``pyarrow`` table of ``rows`` with every key any row has (a key a row lacks is null there)."""
    import pyarrow as pa

    columns = list(dict.fromkeys(key for row in rows for key in row))
    return pa.Table.from_pylist([{key: row.get(key) for key in columns} for row in rows])


class BatchStore:
    """The results folder of one batch.

    Parameters
    ----------
    out_dir : Path
        ``RESULTS/``; its ``parts/`` folder is made on the first commit.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.parts = self.out_dir / PARTS_FOLDER

    def _part(self, key: str) -> Path:
        return self.parts / f"{key}.parquet"

    def _readable(self, path: Path) -> bool:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            metadata = pq.read_schema(path).metadata or {}
        except (OSError, pa.ArrowException):
            return False
        return _RECOMMENDATION_KEY in metadata

    def done_keys(self) -> set[str]:
        """The keys of the tasks whose part is committed and readable."""
        if not self.parts.is_dir():
            return set()
        return {
            path.stem
            for path in self.parts.glob("*.parquet")
            if not path.name.startswith(TEMPORARY_PREFIX) and self._readable(path)
        }

    def commit(self, key: str, result: dict) -> None:
        """Write one task's rows (``result`` of :func:`viewer.batch_task.run_task`) as its part, whole,
        and its picture, if any, as ``pictures/<id>_<pattern>.png``."""
        import pyarrow.parquet as pq

        recommendation = result["recommendation"]
        table = _table(result["drapes"])
        table = table.replace_schema_metadata({_RECOMMENDATION_KEY: json.dumps(recommendation).encode()})
        if result.get("picture") is not None:
            name = f"{recommendation['id']}_{Path(recommendation['pattern']).stem}.png".replace("/", "_")
            with atomic_path(self.out_dir / PICTURES_FOLDER / name) as tmp:
                tmp.write_bytes(result["picture"])
        with atomic_path(self._part(key)) as tmp:
            pq.write_table(table, tmp)

    def read_parts(self) -> tuple[list, list[dict]]:
        """Every readable part: its drape table and its recommendation row."""
        import pyarrow.parquet as pq

        tables, recommendations = [], []
        for key in sorted(self.done_keys()):
            table = pq.read_table(self._part(key))
            recommendations.append(json.loads(table.schema.metadata[_RECOMMENDATION_KEY]))
            tables.append(table.replace_schema_metadata(None))
        return tables, recommendations

    def compact(self, patterns: list[str]) -> tuple[Path, Path]:
        """Write ``drapes.parquet`` and ``recommendations.parquet`` from every part (each whole).

        Rows are ordered by the person's row in the people file, then by ``patterns``, then by size.

        Returns
        -------
        drapes_path, recommendations_path : Path
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables, recommendations = self.read_parts()
        order = {pattern: index for index, pattern in enumerate(patterns)}
        recommendations.sort(key=lambda row: (row["row"], order.get(row["pattern"], len(order))))
        with_rows = [table for table in tables if table.num_rows]
        drapes = pa.table({"id": pa.array([], pa.string())})
        if with_rows:
            drapes = pa.concat_tables(with_rows, promote_options="permissive")
            pattern_order = pa.array([order.get(name, len(order)) for name in drapes["pattern"].to_pylist()])
            drapes = drapes.append_column("_pattern_order", pattern_order)
            drapes = drapes.sort_by(
                [("row", "ascending"), ("_pattern_order", "ascending"), ("size_index", "ascending")]
            )
            drapes = drapes.drop_columns(["_pattern_order"])
        paths = self.out_dir / DRAPES_FILE, self.out_dir / RECOMMENDATIONS_FILE
        with atomic_path(paths[0]) as tmp:
            pq.write_table(drapes, tmp)
        with atomic_path(paths[1]) as tmp:
            pq.write_table(_table(recommendations), tmp)
        return paths
