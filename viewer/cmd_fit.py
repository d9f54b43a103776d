"""``fitroom fit``: drape each size of a pattern on a body and recommend one."""

from viewer.cmd_args import add_drape_arguments, drape_from_args, fit_extra, load_body_argument, resolve_sizes

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("fit", help="drape several sizes and recommend one")
    add_drape_arguments(parser)
    parser.add_argument("--sizes", default=None, help="comma-separated sizes to drape (default S,M,L)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")


def run(args) -> int:
    from viewer.fit_outputs import print_fit, write_fit_outputs

    body = load_body_argument(args.body)
    drapes = drape_from_args(args, body, resolve_sizes(args.pattern, args.sizes, ["S", "M", "L"]))
    print_fit(write_fit_outputs(body, drapes, args.out, fit_extra(args, body)))
    return 0
