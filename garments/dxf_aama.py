"""DXF-AAMA (ASTM D6673) pattern files, the export format of industry pattern CAD, as sewn patterns.

Every size the file grades is read (see :mod:`garments.dxf_pieces`); each piece is sewn along its sew
line when it has one, unfolded when cut on the fold, stood upright on its grain, and cut as many times as
its ``Quantity:`` says (the second of a pair mirrored: a left and a right sleeve from one piece). The
format does not say which edges are sewn together: the seams come from the sidecar ``FILE.seams.json``
when there is one (see :mod:`garments.seams_file`), else they are inferred on the sample size (see
:mod:`garments.seam_inference`) and used for every size, so all sizes are sewn alike. Panels are laid
out round the body by role (see :mod:`garments.dxf_layout`).
"""

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fitroom.schema import check_extent
from garments.dxf_outline import PieceOutline, piece_outline
from garments.dxf_panels import edge_breaks, garment_pattern
from garments.dxf_pieces import DxfDocument, read_dxf_document
from garments.errors import PatternLoadingError, UnknownSizeError
from garments.pattern import Pattern
from garments.seam_edges import piece_edges
from garments.seam_inference import infer_seams
from garments.seam_plan import SeamPlan, SewPiece
from garments.seams_file import check_seams, read_seams_file, seams_path

__all__ = [
    "pattern_from_dxf",
    "dxf_garment",
    "DxfGarment",
    "UNITS_M",
    "SeamInferenceError",
    "MIRRORED",
    "dxf_pattern_in_size",
    "dxf_piece_table",
    "MIN_GARMENT_PIECE_M",
]

# The units --units may name, in metres.
UNITS_M = {"mm": 0.001, "cm": 0.01, "in": 0.0254}
# A garment's largest piece (a front, a back, a leg) is at least this long (m) in the right units.
MIN_GARMENT_PIECE_M = 0.15
# DXF-AAMA's ``Units:`` words and the unit each means.
_FILE_UNITS = {"ENGLISH": "in", "METRIC": "mm"}
# The name of the second, mirrored copy of a piece cut twice ends with this.
MIRRORED = " mirrored"
# Pieces sharing this many edges in a row (equal lengths, within _SAME_LENGTH) and differing elsewhere
# are alternatives (a short and a long leg of one style): only the first is sewn.
_ALTERNATIVE_RUN = 3
_SAME_LENGTH = 0.005


class SeamInferenceError(PatternLoadingError):
    """A DXF garment whose seams could not be inferred into one consistent set."""


@dataclass
class DxfGarment:
    """A DXF file's garment in one size, before it becomes a ``Pattern``.

    Attributes
    ----------
    document : DxfDocument
    size : str
    scale : float
        Metres per file unit.
    pieces : list[SewPiece]
        The panels to be, in file order.
    plan : SeamPlan
    seams_from : Path or None
        The sidecar the seams were read from, or None when they were inferred.
    """

    document: DxfDocument
    size: str
    scale: float
    pieces: list[SewPiece]
    plan: SeamPlan
    seams_from: Path | None


def _scale(document: DxfDocument, units: str | None) -> tuple[float, str]:
    """Metres per file unit, and the words naming where the unit came from."""
    if units is not None:
        if units not in UNITS_M:
            raise PatternLoadingError(f"Units '{units}' are not known; use one of {', '.join(UNITS_M)}.")
        return UNITS_M[units], f"--units {units}"
    word = document.header.get("UNITS", "ENGLISH").upper()
    if word not in _FILE_UNITS:
        raise PatternLoadingError(
            f"'{document.path.name}' is in units '{word}'; fitroom reads ENGLISH or METRIC, or give "
            f"--units {'|'.join(UNITS_M)}."
        )
    unit = _FILE_UNITS[word]
    return UNITS_M[
        unit
    ], f"Units: {word} (read as {unit}; give --units {'|'.join(UNITS_M)} to read it otherwise)"


def _mirrored(outline: PieceOutline) -> PieceOutline:
    """The outline seen in a mirror (x negated), still counter-clockwise."""
    count = len(outline.points)
    return PieceOutline(
        points=(outline.points * [-1.0, 1.0])[::-1].copy(),
        breaks=np.sort((count - 1 - outline.breaks) % count),
        notches=np.sort((count - 1 - outline.notches) % count),
        unfolded=outline.unfolded,
        sewn_on_sew_line=outline.sewn_on_sew_line,
        kept=outline.kept,
        drawn=tuple(line * [-1.0, 1.0] for line in outline.drawn),
    )


