"""Whether this machine has a display a window can open on, answered at once from the environment."""

import os
import sys

from viewer.errors import NoDisplayError

__all__ = ["has_display", "require_display"]


def has_display() -> bool:
    """False on Linux and the BSDs when neither ``$DISPLAY`` (X11) nor ``$WAYLAND_DISPLAY`` is set;
    True elsewhere (macOS and Windows always have a desktop to draw on)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def require_display() -> None:
    """Refuse to open a window where there is no display, before any work starts.

    Raises
    ------
    NoDisplayError
        Suggesting the commands that write files instead.
    """
    if not has_display():
        raise NoDisplayError(
            "There is no display to open the viewer window on (neither $DISPLAY nor $WAYLAND_DISPLAY is "
            "set); run it on a desktop, or write a video with 'fitroom turntable' or pictures and a "
            "turntable with 'fitroom demo'."
        )
