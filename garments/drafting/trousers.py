"""Straight trousers: left and right fronts and backs with a crotch curve, back waist darts, and a
two-piece waistband.

Ease over the body (cm): waist +2, hip +6. The back is wider than the front and its crotch extension
longer (hip/10 against hip/16), its centre-back seam slanted and raised, the usual proportions of a
trouser block; the legs hang straight from the hip to the hem, centred on the crease line.
"""

from garments.drafting.draft import Draft, PanelDraft, cubic, mirrored_panel, quadratic, seam
from garments.drafting.skirt import waistband_panel

__all__ = ["draft_trousers", "TROUSERS_EASE_CM"]

TROUSERS_EASE_CM = {"waist": 2.0, "hip": 6.0}
_WAISTBAND_HEIGHT = 4.0


def _interpolate_x(top, bottom, y: float) -> float:
    (x0, y0), (x1, y1) = top, bottom
    return x0 + (x1 - x0) * (y - y0) / (y1 - y0)


def _front(m: dict[str, float], waist_height: float) -> PanelDraft:
    """Left front: hem, outseam, waist, centre front, crotch curve, inseam (counter-clockwise)."""
    waist, hip, height = m["waist"], m["hip"], m["height"]
    rise, outseam, hip_depth = 0.16 * height + 1.5, 0.6 * height - _WAISTBAND_HEIGHT, 0.125 * height
    top, hip_y, crotch_y = outseam, outseam - hip_depth, outseam - rise
    extension = (hip + TROUSERS_EASE_CM["hip"]) / 16
    centre_top, centre_low = (0.8, top), (0.0, crotch_y + 0.25 * rise)
    hip_x = _interpolate_x(centre_top, centre_low, hip_y) + (hip + TROUSERS_EASE_CM["hip"]) / 4 - 1.0
    crease = (hip_x - extension) / 2
    hem_half = 10.0 + 0.05 * (hip - 100.0)
    waist_x = centre_top[0] + (waist + TROUSERS_EASE_CM["waist"]) / 4 - 0.5
    points = [(crease - hem_half, 0.0), (crease + hem_half, 0.0), (hip_x, hip_y), (waist_x, top), centre_top,
              centre_low, (-extension, crotch_y)]  # fmt: skip
    curves = {
        2: quadratic(points[2], points[3], (hip_x, hip_y + 0.6 * hip_depth)),
        5: cubic(points[5], points[6], (0.0, crotch_y + 0.05 * rise), (-0.5 * extension, crotch_y)),
    }
    return PanelDraft("left_front", points, "left_leg", "front", "denim", curves,
                      translation=(0.0, waist_height - outseam, 15.0))  # fmt: skip


def _back(m: dict[str, float], waist_height: float) -> PanelDraft:
    """Left back, seen from the front (clockwise): hem, inseam, crotch, centre back, dart, outseam."""
    waist, hip, height = m["waist"], m["hip"], m["height"]
    rise, outseam, hip_depth = 0.16 * height + 1.5, 0.6 * height - _WAISTBAND_HEIGHT, 0.125 * height
    top, hip_y, crotch_y = outseam, outseam - hip_depth, outseam - rise
    extension = (hip + TROUSERS_EASE_CM["hip"]) / 10
    centre_top, centre_low = (2.5, top + 2.0), (1.0, crotch_y + 0.25 * rise)
    hip_x = _interpolate_x(centre_top, centre_low, hip_y) + (hip + TROUSERS_EASE_CM["hip"]) / 4 + 1.0
    crease = (hip_x - extension) / 2
    hem_half = 11.5 + 0.05 * (hip - 100.0)
    dart_width, dart_length = 2.5, 12.0
    waist_x = centre_top[0] + (waist + TROUSERS_EASE_CM["waist"]) / 4 + 0.5 + dart_width
    dart_x = (centre_top[0] + waist_x) / 2

    def waist_y(x: float) -> float:
        return top + 2.0 * (waist_x - x) / (waist_x - centre_top[0])

    points = [
        (crease + hem_half, 0.0), (crease - hem_half, 0.0), (-extension, crotch_y - 0.5), centre_low,
        centre_top, (dart_x - dart_width / 2, waist_y(dart_x - dart_width / 2)),
        (dart_x, waist_y(dart_x) - dart_length), (dart_x + dart_width / 2, waist_y(dart_x + dart_width / 2)),
        (waist_x, top), (hip_x, hip_y),
    ]  # fmt: skip
    curves = {
        2: cubic(points[2], points[3], (-0.5 * extension, crotch_y - 0.5), (1.0, crotch_y + 0.05 * rise)),
        8: quadratic(points[8], points[9], (hip_x, hip_y + 0.6 * hip_depth)),
    }
    return PanelDraft("left_back", points, "left_leg", "back", "denim", curves,
                      translation=(0.0, waist_height - outseam, -15.0))  # fmt: skip


