"""``fitroom turntable``: a 360-degree video of one draped size."""

from fitroom.defaults import DEFAULT_SIZE
from viewer.arg_types import positive_int
from viewer.cmd_args import add_size_argument
from viewer.fit_maps import MAP_CYCLE
from viewer.session import add_drape_arguments, session_from_args
from viewer.turntable import GIF_RESOLUTION, MP4_RESOLUTION, TURNTABLE_FPS, TURNTABLE_FRAMES

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "turntable",
        help="write a turntable MP4 or GIF of one draped size",
        description="Drape one size of a pattern on a body and write a video of one full turn round it, "
        "the garment coloured by a fit map: an H.264 MP4, or a GIF small enough to send.",
    )
    add_drape_arguments(parser)
    add_size_argument(parser)
    parser.add_argument("-o", "--output", required=True, metavar="OUT.mp4|OUT.gif", help="video to write")
    parser.add_argument(
        "--frames",
        type=positive_int,
        default=TURNTABLE_FRAMES,
        metavar="N",
        help=f"frames in the full turn ({TURNTABLE_FPS} fps)",
    )
    parser.add_argument(
        "--heatmap", default="strain", metavar="MAP", help=f"fit map to colour by: {', '.join(MAP_CYCLE)}"
    )
    parser.add_argument(
        "--resolution",
        default=None,
        metavar="WxH",
        help="video width x height in pixels (default: "
        f"{'x'.join(map(str, MP4_RESOLUTION))} for MP4, {'x'.join(map(str, GIF_RESOLUTION))} for GIF)",
    )


def run(args) -> int:
    from fitroom.output_paths import check_output_file
    from fitroom.progress import Progress
    from viewer.fit_maps import fit_map
    from viewer.turntable import check_turntable_request, parse_resolution, write_turntable

    fit_map(args.heatmap)
    resolution = None if args.resolution is None else parse_resolution(args.resolution)
    resolution = check_turntable_request(args.output, args.frames, resolution)
    check_output_file(args.output)
    session = session_from_args(args, args.size, [DEFAULT_SIZE], single=True)
    (drape,) = session.drape()
    with Progress() as progress:
        step = progress.step(f"Writing the turntable of size {drape.size}", total=args.frames)
        write_turntable(
            session.body, drape, args.output, args.frames, args.heatmap, resolution, progress=step.update
        )
        step.finish(f"{args.frames} frames")
    width, height = resolution
    print(f"Wrote {args.output} ({args.frames} frames at {TURNTABLE_FPS} fps, {width}x{height}).")
    return 0
