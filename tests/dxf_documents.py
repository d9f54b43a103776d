"""Writing small DXF-AAMA documents with ``ezdxf`` for tests: pieces as BLOCKs with a cut line on
layer 1, an optional grain line (layer 7) and fold line (layer 6), piece name and size TEXT."""

from pathlib import Path

import ezdxf

__all__ = ["write_dxf", "RECTANGLE_MM"]

# A 50 x 70 cm piece, in millimetres (the METRIC unit of DXF-AAMA).
RECTANGLE_MM = [(0.0, 0.0), (500.0, 0.0), (500.0, 700.0), (0.0, 700.0)]


def write_dxf(path: Path, pieces: list[dict], units: str = "METRIC", size: str = "M") -> Path:
    """Write ``pieces`` to ``path``.

    Each piece is ``{"name": str, "cut": [[(x, y), ...], ...] (polylines, file units), "closed": bool,
    "grain": ((x0, y0), (x1, y1)) or None, "fold": same or None}``.
    """
    document = ezdxf.new("R2000")
    space = document.modelspace()
    space.add_text(f"Units: {units}")
    space.add_text(f"Sample Size: {size}")
    for index, piece in enumerate(pieces):
        block = document.blocks.new(name=f"P{index}")
        for polyline in piece["cut"]:
            block.add_polyline2d(polyline, close=piece.get("closed", True), dxfattribs={"layer": "1"})
        for layer, key in (("7", "grain"), ("6", "fold")):
            if piece.get(key) is not None:
                start, end = piece[key]
                block.add_line(start, end, dxfattribs={"layer": layer})
        block.add_text(f"Piece Name: {piece['name']}")
        block.add_text(f"Size: {size}")
        space.add_blockref(f"P{index}", (0, 0))
    document.saveas(path)
    return path
