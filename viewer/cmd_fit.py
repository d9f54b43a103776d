"""``fitroom fit``: drape each size of a pattern on a body and recommend one."""

from viewer.cmd_args import add_drape_arguments, drape_and_report

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("fit", help="drape several sizes and recommend one")
    add_drape_arguments(parser)
    parser.add_argument("--sizes", default=None, help="comma-separated sizes to drape (default S,M,L)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")


def run(args) -> int:
    return drape_and_report(args, args.sizes, ["S", "M", "L"])
