"""``fitroom report``: drape each size of a pattern on a body and write one self-contained fit page."""

from fitroom.defaults import FIT_SIZES
from viewer.cmd_args import add_sizes_argument
from viewer.session import add_drape_arguments, session_from_args

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="drape several sizes and write one HTML fit page (3D view, fit table, pattern)",
        description="Drape each size of a pattern on a body and write one self-contained HTML page that "
        "opens offline in any browser: a 3D view of each size with its fit maps, the fit table, the "
        "recommendation and its reason, and the flat pattern.",
    )
    add_drape_arguments(parser)
    add_sizes_argument(parser)
    parser.add_argument("-o", "--out", required=True, metavar="FIT.html", help="fit page to write")


def run(args) -> int:
    from fitroom.output_paths import check_output_file
    from viewer.fit_page import check_page_path, write_fit_page
    from viewer.fit_report import NO_SIZE_EXIT_STATUS

    path = check_output_file(check_page_path(args.out))
    session = session_from_args(args, args.sizes, FIT_SIZES)
    drapes = session.drape()
    recommended, reason = write_fit_page(path, session.body, drapes, session.sized, session.material)
    print(f"Recommended size: {recommended}. {reason}" if recommended else reason)
    print(f"Wrote {path} ({path.stat().st_size / 1e6:.1f} MB).")
    return 0 if recommended else NO_SIZE_EXIT_STATUS
