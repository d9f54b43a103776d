"""The A-line skirt: front and back flaring from the hip to a knee-length hem, two waist darts in each,
and a two-piece waistband.

Ease over the body (cm): waist +2, hip +4. Each panel's waist is its share of the waist plus the two
darts' intake, so the darts, sewn shut, shape the skirt from hip to waist.
"""

from garments.drafting.draft import Draft, PanelDraft, quadratic, seam

__all__ = ["draft_skirt", "SKIRT_EASE_CM", "skirt_panel", "waistband_panel", "WAISTBAND_FABRIC"]

SKIRT_EASE_CM = {"waist": 2.0, "hip": 4.0}
_WAISTBAND_HEIGHT = 4.0
# Waistbands are fused with a woven interfacing so that they hold their length and carry the garment
# (Armstrong, "Patternmaking for Fashion Design", 5th ed., ch. 15, waistbands); the woven's stiffness,
# two orders above a knit's, is the band's, so the band is the bundled woven, not the skirt's knit.
WAISTBAND_FABRIC = "cotton_poplin"
# Edge indices of a skirt panel: darts sewn leg to leg, the three waist pieces from the +x side.
_DARTS = ((4, 5), (7, 8))
_WAIST_PIECES = (3, 6, 9)


def skirt_panel(
    name: str, side: str, m: dict[str, float], dart_width: float, dart_length: float, waist_height: float
) -> PanelDraft:
    """One skirt panel in cm; the back is the front's mirror image (drawn clockwise)."""
    waist, hip, height = m["waist"], m["hip"], m["height"]
    length, hip_depth = 0.33 * height, 0.125 * height
    top_half = (waist + SKIRT_EASE_CM["waist"]) / 4 + dart_width
    hip_half = (hip + SKIRT_EASE_CM["hip"]) / 4
    hem_half = hip_half + 0.12 * (length - hip_depth)
    top, hip_y = length, length - hip_depth
    dart_x = top_half * 0.5
    points = [
        (-hem_half, 0.0), (hem_half, 0.0), (hip_half, hip_y), (top_half, top),
        (dart_x + dart_width / 2, top), (dart_x, top - dart_length), (dart_x - dart_width / 2, top),
        (-dart_x + dart_width / 2, top), (-dart_x, top - dart_length), (-dart_x - dart_width / 2, top),
        (-top_half, top), (-hip_half, hip_y),
    ]  # fmt: skip
    curves = {
        2: quadratic(points[2], points[3], (hip_half, hip_y + 0.6 * hip_depth)),
        10: quadratic(points[10], points[11], (-hip_half, hip_y + 0.6 * hip_depth)),
    }
    sign = 1.0 if side == "front" else -1.0
    if sign < 0:
        points = [(-x, y) for x, y in points]
        curves = {i: type(c)(c.kind, tuple((t, -n) for t, n in c.params)) for i, c in curves.items()}
    return PanelDraft(name, points, "torso", side, "ponte_knit", curves,
                      translation=(0.0, waist_height - length, sign * 15.0))  # fmt: skip


def waistband_panel(
    name: str, side: str, piece_lengths: list[float], height: float, waist_height: float
) -> PanelDraft:
    """A straight waistband whose lower edge is split into ``piece_lengths`` (from the body's right)."""
    total = sum(piece_lengths)
    xs = [-total / 2]
    for length in piece_lengths:
        xs.append(xs[-1] + length)
    bottom = [(x, 0.0) for x in xs]
    points = [*bottom, (total / 2, height), (-total / 2, height)]
    sign = 1.0 if side == "front" else -1.0
    if sign < 0:
        points = [(-x, y) for x, y in points]
    return PanelDraft(name, points, "torso", side, WAISTBAND_FABRIC, grain=(1.0, 0.0),
                      translation=(0.0, waist_height, sign * 14.0))  # fmt: skip


def _piece_length(panel: PanelDraft, edge: int) -> float:
    (x0, y0), (x1, y1) = panel.points[edge], panel.points[(edge + 1) % len(panel.points)]
    return ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5


def draft_skirt(m: dict[str, float]) -> Draft:
    """The women's A-line skirt for body measurements ``m`` (cm: waist, hip, height)."""
    waist_height = 0.62 * m["height"] - _WAISTBAND_HEIGHT
    front = skirt_panel("front", "front", m, 2.0, 9.0, waist_height)
    back = skirt_panel("back", "back", m, 3.0, 13.0, waist_height)
    bands = []
    for panel, band_name in ((front, "waistband_front"), (back, "waistband_back")):
        # The band runs from the body's right to its left; the panel's waist pieces run the other way.
        lengths = [_piece_length(panel, edge) for edge in reversed(_WAIST_PIECES)]
        bands.append(waistband_panel(band_name, panel.side, lengths, _WAISTBAND_HEIGHT, waist_height))
    seams = [
        seam("front", 1, "back", 11), seam("front", 2, "back", 10),
        seam("front", 10, "back", 2), seam("front", 11, "back", 1),
        seam("waistband_front", 3, "waistband_back", 5), seam("waistband_front", 5, "waistband_back", 3),
    ]  # fmt: skip
    for panel in ("front", "back"):
        seams += [seam(panel, a, panel, b) for a, b in _DARTS]
    for panel, band in (("front", "waistband_front"), ("back", "waistband_back")):
        seams += [seam(band, i, panel, edge) for i, edge in enumerate(reversed(_WAIST_PIECES))]
    return Draft(
        panels=[front, back, *bands],
        seams=seams,
        girth_lines={
            "waist": [("waistband_front", 0), ("waistband_back", 0)],
            "hip": [("front", 2), ("back", 2)],
        },
    )