def _length(panel: PanelDraft, edge: int) -> float:
    (x0, y0), (x1, y1) = panel.points[edge], panel.points[(edge + 1) % len(panel.points)]
    return ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5


def draft_trousers(m: dict[str, float]) -> Draft:
    """Straight trousers for body measurements ``m`` (cm: waist, hip, height)."""
    waist_height = 0.62 * m["height"] - _WAISTBAND_HEIGHT
    left_front, left_back = _front(m, waist_height), _back(m, waist_height)
    right_front, front_edge = mirrored_panel(left_front, "right_front", "right_leg")
    right_back, back_edge = mirrored_panel(left_back, "right_back", "right_leg")
    # Band pieces from the body's right to its left (front) or left to right (back, drawn mirrored).
    front_pieces = [("right_front", front_edge(3)), ("left_front", 3)]
    back_pieces = [
        ("left_back", 7),
        ("left_back", 4),
        ("right_back", back_edge(4)),
        ("right_back", back_edge(7)),
    ]
    panels = {p.name: p for p in (left_front, left_back, right_front, right_back)}
    band_front = waistband_panel("waistband_front", "front", [_length(panels[n], e) for n, e in front_pieces],
                                 _WAISTBAND_HEIGHT, waist_height)  # fmt: skip
    band_back = waistband_panel("waistband_back", "back", [_length(panels[n], e) for n, e in back_pieces],
                                _WAISTBAND_HEIGHT, waist_height)  # fmt: skip
    seams = [
        seam("left_front", 1, "left_back", 9), seam("left_front", 2, "left_back", 8),
        seam("left_front", 6, "left_back", 1), seam("left_back", 5, "left_back", 6),
        seam("right_front", front_edge(1), "right_back", back_edge(9)),
        seam("right_front", front_edge(2), "right_back", back_edge(8)),
        seam("right_front", front_edge(6), "right_back", back_edge(1)),
        seam("right_back", back_edge(5), "right_back", back_edge(6)),
        seam("left_front", 4, "right_front", front_edge(4)),
        seam("left_front", 5, "right_front", front_edge(5)),
        seam("left_back", 3, "right_back", back_edge(3)), seam("left_back", 2, "right_back", back_edge(2)),
        seam("waistband_front", 2, "waistband_back", 6), seam("waistband_front", 4, "waistband_back", 4),
    ]  # fmt: skip
    seams += [seam("waistband_front", i, name, edge) for i, (name, edge) in enumerate(front_pieces)]
    seams += [seam("waistband_back", i, name, edge) for i, (name, edge) in enumerate(back_pieces)]
    return Draft(
        panels=[left_front, left_back, right_front, right_back, band_front, band_back],
        seams=seams,
        girth_lines={
            "waist": [("waistband_front", 0), ("waistband_back", 0)],
            "hip": [("left_front", 2), ("left_back", 9), ("right_front", 5), ("right_back", 1)],
        },
    )
