"""What a panel is for: the body part it wraps, which side it faces, and its grain, when a file doesn't say.

GarmentCode files carry no body-part labels fitroom can rely on, so the role comes from the panel's name
(``left_sleeve_f``, ``skirt_back``, ``right_btorso``) and, failing that, from where GarmentCode's own
translation puts it (in front of the body when z > 0, on the body's left when x > 0).
"""

import numpy as np
from scipy.spatial.transform import Rotation

__all__ = ["PARTS", "panel_role", "garmentcode_points", "default_grain"]

PARTS = ("torso", "neck", "left_arm", "right_arm", "left_leg", "right_leg")

_ARM_WORDS = ("sleeve", "arm", "cuff")
_LEG_WORDS = ("pant", "trouser", "leg")
_NECK_WORDS = ("collar", "neck", "hood")
_FRONT_WORDS = ("front", "ftorso", "_f")
_BACK_WORDS = ("back", "btorso", "_b")


def garmentcode_points(panel, points: np.ndarray) -> np.ndarray:
    """Panel-frame points (K, 2) moved to GarmentCode's 3D placement (K, 3), metres."""
    rotation = Rotation.from_euler("XYZ", panel.rotation, degrees=True)
    flat = np.column_stack([points, np.zeros(len(points))])
    return rotation.apply(flat) + panel.translation


def default_grain(rotation_deg) -> np.ndarray:
    """The panel-frame axis (unit, (2,)) nearest to world vertical once the panel is rotated into place."""
    up_in_panel = Rotation.from_euler("XYZ", rotation_deg, degrees=True).inv().apply([0.0, 1.0, 0.0])[:2]
    return np.array([0.0, 1.0]) if abs(up_in_panel[1]) >= abs(up_in_panel[0]) else np.array([1.0, 0.0])


def _has_any(name: str, words) -> bool:
    return any(word in name for word in words)


def panel_role(panel) -> tuple[str, str]:
    """The (part, side) a panel wraps: its own fields when set, else inferred from name and placement.

    Returns
    -------
    part : str
        One of ``PARTS``.
    side : str
        ``front`` or ``back``.
    """
    name = panel.name.lower()
    centre = garmentcode_points(panel, panel.vertices).mean(axis=0)
    part = panel.part
    if not part:
        body_side = "left" if (("left" in name) or ("right" not in name and centre[0] > 0)) else "right"
        if _has_any(name, _ARM_WORDS):
            part = f"{body_side}_arm"
        elif _has_any(name, _LEG_WORDS) and panel.label != "leg" and "skirt" not in name:
            part = f"{body_side}_leg"
        elif _has_any(name, _NECK_WORDS):
            part = "neck"
        else:
            part = "torso"
    side = panel.side
    if not side:
        if _has_any(name, _BACK_WORDS) and not name.endswith("_f"):
            side = "back"
        elif _has_any(name, _FRONT_WORDS):
            side = "front"
        else:
            side = "front" if centre[2] >= 0 else "back"
    return part, side
