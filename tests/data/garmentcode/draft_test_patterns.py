"""Drafts fitroom's own GarmentCode-format test garments for the default body and writes them here.

Run ``python tests/data/garmentcode/draft_test_patterns.py`` to rewrite the five files. They are drawn
the way GarmentCode lays its garments out (panels named and placed as its garment programs do: left
halves at +x, backs at -z, sleeves along arms held 50 degrees down, hood halves beside the head, skirt
gores turned round the vertical axis), in centimetres, to the default body's measurements (height 168,
chest 94, waist 78, hip 101, shoulder width 39, neck 37, inseam 78.5) with the ease a sewing pattern of
each kind has (Aldrich, *Metric Pattern Cutting for Women's Wear*, 6th ed., 2015: 8-12 cm chest ease
for a sweatshirt block, 4-6 cm hip ease for trousers and skirts).

Each panel is outlined counter-clockwise as seen from outside the garment; an edge runs between two
named points, and a stitch is checked to join the same named points on both sides.
"""

from pathlib import Path

import numpy as np
from pattern_outline import Edge, Outline, PatternDraft, bow_to_length, edge_length, through

HERE = Path(__file__).parent

# Heights on the default body (cm): side neck point, natural waist, crotch.
NECK_Y = 142.4
WAIST_Y = 108.4
CROTCH_Y = 78.5
# Sleeves lie along an arm held this far down from horizontal (GarmentCode's arm pose angle).
ARM_ANGLE = 50.0


# ---- bodices ---------------------------------------------------------------------------------------


def bodice_half(name, width, length, armhole, shoulder_x, shoulder_drop, neck_x, neck_depth, z):
    """A left bodice half (front when ``z`` > 0), centre line at x = 0, hem at y = 0, facing out.

    ``width`` across the chest from the centre line, ``length`` from the hem to the side neck point,
    ``armhole`` from the hem to the underarm; the neckline drops ``neck_depth`` at the centre.
    """
    top = length
    points = {
        "hem_c": (0.0, 0.0),
        "hem_s": (width, 0.0),
        "underarm": (width, armhole),
        "shoulder": (shoulder_x, top - shoulder_drop),
        "neck_s": (neck_x, top),
        "neck_c": (0.0, top - neck_depth),
    }
    scoop = [through(points["underarm"], points["shoulder"], (shoulder_x + 1.0, armhole + 6.0))]
    neck = [through(points["neck_s"], points["neck_c"], (neck_x * 0.9, top - neck_depth * 0.95))]
    edges = [
        Edge("hem_c", "hem_s", "hem"),
        Edge("hem_s", "underarm", "side"),
        Edge("underarm", "shoulder", "armhole", scoop),
        Edge("shoulder", "neck_s", "shoulder"),
        Edge("neck_s", "neck_c", "neck", neck),
        Edge("neck_c", "hem_c", "centre"),
    ]
    outline = Outline(name, points, edges, (0.0, NECK_Y - length, z))
    return outline.facing(outward=z > 0)


def bodice(garment, width, length, armhole, shoulder_x, neck_x, front_neck, back_neck, prefix=""):
    """Left and right, front and back halves sewn at the sides, shoulders and centre lines."""
    for side, z, depth in (("f", 25.0, front_neck), ("b", -20.0, back_neck)):
        left = bodice_half(f"left_{side}torso", width, length, armhole, shoulder_x, 4.0, neck_x, depth, z)
        garment.add(left, left.mirrored(f"right_{side}torso"))
    for half in ("left", "right"):
        for seam in ("side", "shoulder"):
            garment.sew(f"{half}_ftorso", seam, f"{half}_btorso", seam)
    for side in ("f", "b"):
        garment.sew(f"left_{side}torso", "centre", f"right_{side}torso", "centre")


# ---- sleeves and cuffs -----------------------------------------------------------------------------


