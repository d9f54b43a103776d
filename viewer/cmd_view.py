"""``fitroom view``: the interactive fitting-room window."""

from viewer.cmd_args import add_drape_arguments, load_body_argument, resolve_sizes

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("view", help="open the live viewer: drape, switch sizes, read fit maps")
    add_drape_arguments(parser, body_required=False)
    parser.add_argument(
        "--sizes", default=None, help="sizes for the number keys and slider (default S,M,L,XL)"
    )
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
        resolve_sizes(args.pattern, args.sizes, ["S", "M", "L", "XL"]),
        args.material,
        args.device,
        edge_length=args.edge_length / 100,
        out_dir=args.out,
    ).show()
    return 0
