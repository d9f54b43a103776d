"""The pieces of a DXF-AAMA (ASTM D6673) file, every size, as the file's BLOCKs hold them.

Each piece in each size is a BLOCK carrying ``Piece Name:``, ``Size:`` and often ``Quantity:`` and
``Category:`` TEXT, its cut line on layer 1 (one closed POLYLINE or a chain of open ones), turn points
(2), notches (4 as points or short lines, and ASTM's 80-83), the mirror or fold line (6), the grain line
(7), internal lines (8), drill holes (13) and, in ASTM files, the sew line (14). Model-space TEXT gives
``Units:`` and ``Sample Size:``.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from fitroom.schema import validated
from garments.dxf_schema import DxfPieceSpec
from garments.errors import PatternLoadingError

__all__ = ["DxfDocument", "read_dxf_document", "LAYERS"]

# DXF-AAMA layer numbers, by what each holds.
LAYERS = {
    "cut": "1",
    "turn": "2",
    "notch": "4",
    "fold": "6",
    "grain": "7",
    "internal": "8",
    "drill": "13",
    "sew": "14",
}
# ASTM D6673's notch shapes (T, castle, check, U) have layers of their own; each is a notch.
_NOTCH_LAYERS = ("80", "81", "82", "83")
# What ezdxf's reader raises, besides its own errors, on a file that is cut short or not DXF at all.
_MALFORMED = (ValueError, StopIteration, EOFError, IndexError, KeyError, TypeError, UnicodeError)
_BINARY_SENTINEL = b"AutoCAD Binary DXF"


@dataclass
class DxfDocument:
    """What a DXF-AAMA file holds.

    Attributes
    ----------
    path : Path
    header : dict[str, str]
        Model-space ``KEY: value`` texts, keys upper case (``UNITS``, ``SAMPLE SIZE``, ``STYLE NAME``).
    sizes : dict[str, list[DxfPieceSpec]]
        Per size (file order), its pieces (file order), in file units.
    """

    path: Path
    header: dict[str, str]
    sizes: dict[str, list[DxfPieceSpec]]

    @property
    def sample_size(self) -> str:
        """The size the file names as its sample, else its first size."""
        sample = self.header.get("SAMPLE SIZE", "")
        return sample if sample in self.sizes else next(iter(self.sizes))


def _texts(entities) -> dict[str, str]:
    """``KEY: value`` TEXT entities as {KEY (upper case): value}."""
    fields = {}
    for entity in entities:
        if entity.dxftype() == "TEXT" and ":" in entity.dxf.text:
            key, value = entity.dxf.text.split(":", 1)
            fields[key.strip().upper()] = value.strip()
    return fields


def _points(entity) -> list[list[float]]:
    """A POLYLINE's or LWPOLYLINE's vertices (x, y), closed ones ending where they start."""
    if entity.dxftype() == "LWPOLYLINE":
        points = [[float(x), float(y)] for x, y in entity.get_points("xy")]
        closed = entity.closed
    else:
        points = [[float(v.dxf.location.x), float(v.dxf.location.y)] for v in entity.vertices]
        closed = entity.is_closed
    if closed and len(points) > 1 and points[0] != points[-1]:
        points.append(points[0])
    return points


def _ends(entity) -> list[list[float]]:
    return [[entity.dxf.start.x, entity.dxf.start.y], [entity.dxf.end.x, entity.dxf.end.y]]


def _quantity(text: str, where: str) -> int:
    try:
        return int(float(text))
    except ValueError:
        raise PatternLoadingError(f"{where} has quantity '{text}'; write it as a whole number.") from None


def _piece(name: str, fields: dict[str, str], block, where: str) -> DxfPieceSpec:
    """The checked lines and points of one BLOCK."""
    data = {"name": name}
    if "QUANTITY" in fields:
        data["quantity"] = _quantity(fields["QUANTITY"], where)
    if "CATEGORY" in fields:
        data["category"] = fields["CATEGORY"]
    layer_names = {number: name for name, number in LAYERS.items()} | dict.fromkeys(_NOTCH_LAYERS, "notch")
    for entity in block:
        kind, layer = entity.dxftype(), layer_names.get(str(entity.dxf.layer))
        if kind in ("POLYLINE", "LWPOLYLINE") and layer in ("cut", "sew", "internal"):
            data.setdefault(f"{layer}_lines", []).append(_points(entity))
        elif kind == "LINE" and layer in ("fold", "grain"):
            data[layer] = _ends(entity)
        elif kind == "LINE" and layer in ("cut", "sew", "internal"):
            data.setdefault(f"{layer}_lines", []).append(_ends(entity))
        elif kind == "POINT" and layer in ("turn", "notch", "drill"):
            key = {"turn": "turn_points", "notch": "notches", "drill": "drill_holes"}[layer]
            data.setdefault(key, []).append([entity.dxf.location.x, entity.dxf.location.y])
        elif kind == "LINE" and layer == "notch":
            # A notch drawn as its cut into the seam allowance: it starts on the outline.
            data.setdefault("notches", []).append(_ends(entity)[0])
    if not data.get("cut_lines"):
        raise PatternLoadingError(f"{where} has no cut line on layer 1; export it with its boundary.")
    return validated(DxfPieceSpec, data, where, PatternLoadingError)


def _load(path: Path):
    import ezdxf

    try:
        with open(path, "rb") as handle:
            binary = handle.read(len(_BINARY_SENTINEL)) == _BINARY_SENTINEL
    except OSError as error:
        raise PatternLoadingError(f"'{path}' cannot be read ({error.strerror}); check the file.") from None
    if binary:
        raise PatternLoadingError(
            f"'{path.name}' is a binary DXF; export it from the pattern CAD as ASCII DXF-AAMA."
        )
    try:
        return ezdxf.readfile(path)
    except (OSError, ezdxf.DXFError, *_MALFORMED) as error:
        message = f"'{path}' is not a readable DXF file ({error.__class__.__name__}: {error}"[:200]
        raise PatternLoadingError(message + "); export it again.") from None


def read_dxf_document(path: str | os.PathLike) -> DxfDocument:
    """Every piece of every size of a DXF-AAMA file, checked.

    Raises
    ------
    PatternLoadingError
        For a file that is not (ASCII) DXF, holds no pieces (only text, or no BLOCK with a
        ``Piece Name:``), or a piece without a usable cut line, grain or fold line.
    """
    path = Path(path)
    document = _load(path)
    header = _texts(document.modelspace())
    sizes: dict[str, list[DxfPieceSpec]] = {}
    for block in document.blocks:
        if block.name.startswith("*"):
            continue
        fields = _texts(block)
        if "PIECE NAME" not in fields:
            continue
        name, size = fields["PIECE NAME"], fields.get("SIZE", "")
        where = f"DXF file '{path.name}' piece '{name}' size '{size}'"
        sizes.setdefault(size, []).append(_piece(name, fields, block, where))
    if not sizes:
        raise PatternLoadingError(
            f"'{path.name}' has no pattern pieces (BLOCKs with a 'Piece Name:' text); export the pieces "
            "as DXF-AAMA."
        )
    return DxfDocument(path, header, _shared_texts(sizes, header.get("SAMPLE SIZE", "")))


def _shared_texts(sizes: dict[str, list[DxfPieceSpec]], sample: str) -> dict[str, list[DxfPieceSpec]]:
    """Pieces with the quantity and category that only some sizes' BLOCKs state (often only the
    sample size's) given in every size."""
    stated: dict[str, dict] = {}
    for size in sorted(sizes, key=lambda name: name != sample):
        for piece in sizes[size]:
            for key in piece.model_fields_set & {"quantity", "category"}:
                stated.setdefault(piece.name, {}).setdefault(key, getattr(piece, key))
    return {
        size: [piece.model_copy(update=stated.get(piece.name, {})) for piece in pieces]
        for size, pieces in sizes.items()
    }
