"""Writing small DXF-AAMA documents with ``ezdxf`` for tests: pieces as BLOCKs with a cut line on
layer 1, optional turn points (2), notches (4), fold line (6), grain line (7) and sew line (14), piece
name, size and quantity TEXT; and a men's T-shirt drafted the way pattern CAD exports one."""

from pathlib import Path

import ezdxf
import numpy as np
from shapely.geometry import Polygon

__all__ = ["write_dxf", "RECTANGLE_MM", "tee_pieces", "TEE_NECK_BAND_SHARE"]

# A 50 x 70 cm piece, in millimetres (the METRIC unit of DXF-AAMA).
RECTANGLE_MM = [(0.0, 0.0), (500.0, 0.0), (500.0, 700.0), (0.0, 700.0)]
# The tee's rib collar is this share of the neckline it is stretched onto.
TEE_NECK_BAND_SHARE = 0.85


def write_dxf(path: Path, pieces: list[dict], units: str = "METRIC", size: str = "M", sizes=None) -> Path:
    """Write ``pieces`` to ``path``, in ``size`` or in each of ``sizes`` (``{size: scale}``: every
    coordinate times the scale, a crude grading).

    Each piece is ``{"name": str, "cut": [[(x, y), ...], ...] (polylines, file units), "closed": bool,
    "grain": ((x0, y0), (x1, y1)) or None, "fold": same or None, "sew": polylines or None,
    "turn": [(x, y), ...], "notches": [(x, y), ...], "quantity": int, "category": str}``.
    """
    document = ezdxf.new("R2000")
    space = document.modelspace()
    space.add_text(f"Units: {units}")
    space.add_text(f"Sample Size: {size}")
    for size_name, scale in (sizes or {size: 1.0}).items():
        for index, piece in enumerate(pieces):
            block = document.blocks.new(name=f"P{index}_{size_name}")
            scaled = lambda points, scale=scale: [(x * scale, y * scale) for x, y in points]  # noqa: E731
            for polyline in piece["cut"]:
                block.add_polyline2d(
                    scaled(polyline), close=piece.get("closed", True), dxfattribs={"layer": "1"}
                )
            for polyline in piece.get("sew") or []:
                block.add_polyline2d(scaled(polyline), close=True, dxfattribs={"layer": "14"})
            for layer, key in (("7", "grain"), ("6", "fold")):
                if piece.get(key) is not None:
                    start, end = scaled(piece[key])
                    block.add_line(start, end, dxfattribs={"layer": layer})
            for layer, key in (("2", "turn"), ("4", "notches")):
                for point in scaled(piece.get(key, [])):
                    block.add_point(point, dxfattribs={"layer": layer})
            block.add_text(f"Piece Name: {piece['name']}")
            block.add_text(f"Size: {size_name}")
            if "quantity" in piece:
                block.add_text(f"Quantity: {piece['quantity']}")
            if "category" in piece:
                block.add_text(f"Category: {piece['category']}")
            space.add_blockref(f"P{index}_{size_name}", (0, 0))
    document.saveas(path)
    return path


def _arc(start, end, bulge: float, count: int = 12) -> list[tuple[float, float]]:
    """Points from ``start`` to ``end`` (excluded) along a quadratic curve bowed by ``bulge`` (mm,
    to the left of start -> end)."""
    start, end = np.asarray(start, float), np.asarray(end, float)
    chord = end - start
    control = (start + end) / 2 + bulge * np.array([-chord[1], chord[0]]) / np.linalg.norm(chord)
    t = np.linspace(0.0, 1.0, count, endpoint=False)[:, None]
    points = (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t**2 * end
    return [tuple(p) for p in points]


def _length(points) -> float:
    points = np.asarray(points)
    return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def _body_half(neck_depth: float) -> tuple[list, list, list]:
    """Half a tee body (mm), centre line on x = 0: its outline (counter-clockwise from the centre of
    the hem), the turn points and the armhole's points."""
    armhole = _arc((260.0, 450.0), (200.0, 660.0), 35.0)
    neck = _arc((80.0, 690.0), (0.0, 690.0 - neck_depth), 30.0)
    outline = [(0.0, 0.0), (260.0, 0.0), *armhole, (200.0, 660.0), *neck, (0.0, 690.0 - neck_depth)]
    turns = [
        (0.0, 0.0),
        (260.0, 0.0),
        (260.0, 450.0),
        (200.0, 660.0),
        (80.0, 690.0),
        (0.0, 690.0 - neck_depth),
    ]
    return outline, turns, [*armhole, (200.0, 660.0)]


def _whole(half: list) -> list:
    """A whole piece from its right half (x >= 0, counter-clockwise from x = 0 on the hem)."""
    mirrored = [(-x, y) for x, y in reversed(half) if x > 0]
    return half + mirrored


def _along(points, share: float) -> tuple[float, float]:
    """The point ``share`` of the way along the polyline ``points``."""
    points = np.asarray(points, float)
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])
    target = share * arc[-1]
    return float(np.interp(target, arc, points[:, 0])), float(np.interp(target, arc, points[:, 1]))


