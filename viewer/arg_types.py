"""``argparse`` ``type=`` functions: command-line values checked as they are parsed.

Each raises ``argparse.ArgumentTypeError`` with a sentence saying what is allowed, so a bad value
stops the command with exit status 2 before any work starts.
"""

import argparse
import math

from fitroom.defaults import EDGE_LENGTH_M

__all__ = [
    "positive_int",
    "positive_cm",
    "edge_length_cm",
    "single_size",
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


def single_size(text: str) -> str:
    """One size name (``M``); a comma-separated list is refused."""
    names = [name for name in text.split(",") if name.strip()]
    if len(names) != 1:
        raise argparse.ArgumentTypeError(
            f"'{text}' names {len(names)} sizes; this command drapes and shows one, such as M"
        )
    return names[0].strip()
