"""``fitroom drape``: drape one size of a pattern on a body and write its pictures, meshes and fit."""

from viewer.cmd_args import add_drape_arguments, drape_from_args, fit_extra, load_body_argument, resolve_sizes

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("drape", help="drape one size; write drape PNG, PLY, GLB and fit.json")
    add_drape_arguments(parser)
    parser.add_argument("--size", default=None, help="size to drape (default M; a file's own size)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")


def run(args) -> int:
    from viewer.fit_outputs import print_fit, write_fit_outputs

    body = load_body_argument(args.body)
    drapes = drape_from_args(args, body, resolve_sizes(args.pattern, args.size, ["M"]))
    print_fit(write_fit_outputs(body, drapes, args.out, fit_extra(args, body)))
    return 0
