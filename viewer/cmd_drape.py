"""``fitroom drape``: drape one size of a pattern on a body and write its pictures, meshes and fit."""

from viewer.cmd_args import add_drape_arguments, drape_and_report

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("drape", help="drape one size; write drape PNG, PLY, GLB and fit.json")
    add_drape_arguments(parser)
    parser.add_argument("--size", default=None, help="size to drape (default M; a file's own size)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")


def run(args) -> int:
    return drape_and_report(args, args.size, ["M"])
