"""The session of one drape command: the request's arguments, every one checked before any work starts,
the pattern loaded once, the body read and measured once, the same objects handed to every size, and the
run that drapes them and writes the fit files.

The drape commands (``drape``, ``fit``, ``turntable``, ``report``, ``view``, ``demo``, ``batch``) go
through :func:`open_session`; the others check their requests in :mod:`viewer.command_requests`. The
library below (``garments.make_garment``, ``viewer.size_drape.drape_size``) stays usable without a
session, from a pattern name or a loaded ``Pattern``.

Examples
--------
>>> session = open_session("tshirt", "S,M", ("S", "M", "L"), material="denim")  # doctest: +SKIP
>>> drapes = session.drape()  # doctest: +SKIP
"""

import argparse
import functools
import os
from dataclasses import dataclass, field

from fitroom.defaults import EDGE_LENGTH_M, MAX_FRAMES
from viewer.arg_types import check_one_size
from viewer.cmd_args import add_dxf_arguments, add_solver_arguments
from viewer.errors import SizeListError

__all__ = [
    "DrapeSession",
    "open_session",
    "session_from_args",
    "add_drape_arguments",
    "add_material_argument",
    "drape_and_report",
    "check_material",
    "parse_sizes",
    "sizes_to_drape",
    "checked_pattern",
]


def add_drape_arguments(parser: argparse.ArgumentParser, body_required=True) -> None:
    """Add what a drape session is asked with: ``--body``, ``--pattern`` (with ``--seams`` and ``--units``
    for DXF files), ``--material`` and the solver arguments (read back by ``session_from_args``)."""
    parser.add_argument(
        "--body",
        required=body_required,
        metavar="BODY.json",
        help="body made by 'fitroom body'" + ("" if body_required else " (default: the bundled body)"),
    )
    parser.add_argument(
        "--pattern",
        default="tshirt",
        metavar="NAME|FILE",
        help="bundled pattern name (see 'fitroom patterns') or pattern file",
    )
    add_dxf_arguments(parser)
    add_material_argument(parser)
    add_solver_arguments(parser)


