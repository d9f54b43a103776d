"""The base of every error a user can cause.

A ``FitroomError`` carries one sentence that says what to change; the command line prints it and
exits with status 2. Each package subclasses it with a name that says what went wrong
(``PatternLoadingError``, ``MeasurementRangeError``, ...).
"""

__all__ = ["FitroomError", "OutputPathError"]


class FitroomError(Exception):
    """Bad input from a user: the message names what to fix."""


class OutputPathError(FitroomError):
    """An output path that is a folder where a file is wanted (or the reverse), or cannot be written."""
