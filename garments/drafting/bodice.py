"""The bodice block shared by the T-shirt, tank top and shirt dress: front, back, sleeves, neckband.

Panels are drawn in cm as seen from the front of the body, origin at the centre of the hem, y up.
Vertex and edge numbering is fixed (see ``FRONT_EDGES`` and ``BACK_EDGES``) so garments can sew to it.
"""

from dataclasses import dataclass

import numpy as np

from garments.curves import edge_length
from garments.drafting.draft import PanelDraft, arm_rotation, cubic, reversed_curve, seam

__all__ = [
    "BodiceSpec",
    "bodice_panels",
    "bodice_seams",
    "sleeve_panels",
    "sleeve_seams",
    "neckband_panel",
    "neckband_seams",
    "FRONT_EDGES",
    "BACK_EDGES",
    "ARM_DIRECTION",
    "SHOULDER_HEIGHT_RATIO",
]

# Edge indices of the front (counter-clockwise from the hem's right end) and back (clockwise).
FRONT_EDGES = {
    "hem": 0, "left_side": (1, 2, 3), "left_armhole": 4, "left_shoulder": 5, "neckline": 6,
    "right_shoulder": 7, "right_armhole": 8, "right_side": (9, 10, 11),
}  # fmt: skip
BACK_EDGES = {
    "hem": 0, "right_side": (1, 2, 3), "right_armhole": 4, "right_shoulder": 5, "neckline_right": 6,
    "neckline_left": 7, "left_shoulder": 8, "left_armhole": 9, "left_side": (10, 11, 12),
}  # fmt: skip

# Direction of the left upper arm in a relaxed A-pose (right arm mirrored), for GarmentCode's 3D layout.
ARM_DIRECTION = (0.68, -0.73, 0.0)
# Height of the side neck point as a share of body height (about 0.82 in adult anthropometric tables).
SHOULDER_HEIGHT_RATIO = 0.82


@dataclass
class BodiceSpec:
    """Bodice dimensions in cm: half-widths across the panel, depths measured down from the side neck point.

    ``length`` is side-neck-point to hem; ``hip_depth`` must not exceed it.
    """

    chest_half: float
    waist_half: float
    hip_half: float
    hem_half: float
    length: float
    underarm_depth: float
    waist_depth: float
    hip_depth: float
    neck_half: float
    front_neck_depth: float
    back_neck_depth: float
    shoulder_half: float
    shoulder_drop: float
    front_scoop: float
    back_scoop: float
    body_height: float


def _side_points(spec: BodiceSpec, sign: float) -> list:
    """Hem corner then hip, waist, underarm on one side (sign +1: body's left)."""
    top = spec.length
    return [
        (sign * spec.hem_half, 0.0),
        (sign * spec.hip_half, top - spec.hip_depth),
        (sign * spec.waist_half, top - spec.waist_depth),
        (sign * spec.chest_half, top - spec.underarm_depth),
    ]


def _armhole(underarm, tip, scoop: float):
    """Armhole curve from the underarm point up to the shoulder tip; ``scoop`` cm sets how far it dips in."""
    underarm, tip = np.asarray(underarm), np.asarray(tip)
    inward = np.sign(tip[0] - underarm[0])
    control_1 = underarm + np.array([inward * scoop, 0.6])
    control_2 = tip + np.array([-inward * 0.4, -(tip[1] - underarm[1]) * 0.45])
    return cubic(underarm, tip, control_1, control_2)


