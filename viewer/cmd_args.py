"""Arguments several ``fitroom`` commands share (their defaults are :mod:`fitroom.defaults`); those a drape
session is asked with are :func:`viewer.session.add_drape_arguments`."""

import argparse

from fitroom.defaults import DEFAULT_SIZE, EDGE_LENGTH_M, FIT_SIZES, FPS, MAX_FRAMES
from viewer.arg_types import edge_length_cm, positive_int, single_size

__all__ = [
    "HelpFormatter",
    "add_solver_arguments",
    "add_size_argument",
    "add_sizes_argument",
    "add_dxf_arguments",
    "dxf_pattern_argument",
    "add_rule_argument",
    "load_rule_argument",
    "size_help",
]


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """``--help`` that ends each option's line with its default, unless it has none to show
    (``None`` or an off switch), in which case the help text says in words what happens."""

    def _get_help_string(self, action):
        if action.default is None or action.default is False:
            return action.help
        return super()._get_help_string(action)


def add_solver_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--device``, ``--edge-length`` (cm) and ``--max-frames``."""
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"), help="solver device")
    parser.add_argument(
        "--edge-length",
        type=edge_length_cm,
        default=EDGE_LENGTH_M * 100,
        metavar="CM",
        help="mesh edge length in cm (smaller is finer and slower)",
    )
    parser.add_argument(
        "--max-frames",
        type=positive_int,
        default=MAX_FRAMES,
        metavar="N",
        help=f"frame limit for each drape ({FPS:g} fps)",
    )


def add_dxf_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--seams`` and ``--units``, how to read a DXF ``--pattern`` (see ``dxf_pattern_argument``)."""
    from garments.dxf_aama import UNITS_M

    parser.add_argument(
        "--seams",
        default=None,
        metavar="FILE.seams.json",
        help="seams of a DXF pattern (default: FILE.seams.json beside it when there is one, else inferred)",
    )
    parser.add_argument(
        "--units", default=None, choices=tuple(UNITS_M), help="units of a DXF pattern (default: its Units:)"
    )


def dxf_pattern_argument(args) -> None:
    """Make ``args.pattern`` carry ``--seams`` and ``--units`` when either is given (a ``DxfSource``)."""
    from garments.dxf_source import DxfSource

    seams, units = getattr(args, "seams", None), getattr(args, "units", None)
    if getattr(args, "pattern", None) is not None and (seams or units):
        args.pattern = DxfSource(args.pattern, seams, units)


def size_help(what: str, made_to_measure=True) -> str:
    """Help text for a size option: ``what`` it does and the sizes of the bundled size chart (and
    ``made-to-measure``, drafted for the body, with ``made_to_measure``)."""
    from fitroom.size_chart import chart_sizes
    from garments.grading import MADE_TO_MEASURE

    sizes = list(chart_sizes()) + ([MADE_TO_MEASURE] if made_to_measure else [])
    return f"{what} (bundled patterns come in {', '.join(sizes[:-1])} and {sizes[-1]})"


def add_size_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--size`` (one size; default ``DEFAULT_SIZE``, or the one size of an ungraded file)."""
    parser.add_argument(
        "--size",
        default=None,
        type=single_size,
        help=size_help("size to drape")
        + f" (default: {DEFAULT_SIZE}, or the size an ungraded pattern file is drawn in)",
    )


def add_sizes_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--sizes`` (a comma-separated list; default ``FIT_SIZES``, or the one size of an ungraded
    file), for the commands that drape several sizes and recommend one."""
    parser.add_argument(
        "--sizes",
        default=None,
        help=size_help("comma-separated sizes to drape")
        + f" (default: {','.join(FIT_SIZES)}, or the size an ungraded pattern file is drawn in)",
    )


def add_rule_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--rule`` (a rule.json from ``fitroom calibrate``; default: the built-in rule)."""
    from viewer.fit_report import GIRTH_STRAIN_LIMIT_PCT, MIN_EASE_CM

    parser.add_argument(
        "--rule",
        default=None,
        metavar="RULE.json",
        help="recommendation rule written by 'fitroom calibrate' (default: the built-in rule, at most "
        f"{GIRTH_STRAIN_LIMIT_PCT:.0f} %% stretch and at least {MIN_EASE_CM:g} cm ease at chest, waist "
        "and hip)",
    )


def load_rule_argument(path: str | None):
    """The :class:`viewer.fit_report.FitRule` in ``--rule`` ``path``, or the default rule when None."""
    from viewer.fit_report import DEFAULT_RULE, load_fit_rule

    return DEFAULT_RULE if path is None else load_fit_rule(path)
