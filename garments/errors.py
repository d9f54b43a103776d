"""Named errors for patterns a user brings: each message says which panel, edge or size to fix."""

from fitroom.errors import FitroomError

__all__ = [
    "PatternError",
    "PatternLoadingError",
    "EdgeLoopError",
    "EdgeIndexError",
    "StitchReferenceError",
    "DuplicateStitchError",
    "StitchLengthError",
    "StitchLengthWarning",
    "SelfIntersectionError",
    "UnknownSizeError",
    "PlacementError",
]


class PatternError(FitroomError):
    """A sewing pattern that fitroom cannot use as it stands."""


class PatternLoadingError(PatternError):
    """A pattern file that cannot be read: missing, not JSON/DXF, or missing required keys."""


class EdgeLoopError(PatternError):
    """A panel whose edges do not join end to start into one closed outline."""


class EdgeIndexError(PatternError):
    """An edge naming a vertex index the panel does not have."""


class StitchReferenceError(PatternError):
    """A stitch naming a panel or an edge that does not exist."""


class DuplicateStitchError(PatternError):
    """One panel edge sewn in two stitches."""


class StitchLengthError(PatternError):
    """Two stitched edges whose lengths differ by more than 10 %."""


class StitchLengthWarning(UserWarning):
    """Two stitched edges whose lengths differ by more than 5 % (the seam will pucker or stretch)."""


class SelfIntersectionError(PatternError):
    """A panel outline that crosses itself."""


class UnknownSizeError(PatternError):
    """A size the pattern is not graded to."""


class PlacementError(PatternError):
    """A panel whose placement hint names no body part fitroom knows."""