def bodice_panels(spec: BodiceSpec, material: str) -> tuple[PanelDraft, PanelDraft]:
    """Front and back panels of the bodice (see ``FRONT_EDGES``, ``BACK_EDGES`` for the edge numbers)."""
    top = spec.length
    shoulder_y = top - spec.shoulder_drop
    left, right = _side_points(spec, 1.0), _side_points(spec, -1.0)
    left_tip, right_tip = (spec.shoulder_half, shoulder_y), (-spec.shoulder_half, shoulder_y)
    left_neck, right_neck = (spec.neck_half, top), (-spec.neck_half, top)
    front_points = [right[0], *left, left_tip, left_neck, right_neck, right_tip, *right[:0:-1]]
    # A symmetric cubic dips three quarters of the way to its control points.
    neck_dip = top - spec.front_neck_depth / 0.75
    front_curves = {
        4: _armhole(left[3], left_tip, spec.front_scoop),
        6: cubic(left_neck, right_neck, (spec.neck_half * 0.9, neck_dip), (-spec.neck_half * 0.9, neck_dip)),
        8: _reversed_armhole(right[3], right_tip, spec.front_scoop),
    }
    back_centre = (0.0, top - spec.back_neck_depth)
    back_points = [left[0], *right, right_tip, right_neck, back_centre, left_neck, left_tip, *left[:0:-1]]
    back_curves = {
        4: _armhole(right[3], right_tip, spec.back_scoop),
        6: cubic(
            right_neck,
            back_centre,
            (-spec.neck_half * 0.6, top - spec.back_neck_depth * 0.3),
            (-spec.neck_half * 0.3, top - spec.back_neck_depth),
        ),
        7: cubic(
            back_centre,
            left_neck,
            (spec.neck_half * 0.3, top - spec.back_neck_depth),
            (spec.neck_half * 0.6, top - spec.back_neck_depth * 0.3),
        ),
        9: _reversed_armhole(left[3], left_tip, spec.back_scoop),
    }
    hem_y = SHOULDER_HEIGHT_RATIO * spec.body_height - top
    front = PanelDraft(
        "front", front_points, "torso", "front", material, front_curves, translation=(0.0, hem_y, 15.0)
    )
    back = PanelDraft(
        "back", back_points, "torso", "back", material, back_curves, translation=(0.0, hem_y, -15.0)
    )
    return front, back


def _reversed_armhole(underarm, tip, scoop: float):
    """Armhole from the shoulder tip down to the underarm point (``_armhole`` run backwards)."""
    return reversed_curve(_armhole(underarm, tip, scoop))


def bodice_seams(front: str = "front", back: str = "back") -> list:
    """Side and shoulder seams joining the front and back bodice."""
    seams = []
    for side in ("left_side", "right_side"):
        pairs = zip(FRONT_EDGES[side], BACK_EDGES[side][::-1], strict=True)
        seams += [seam(front, front_edge, back, back_edge) for front_edge, back_edge in pairs]
    seams.append(seam(front, FRONT_EDGES["left_shoulder"], back, BACK_EDGES["left_shoulder"]))
    seams.append(seam(front, FRONT_EDGES["right_shoulder"], back, BACK_EDGES["right_shoulder"]))
    return seams


def _panel_edge_length(panel: PanelDraft, index: int) -> float:
    count = len(panel.points)
    return edge_length(panel.points[index], panel.points[(index + 1) % count], panel.curves.get(index))


def _cap_curve(underarm, top, scoop: float):
    underarm, top = np.asarray(underarm), np.asarray(top)
    return cubic(underarm, top, (underarm[0] * (1 - scoop), underarm[1] + 0.1), (underarm[0] * 0.3, top[1]))


def _cap_length(bicep_half: float, cap_height: float, front_scoop: float, back_scoop: float) -> float:
    underarm_back, underarm_front, top = (bicep_half, 0.0), (-bicep_half, 0.0), (0.0, cap_height)
    return edge_length(underarm_back, top, _cap_curve(underarm_back, top, back_scoop)) + edge_length(
        top, underarm_front, _reversed_cap(underarm_front, top, front_scoop)
    )


def _reversed_cap(underarm, top, scoop: float):
    return reversed_curve(_cap_curve(underarm, top, scoop))