def sleeve_half(name, cap_edge, cap_depth, bicep_half, end_half, length, z, shoulder):
    """A left sleeve half along GarmentCode's arm: x from the shoulder tip to the wrist, y = 0 the top seam.

    The cap runs from the shoulder tip to the underarm, bowed to ``cap_edge`` cm (the armhole it is sewn
    to).
    """
    points = {
        "shoulder": (0.0, 0.0),
        "underarm": (cap_depth, -bicep_half),
        "end_under": (length, -end_half),
        "end_top": (length, 0.0),
    }
    edges = [
        Edge("shoulder", "underarm", "armhole", [[0.5, 0.15]]),
        Edge("underarm", "end_under", "under"),
        Edge("end_under", "end_top", "end"),
        Edge("end_top", "shoulder", "top"),
    ]
    translation = (shoulder[0], shoulder[1], z)
    outline = Outline(name, points, edges, translation, (0.0, 0.0, -ARM_ANGLE))
    outline = outline.facing(outward=z > 0)
    bow_to_length(outline, "armhole", cap_edge)
    return outline


def cuff_half(name, end_half, start, depth, z, shoulder):
    """A left cuff half, a band ``depth`` cm long starting ``start`` cm down the arm from the shoulder tip."""
    points = {
        "end_under": (start, -end_half),
        "cuff_under": (start + depth, -end_half),
        "cuff_top": (start + depth, 0.0),
        "end_top": (start, 0.0),
    }
    edges = [
        Edge("end_under", "cuff_under", "under"),
        Edge("cuff_under", "cuff_top", "hem"),
        Edge("cuff_top", "end_top", "top"),
        Edge("end_top", "end_under", "end"),
    ]
    outline = Outline(name, points, edges, (shoulder[0], shoulder[1], z), (0.0, 0.0, -ARM_ANGLE))
    return outline.facing(outward=z > 0)


def sleeves(garment, length, bicep, end, cap_depth, cuff=0.0, shoulder_x=20.0):
    """Both sleeves (and cuffs when ``cuff`` > 0 cm), sewn into the bodice armholes."""
    shoulder = (shoulder_x + 1.0, NECK_Y - 4.0)
    for side, z in (("f", 15.0), ("b", -12.0)):
        armhole = edge_length(garment.panels[f"left_{side}torso"], "armhole")
        left = sleeve_half(f"left_sleeve_{side}", armhole, cap_depth, bicep / 2, end / 2, length, z, shoulder)
        garment.add(left, left.mirrored(f"right_sleeve_{side}"))
        if cuff:
            band = cuff_half(f"left_cuff_{side}", end / 2, length + 2.0, cuff, z, shoulder)
            garment.add(band, band.mirrored(f"right_cuff_{side}"))
    for half in ("left", "right"):
        for side in ("f", "b"):
            garment.sew(f"{half}_sleeve_{side}", "armhole", f"{half}_{side}torso", "armhole")
            if cuff:
                garment.sew(f"{half}_cuff_{side}", "end", f"{half}_sleeve_{side}", "end")
        garment.sew(f"{half}_sleeve_f", "top", f"{half}_sleeve_b", "top")
        garment.sew(f"{half}_sleeve_f", "under", f"{half}_sleeve_b", "under")
        if cuff:
            garment.sew(f"{half}_cuff_f", "top", f"{half}_cuff_b", "top")
            garment.sew(f"{half}_cuff_f", "under", f"{half}_cuff_b", "under")


# ---- the five garments -----------------------------------------------------------------------------


