"""``fitroom demo``: the main job — the bundled T-shirt in several sizes on the bundled default body."""

import time

from fitroom.defaults import VIEW_SIZES
from viewer.arg_types import positive_int
from viewer.cmd_args import add_solver_arguments
from viewer.turntable import TURNTABLE_FRAMES

__all__ = ["add_parser", "run"]

DEMO_PATTERN = "tshirt"


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="the bundled T-shirt in S-XL on the default body",
        description="Drape the bundled T-shirt in several sizes on the bundled default body (the size-M "
        "woman of the size chart), recommend a size, and write fit.json, fit.html, a picture and meshes "
        "of each size, sizes.png and a turntable of the recommended size into one folder.",
    )
    parser.add_argument("--out", default="fitroom-demo", metavar="DIR", help="output folder")
    parser.add_argument("--sizes", default=",".join(VIEW_SIZES), help="comma-separated sizes to drape")
    parser.add_argument(
        "--view", action="store_true", help="then open the interactive viewer on the recommended size"
    )
    add_solver_arguments(parser)
    parser.add_argument(
        "--frames", type=positive_int, default=TURNTABLE_FRAMES, metavar="N", help="turntable frames (30 fps)"
    )


def run(args) -> int:
    from rich.console import Console

    from fitroom.files import staged_folder
    from fitroom.output_paths import check_output_folder
    from fitroom.progress import Progress
    from viewer.fit_outputs import print_fit, write_fit_outputs
    from viewer.fit_page import write_fit_page
    from viewer.fit_report import NO_SIZE_EXIT_STATUS
    from viewer.session import open_session
    from viewer.turntable import check_turntable_request, write_turntable

    started = time.perf_counter()
    console = Console()
    out_dir = check_output_folder(args.out)
    check_turntable_request(out_dir / "turntable.mp4", args.frames)
    if args.view:
        from viewer.display import require_display

        require_display()
    with console.status("Loading the default body"):
        session = open_session(
            DEMO_PATTERN,
            args.sizes,
            VIEW_SIZES,
            device=args.device,
            edge_length=args.edge_length / 100,
            max_frames=args.max_frames,
        )
    body, drapes = session.body, session.drape()
    extra = {"pattern": DEMO_PATTERN, "body": body.to_dict(), "device": args.device}
    with staged_folder(out_dir) as stage:
        with console.status("Rendering pictures and meshes"):
            document, _ = write_fit_outputs(body, drapes, stage, extra)
        with console.status("Writing the fit page"):
            write_fit_page(stage / "fit.html", body, drapes, session.sized)
        recommended = next((d for d in drapes if d.size == document["recommended_size"]), None)
        if recommended is not None:
            with Progress() as progress:
                step = progress.step(f"Writing the turntable of size {recommended.size}", total=args.frames)
                write_turntable(
                    body, recommended, stage / "turntable.mp4", frames=args.frames, progress=step.update
                )
                step.finish(f"{args.frames} frames")
    if recommended is None:
        print_fit(document)
        return NO_SIZE_EXIT_STATUS
    print_fit(document)
    console.print(f"Wrote {out_dir}/ in {time.perf_counter() - started:.0f} s.")
    if args.view:
        import body as body_package
        from viewer.live import LiveViewer

        model = body_package.load_body_model(body.gender)
        LiveViewer(
            model,
            body,
            session.pattern,
            session.sizes,
            device=args.device,
            edge_length=session.edge_length,
            out_dir=out_dir,
            start_size=recommended.size,
            heights=session.heights,
        ).show()
    return 0
