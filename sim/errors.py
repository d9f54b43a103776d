"""Errors the cloth solver raises for inputs a user can fix."""

from fitroom.errors import FitroomError

__all__ = ["DrapeInputError", "UnknownMaterialError", "DeviceError"]


class DrapeInputError(FitroomError):
    """Garment or body arrays with the wrong shape, out-of-range indices or degenerate triangles."""


class UnknownMaterialError(FitroomError):
    """A fabric name that is not one of the material presets."""


class DeviceError(FitroomError):
    """A compute device that was asked for but is not available."""