def add_material_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--material`` (one fabric for every panel; default: each panel's own), checked by
    ``check_material``."""
    from sim.materials import MATERIALS

    parser.add_argument(
        "--material",
        default=None,
        metavar="NAME|FILE",
        help=f"fabric for every panel: {', '.join(MATERIALS)}, or a fabric file (.json, the fields of "
        "a preset) (default: each panel's own fabric)",
    )


@dataclass
class DrapeSession:
    """One command's checked request: what to drape, in which sizes, on which body.

    Attributes
    ----------
    source : str or garments.dxf_source.DxfSource
        The pattern as the command line named it (a bundled name or a file); labels and ``fit.json``.
    pattern : garments.Pattern
        ``source`` loaded and validated once, in the size it is drawn in.
    sizes : list[str or None]
        The sizes to drape, each checked against ``pattern`` and the vertex budget (None: the one size of
        an ungraded file).
    sized : list[garments.Pattern]
        ``pattern`` in each of ``sizes``, graded once (``made-to-measure`` drafted for ``body``); what
        the drapes and the fit page's drawings are made from.
    body : body.Body
    heights : dict[str, float]
        :func:`viewer.ring_heights.ring_heights` of ``body``, metres: measured once for every size.
    material : str or None
        The fabric for every panel as the command line named it (a preset or a fabric file); None for
        each panel's own. Records (``fit.json``, the fit page) name it.
    fabric : sim.Material or None
        ``material`` read once (:func:`sim.fabric_file.resolve_fabric`); what every drape is given.
    device : str
        ``auto``, ``cpu`` or ``cuda``.
    edge_length : float
        Mesh edge length, metres.
    max_frames : int
        Frame limit of each drape.
    """

    source: object
    pattern: object
    sizes: list
    sized: list = field(repr=False)
    body: object
    heights: dict = field(repr=False)
    material: str | None = None
    fabric: object = None
    device: str = "auto"
    edge_length: float = EDGE_LENGTH_M
    max_frames: int = MAX_FRAMES

    def drape(self, quiet=False) -> list:
        """Drape every one of ``sizes`` to rest, smallest first (a list of ``viewer.size_drape.SizeDrape``),
        each with its progress by frames unless ``quiet``."""
        from viewer.size_drape import drape_sizes

        return drape_sizes(
            self.body,
            self.sized,
            self.fabric,
            self.device,
            self.edge_length,
            self.max_frames,
            quiet=quiet,
            heights=self.heights,
            label=str(self.source),
        )

    def fit_extra(self) -> dict:
        """The top-level ``fit.json`` keys that record what was draped and how."""
        return {
            "pattern": self.source,
            "body": self.body.to_dict(),
            "material": self.material,
            "device": self.device,
        }


def check_material(name: str | None):
    """The ``sim.Material`` a ``--material`` names (None for None); a name that is neither a fabric preset
    nor a usable fabric file (``.json``) is refused.

    Raises
    ------
    sim.UnknownMaterialError
        Naming the presets.
    sim.fabric_file.FabricFileError
        Naming the file's bad field and its allowed range.
    """
    from sim.fabric_file import resolve_fabric

    return None if name is None else resolve_fabric(name)


def parse_sizes(text: str) -> list[str]:
    """``S,M,L`` -> ``["S", "M", "L"]``; an empty list is an error."""
    sizes = [size.strip() for size in text.split(",") if size.strip()]
    if not sizes:
        raise SizeListError(f"'--sizes {text}' names no size; give a comma-separated list such as S,M,L.")
    return sizes


def sizes_to_drape(pattern, text: str | None, default, body_of=None) -> list[str | None]:
    """The sizes to drape of a loaded ``pattern``: those named in ``text``, else ``default`` for a pattern
    graded to them, else as many of a file's own sizes (a DXF's 36, 38, ...) round the one whose flat
    girth fits the body ``body_of()`` returns (:func:`garments.dxf_size_match.sizes_for_body`; without
    ``body_of``, the file's own size), else ``[None]``, the one size an ungraded file is drawn in."""
    if text is not None:
        return parse_sizes(text)
    if not pattern.sizes:
        return [None]
    if set(default) <= set(pattern.sizes):
        return list(default)
    if body_of is None:
        return [pattern.size]
    from garments.dxf_size_match import sizes_for_body

    return sizes_for_body(pattern, body_of().measurements_cm, len(default))


def checked_pattern(
    pattern: str | os.PathLike, sizes_text: str | None, default_sizes, edge_length: float, body_of=None
) -> tuple:
    """``pattern`` loaded once and the sizes of it to drape (see ``sizes_to_drape``), each graded once
    to check that the pattern comes in it and that its mesh at ``edge_length`` (metres) stays within the
    vertex budget (:func:`garments.mesh_budget.check_vertex_budget`), before any drape starts.

    Returns
    -------
    pattern : garments.Pattern
        As drawn.
    sizes : list[str or None]
    sized : list[garments.Pattern]
        The pattern in each size (``made-to-measure`` drafted for the pattern's own measurements).

    Raises
    ------
    garments.PatternError
        A pattern that cannot be read, a size it does not come in, a mesh past the budget.
    """
    from garments import load_pattern
    from garments.grading import pattern_in_size
    from garments.mesh_budget import check_vertex_budget

    loaded = load_pattern(pattern)
    sizes = sizes_to_drape(loaded, sizes_text, default_sizes, body_of)
    sized = [pattern_in_size(loaded, size) for size in sizes]
    for one in sized:
        check_vertex_budget(one, edge_length)
    return loaded, sizes, sized


def open_session(
    pattern: str | os.PathLike,
    sizes_text: str | None,
    default_sizes,
    body_path: str | os.PathLike | None = None,
    material: str | None = None,
    device: str = "auto",
    edge_length: float = EDGE_LENGTH_M,
    max_frames: int = MAX_FRAMES,
    single: bool = False,
) -> DrapeSession:
    """Check a drape request in full, cheapest checks first, and load what every size shares once.

    Parameters
    ----------
    pattern : str or path
        Bundled pattern name or pattern file (a ``DxfSource`` carries ``--seams`` and ``--units``).
    sizes_text : str or None
        Comma-separated sizes as typed; None for ``default_sizes`` (see ``sizes_to_drape``).
    default_sizes : sequence of str
    body_path : str, path or None
        A BODY.json; None for the bundled default body. Read only after the pattern passed its checks,
        or earlier where the sizes depend on it (a DXF file's own sizes).
    material : str or None
    device : str
    edge_length : float
        Mesh edge length, metres.
    max_frames : int
    single : bool
        Refuse more than one size (a command that drapes and shows one).

    Raises
    ------
    FitroomError
        The first thing to change: a material that is neither a preset nor a fabric file, a pattern that
        cannot be read, a size it does not come in, more than one size where one is meant, a mesh past the
        vertex budget, a body file that cannot be read.
    """
    from garments.grading import MADE_TO_MEASURE, pattern_in_size
    from viewer.ring_heights import ring_heights

    fabric = check_material(material)
    if single and sizes_text is not None:
        sizes_text = check_one_size(sizes_text)
    body_of = functools.cache(lambda: _load_body(body_path))
    loaded, sizes, sized = checked_pattern(pattern, sizes_text, default_sizes, edge_length, body_of)
    body = body_of()
    sized = [
        pattern_in_size(loaded, size, body.measurements_cm) if size == MADE_TO_MEASURE else one
        for size, one in zip(sizes, sized, strict=True)
    ]
    return DrapeSession(
        source=pattern,
        pattern=loaded,
        sizes=sizes,
        sized=sized,
        body=body,
        heights=ring_heights(body),
        material=material,
        fabric=fabric,
        device=device,
        edge_length=edge_length,
        max_frames=max_frames,
    )


def session_from_args(args, sizes_text: str | None, default_sizes, single: bool = False) -> DrapeSession:
    """:func:`open_session` on the arguments ``add_drape_arguments`` adds (``--edge-length`` in cm)."""
    return open_session(
        args.pattern,
        sizes_text,
        default_sizes,
        body_path=getattr(args, "body", None),
        material=getattr(args, "material", None),
        device=args.device,
        edge_length=args.edge_length / 100,
        max_frames=args.max_frames,
        single=single,
    )


def drape_and_report(args, sizes_text: str | None, default_sizes, rule=None) -> int:
    """Check the request, drape the sizes asked for, write the fit files into ``args.out`` (all of
    them or, when stopped, none) and print the fit table and what was written.

    ``rule`` is the recommendation rule (:class:`viewer.fit_report.FitRule`; None: the default rule).
    """
    from fitroom.files import staged_folder
    from fitroom.output_paths import check_output_folder
    from viewer.fit_outputs import print_fit, write_fit_outputs
    from viewer.fit_report import DEFAULT_RULE, NO_SIZE_EXIT_STATUS

    out_dir = check_output_folder(args.out)
    session = session_from_args(args, sizes_text, default_sizes)
    drapes = session.drape()
    with staged_folder(out_dir) as stage:
        document, staged = write_fit_outputs(
            session.body, drapes, stage, session.fit_extra(), rule=rule or DEFAULT_RULE
        )
    print_fit(document, [out_dir / path.name for path in staged])
    return NO_SIZE_EXIT_STATUS if document["recommended_size"] is None else 0


def _load_body(path):
    """The ``Body`` stored in BODY.json at ``path``, or the bundled default body when ``path`` is None."""
    import body

    return body.default_body() if path is None else body.load_body_json(path)
