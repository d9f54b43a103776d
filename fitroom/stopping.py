"""How a command stops on SIGINT (Ctrl-C) and SIGTERM: at once, where it is, and for good.

:func:`stops_on_signals` makes either signal raise :class:`Stopped` where the command is and remembers
it. Libraries sometimes swallow that exception (an optional import wrapped in ``except ImportError``
turns a ``KeyboardInterrupt`` inside a native module's initialisation into ``ImportError:
initialization failed``), so every progress update and every rename of finished output asks
:func:`raise_if_stopped` again: a stopped command never goes on to write. :func:`signals_held` keeps a
signal back while a block that must not be cut in half runs (a native import, the renames that make a
command's outputs appear together), then lets it stop the command.
"""

import contextlib
import importlib
import signal
import threading

__all__ = ["Stopped", "stops_on_signals", "raise_if_stopped", "signals_held", "import_whole"]

_STOPPING = (signal.SIGINT, signal.SIGTERM)
# The signals received since stops_on_signals began, oldest first.
_received: list[int] = []


class Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM (``signal_number``), raised where the command was, so it unwinds as Ctrl-C does."""

    def __init__(self, signal_number: int):
        super().__init__(signal_number)
        self.signal_number = signal_number


def _stop(number, frame):
    _received.append(number)
    raise Stopped(number)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _handling(handler):
    """SIGINT and SIGTERM go to ``handler`` for the block, then to whatever they went to before."""
    previous = {number: signal.signal(number, handler) for number in _STOPPING}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


@contextlib.contextmanager
def stops_on_signals():
    """For the block, SIGINT and SIGTERM raise :class:`Stopped` and are remembered; then the old handlers
    return (main thread only: Python runs signal handlers there)."""
    if not _in_main_thread():
        yield
        return
    _received.clear()
    try:
        with _handling(_stop):
            yield
    finally:
        _received.clear()


def raise_if_stopped() -> None:
    """Raise :class:`Stopped` again if a signal has stopped the command (whoever caught it since)."""
    if _received:
        raise Stopped(_received[0])


@contextlib.contextmanager
def signals_held():
    """SIGINT and SIGTERM that arrive during the block are kept, and raised again as it ends (main
    thread only)."""
    if not _in_main_thread():
        yield
        return
    arrived = []
    try:
        with _handling(lambda number, frame: arrived.append(number)):
            yield
    finally:
        if arrived:
            signal.raise_signal(arrived[0])


def import_whole(name: str, *parts: str):
    """The module ``name``, imported with SIGINT and SIGTERM held (instant once it is loaded), with its
    submodules ``parts`` loaded too: a package that loads a part on first use (PyVista's ``plotting``,
    and matplotlib's native image code with it, on the first ``Plotter``) would otherwise load it
    where a signal can cut it in half."""
    with signals_held():
        for part in parts:
            importlib.import_module(f"{name}.{part}")
        return importlib.import_module(name)
