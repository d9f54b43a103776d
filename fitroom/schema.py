"""Checking a parsed document against a declared ``pydantic`` schema, with one sentence per failure.

Every file a user gives (pattern JSON, BODY.json, DXF pieces) is checked here before any geometry is
built; the first problem becomes a ``FitroomError`` subclass whose sentence names the field, the value
found and what is allowed.
"""

import math
from typing import Annotated, Any, TypeVar

import pydantic

from fitroom.errors import FitroomError

__all__ = ["Finite", "validated", "field_sentence", "check_extent", "MIN_EXTENT_M", "MAX_EXTENT_M"]

# A finite JSON number (an int or a float, never a string, a bool, NaN or infinity).
Finite = Annotated[float, pydantic.Field(strict=True, allow_inf_nan=False)]

# A garment (its largest panel) must be at least this wide or tall, and no panel larger, in metres.
MIN_EXTENT_M = 0.05
MAX_EXTENT_M = 3.0

Model = TypeVar("Model", bound=pydantic.BaseModel)

_SHOWN_CHARS = 40


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else f"{text[:_SHOWN_CHARS]}..."


def field_sentence(error: pydantic.ValidationError) -> str:
    """The first problem of ``error`` as ``field 'a.b.0' is 'x': input should be ...; fix that field``,
    or only the reason for a problem of the whole document (no full stop)."""
    first = error.errors(include_url=False)[0]
    reason = first["msg"].removeprefix("Value error, ")
    reason = reason[:1].lower() + reason[1:]
    if not first["loc"]:
        return reason
    field = ".".join(str(part) for part in first["loc"])
    return f"field '{field}' is {_shown(first.get('input'))}: {reason}; fix that field"


def validated(model: type[Model], data: Any, where: str, error: type[FitroomError]) -> Model:
    """``data`` checked against ``model``.

    Parameters
    ----------
    model : pydantic model class
    data : the parsed document (dicts, lists, numbers, strings)
    where : str
        What the document is, starting the sentence (``Pattern file 'x.json'``).
    error : FitroomError subclass
        Raised, with one sentence, at the first problem.
    """
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as failure:
        raise error(f"{where}: {field_sentence(failure)}.") from None
    except RecursionError:
        raise error(f"{where} is nested too deeply to be a fitroom document; fix the file.") from None


def check_extent(extents_m: dict[str, float], where: str, units_hint: str, error: type[FitroomError]) -> None:
    """Refuse a garment whose pieces are not between ``MIN_EXTENT_M`` and ``MAX_EXTENT_M`` across.

    Parameters
    ----------
    extents_m : {piece name: largest of its width and height, metres}
    where : str
        The file, starting the sentence.
    units_hint : str
        What sets the file's units (``units_in_meter 100``), named in the sentence.
    """
    name, largest = max(extents_m.items(), key=lambda item: item[1])
    if not math.isfinite(largest) or largest > MAX_EXTENT_M:
        raise error(
            f"{where}: piece '{name}' is {largest:.3g} m across with {units_hint}; a garment piece must be "
            f"at most {MAX_EXTENT_M:g} m across, so check the units or the coordinates."
        )
    if largest < MIN_EXTENT_M:
        raise error(
            f"{where}: the largest piece '{name}' is {largest * 100:.3g} cm across with {units_hint}; a "
            f"garment must be at least {MIN_EXTENT_M * 100:g} cm across, so check the units."
        )
