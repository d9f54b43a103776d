"""Errors a user can cause with a body model file, a BODY.json file or requested measurements."""

from fitroom.errors import FitroomError

__all__ = [
    "BodyFileError",
    "BodyModelFileError",
    "NoBodyRequestError",
    "MeasurementRangeError",
    "MeshNotMeasurableError",
    "UnknownGenderError",
    "UnknownMeasurementError",
]


class UnknownGenderError(FitroomError):
    """The gender is not one of ``female``, ``male``, ``neutral``."""


class BodyModelFileError(FitroomError):
    """A ``--body-model`` file that is missing, unreadable, or not in SMPL, SMPL-H or SMPL-X layout."""


class BodyFileError(FitroomError):
    """A BODY.json file that is missing, unreadable, or lacks a contract key."""


class UnknownMeasurementError(FitroomError):
    """A requested measurement that fitroom does not know."""


class MeasurementRangeError(FitroomError):
    """A requested measurement (or combination) that no body of the model can have."""


class NoBodyRequestError(FitroomError):
    """Neither photos nor any measurement were given to make a body from."""


class MeshNotMeasurableError(FitroomError):
    """A mesh on which a tailor's measurement cannot be found (not a body standing in its rest pose)."""