def hooded_top() -> PatternDraft:
    """A pullover sweatshirt with a two-piece hood and long sleeves with cuffs.

    Chest 94 + 14 cm ease (four halves of 27 cm), length 62 cm from the side neck point (to the high
    hip), armhole depth 25 cm, dropped shoulder (half width 20.5 cm), sleeve 46 cm + 6 cm cuff, bicep
    36 cm, cuff 22 cm round. The hood is 35 cm high and 26 cm deep, sewn to the whole neckline (front
    neck 9 cm deep, back 2 cm), its halves joined over the crown and down the back of the head.
    """
    garment = PatternDraft("hooded_top")
    bodice(garment, 27.0, 62.0, 37.0, 20.5, 8.5, 9.0, 2.0)
    sleeves(garment, 46.0, 36.0, 22.0, 12.0, cuff=6.0, shoulder_x=20.5)
    back_neck = edge_length(garment.panels["right_btorso"], "neck")
    front_neck = edge_length(garment.panels["right_ftorso"], "neck")
    # Right half beside the head: panel x forward (world +z), y up from the side neck point.
    points = {
        "neck_c_b": (-8.0, -2.0),  # centre back of the neckline
        "neck_s": (0.0, 0.0),
        "neck_c": (9.0, -9.0),  # centre front of the neckline
        "face_top": (10.0, 30.0),
        "crown": (-5.0, 35.0),
    }
    edges = [
        Edge("neck_c_b", "neck_s", "neck_back"),
        Edge("neck_s", "neck_c", "neck_front", [[0.5, 0.1]]),
        Edge("neck_c", "face_top", "face"),
        Edge("face_top", "crown", "top", [[0.5, -0.12]]),
        Edge("crown", "neck_c_b", "back", [[0.5, -0.25]]),
    ]
    right = Outline("right_hood", points, edges, (-8.0, NECK_Y + 2.0, 0.0), (0.0, -90.0, 0.0))
    right = right.facing(outward=True)
    bow_to_length(right, "neck_back", back_neck)
    bow_to_length(right, "neck_front", front_neck)
    left = right.mirrored("left_hood")
    garment.add(right, left)
    for half in ("left", "right"):
        garment.sew(f"{half}_hood", "neck_back", f"{half}_btorso", "neck", {"neck_c_b": "neck_c"})
        garment.sew(f"{half}_hood", "neck_front", f"{half}_ftorso", "neck")
    garment.sew("right_hood", "top", "left_hood", "top")
    garment.sew("right_hood", "back", "left_hood", "back")
    return garment


def collared_shirt() -> PatternDraft:
    """A button-front shirt (fronts sewn shut at the centre) with a flat collar and cuffed long sleeves.

    Chest 94 + 6 cm ease, length 70 cm from the side neck point, armhole depth 22 cm, shoulder half
    width 19.5 cm, sleeve 45 cm + 6 cm cuff (arm 49 cm), bicep 32 cm, cuff 23 cm round. The collar is a ring
    sector 7 cm wide whose neck edge (9 cm radius) runs the whole neckline: it lies on the shoulders.
    """
    garment = PatternDraft("collared_shirt")
    bodice(garment, 25.0, 70.0, 48.0, 19.5, 7.5, 8.0, 2.0)
    sleeves(garment, 45.0, 32.0, 23.0, 9.0, cuff=6.0, shoulder_x=19.5)
    front = edge_length(garment.panels["left_ftorso"], "neck")
    back = edge_length(garment.panels["left_btorso"], "neck")
    inner, outer = 9.0, 16.0
    side = back / inner
    half = (front + back) / inner
    origin = np.array([0.0, -inner])

    def at(radius, angle):
        return tuple(origin + radius * np.array([np.sin(angle), np.cos(angle)]))

    def arc(start, end, radius, a0, a1):
        middle = (a0 + a1) / 2
        control = origin + radius / np.cos((a1 - a0) / 2) * np.array([np.sin(middle), np.cos(middle)])
        return [through(points[start], points[end], control)]

    angles = {"cf_r": -half, "neck_s_r": -side, "cb": 0.0, "neck_s_l": side, "cf_l": half}
    points = {name: at(inner, angle) for name, angle in angles.items()}
    outer_angles = {"out_cf_l": half, "out_l": half / 2, "out_c": 0.0, "out_r": -half / 2, "out_cf_r": -half}
    points |= {name: at(outer, angle) for name, angle in outer_angles.items()}
    chain = [("cf_r", "neck_s_r", "neck_fr"), ("neck_s_r", "cb", "neck_br"), ("cb", "neck_s_l", "neck_bl"),
             ("neck_s_l", "cf_l", "neck_fl")]  # fmt: skip
    edges = [Edge(a, b, name, arc(a, b, inner, angles[a], angles[b])) for a, b, name in chain]
    edges.append(Edge("cf_l", "out_cf_l", "end_l"))
    outer_chain = [("out_cf_l", "out_l"), ("out_l", "out_c"), ("out_c", "out_r"), ("out_r", "out_cf_r")]
    for index, (a, b) in enumerate(outer_chain):
        edges.append(Edge(a, b, f"outer_{index}", arc(a, b, outer, outer_angles[a], outer_angles[b])))
    edges.append(Edge("out_cf_r", "cf_r", "end_r"))
    collar = Outline("collar", points, edges, (0.0, NECK_Y + 1.0, -12.0)).facing(outward=False)
    garment.add(collar)
    for half_name, tag in (("right", "r"), ("left", "l")):
        garment.sew(
            "collar",
            f"neck_f{tag}",
            f"{half_name}_ftorso",
            "neck",
            {f"cf_{tag}": "neck_c", f"neck_s_{tag}": "neck_s"},
        )
        garment.sew(
            "collar",
            f"neck_b{tag}",
            f"{half_name}_btorso",
            "neck",
            {"cb": "neck_c", f"neck_s_{tag}": "neck_s"},
        )
    return garment