def _turned_like(outline: PieceOutline, sample: PieceOutline) -> PieceOutline:
    """``outline`` turned half round when that brings its edge ends nearer the sample size's: a grain
    line gives a direction but not which way is up, and a file may lay one size's piece upside down."""
    if len(outline.breaks) != len(sample.breaks):
        return outline
    ends = outline.points[outline.breaks] - outline.points.mean(axis=0)
    wanted = sample.points[sample.breaks] - sample.points.mean(axis=0)
    if np.linalg.norm(-ends - wanted) >= np.linalg.norm(ends - wanted):
        return outline
    points = -outline.points
    offset = np.array([(points[:, 0].max() + points[:, 0].min()) / 2, points[:, 1].min()])
    drawn = tuple(-line - offset for line in outline.drawn)
    return dataclasses.replace(outline, points=points - offset, drawn=drawn)


def _copy_names(name: str, quantity: int) -> list[str]:
    names = [name] + [f"{name} {k + 1}" for k in range(1, quantity)]
    return [n + (MIRRORED if k % 2 else "") for k, n in enumerate(names)]


def _alternative_of(one: SewPiece, other: SewPiece) -> bool:
    """Whether ``other`` repeats a run of ``one``'s edges and differs elsewhere (an alternative cut).

    Two bodice pieces with shoulders (a front and a back, named or not) share shoulders, armholes and
    side seams by design: they are sewn to each other, not alternatives.
    """
    if one.edges.role and other.edges.role and one.edges.role != other.edges.role:
        return False
    if all(piece.edges.kind == "torso" and "shoulder" in piece.edges.roles for piece in (one, other)):
        return False
    a, b = one.edges.lengths, other.edges.lengths
    same = np.abs(a[:, None] - b[None, :]) <= _SAME_LENGTH * np.maximum(a[:, None], b[None, :])
    if same.any(axis=0).all() and same.any(axis=1).all():
        return False
    longest = 0
    for shift in range(len(b)):
        for step in (1, -1):
            run = 0
            for i in range(len(a)):
                run = run + 1 if same[i, (shift + step * i) % len(b)] else 0
                longest = max(longest, run)
    return longest >= _ALTERNATIVE_RUN


def _facings(pieces: list[SewPiece]) -> None:
    """Front or back for each torso piece: its name, else the trade's notches (one on the front
    armhole, two on the back), else the deeper neck being the front's."""
    unnamed = []
    for piece in pieces:
        if piece.edges.kind != "torso":
            continue
        if piece.edges.role in ("front", "back"):
            piece.facing = piece.edges.role
            continue
        armhole = [e for e, role in enumerate(piece.edges.roles) if role == "armhole"]
        notches = int(max((piece.edges.notch_counts[e] for e in armhole), default=0))
        if notches:
            piece.facing = "front" if notches == 1 else "back"
        else:
            unnamed.append(piece)
    depths = []
    for piece in unnamed:
        neck = [e for e, role in enumerate(piece.edges.roles) if role == "neck"]
        lowest = min((piece.outline.edge_points(e)[:, 1].min() for e in neck), default=piece.edges.height)
        depths.append(piece.edges.height - lowest)
    middle = np.median(depths) if depths else 0.0
    for index, (piece, depth) in enumerate(zip(unnamed, depths, strict=True)):
        deeper = depth > middle or (np.allclose(depths, middle) and index < len(unnamed) / 2)
        piece.facing = "front" if deeper else "back"


def _sew_pieces(document: DxfDocument, size: str, scale: float) -> tuple[list[SewPiece], dict[str, str]]:
    """The panels to be of ``size`` (copies of each piece, mirrored by pairs) and the pieces left out."""
    left_out, kept = {}, []
    for piece in _every_copy(document, size, scale):
        if piece.edges.kind == "loose":
            left_out[piece.name] = (
                f"a {piece.edges.role}, sewn onto a surface or into a slit, not edge to edge"
            )
            continue
        original = next(
            (k for k in kept if _alternative_of(k, piece) and not piece.name.startswith(k.name)), None
        )
        if original is not None:
            left_out[piece.name] = (
                f"an alternative of '{original.name}' (it repeats {_ALTERNATIVE_RUN} or more of its edges); "
                "list it under 'pieces' in the seams file to sew it instead"
            )
            continue
        kept.append(piece)
    _facings(kept)
    return kept, left_out


