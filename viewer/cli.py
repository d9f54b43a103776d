"""The ``fitroom`` command line: one subcommand per module ``viewer/cmd_<name>.py``.

Each command module exposes ``add_parser(subparsers)`` (which registers its arguments) and
``run(args) -> int``. A ``FitroomError`` is printed as one sentence and exits with status 2.
"""

import argparse
import importlib
import sys

from fitroom.errors import FitroomError

__all__ = ["main", "COMMANDS"]

COMMANDS = ("demo", "body", "drape", "fit", "report", "view", "turntable", "patterns", "pattern", "bench")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fitroom", description="An open 3D fitting room.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"viewer.cmd_{name}")
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``fitroom`` command; returns the process exit status."""
    args = _parser().parse_args(argv)
    module = importlib.import_module(f"viewer.cmd_{args.command}")
    try:
        return int(module.run(args) or 0)
    except FitroomError as error:
        print(f"fitroom {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
