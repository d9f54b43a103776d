"""``fitroom fit``: drape each size of a pattern on a body and recommend one."""

from viewer.cmd_args import add_drape_arguments, load_body_argument, parse_sizes

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "fit", help="drape several sizes, write sizes.png and fit.json, recommend one"
    )
    add_drape_arguments(parser)
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated sizes to drape")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")


def run(args) -> int:
    from viewer.fit_outputs import print_fit, write_fit_outputs
    from viewer.size_drape import drape_sizes

    body = load_body_argument(args.body)
    sizes = parse_sizes(args.sizes)
    drapes = drape_sizes(body, args.pattern, sizes, args.material, args.device, args.edge_length / 100,
                         args.max_frames)  # fmt: skip
    extra = {
        "pattern": args.pattern,
        "body": body.to_dict(),
        "material": args.material,
        "device": args.device,
    }
    print_fit(write_fit_outputs(body, drapes, args.out, extra))
    return 0
