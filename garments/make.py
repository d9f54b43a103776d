"""One call from a pattern name and a body to a garment ready to drape."""

import os

from fitroom.defaults import DEFAULT_SIZE, EDGE_LENGTH_M
from garments.garment import Garment
from garments.meshing import mesh_pattern
from garments.pattern_files import load_pattern
from garments.placement import place_garment

__all__ = ["make_garment"]


def make_garment(
    pattern_name_or_path: str | os.PathLike,
    body,
    size: str | None = DEFAULT_SIZE,
    edge_length: float = EDGE_LENGTH_M,
) -> Garment:
    """Load, grade, mesh and place a pattern around ``body``.

    Parameters
    ----------
    pattern_name_or_path : str or path
        A bundled pattern name (see ``bundled_patterns``) or a pattern file.
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
    from garments.grading import MADE_TO_MEASURE

    pattern = load_pattern(pattern_name_or_path)
    if size == MADE_TO_MEASURE:
        sized = pattern.made_to_measure(body.measurements_cm)
    else:
        sized = pattern.grade(size)
    return place_garment(mesh_pattern(sized, edge_length), body)
