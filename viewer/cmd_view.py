"""``fitroom view``: the interactive fitting-room window."""

from viewer.cmd_args import add_drape_arguments, load_body_argument, parse_sizes

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("view", help="open the live viewer: drape, switch sizes, read fit maps")
    add_drape_arguments(parser, body_required=False)
    parser.add_argument("--sizes", default="S,M,L,XL", help="sizes offered by the number keys and slider")
    parser.add_argument("--out", default=".", metavar="DIR", help="where screenshots and turntables go")


def run(args) -> int:
    import body as body_package
    from viewer.live import LiveViewer

    body = load_body_argument(args.body)
    model = body_package.load_body_model(body.gender, None if body.model == "fitroom-anny" else body.model)
    LiveViewer(
        model,
        body,
        args.pattern,
        parse_sizes(args.sizes),
        args.material,
        args.device,
        edge_length=args.edge_length / 100,
        out_dir=args.out,
    ).show()
    return 0
