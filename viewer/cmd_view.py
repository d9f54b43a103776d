"""``fitroom view``: the interactive fitting-room window."""

from fitroom.defaults import VIEW_SIZES
from viewer.cmd_args import size_help
from viewer.session import add_drape_arguments, session_from_args

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "view",
        help="open the live viewer: drape, switch sizes, read fit maps",
        description="Open a window where the pattern sews itself shut and drapes on the body in real "
        "time, starting in the size the size chart gives the body; number keys or the slider switch "
        "size, h cycles the fit maps, s saves a screenshot, t writes a turntable. Needs a display: on a "
        "machine without one, use 'fitroom turntable' or 'fitroom demo'.",
    )
    add_drape_arguments(parser, body_required=False)
    parser.add_argument(
        "--sizes",
        default=None,
        help=size_help("sizes for the number keys and slider")
        + f" (default: {','.join(VIEW_SIZES)}, or the size an ungraded pattern file is drawn in)",
    )
    parser.add_argument("--out", default=".", metavar="DIR", help="where screenshots and turntables go")


def run(args) -> int:
    import body as body_package
    from fitroom.output_paths import check_output_folder
    from viewer.display import require_display
    from viewer.live import LiveViewer
    from viewer.start_size import chart_size_for

    require_display()
    check_output_folder(args.out)
    session = session_from_args(args, args.sizes, VIEW_SIZES)
    body = session.body
    model = body_package.load_body_model(body.gender, None if body.model == "fitroom-anny" else body.model)
    LiveViewer(
        model,
        body,
        session.pattern,
        session.sizes,
        session.fabric,
        session.device,
        edge_length=session.edge_length,
        out_dir=args.out,
        start_size=chart_size_for(body, session.pattern, session.sizes),
        heights=session.heights,
    ).show()
    return 0