def _check_units(pieces: list[SewPiece], where: str, hint: str) -> None:
    """Refuse pieces too small or too large for a garment in the units read (a file in cm read as mm)."""
    extents = {p.name: float(max(p.edges.width, p.edges.height)) for p in pieces}
    if not extents:
        return
    check_extent(extents, where, hint, PatternLoadingError)
    name, largest = max(extents.items(), key=lambda item: item[1])
    if largest < MIN_GARMENT_PIECE_M:
        raise PatternLoadingError(
            f"{where}: the largest piece '{name}' is {largest * 100:.3g} cm across with {hint}; a garment's "
            f"largest piece is at least {MIN_GARMENT_PIECE_M * 100:g} cm, so give the units it is drawn in."
        )


def _plan(document: DxfDocument, scale: float, hint: str, seams: Path | None):
    """(panels sewn, plan, the sidecar read or None), from the sidecar when there is one."""
    sidecar = seams if seams is not None else seams_path(document.path)
    if seams is not None or sidecar.is_file():
        names, plan = read_seams_file(sidecar)
        return names, plan, sidecar
    pieces, left_out = _sew_pieces(document, document.sample_size, scale)
    _check_units(pieces, f"DXF file '{document.path.name}'", hint)
    plan = infer_seams(pieces, left_out)
    return [p.name for p in pieces], plan, None


def dxf_garment(
    path: str | os.PathLike, size: str | None = None, seams: str | os.PathLike | None = None, units=None
) -> DxfGarment:
    """The pieces and seams of one size of a DXF-AAMA file.

    Parameters
    ----------
    path : str or path
    size : str, optional
        One of the file's own size names (``36``, ``M``); default its sample size.
    seams : str or path, optional
        A seams file to sew by; default ``FILE.seams.json`` beside the file when there is one, else the
        seams are inferred.
    units : str, optional
        ``mm``, ``cm`` or ``in`` in place of the file's ``Units:``.

    Raises
    ------
    PatternLoadingError
        For a file that is not DXF, holds no pieces, lacks the size, or reads as too small or too large
        for a garment in its units.
    StitchReferenceError, DuplicateStitchError
        For a seams file naming a piece or edge the garment lacks, or sewing an edge twice.
    """
    document = read_dxf_document(path)
    scale, hint = _scale(document, units)
    chosen = document.sample_size if size is None else size
    if chosen not in document.sizes:
        raise UnknownSizeError(
            f"'{document.path.name}' has no size '{chosen}'; it holds {', '.join(document.sizes)}."
        )
    names, plan, sidecar = _plan(document, scale, hint, None if seams is None else Path(seams))
    every = {piece.name: piece for piece in _every_copy(document, chosen, scale)}
    where = f"Seams file '{sidecar}'" if sidecar else f"DXF file '{document.path.name}'"
    missing = [name for name in names if name not in every]
    if missing:
        raise PatternLoadingError(
            f"{where} names piece '{missing[0]}', which size '{chosen}' of the file does not have; use one "
            f"of {', '.join(every)}."
        )
    chosen_pieces = [every[name] for name in names]
    _facings(chosen_pieces)
    for panel, breaks in plan.breaks.items():
        for edge, fraction in breaks:
            if panel in every and not (edge < every[panel].edges.edge_count and 0.0 <= fraction < 1.0):
                raise PatternLoadingError(
                    f"{where} starts an edge of '{panel}' at outline edge {edge}, fraction {fraction}, which "
                    f"is not on it (outline edges 0-{every[panel].edges.edge_count - 1}, fractions 0-1)."
                )
    counts = {p.name: len(edge_breaks(p, plan)) for p in chosen_pieces}
    check_seams(plan, counts, where)
    if sidecar is not None:
        # What the file sews now, not what inference once could not: a designer may have sewn it since.
        sewn = {end[0] for seam in plan.seams for end in (seam.a, seam.b) if seam.a[0] != seam.b[0]}
        alone = [name for name in names if name not in sewn and len(names) > 1]
        plan.unmatched = {name: "no seam in the seams file joins it to another piece" for name in alone}
    _check_units(chosen_pieces, f"DXF file '{document.path.name}'", hint)
    return DxfGarment(document, chosen, scale, chosen_pieces, plan, sidecar)


