"""The people of a batch: ``PEOPLE.csv`` or ``PEOPLE.parquet``, one row per person.

A row names the person (``id``) and says how to make their body: measurements in cm with a ``gender``
(``height``, ``chest``, ``waist``, ``hip``, optional ``inseam`` and ``shoulder_width``), or a ``body``
(a BODY.json path), or ``front`` / ``side`` photo paths (with ``height`` and ``gender``). Relative paths
are read from the people file's folder.

Two kinds of problem are told apart. The file itself (missing, unreadable, no ``id`` column, a column
fitroom does not know, nothing to make a body from) is bad input: :func:`read_people` raises before any
work starts. A bad row (no id, a height that is not a number, an id seen before) is only that person's
problem: it becomes a :class:`Person` with its ``problem`` sentence, recorded as a failed row, and the
batch goes on. Values a body model must judge (a height of 400 cm) fail later, in the person's task.
"""

import csv
import math
from pathlib import Path

import pydantic

from fitroom.errors import FitroomError

__all__ = [
    "PEOPLE_COLUMNS",
    "MEASUREMENT_COLUMNS",
    "PEOPLE_GENDERS",
    "Person",
    "PeopleFileError",
    "read_people",
]

MEASUREMENT_COLUMNS = ("height", "chest", "waist", "hip", "inseam", "shoulder_width")
PEOPLE_GENDERS = ("female", "male", "neutral")
PEOPLE_COLUMNS = ("id", "gender", *MEASUREMENT_COLUMNS, "body", "front", "side")
_SUFFIXES = (".csv", ".parquet")


class PeopleFileError(FitroomError):
    """A people file that is missing, unreadable, or whose columns are not a people table."""


class Person(pydantic.BaseModel):
    """One row of the people file, checked.

    Attributes
    ----------
    row : int
        1-based row number in the file (the header not counted).
    id : str
        The person's id; for a row without one, ``row <n>``.
    gender : str or None
    measurements_cm : dict[str, float]
        The measurement columns given on this row.
    body, front, side : str or None
        Paths, already resolved against the people file's folder.
    problem : str or None
        Why the row cannot be draped (one sentence), or None.
    """

    row: int
    id: str
    gender: str | None = None
    measurements_cm: dict[str, float] = {}
    body: str | None = None
    front: str | None = None
    side: str | None = None
    problem: str | None = None


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def _read_rows(path: Path) -> tuple[list[str], list[dict]]:
    """The column names and the rows (column -> raw value) of a CSV or Parquet file."""
    if path.suffix.lower() == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
        except (OSError, pa.ArrowException) as error:
            raise PeopleFileError(
                f"People file '{path}' cannot be read as Parquet ({error}); give a CSV or Parquet table."
            ) from None
        return table.column_names, table.to_pylist()
    try:
        with open(path, newline="", encoding="utf-8-sig") as stream:
            reader = csv.DictReader(stream)
            rows = list(reader)
            return list(reader.fieldnames or []), rows
    except UnicodeDecodeError:
        raise PeopleFileError(f"People file '{path}' is not UTF-8 text; save it as UTF-8 CSV.") from None
    except (OSError, csv.Error) as error:
        raise PeopleFileError(f"People file '{path}' cannot be read ({error}); give a CSV file.") from None


def _check_columns(path: Path, columns: list[str]) -> None:
    if "id" not in columns:
        raise PeopleFileError(f"People file '{path}' has no 'id' column; add one naming each person.")
    unknown = [name for name in columns if name not in PEOPLE_COLUMNS]
    if unknown:
        raise PeopleFileError(
            f"People file '{path}' has the column(s) {', '.join(map(repr, unknown))} that fitroom does not "
            f"know; use {', '.join(PEOPLE_COLUMNS)} (measurements in cm)."
        )
    if not {"body", "front", "height", "chest", "waist", "hip"} & set(columns):
        raise PeopleFileError(
            f"People file '{path}' gives nothing to make a body from; add measurement columns (height, "
            "chest, waist, hip in cm, with gender), a 'body' column of BODY.json paths, or 'front' photos."
        )


def _person(number: int, raw: dict, folder: Path, seen: dict[str, int]) -> Person:
    """A :class:`Person` from one raw row; a bad row gets its ``problem`` sentence instead of failing."""
    identity = "" if _blank(raw.get("id")) else str(raw["id"]).strip()
    person = {"row": number, "id": identity or f"row {number}"}
    if not identity:
        return Person(**person, problem=f"Row {number} has no id; give every person an id.")
    if identity in seen:
        return Person(
            **person, problem=f"The id '{identity}' is also on row {seen[identity]}; ids must differ."
        )
    seen[identity] = number
    measurements = {}
    for name in MEASUREMENT_COLUMNS:
        value = raw.get(name)
        if _blank(value):
            continue
        try:
            measurements[name] = float(value)
        except (TypeError, ValueError):
            return Person(**person, problem=f"The {name} of '{identity}' is '{value}', not a number of cm.")
        if not math.isfinite(measurements[name]) or measurements[name] <= 0:
            return Person(
                **person, problem=f"The {name} of '{identity}' is {value}; give a positive length in cm."
            )
    paths = {
        name: str(folder / str(raw[name]).strip())
        for name in ("body", "front", "side")
        if not _blank(raw.get(name))
    }
    gender = None if _blank(raw.get("gender")) else str(raw["gender"]).strip().lower()
    if gender is not None and gender not in PEOPLE_GENDERS:
        return Person(
            **person, problem=f"The gender of '{identity}' is '{gender}'; use {', '.join(PEOPLE_GENDERS)}."
        )
    if "body" not in paths and gender is None:
        return Person(
            **person, problem=f"'{identity}' has no gender; give one of {', '.join(PEOPLE_GENDERS)}."
        )
    if "body" not in paths and "front" not in paths and not measurements:
        return Person(
            **person, problem=f"'{identity}' has no measurements, body file or photo; give one of them."
        )
    return Person(**person, gender=gender, measurements_cm=measurements, **paths)


def read_people(path: str | Path) -> list[Person]:
    """Every person in the people file at ``path``, in file order; bad rows carry their ``problem``.

    Raises
    ------
    PeopleFileError
        The file is missing, has another suffix, cannot be read, has no ``id`` column, a column fitroom
        does not know, no column to make a body from, or no rows.
    """
    path = Path(path)
    if path.suffix.lower() not in _SUFFIXES:
        raise PeopleFileError(f"People file '{path}' is not .csv or .parquet; give a CSV or Parquet table.")
    if not path.is_file():
        raise PeopleFileError(
            f"People file '{path}' does not exist; give the path of a CSV or Parquet table."
        )
    columns, rows = _read_rows(path)
    _check_columns(path, columns)
    if not rows:
        raise PeopleFileError(f"People file '{path}' has no rows; add one row per person.")
    seen: dict[str, int] = {}
    return [_person(number, raw, path.parent, seen) for number, raw in enumerate(rows, start=1)]