def tee_pieces(astm: bool = False, ease: float = 1.04) -> list[dict]:
    """A men's tee: front and back cut on the fold (whole, with sew lines 10 mm inside 10 mm-allowance cut
    lines when ``astm``), a set-in sleeve given once with ``Quantity: 2`` (cap ``ease`` times the
    armhole, one notch on the front half and two on the back, as on the armholes), a rib collar and a
    pair of cuffs. Millimetres."""
    pieces = []
    armholes = {}
    for name, depth in (("TEEFR", 90.0), ("TEEBK", 25.0)):
        half, turns, armhole = _body_half(depth)
        armholes[name] = _length(armhole)
        notches = (
            [_along(armhole, 0.45)] if name == "TEEFR" else [_along(armhole, 0.4), _along(armhole, 0.47)]
        )
        piece = {"name": name, "grain": ((150.0, 100.0), (150.0, 500.0)), "notches": notches}
        if astm:
            whole = _whole(half)
            piece |= {
                "cut": [_allowance(whole)],
                "sew": [whole],
                "turn": [*turns, *((-x, y) for x, y in turns)],
            }
        else:
            piece |= {"cut": [half], "fold": ((0.0, 0.0), (0.0, 690.0 - depth)), "turn": turns}
        pieces.append(piece)
    cap_length = ease * (armholes["TEEFR"] + armholes["TEEBK"])
    cap = _sleeve_cap(cap_length)
    sleeve = [(-180.0, 0.0), (180.0, 0.0), *cap, (-210.0, 170.0)]
    back_cap, front_cap = cap[: len(cap) // 2], cap[len(cap) // 2 :]
    sleeve_piece = {
        "name": "SLEEVE",
        "quantity": 2,
        "grain": ((0.0, 50.0), (0.0, 250.0)),
        "turn": [(-180.0, 0.0), (180.0, 0.0), (210.0, 170.0), (-210.0, 170.0)],
        # Seen from the outside as drafted for the left arm: the front half of the cap on the left.
        "notches": [_along(back_cap, 0.5), _along(back_cap, 0.57), _along(front_cap, 0.5)],
    }
    if astm:
        sleeve_piece |= {"cut": [_allowance(sleeve)], "sew": [sleeve]}
    else:
        sleeve_piece["cut"] = [sleeve]
    pieces.append(sleeve_piece)
    neck = 2 * (
        _length(_arc((80.0, 690.0), (0.0, 600.0), 30.0)) + _length(_arc((80.0, 690.0), (0.0, 665.0), 30.0))
    )
    collar = TEE_NECK_BAND_SHARE * neck
    cuff = 0.92 * 360.0
    for name, quantity, length, width in (("COLLAR", 1, collar, 40.0), ("CUFF", 2, cuff, 50.0)):
        rectangle = [(0.0, 0.0), (length, 0.0), (length, width), (0.0, width)]
        grain = ((10.0, 5.0), (10.0, width - 5.0))
        pieces.append({"name": name, "quantity": quantity, "cut": [rectangle], "grain": grain})
    return pieces


def _sleeve_cap(length: float) -> list[tuple[float, float]]:
    """The cap from the right underarm (210, 170) over the crown to the left one, ``length`` mm long
    (the crown's height set to make it so), ending before (-210, 170)."""
    low, high = 20.0, 400.0
    for _ in range(40):
        height = (low + high) / 2
        crown = (0.0, 170.0 + height)
        points = [*_arc((210.0, 170.0), crown, -height * 0.15), *_arc(crown, (-210.0, 170.0), -height * 0.15)]
        if _length([*points, (-210.0, 170.0)]) > length:
            high = height
        else:
            low = height
    return [(210.0, 170.0), *points[1:]]


def _allowance(points, width: float = 10.0) -> list[tuple[float, float]]:
    """The cut line ``width`` mm outside the sew line ``points`` (mitred corners)."""
    outer = Polygon(points).buffer(width, join_style=2)
    return [tuple(p) for p in np.asarray(outer.exterior.coords)[:-1]]