def pant_half(name, top, waist, hip, hip_y, crotch_y, extension, hem_y, hem_half, z):
    """A left trouser leg half (front when ``z`` > 0): centre seam at x = 0, crotch point at -``extension``.

    ``waist`` and ``hip`` are its widths (cm) at the top and at ``hip_y``; the hem, ``2 * hem_half``
    wide, is centred under the leg.
    """
    leg_centre = (hip - extension) / 2
    points = {
        "hem_in": (leg_centre - hem_half, hem_y),
        "hem_out": (leg_centre + hem_half, hem_y),
        "hip_s": (hip, hip_y),
        "waist_s": (waist, top),
        "waist_c": (0.0, top),
        "hip_c": (0.0, hip_y + 2.0),
        "crotch": (-extension, crotch_y),
    }
    seat = [through(points["hip_c"], points["crotch"], (0.0, crotch_y + 1.0))]
    edges = [
        Edge("hem_in", "hem_out", "hem"),
        Edge("hem_out", "hip_s", "outseam"),
        Edge("hip_s", "waist_s", "hip", [[0.5, -0.04]]),
        Edge("waist_s", "waist_c", "waist"),
        Edge("waist_c", "hip_c", "centre"),
        Edge("hip_c", "crotch", "crotch", seat),
        Edge("crotch", "hem_in", "inseam"),
    ]
    return Outline(name, points, edges, (0.0, 0.0, z)).facing(outward=z > 0)


def pants(garment, top, front, back, hem_y, crotch_y):
    """Both legs, front and back halves, sewn at the side, inside leg and centre seams.

    ``front`` and ``back`` are (waist width, hip width, crotch extension, hem half width) in cm.
    """
    hip_y = WAIST_Y - 20.5
    for tag, z, (waist, hip, extension, hem_half) in (("f", 20.0, front), ("b", -15.0, back)):
        left = pant_half(f"pant_{tag}_l", top, waist, hip, hip_y, crotch_y, extension, hem_y, hem_half, z)
        garment.add(left, left.mirrored(f"pant_{tag}_r"))
    for leg in ("l", "r"):
        for seam in ("outseam", "hip", "inseam"):
            garment.sew(f"pant_f_{leg}", seam, f"pant_b_{leg}", seam)
    for tag in ("f", "b"):
        for seam in ("centre", "crotch"):
            garment.sew(f"pant_{tag}_l", seam, f"pant_{tag}_r", seam)


def jumpsuit() -> PatternDraft:
    """A short-sleeved jumpsuit: a loose bodice (chest 94 + 10 cm) bloused 3 cm over the waist seam,
    straight trouser legs (hip 101 + 11 cm, hem 44 cm round) to the ankle, crotch 2.5 cm below the body's.
    """
    garment = PatternDraft("jumpsuit")
    length = NECK_Y - WAIST_Y + 3.0
    bodice(garment, 26.0, length, length - 23.0, 19.5, 8.0, 8.0, 2.0)
    sleeves(garment, 18.0, 34.0, 32.0, 10.0, shoulder_x=19.5)
    top = NECK_Y - length
    pants(garment, top, (26.0, 27.0, 5.0, 10.0), (26.0, 29.0, 9.0, 12.0), 6.0, CROTCH_Y - 2.5)
    for half, leg in (("left", "l"), ("right", "r")):
        for side in ("f", "b"):
            garment.sew(f"{half}_{side}torso", "hem", f"pant_{side}_{leg}", "waist",
                        {"hem_c": "waist_c", "hem_s": "waist_s"})  # fmt: skip
    return garment


