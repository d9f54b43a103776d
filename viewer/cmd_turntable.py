"""``fitroom turntable``: a 360-degree video of one draped size."""

from viewer.cmd_args import add_drape_arguments, drape_from_args, load_body_argument, resolve_sizes

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("turntable", help="write a turntable MP4 or GIF of one draped size")
    add_drape_arguments(parser)
    parser.add_argument("--size", default=None, help="size to drape (default M; a file's own size)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.mp4|OUT.gif")
    parser.add_argument("--frames", type=int, default=120, help="frames in the full turn (30 fps)")
    parser.add_argument("--heatmap", default="strain", help="map: none, strain, stress, pressure, ease")


def run(args) -> int:
    from viewer.fit_maps import fit_map
    from viewer.turntable import check_turntable_request, write_turntable

    fit_map(args.heatmap)
    check_turntable_request(args.output, args.frames)
    body = load_body_argument(args.body)
    (drape,) = drape_from_args(args, body, resolve_sizes(args.pattern, args.size, ["M"]))
    write_turntable(body, drape, args.output, frames=args.frames, map_name=args.heatmap)
    print(f"Wrote {args.output} ({args.frames} frames at 30 fps).")
    return 0
