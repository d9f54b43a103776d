"""``fitroom view``: the interactive fitting-room window."""

from viewer.cmd_args import (
    VIEW_SIZES,
    add_drape_arguments,
    check_material,
    load_body_argument,
    resolve_sizes,
    size_help,
)

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
    check_material(args.material)
    check_output_folder(args.out)
    sizes = resolve_sizes(args.pattern, args.sizes, VIEW_SIZES, args.edge_length)
    body = load_body_argument(args.body)
    model = body_package.load_body_model(body.gender, None if body.model == "fitroom-anny" else body.model)
    LiveViewer(
        model,
        body,
        args.pattern,
        sizes,
        args.material,
        args.device,
        edge_length=args.edge_length / 100,
        out_dir=args.out,
        start_size=chart_size_for(body, args.pattern, sizes),
    ).show()
    return 0
