"""One call from a pattern name and a body to a garment ready to drape."""

import os

from fitroom.defaults import DEFAULT_SIZE, EDGE_LENGTH_M
from garments.garment import Garment
from garments.grading import pattern_in_size
from garments.meshing import mesh_pattern
from garments.pattern import Pattern
from garments.pattern_files import load_pattern
from garments.placement.assembly import place_garment

__all__ = ["make_garment"]


def make_garment(
    pattern: Pattern | str | os.PathLike,
    body,
    size: str | None = DEFAULT_SIZE,
    edge_length: float = EDGE_LENGTH_M,
) -> Garment:
    """Load, grade, mesh and place a pattern around ``body``.

    Parameters
    ----------
    pattern : Pattern, str or path
        A loaded pattern (as drawn; a caller draping several sizes loads it once), a bundled pattern
        name (see ``bundled_patterns``) or a pattern file.
    body : body.Body
    size : str or None
        A size of the pattern (``XS`` .. ``XXL``), ``made-to-measure`` to draft it for ``body``'s own
        measurements, or None for the size the file is drawn in.
    edge_length : float
        Target mesh edge length, metres.

    Returns
    -------
    Garment

    Raises
    ------
    PatternError
        For a bad file or a size the pattern does not come in (``UnknownSizeError``).
    """
    loaded = pattern if isinstance(pattern, Pattern) else load_pattern(pattern)
    sized = pattern_in_size(loaded, size, body.measurements_cm)
    return place_garment(mesh_pattern(sized, edge_length), body)
