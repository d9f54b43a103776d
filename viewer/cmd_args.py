"""Arguments several ``fitroom`` commands share, and turning them into objects."""

import argparse

from viewer.errors import SizeListError

__all__ = [
    "add_drape_arguments",
    "parse_sizes",
    "resolve_sizes",
    "file_label",
    "load_body_argument",
    "drape_from_args",
    "fit_extra",
]


def add_drape_arguments(parser: argparse.ArgumentParser, body_required=True) -> None:
    """Add ``--body``, ``--pattern``, ``--material``, ``--device`` and ``--edge-length``."""
    parser.add_argument(
        "--body", required=body_required, metavar="BODY.json", help="body made by 'fitroom body'"
    )
    parser.add_argument(
        "--pattern",
        default="tshirt",
        metavar="NAME|FILE",
        help="bundled pattern name (see 'fitroom patterns') or pattern file",
    )
    parser.add_argument(
        "--material", default=None, help="fabric preset for every panel (default: the pattern's)"
    )
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"), help="solver device")
    parser.add_argument("--edge-length", type=float, default=1.5, metavar="CM", help="mesh edge length in cm")
    parser.add_argument("--max-frames", type=int, default=600, help="frame limit for each drape (60 fps)")


def parse_sizes(text: str) -> list[str]:
    """``S,M,L`` -> ``["S", "M", "L"]``; an empty list is an error."""
    sizes = [size.strip() for size in text.split(",") if size.strip()]
    if not sizes:
        raise SizeListError(f"'--sizes {text}' names no size; give a comma-separated list such as S,M,L.")
    return sizes


def resolve_sizes(pattern: str, text: str | None, default: list[str]) -> list[str | None]:
    """The sizes to drape: those named in ``text``, else ``default`` for a graded pattern, else
    ``[None]`` (the one size an ungraded pattern file is drawn in)."""
    from garments import load_pattern

    if text is not None:
        return parse_sizes(text)
    return list(default) if load_pattern(pattern).sizes else [None]


def file_label(size: str) -> str:
    """A size label fit for a file name (``as drawn`` -> ``as-drawn``)."""
    return size.replace(" ", "-")


def load_body_argument(path):
    """The ``Body`` stored in BODY.json at ``path``, or the bundled default body when ``path`` is None."""
    import body

    return body.default_body() if path is None else body.load_body_json(path)


def drape_from_args(args, body, sizes: list[str]):
    """Drape ``sizes`` of ``args.pattern`` on ``body`` with the solver settings given on the command line."""
    from viewer.size_drape import drape_sizes

    return drape_sizes(
        body, args.pattern, sizes, args.material, args.device, args.edge_length / 100, args.max_frames
    )


def fit_extra(args, body) -> dict:
    """The top-level ``fit.json`` keys that record what was draped and how."""
    return {"pattern": args.pattern, "body": body.to_dict(), "material": args.material, "device": args.device}


def drape_and_report(args, sizes_text: str | None, default_sizes: list[str]) -> int:
    """Drape the sizes asked for, write the fit files into ``args.out`` and print the fit table."""
    from viewer.fit_outputs import print_fit, write_fit_outputs

    body = load_body_argument(args.body)
    drapes = drape_from_args(args, body, resolve_sizes(args.pattern, sizes_text, default_sizes))
    print_fit(write_fit_outputs(body, drapes, args.out, fit_extra(args, body)))
    return 0
