"""The ``fitroom`` command line: one subcommand per module ``viewer/cmd_<name>.py``.

Each command module exposes ``add_parser(subparsers)`` (which registers its arguments) and
``run(args) -> int``. A ``FitroomError`` is printed as one sentence and exits with status 2. SIGINT
(Ctrl-C) and SIGTERM stop any command at once with one line, no traceback, and status 130 or 143;
what it was writing is left unwritten (see :mod:`fitroom.files`).
"""

import argparse
import functools
import importlib
import importlib.metadata
import signal
import sys

from fitroom.errors import FitroomError
from fitroom.quiet import quiet_third_party
from fitroom.stopping import stops_on_signals
from viewer.cmd_args import HelpFormatter, dxf_pattern_argument

__all__ = ["main", "console_main", "COMMANDS", "INTERRUPT_EXIT_STATUS"]

# The shell's convention: 128 + the signal's number.
INTERRUPT_EXIT_STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}


COMMANDS = (
    "demo",
    "body",
    "drape",
    "fit",
    "report",
    "view",
    "turntable",
    "patterns",
    "pattern",
    "seams",
    "fabric",
    "bench",
    "batch",
    "population",
    "coverage",
    "calibrate",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fitroom",
        description="An open 3D fitting room: drape sewing patterns on a body and see which size fits.",
        epilog="'fitroom COMMAND --help' describes a command. Exit status: 0 done, 2 bad input, "
        "3 no size could be recommended.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"fitroom {importlib.metadata.version('fitroom')}"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="also show what Taichi, Warp, MediaPipe and VTK print"
    )
    subparsers = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        parser_class=functools.partial(argparse.ArgumentParser, formatter_class=HelpFormatter),
    )
    for name in COMMANDS:
        module = importlib.import_module(f"viewer.cmd_{name}")
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None, silence_native: bool = False) -> int:
    """Run the ``fitroom`` command; returns the process exit status.

    ``silence_native`` also sends what native libraries write to standard error to the null device
    (see :mod:`fitroom.quiet`); the installed ``fitroom`` command does, a caller in the same process
    (a test) need not. SIGINT and SIGTERM are answered from the first line on, while the arguments are
    still being read too.
    """
    name = "fitroom"
    try:
        with stops_on_signals():
            try:
                args = _parser().parse_args(argv)
            except SystemExit as stop:
                # --help and --version end here with status 0; a bad value has had its sentence printed.
                if stop.code == 0:
                    raise
                return 2
            name = f"fitroom {args.command}"
            try:
                quiet_third_party(args.verbose, silence_native=silence_native)
                dxf_pattern_argument(args)
                module = importlib.import_module(f"viewer.cmd_{args.command}")
                return int(module.run(args) or 0)
            except FitroomError as error:
                print(f"{name}: {error}", file=sys.stderr)
                return 2
    except KeyboardInterrupt as stop:
        number = getattr(stop, "signal_number", signal.SIGINT)
        print(f"{name}: stopped by {signal.Signals(number).name}; nothing was written.", file=sys.stderr)
        return INTERRUPT_EXIT_STATUS[number]


def console_main() -> None:
    """The installed ``fitroom`` command: :func:`main` with native output silenced, as an exit status."""
    sys.exit(main(silence_native=True))


if __name__ == "__main__":
    console_main()