def wide_trousers() -> PatternDraft:
    """Wide-leg trousers on a 4 cm waistband: waist 78 + 2 cm, hip 101 + 6 cm, hem 68 cm round 9 cm
    above the floor, crotch 2 cm below the body's."""
    garment = PatternDraft("wide_trousers")
    band_top = WAIST_Y + 2.0
    top = band_top - 4.0
    pants(garment, top, (19.5, 26.0, 5.5, 16.0), (20.5, 27.5, 10.0, 18.0), 9.0, CROTCH_Y - 2.0)
    for tag, z, half in (("front", 22.0, 19.5), ("back", -17.0, 20.5)):
        points = {"wb_s_r": (-half, 0.0), "wb_c": (0.0, 0.0), "wb_s_l": (half, 0.0),
                  "wbt_l": (half, 4.0), "wbt_r": (-half, 4.0)}  # fmt: skip
        edges = [
            Edge("wb_s_r", "wb_c", "bottom_r"),
            Edge("wb_c", "wb_s_l", "bottom_l"),
            Edge("wb_s_l", "wbt_l", "side_l"),
            Edge("wbt_l", "wbt_r", "top"),
            Edge("wbt_r", "wb_s_r", "side_r"),
        ]
        band = Outline(f"wb_{tag}", points, edges, (0.0, top, z)).facing(outward=z > 0)
        garment.add(band)
    for tag in ("l", "r"):
        garment.sew("wb_front", f"side_{tag}", "wb_back", f"side_{tag}")
        for band, side in (("wb_front", "f"), ("wb_back", "b")):
            garment.sew(band, f"bottom_{tag}", f"pant_{side}_{tag}", "waist",
                        {"wb_c": "waist_c", f"wb_s_{tag}": "waist_s"})  # fmt: skip
    return garment


def six_gore_skirt(gores: int = 6) -> PatternDraft:
    """An A-line skirt of six gores round the body, no waistband: waist 78 + 2 cm, hip 101 + 5 cm at
    22.5 cm below its top, hem 180 cm round, 58 cm long (to just above the knee)."""
    garment = PatternDraft("six_gore_skirt")
    top, hip, hem = 80.0 / gores / 2, 106.0 / gores / 2, 180.0 / gores / 2
    points = {"hem_l": (-hem, -58.0), "hem_r": (hem, -58.0), "hip_r": (hip, -22.5), "top_r": (top, 0.0),
              "top_l": (-top, 0.0), "hip_l": (-hip, -22.5)}  # fmt: skip
    edges = [
        Edge("hem_l", "hem_r", "hem", [[0.5, -0.03]]),
        Edge("hem_r", "hip_r", "lower_r"),
        Edge("hip_r", "top_r", "upper_r", [[0.5, -0.03]]),
        Edge("top_r", "top_l", "top"),
        Edge("top_l", "hip_l", "upper_l", [[0.5, -0.03]]),
        Edge("hip_l", "hem_l", "lower_l"),
    ]
    for index in range(gores):
        angle = 360.0 * index / gores
        radius = 22.0
        translation = (radius * np.sin(np.radians(angle)), WAIST_Y + 2.0, radius * np.cos(np.radians(angle)))
        gore = Outline(f"skirt_panel_{index}", points, edges, translation, (0.0, angle, 0.0))
        garment.add(gore.facing(outward=True))
    for index in range(gores):
        right, left = f"skirt_panel_{index}", f"skirt_panel_{(index + 1) % gores}"
        garment.sew(right, "upper_r", left, "upper_l", {"hip_r": "hip_l", "top_r": "top_l"})
        garment.sew(right, "lower_r", left, "lower_l", {"hip_r": "hip_l", "hem_r": "hem_l"})
    return garment


if __name__ == "__main__":
    for draft in (hooded_top, collared_shirt, jumpsuit, wide_trousers, six_gore_skirt):
        print(draft().write(HERE))
