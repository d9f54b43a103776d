"""Reading DXF-AAMA (ASTM D6673) pattern files, the export format of industry pattern CAD.

Each piece in each size is a BLOCK: its cut line is on layer 1 (one closed POLYLINE or a chain of open
ones), the grain line on layer 7, a fold (mirror) line on layer 6, and TEXT gives ``Piece Name:`` and
``Size:``; model-space TEXT gives ``Units:`` (ENGLISH: inches, METRIC: millimetres) and ``Sample Size:``.
fitroom reads the sample size, unfolds pieces cut on the fold, and stands each piece upright on its grain
line. The format does not say which edges are sewn together, so the pattern has no stitches.
"""

import os
import re
from pathlib import Path

import numpy as np

from fitroom.schema import check_extent, validated
from garments.dxf_schema import DxfPieceSpec
from garments.errors import PatternLoadingError
from garments.pattern import Edge, Panel, Pattern

__all__ = ["pattern_from_dxf", "dxf_sizes"]

_UNITS_M = {"ENGLISH": 0.0254, "METRIC": 0.001}
_BOUNDARY, _FOLD, _GRAIN = "1", "6", "7"
_JOIN_TOLERANCE = 1e-3
# An outline enclosing less than this share of the square on its extent is a line, not a piece.
_MIN_AREA_SHARE = 1e-6
# What ezdxf's reader raises, besides its own errors, on a file that is cut short or not DXF at all.
_MALFORMED = (ValueError, StopIteration, EOFError, IndexError, KeyError, TypeError, UnicodeError)


def _texts(entities) -> dict[str, str]:
    """``KEY: value`` TEXT entities as {KEY (upper case): value}."""
    fields = {}
    for entity in entities:
        if entity.dxftype() == "TEXT" and ":" in entity.dxf.text:
            key, value = entity.dxf.text.split(":", 1)
            fields[key.strip().upper()] = value.strip()
    return fields


def _polyline_points(entity) -> np.ndarray:
    points = np.array([[v.dxf.location.x, v.dxf.location.y] for v in entity.vertices], dtype=np.float64)
    if entity.is_closed and len(points) > 1 and not np.allclose(points[0], points[-1]):
        points = np.vstack([points, points[:1]])
    return points


def _chain(pieces: list[np.ndarray]) -> np.ndarray:
    """Open polylines joined end to start into one closed outline (M, 2), first point not repeated."""
    remaining = [p for p in pieces if len(p) > 1]
    chain = remaining.pop(0)
    while remaining:
        gaps = [min(np.linalg.norm(p[0] - chain[-1]), np.linalg.norm(p[-1] - chain[-1])) for p in remaining]
        piece = remaining.pop(int(np.argmin(gaps)))
        if np.linalg.norm(piece[-1] - chain[-1]) < np.linalg.norm(piece[0] - chain[-1]):
            piece = piece[::-1]
        chain = np.vstack([chain, piece[1:]])
    if np.linalg.norm(chain[0] - chain[-1]) < _JOIN_TOLERANCE * max(np.ptp(chain, axis=0)):
        chain = chain[:-1]
    keep = np.ones(len(chain), bool)
    keep[1:] = np.linalg.norm(np.diff(chain, axis=0), axis=1) > 1e-9
    return chain[keep]


def _unfold(outline: np.ndarray, fold_start: np.ndarray, fold_end: np.ndarray) -> np.ndarray:
    """The whole piece from a half cut on the fold: the outline plus its mirror across the fold line."""
    direction = (fold_end - fold_start) / np.linalg.norm(fold_end - fold_start)
    relative = outline - fold_start
    off_fold = np.abs(relative[:, 0] * direction[1] - relative[:, 1] * direction[0])
    on_fold = off_fold < _JOIN_TOLERANCE * np.ptp(outline, axis=0).max()
    if on_fold.sum() < 2 or on_fold.all():
        return outline
    # Roll so the half runs from one fold point round to the other without crossing the fold.
    start = int(np.flatnonzero(on_fold & ~np.roll(on_fold, -1))[0])
    end = int(np.flatnonzero(np.roll(on_fold, -start)[1:])[0]) + 1
    half = np.roll(outline, -start, axis=0)[: end + 1]
    along = (half - fold_start) @ direction
    mirrored = fold_start + 2 * np.outer(along, direction) - (half - fold_start)
    return np.vstack([half, mirrored[::-1][1:-1]])


def _upright(points: np.ndarray, grain: np.ndarray) -> tuple[np.ndarray, float]:
    """Points turned so the grain runs along +y, and the turn in degrees."""
    angle = np.arctan2(grain[0], grain[1])
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return points @ rotation.T, float(np.degrees(angle))


def _area(outline: np.ndarray) -> float:
    """The area (file units squared) an outline (M, 2) encloses."""
    x, y = outline.T
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def _blocks_by_size(document) -> dict[str, list]:
    sizes: dict[str, list] = {}
    for block in document.blocks:
        if block.name.startswith("*"):
            continue
        fields = _texts(block)
        if "PIECE NAME" in fields:
            sizes.setdefault(fields.get("SIZE", ""), []).append((fields["PIECE NAME"], block))
    return sizes


