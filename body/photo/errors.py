"""Errors a photo can cause, each with a sentence that says what photo to take instead."""

from fitroom.errors import FitroomError

__all__ = [
    "PhotoError",
    "PhotoReadError",
    "NoPersonError",
    "SeveralPeopleError",
    "PersonCutOffError",
    "NotSideViewError",
    "NotFrontViewError",
    "PhotoHeightError",
]


class PhotoError(FitroomError):
    """A photo that cannot give a body; the message says what photo to take instead."""


class PhotoReadError(PhotoError):
    """The file is missing, unreadable, or not an image."""


class NoPersonError(PhotoError):
    """No person was found in the photo."""


class SeveralPeopleError(PhotoError):
    """Two or more people are equally prominent in the photo."""


class PersonCutOffError(PhotoError):
    """The head or the feet are outside the photo."""


class NotSideViewError(PhotoError):
    """The side photo shows the person from the front or the back."""


class NotFrontViewError(PhotoError):
    """The front photo shows the person from the side."""


class PhotoHeightError(PhotoError):
    """The height given with the photos is not a plausible adult height."""