def sleeve_panels(
    front: PanelDraft,
    back: PanelDraft,
    bicep_half: float,
    hem_half: float,
    length: float,
    material: str,
    body_height: float,
) -> tuple[PanelDraft, PanelDraft]:
    """Left and right sleeves whose caps match the bodice armholes in length.

    Edge numbers: 0 hem, 1 and 4 the underarm seam, 2 and 3 the cap (2 on the +x side). On the left
    sleeve +x is the back of the arm, on the right sleeve the front, so the pair are mirror images.
    """
    armhole = _panel_edge_length(front, FRONT_EDGES["left_armhole"]) + _panel_edge_length(
        back, BACK_EDGES["left_armhole"]
    )
    front_scoop, back_scoop = 0.62, 0.5
    low, high = 1.0, length - 2.0
    for _ in range(60):
        cap_height = (low + high) / 2
        if _cap_length(bicep_half, cap_height, front_scoop, back_scoop) < armhole:
            low = cap_height
        else:
            high = cap_height
    cap_height = (low + high) / 2
    underarm_y = length - cap_height
    cap_top_height = SHOULDER_HEIGHT_RATIO * body_height - 4.0
    sleeves = []
    for name, sign in (("left_sleeve", 1.0), ("right_sleeve", -1.0)):
        plus_scoop, minus_scoop = (back_scoop, front_scoop) if sign > 0 else (front_scoop, back_scoop)
        curves = {
            2: _cap_curve((bicep_half, 0.0), (0.0, cap_height), plus_scoop),
            3: _reversed_cap((-bicep_half, 0.0), (0.0, cap_height), minus_scoop),
        }
        direction = np.array([sign * ARM_DIRECTION[0], ARM_DIRECTION[1], ARM_DIRECTION[2]])
        cap_top = np.array([sign * (front.points[5][0] + 1.0), cap_top_height, 0.0])
        points = [
            (-hem_half, 0.0),
            (hem_half, 0.0),
            (bicep_half, underarm_y),
            (0.0, length),
            (-bicep_half, underarm_y),
        ]
        part = "left_arm" if sign > 0 else "right_arm"
        sleeves.append(
            PanelDraft(
                name,
                points,
                part,
                "top",
                material,
                curves,
                translation=tuple(cap_top + direction * length),
                rotation=arm_rotation(direction),
            )
        )
    return sleeves[0], sleeves[1]


def sleeve_seams(front: str = "front", back: str = "back") -> list:
    """Underarm seams of both sleeves and the seams setting them into the armholes."""
    return [
        seam("left_sleeve", 1, "left_sleeve", 4),
        seam("right_sleeve", 1, "right_sleeve", 4),
        seam("left_sleeve", 2, back, BACK_EDGES["left_armhole"]),
        seam("left_sleeve", 3, front, FRONT_EDGES["left_armhole"]),
        seam("right_sleeve", 2, front, FRONT_EDGES["right_armhole"]),
        seam("right_sleeve", 3, back, BACK_EDGES["right_armhole"]),
    ]


def neckband_panel(
    front: PanelDraft,
    back: PanelDraft,
    height: float,
    stretch: float,
    material: str,
    body_height: float,
    name: str = "neckband",
) -> PanelDraft:
    """A neckband loop ``stretch`` times the neckline length, sewn on stretched; closes at centre back.

    Edge numbers: 0 back-right neckline, 1 front neckline, 2 back-left neckline, 3 and 5 the ends
    (the closing seam), 4 the folded top edge.
    """
    front_length = _panel_edge_length(front, FRONT_EDGES["neckline"]) * stretch
    back_right = _panel_edge_length(back, BACK_EDGES["neckline_right"]) * stretch
    back_left = _panel_edge_length(back, BACK_EDGES["neckline_left"]) * stretch
    start = -(front_length / 2 + back_right)
    end = front_length / 2 + back_left
    points = [
        (start, 0.0),
        (-front_length / 2, 0.0),
        (front_length / 2, 0.0),
        (end, 0.0),
        (end, height),
        (start, height),
    ]
    labels = {0: "stretch", 1: "stretch", 2: "stretch"} if stretch < 1.0 else {}
    neck_y = SHOULDER_HEIGHT_RATIO * body_height + 1.0
    return PanelDraft(
        name,
        points,
        "neck",
        "front",
        material,
        labels=labels,
        grain=(1.0, 0.0),
        translation=(0.0, neck_y, 12.0),
    )


def neckband_seams(front: str = "front", back: str = "back", band: str = "neckband") -> list:
    """The neckband sewn round the neckline and closed at centre back."""
    return [
        seam(band, 0, back, BACK_EDGES["neckline_right"]),
        seam(band, 1, front, FRONT_EDGES["neckline"]),
        seam(band, 2, back, BACK_EDGES["neckline_left"]),
        seam(band, 3, band, 5),
    ]
