"""``fitroom report``: drape each size of a pattern on a body and write one self-contained fit page."""

from viewer.cmd_args import add_drape_arguments, drape_from_args, load_body_argument, resolve_sizes

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "report", help="drape several sizes and write one HTML fit page (3D view, fit table, pattern)"
    )
    add_drape_arguments(parser)
    parser.add_argument("--sizes", default=None, help="comma-separated sizes to drape (default S,M,L)")
    parser.add_argument("-o", "--out", required=True, metavar="FIT.html", help="fit page to write")


def run(args) -> int:
    from viewer.fit_page import check_page_path, write_fit_page

    path = check_page_path(args.out)
    body = load_body_argument(args.body)
    drapes = drape_from_args(args, body, resolve_sizes(args.pattern, args.sizes, ["S", "M", "L"]))
    recommended, reason = write_fit_page(path, body, drapes, args.pattern, args.material)
    print(f"Recommended size: {recommended}. {reason}" if recommended else reason)
    print(f"Wrote {path} ({path.stat().st_size / 1e6:.1f} MB).")
    return 0 if recommended else 3
