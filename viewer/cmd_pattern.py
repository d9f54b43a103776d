"""``fitroom pattern NAME|FILE [--size M] -o OUT.svg|OUT.png``: draw the flat pattern."""

from viewer.cmd_args import add_dxf_arguments, size_help

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "pattern",
        help="draw a pattern flat: panels, numbered stitches, grain lines, size label",
        description="Draw a pattern flat, graded to one size, as SVG or PNG: each panel's outline, the "
        "stitches numbered at both ends, grain lines and the size label.",
    )
    parser.add_argument("pattern", metavar="NAME|FILE", help="bundled pattern name or pattern file")
    parser.add_argument(
        "--size",
        default=None,
        help=size_help("size to grade to", made_to_measure=False)
        + " (default: the size the pattern is drawn in)",
    )
    parser.add_argument("-o", "--out", required=True, metavar="OUT.svg|OUT.png", help="drawing to write")
    add_dxf_arguments(parser)


def run(args) -> int:
    from garments.pattern_drawing import draw_pattern
    from viewer.command_requests import pattern_request

    out, pattern = pattern_request(args)
    path = draw_pattern(pattern, out)
    print(
        f"{pattern.name} size {pattern.size}: {len(pattern.panels)} panels, {len(pattern.stitches)} stitches."
    )
    print(f"Wrote {path}.")
    return 0
