"""Errors the viewer and the command line raise for bad requests."""

from fitroom.errors import FitroomError

__all__ = [
    "UnknownMapError",
    "UnknownPoseError",
    "OutputFormatError",
    "ResolutionError",
    "SizeListError",
    "NoDisplayError",
    "BenchRequestError",
]


class UnknownMapError(FitroomError):
    """A heatmap name that fitroom does not draw."""


class OutputFormatError(FitroomError):
    """An output file whose extension fitroom cannot write."""


class ResolutionError(FitroomError):
    """A ``--resolution`` that is not ``WIDTHxHEIGHT`` in pixels a video can have."""


class SizeListError(FitroomError):
    """A ``--sizes`` list that is empty or names sizes the pattern lacks."""


class UnknownPoseError(FitroomError):
    """A pose preset name the viewer does not know."""


class NoDisplayError(FitroomError):
    """A window was asked for on a machine with no display to show it on."""


class BenchRequestError(FitroomError):
    """A ``fitroom bench`` asked for two benchmarks at once."""
