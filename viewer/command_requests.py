"""The requests of the commands that drape nothing, each checked whole before any work starts.

A command's ``run`` hands its arguments to its function here, then only works. The checks are the same
ones the drape commands' session makes (:mod:`viewer.session`), each decided in one place: a file or
folder to write by :mod:`fitroom.output_paths`, one size where one is meant by
:func:`viewer.arg_types.check_one_size`, a fabric by :func:`viewer.session.check_material`, a pattern and
its sizes by :func:`viewer.session.checked_pattern`. Input files are read here too, so a file that
cannot be used is refused before anything is computed or written. Every refusal is a ``FitroomError``
sentence (exit status 2).
"""

from dataclasses import dataclass
from pathlib import Path

from fitroom.output_paths import check_output_file, check_output_folder
from viewer.arg_types import check_one_size

__all__ = [
    "BodyRequest",
    "body_request",
    "pattern_request",
    "patterns_request",
    "SeamsRequest",
    "seams_request",
    "fabric_request",
    "bench_request",
    "population_request",
    "coverage_request",
    "calibrate_request",
]


@dataclass(frozen=True)
class BodyRequest:
    """What ``fitroom body`` is to make and write.

    Attributes
    ----------
    measurements : dict[str, float]
        The measurements typed in, cm (with photos, only ``height`` is a target; the rest are shown).
    out : Path
        BODY.json to write.
    mesh : Path or None
        The mesh to write beside it, in the format its suffix names.
    overlay : Path or None
        The folder for the photos' fitted outlines.
    """

    measurements: dict
    out: Path
    mesh: Path | None
    overlay: Path | None


def body_request(args, measurement_keys, mesh_suffixes) -> BodyRequest:
    """``fitroom body``'s request: the files it writes, something to make a body from (photos, with a
    front one, or measurements), and a user's own body model file readable.

    Raises
    ------
    FitroomError
        The first thing to change.
    """
    from body.model_errors import NoBodyRequestError

    out = check_output_file(args.out)
    mesh = None if args.mesh is None else check_output_file(args.mesh, mesh_suffixes)
    overlay = None if args.overlay is None else check_output_folder(args.overlay)
    measurements = {key: getattr(args, key) for key in measurement_keys if getattr(args, key) is not None}
    if args.side is not None and args.front is None:
        raise NoBodyRequestError(
            "--side was given without --front; a body is made from a front photo, with a side photo "
            "to help, so add --front IMG."
        )
    if args.front is None and not measurements:
        raise NoBodyRequestError(
            "Nothing to make a body from: give --front (and --side) photos, or measurements such as "
            "--height 170 --chest 92 --waist 76 --hip 100."
        )
    if args.body_model is not None:
        from body.model import load_body_model

        load_body_model(args.gender, args.body_model)
    return BodyRequest(measurements, out, mesh, overlay)


def pattern_request(args):
    """``fitroom pattern``'s request: the drawing to write (``.svg`` or ``.png``) and the pattern, read
    and graded to the one size to draw (default: the size it is drawn in).

    Returns
    -------
    out : Path
    pattern : garments.Pattern
    """
    from garments import grade_pattern, load_pattern
    from garments.pattern_drawing import DRAWING_FORMATS

    out = check_output_file(args.out, DRAWING_FORMATS)
    size = None if args.size is None else check_one_size(args.size, "draws")
    return out, grade_pattern(load_pattern(args.pattern), size)


def patterns_request(args):
    """``fitroom patterns FILE``'s request: the file, read. None without a file (the bundled patterns
    are listed); a DXF file's ``(document, rows)`` of :func:`garments.dxf_aama.dxf_piece_table`; any
    other file's ``garments.Pattern``."""
    if args.file is None:
        return None
    if Path(args.file).suffix.lower() == ".dxf":
        from garments.dxf_aama import dxf_piece_table

        return dxf_piece_table(args.file, args.units)
    from garments import load_pattern

    return load_pattern(args.file)


@dataclass(frozen=True)
class SeamsRequest:
    """What ``fitroom seams`` draws and writes.

    Attributes
    ----------
    drawing : Path
        The picture to write (``.svg`` or ``.png``).
    sidecar : Path
        The seams file: read when it exists, else written with the inferred seams.
    size : str or None
        One of the DXF file's own sizes; None for its sample size.
    """

    drawing: Path
    sidecar: Path
    size: str | None

    @property
    def infers(self) -> bool:
        """Whether the seams are inferred (no seams file to read yet) and the sidecar is written."""
        return not self.sidecar.is_file()


def seams_request(args) -> SeamsRequest:
    """``fitroom seams``'s request: the drawing and, when the seams are to be inferred, the seams file
    writable, and at most one size."""
    from garments.pattern_drawing import DRAWING_FORMATS
    from garments.seams_file import seams_path

    request = SeamsRequest(
        drawing=check_output_file(args.out, DRAWING_FORMATS),
        sidecar=Path(args.seams) if args.seams else seams_path(args.dxf),
        size=None if args.size is None else check_one_size(args.size, "draws"),
    )
    if request.infers:
        check_output_file(request.sidecar)
    return request


def fabric_request(args):
    """``fitroom fabric``'s request: the fabric (a preset or a fabric file) and the folder to write in.

    Returns
    -------
    material : sim.Material
    out : Path
    """
    from viewer.session import check_material

    return check_material(args.fabric), check_output_folder(args.out)


def bench_request(args):
    """``fitroom bench``'s request: one benchmark (the solver's, ``--body`` or ``--field``), the JSON file
    to write, and for the solver's the pattern in its one size within the vertex budget.

    Returns
    -------
    out : Path or None
    pattern : garments.Pattern or None
        The pattern as drawn, loaded once (None for ``--body`` and ``--field``).
    size : str or None
        The size to drape, one the pattern comes in.
    """
    from viewer.errors import BenchRequestError

    if args.body and args.field:
        raise BenchRequestError("--body and --field are two benchmarks; run them one at a time.")
    out = None if args.out is None else check_output_file(args.out)
    if args.body or args.field:
        return out, None, None
    from viewer.session import checked_pattern

    size = check_one_size(args.size, "drapes")
    pattern, _, _ = checked_pattern(args.pattern, size, [size], args.edge_length / 100)
    return out, pattern, size


def population_request(args, suffixes) -> Path:
    """``fitroom population``'s request: the people file to write, with one of ``suffixes``."""
    return check_output_file(args.out, suffixes)


def coverage_request(args):
    """``fitroom coverage``'s request: the picture (``.png``), the page beside it with ``--html``, and
    the batch results, read.

    Returns
    -------
    out : Path
    page : Path or None
    results : tuple
        :func:`viewer.coverage.load_results` of ``args.results``.
    """
    from viewer.coverage import load_results

    out = check_output_file(args.out, (".png",))
    page = check_output_file(out.with_suffix(".html"), (".html",)) if args.html else None
    return out, page, load_results(args.results)


def calibrate_request(args):
    """``fitroom calibrate``'s request: the rule file to write (``.json``), the feedback rows and the
    batch's drapes, read.

    Returns
    -------
    out : Path
    feedback : list[dict]
    drapes : list[dict]
    """
    from viewer.calibrate import read_feedback
    from viewer.coverage import load_results

    out = check_output_file(args.out, (".json",))
    feedback = read_feedback(args.feedback)
    drapes, _ = load_results(args.results)
    return out, feedback, drapes