def _read(path: Path):
    import ezdxf

    try:
        return ezdxf.readfile(path)
    except (OSError, ezdxf.DXFError, *_MALFORMED) as error:
        message = f"'{path}' is not a readable DXF file ({error.__class__.__name__}: {error}"[:200]
        raise PatternLoadingError(message + "); export it again.") from None


def dxf_sizes(path: str | os.PathLike) -> list[str]:
    """The sizes a DXF-AAMA file holds, in file order."""
    return list(_blocks_by_size(_read(Path(path))))


def _piece(name: str, block, where: str) -> DxfPieceSpec:
    """The checked cut lines, grain line and fold line of one BLOCK."""
    data = {"name": name, "cut_lines": []}
    for entity in block:
        layer = str(entity.dxf.layer)
        if entity.dxftype() == "POLYLINE" and layer == _BOUNDARY:
            data["cut_lines"].append(_polyline_points(entity).tolist())
        elif entity.dxftype() == "LINE" and layer in (_FOLD, _GRAIN):
            ends = [[entity.dxf.start.x, entity.dxf.start.y], [entity.dxf.end.x, entity.dxf.end.y]]
            data["fold" if layer == _FOLD else "grain"] = ends
    if not data["cut_lines"]:
        raise PatternLoadingError(f"{where} has no cut line on layer 1; export it with its boundary.")
    return validated(DxfPieceSpec, data, where, PatternLoadingError)


def _panel(piece: DxfPieceSpec, scale: float, index: int, where: str) -> Panel:
    name = piece.name
    pieces = [np.asarray(line, dtype=np.float64) for line in piece.cut_lines]
    lines = {
        key: None if line is None else np.asarray(line)
        for key, line in (("fold", piece.fold), ("grain", piece.grain))
    }
    outline = _chain(pieces)
    if len(outline) < 3 or not _area(outline) > _MIN_AREA_SHARE * np.ptp(outline, axis=0).max() ** 2:
        raise PatternLoadingError(
            f"{where} has a cut line of {len(outline)} distinct points enclosing no area; export its "
            "whole boundary."
        )
    if lines["fold"] is not None:
        outline = _unfold(outline, *lines["fold"])
    grain = lines["grain"][1] - lines["grain"][0] if lines["grain"] is not None else np.array([0.0, 1.0])
    points, _ = _upright(outline * scale, grain / np.linalg.norm(grain))
    points -= [points[:, 0].mean(), points[:, 1].min()]
    side = "back" if re.search(r"\bbk\b|back", name.lower()) else "front"
    x, y = points.T
    clockwise = np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)) < 0
    if clockwise != (side == "back"):
        points = points[::-1]
    count = len(points)
    top = 1.40 - float(np.ptp(points[:, 1]))
    return Panel(
        name=name,
        vertices=points,
        edges=[Edge(i, (i + 1) % count) for i in range(count)],
        translation=np.array([0.0, top, 0.15 if side == "front" else -0.15]),
        part="torso",
        side=side,
        extra={"dxf_piece": index},
    )


def pattern_from_dxf(path: str | os.PathLike, size: str | None = None) -> Pattern:
    """The pieces of one size of a DXF-AAMA file as a ``Pattern`` without stitches, in metres.

    Parameters
    ----------
    path : str or path
    size : str, optional
        One of ``dxf_sizes(path)``; default the file's sample size.

    Raises
    ------
    PatternLoadingError
        For a file that is not DXF, has no pieces, uses unknown units, or lacks the size.
    """
    path = Path(path)
    document = _read(path)
    header = _texts(document.modelspace())
    units = header.get("UNITS", "ENGLISH").upper()
    if units not in _UNITS_M:
        raise PatternLoadingError(f"'{path.name}' is in units '{units}'; fitroom reads ENGLISH or METRIC.")
    by_size = _blocks_by_size(document)
    if not by_size:
        raise PatternLoadingError(f"'{path.name}' has no pattern pieces (BLOCKs with 'Piece Name:').")
    chosen = size or header.get("SAMPLE SIZE") or next(iter(by_size))
    if chosen not in by_size:
        raise PatternLoadingError(f"'{path.name}' has no size '{chosen}'; it holds {', '.join(by_size)}.")
    panels = {}
    for index, (name, block) in enumerate(by_size[chosen]):
        where = f"DXF file '{path.name}' piece '{name}'"
        panels[name] = _panel(_piece(name, block, where), _UNITS_M[units], index, where)
    extents = {name: float(np.ptp(panel.vertices, axis=0).max()) for name, panel in panels.items()}
    check_extent(extents, f"DXF file '{path.name}'", f"Units: {units}", PatternLoadingError)
    return Pattern(
        name=path.stem,
        panels=panels,
        stitches=[],
        size=chosen,
        description=f"DXF-AAMA pieces of size {chosen} (sizes in the file: {', '.join(by_size)})",
        extra={"properties": {"units_in_meter": 100, "curvature_coords": "relative"}},
    )