def _every_copy(document: DxfDocument, size: str, scale: float) -> list[SewPiece]:
    """Every copy of every piece of ``size``, alternatives and loose pieces too, with the edges, the
    edge roles and the kind of the same piece in the sample size, so that every size is sewn and laid
    out alike."""
    sample = {}
    if size != document.sample_size:
        sample = {piece.name: piece for piece in _every_copy(document, document.sample_size, scale)}
    copies = []
    for spec in document.sizes[size]:
        where = f"DXF file '{document.path.name}' piece '{spec.name}' size '{size}'"
        kept = sample[spec.name].outline.kept if spec.name in sample else ()
        outline = piece_outline(spec, scale, where, kept)
        if spec.name in sample:
            outline = _turned_like(outline, sample[spec.name].outline)
        for k, name in enumerate(_copy_names(spec.name, spec.quantity)):
            copy = _mirrored(outline) if k % 2 else outline
            piece = SewPiece(name, copy, piece_edges(spec.name, spec.category, copy))
            like = sample.get(name)
            if like is not None and like.edges.edge_count == piece.edges.edge_count:
                piece.edges.roles, piece.edges.kind = list(like.edges.roles), like.edges.kind
            copies.append(piece)
    return copies


def dxf_piece_table(path: str | os.PathLike, units: str | None = None) -> tuple[DxfDocument, list[dict]]:
    """The file, and one row per piece: ``name``, ``quantity``, ``role`` (as the inference reads it),
    ``edges``, the ``sizes`` it comes in, and in the sample size ``sewn_along`` (``sew line`` or
    ``cut line``), ``width_cm`` and ``height_cm``."""
    document = read_dxf_document(path)
    scale, _ = _scale(document, units)
    rows = {}
    for size, specs in document.sizes.items():
        for spec in specs:
            row = rows.setdefault(spec.name, {"name": spec.name, "quantity": spec.quantity, "sizes": []})
            row["sizes"].append(size)
            if size == document.sample_size:
                row["quantity"] = spec.quantity
    for piece in _every_copy(document, document.sample_size, scale):
        if piece.name in rows:
            rows[piece.name] |= {
                "role": piece.edges.role or f"{piece.edges.kind} (by shape)",
                "edges": piece.edges.edge_count,
                "sewn_along": "sew line" if piece.outline.sewn_on_sew_line else "cut line",
                "width_cm": piece.edges.width * 100,
                "height_cm": piece.edges.height * 100,
            }
    return document, list(rows.values())


def pattern_from_dxf(
    path: str | os.PathLike, size: str | None = None, seams: str | os.PathLike | None = None, units=None
) -> Pattern:
    """One size of a DXF-AAMA file as a sewn ``Pattern`` in metres; see :func:`dxf_garment`.

    Its ``sizes`` are the file's own size names; ``garments.grading.grade_pattern`` reads another size
    from the file.

    Raises
    ------
    SeamInferenceError
        When the inferred seams leave pieces joined to nothing (each named, with the reason).
    """
    garment = dxf_garment(path, size, seams, units)
    if garment.plan.unmatched:
        named = "; ".join(f"'{name}': {reason}" for name, reason in garment.plan.unmatched.items())
        sidecar = garment.seams_from or seams_path(garment.document.path)
        raise SeamInferenceError(
            f"DXF file '{garment.document.path.name}' cannot be sewn as inferred ({named}); run 'fitroom "
            f"seams' to write '{sidecar.name}', sew those pieces in it, and run again."
        )
    return garment_pattern(garment, None if seams is None else str(seams), units)


def dxf_pattern_in_size(pattern: Pattern, size: str) -> Pattern:
    """The same DXF file's pattern in another of its sizes, sewn by the same seams, checked.

    Raises
    ------
    PatternError
        When the file draws that size wrongly (an outline crossing itself, see ``Pattern.validate``).
    """
    source = pattern.extra["dxf_source"]
    if size not in pattern.sizes:
        raise UnknownSizeError(
            f"'{Path(source['path']).name}' has no size '{size}'; it holds {', '.join(pattern.sizes)}."
        )
    graded = pattern_from_dxf(source["path"], size, source["seams"], source.get("units"))
    graded.validate()
    return graded
