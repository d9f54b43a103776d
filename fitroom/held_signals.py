"""Imports that SIGINT and SIGTERM cannot cut in half.

A ``KeyboardInterrupt`` raised while a native extension initialises (matplotlib's ``ft2font`` under
``import pyvista``) leaves it half made: the import fails with ``ImportError: initialization failed``
and the process may abort at exit. Held, the signal is raised again as soon as the import is done, and
the command stops cleanly there (:mod:`viewer.cli`).
"""

import contextlib
import importlib
import signal
import threading

__all__ = ["signals_held", "import_whole"]

_STOPPING = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def signals_held():
    """SIGINT and SIGTERM that arrive during the block are kept, and raised again as it ends (main thread
    only: Python runs signal handlers there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived = []

    def keep(number, frame):
        arrived.append(number)

    previous = {number: signal.signal(number, keep) for number in _STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if arrived:
            signal.raise_signal(arrived[0])


def import_whole(name: str):
    """The module ``name``, imported with SIGINT and SIGTERM held (instant once it is loaded)."""
    with signals_held():
        return importlib.import_module(name)
