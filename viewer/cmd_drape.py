"""``fitroom drape``: drape one size of a pattern on a body and write its pictures, meshes and fit."""

from fitroom.defaults import DEFAULT_SIZE
from viewer.cmd_args import add_size_argument
from viewer.session import add_drape_arguments, drape_and_report

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "drape",
        help="drape one size; write drape PNG, PLY, GLB and fit.json",
        description="Drape one size of a pattern on a body until it comes to rest, and write into one "
        "folder a picture coloured by strain, the draped garment as PLY (with every fit map) and GLB, "
        "sizes.png and fit.json; print how that size fits.",
    )
    add_drape_arguments(parser)
    add_size_argument(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")


def run(args) -> int:
    return drape_and_report(args, args.size, [DEFAULT_SIZE])
