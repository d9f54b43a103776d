"""``fitroom seams FILE.DXF -o SEAMS.png|svg``: the seams of a DXF file, inferred (or read from its
seams file) and drawn for a designer to check."""

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    from garments.dxf_aama import UNITS_M

    parser = subparsers.add_parser(
        "seams",
        help="infer a DXF pattern's seams, write FILE.seams.json and draw them",
        description="Infer which edges of a DXF-AAMA file's pieces are sewn together, write them to the "
        "seams file (FILE.seams.json beside the DXF, or --seams), and draw every piece with its edges "
        "numbered and each seam as a coloured pair, low-confidence seams dashed. When the seams file "
        "already exists it is read and drawn instead, so a designer's edits are kept.",
    )
    parser.add_argument("dxf", metavar="FILE.DXF", help="DXF-AAMA or ASTM pattern file")
    parser.add_argument("-o", "--out", required=True, metavar="SEAMS.png|svg", help="drawing to write")
    parser.add_argument(
        "--seams",
        default=None,
        metavar="FILE.seams.json",
        help="seams file to read or write (default: beside the DXF)",
    )
    parser.add_argument("--size", default=None, help="one of the file's own sizes (default: its sample size)")
    parser.add_argument("--units", default=None, choices=tuple(UNITS_M), help="read the file in these units")


def run(args) -> int:
    from pathlib import Path

    from garments.dxf_aama import dxf_garment
    from garments.dxf_panels import garment_pattern
    from garments.seam_drawing import draw_seams
    from garments.seam_plan import LOW_CONFIDENCE
    from garments.seams_file import write_seams_file
    from viewer.command_requests import seams_request

    request = seams_request(args)
    garment = dxf_garment(args.dxf, request.size, None if request.infers else request.sidecar, args.units)
    pattern = garment_pattern(garment)
    title = f"{pattern.name}: size {garment.size} (sizes {', '.join(pattern.sizes)})"
    written = [draw_seams(pattern, garment.plan, request.drawing, title)]
    if garment.seams_from is None:
        pieces = [piece.name for piece in garment.pieces]
        written.insert(0, write_seams_file(garment.plan, pieces, request.sidecar, Path(args.dxf).name))
    plan = garment.plan
    low = sum(seam.confidence < LOW_CONFIDENCE for seam in plan.seams)
    source = f"read from {garment.seams_from}" if garment.seams_from else "inferred"
    print(
        f"{pattern.name}: {len(plan.seams)} seams {source} ({low} of low confidence) on "
        f"{len(garment.pieces)} pieces."
    )
    for name, reason in plan.left_out.items():
        print(f"  left out {name}: {reason}")
    for name, reason in plan.unmatched.items():
        print(f"  not sewn {name}: {reason}")
    print(f"Wrote {', '.join(str(path) for path in written)}.")
    return 0
