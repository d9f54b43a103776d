"""``fitroom bench``: drape the bundled T-shirt on the default body and print the solver's figures as JSON."""

import contextlib
import json
import sys

from fitroom.defaults import DEFAULT_SIZE, FPS, MAX_FRAMES
from viewer.arg_types import edge_length_cm, positive_int

__all__ = ["add_parser", "run", "BENCH_EDGE_LENGTH_CM"]

# The solver's targets are set for a T-shirt of about 8,000 vertices, finer than the 1.5 cm meshes the
# other commands make by default.
BENCH_EDGE_LENGTH_CM = 1.0


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="time the cloth solver on the bundled T-shirt (and Newton's XPBD when installed)",
        description="Drape the bundled T-shirt on the default body and print the solver's speed and the "
        "drape's quality as JSON on standard output (with --body: the errors of body estimation from "
        "rendered photos instead).",
    )
    parser.add_argument(
        "--out", default=None, metavar="FILE.json", help="also write the JSON here (default: print it only)"
    )
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"), help="solver device")
    parser.add_argument("--pattern", default="tshirt", metavar="NAME|FILE", help="pattern to drape")
    parser.add_argument("--size", default=DEFAULT_SIZE, help="size to drape")
    parser.add_argument(
        "--edge-length",
        type=edge_length_cm,
        default=BENCH_EDGE_LENGTH_CM,
        metavar="CM",
        help="mesh edge length, cm (1 cm gives the T-shirt about 8,000 vertices)",
    )
    parser.add_argument(
        "--substeps",
        type=positive_int,
        default=None,
        help="solver substeps per frame (default: what the drape commands take at this edge length)",
    )
    parser.add_argument(
        "--max-frames", type=positive_int, default=MAX_FRAMES, metavar="N", help=f"frame limit ({FPS:g} fps)"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the Newton comparison")
    parser.add_argument(
        "--body", action="store_true", help="instead, benchmark body estimation from rendered photos"
    )
    parser.add_argument(
        "--people", type=positive_int, default=6, help="people per seed for --body (6 cover every group)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        action="append",
        default=None,
        help="random seed of the --body people, repeatable (default: the held-out seeds)",
    )
    parser.add_argument(
        "--tuning", action="store_true", help="with --body, the seeds the estimator was tuned on instead"
    )
    parser.add_argument(
        "--overlays", metavar="DIR", default=None, help="with --body, write each estimate's overlays here"
    )
    parser.add_argument(
        "--field",
        action="store_true",
        help="instead, the field test: every pattern in S-XL on chart bodies in two fabrics, with verdicts",
    )
    parser.add_argument(
        "--bodies", type=positive_int, default=8, help="bodies of the --field test (8: all of them)"
    )
    parser.add_argument(
        "--fabrics", type=positive_int, default=2, help="fabrics of the --field test (1: the patterns' own)"
    )


def run(args) -> int:
    from viewer.command_requests import bench_request

    out, pattern, size = bench_request(args)
    # Taichi, Warp and Newton print banners on stdout; they go to stderr so stdout is only the JSON.
    with contextlib.redirect_stdout(sys.stderr):
        if args.field:
            report = _field_bench(args)
        else:
            report = _photo_bench(args) if args.body else _bench(args, pattern, size)
    text = json.dumps(report, indent=2)
    print(text)
    if out is not None:
        from fitroom.files import atomic_path

        with atomic_path(out) as path:
            path.write_text(text + "\n")
        print(f"Wrote {out}.", file=sys.stderr)
    return 0


def _field_bench(args) -> dict:
    """The field test's figures (:func:`viewer.field_bench.run_field_bench`), its table on stderr."""
    from rich.console import Console

    from viewer.field_bench import field_table, run_field_bench

    report = run_field_bench(
        bodies=args.bodies,
        fabrics=args.fabrics,
        edge_length=args.edge_length / 100.0,
        max_frames=args.max_frames,
    )
    Console(file=sys.stderr, width=160).print(field_table(report))
    return {"benchmark": "field test", **report}


def _photo_bench(args) -> dict:
    """Errors (cm) and time per person of body estimation from photos taken under random conditions,
    bare, tight and in a loose T-shirt (:func:`body.photo.bench.run_photo_bench`)."""
    from body.photo.bench import HELD_OUT_SEEDS, TUNING_SEEDS, run_photo_bench
    from viewer.bench_clothes import dress_in_tshirt

    seeds = args.seed or (TUNING_SEEDS if args.tuning else HELD_OUT_SEEDS)
    report = run_photo_bench(
        n_people=args.people, seeds=seeds, dress=dress_in_tshirt, overlay_dir=args.overlays
    )
    return {"benchmark": "body from photos", **report}


def _bench(args, pattern, size: str) -> dict:
    """The solver's speed and drape quality on ``pattern`` (``garments.Pattern``, as drawn) in ``size``
    (and the Newton peer's)."""
    from body import default_body
    from fitroom.defaults import substeps_for_edge
    from garments import make_garment
    from sim.bench import bench_drape

    body = default_body()
    garment = make_garment(pattern, body, size=size, edge_length=args.edge_length / 100.0)
    arrays = {
        "rest_uv": garment.rest_uv,
        "faces": garment.faces,
        "positions": garment.positions,
        "stitches": garment.stitches,
        "grain": garment.grain,
        "face_material": garment.face_material,
        "materials": garment.materials,
    }
    report = {
        "garment": f"{garment.name} {garment.size}",
        "body": "default",
        "edge_length_cm": args.edge_length,
    }
    report.update(
        bench_drape(
            body.vertices,
            body.faces,
            arrays,
            device=args.device,
            substeps=args.substeps or substeps_for_edge(args.edge_length / 100.0),
            max_frames=args.max_frames,
            peer=not args.no_peer,
        )
    )
    return report
