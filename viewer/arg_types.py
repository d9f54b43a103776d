"""``argparse`` ``type=`` functions: command-line values checked as they are parsed.

Each raises ``argparse.ArgumentTypeError`` with a sentence saying what is allowed, so a bad value
stops the command with exit status 2 before any work starts. ``check_one_size`` is the same check of a
size name for a request checked after parsing (:mod:`viewer.command_requests`, :mod:`viewer.session`).
"""

import argparse
import math

from fitroom.defaults import EDGE_LENGTH_M
from viewer.errors import SizeListError

__all__ = [
    "positive_int",
    "positive_cm",
    "edge_length_cm",
    "single_size",
    "check_one_size",
    "MIN_EDGE_LENGTH_CM",
    "MAX_EDGE_LENGTH_CM",
]

# Finer meshes than this cost more than any garment needs; coarser ones cannot follow a body.
MIN_EDGE_LENGTH_CM = 0.3
MAX_EDGE_LENGTH_CM = 10.0


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"'{text}' is not a finite number")
    return value


def positive_int(text: str) -> int:
    """A whole number of at least 1 (frames, people, substeps)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number; give one such as 100") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not positive; give a whole number of at least 1")
    return value


def positive_cm(text: str) -> float:
    """A length in cm above 0 (a body measurement)."""
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} cm is not a length; give a positive number of cm")
    return value


def edge_length_cm(text: str) -> float:
    """A mesh edge length in cm, from ``MIN_EDGE_LENGTH_CM`` to ``MAX_EDGE_LENGTH_CM``."""
    value = _number(text)
    if not MIN_EDGE_LENGTH_CM <= value <= MAX_EDGE_LENGTH_CM:
        raise argparse.ArgumentTypeError(
            f"{text} cm is outside {MIN_EDGE_LENGTH_CM:g}-{MAX_EDGE_LENGTH_CM:g} cm; give an edge length "
            f"in that range ({EDGE_LENGTH_M * 100:g} is the default)"
        )
    return value


def check_one_size(text: str, does: str = "drapes and shows") -> str:
    """The one size name ``text`` gives (``M``) for a command that ``does`` one size; a comma-separated
    list is refused. Every command that takes one size decides it here.

    Raises
    ------
    viewer.errors.SizeListError
        ``text`` names no size or several.
    """
    names = [name for name in text.split(",") if name.strip()]
    if len(names) != 1:
        raise SizeListError(f"'{text}' names {len(names)} sizes; this command {does} one, such as M.")
    return names[0].strip()


def single_size(text: str) -> str:
    """``check_one_size`` as an ``argparse`` type, for ``--size`` of the commands that drape one size."""
    try:
        return check_one_size(text)
    except SizeListError as error:
        raise argparse.ArgumentTypeError(str(error).removesuffix(".")) from None
