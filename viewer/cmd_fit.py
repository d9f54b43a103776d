"""``fitroom fit``: drape each size of a pattern on a body and recommend one."""

from fitroom.defaults import FIT_SIZES
from viewer.cmd_args import add_rule_argument, add_sizes_argument, load_rule_argument
from viewer.session import add_drape_arguments, drape_and_report

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "fit",
        help="drape several sizes and recommend one",
        description="Drape each size of a pattern on a body, recommend the smallest size that is not "
        "tight at chest, waist or hip, and write each size's picture and meshes, sizes.png and fit.json "
        "into one folder.",
    )
    add_drape_arguments(parser)
    add_sizes_argument(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    add_rule_argument(parser)


def run(args) -> int:
    return drape_and_report(args, args.sizes, FIT_SIZES, load_rule_argument(args.rule))
