"""Keeping third-party start-up lines off a normal run's output.

Taichi prints a banner when imported, Warp a CUDA warning and a device list when first used,
MediaPipe's TensorFlow Lite and absl log lines, and VTK "bad X server connection" when it looks for a
display. None of it tells a fitroom user anything. :func:`quiet_third_party` switches off what can be
switched off by setting, and sends what the native libraries write straight to the process's
standard error to the null device, while Python's ``sys.stderr`` (fitroom's own messages, warnings,
tracebacks) keeps the real one. ``--verbose`` (or ``FITROOM_VERBOSE=1``) leaves all of it on.
"""

import os
import sys

__all__ = ["quiet_third_party", "verbose"]

_VERBOSE_VARIABLE = "FITROOM_VERBOSE"


def verbose() -> bool:
    """Whether third-party output is wanted (``$FITROOM_VERBOSE`` set to anything but ``0``)."""
    return os.environ.get(_VERBOSE_VARIABLE, "0") not in ("", "0")


def quiet_third_party(want_verbose: bool = False, silence_native: bool = True) -> None:
    """Silence third-party start-up output for the rest of this process and its children.

    Call it before Taichi, Warp, MediaPipe or VTK are imported. With ``want_verbose`` (or
    ``$FITROOM_VERBOSE``) it only records the wish, so that child processes see it too. Without
    ``silence_native`` only the settings are made and file descriptor 2 is left alone.
    """
    if want_verbose:
        os.environ[_VERBOSE_VARIABLE] = "1"
    if verbose():
        return
    os.environ.setdefault("ENABLE_TAICHI_HEADER_PRINT", "0")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("GLOG_minloglevel", "3")
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        # Without a display VTK would try X first and complain before falling back to EGL.
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    if silence_native:
        _native_stderr_to_null()


def _native_stderr_to_null() -> None:
    """Point file descriptor 2 at the null device and ``sys.stderr`` at a copy of the real one."""
    if getattr(sys.stderr, "_fitroom_real_stderr", False):
        return
    try:
        real = os.dup(2)
    except OSError:
        return
    sys.stderr.flush()
    stream = os.fdopen(real, "w", buffering=1, encoding=sys.stderr.encoding, errors="backslashreplace")
    stream._fitroom_real_stderr = True
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)
    sys.stderr = stream
