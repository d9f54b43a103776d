"""What a panel is for: the body part it wraps, which side it faces, and its grain, when a file doesn't say.

GarmentCode files carry no body-part labels fitroom can rely on, so the role comes from the words of the
panel's name (``left_sleeve_f``, ``skirt_back``, ``right_btorso``, ``pant_f_l``, ``sl_left_cuff_b``;
a cuff on a trouser leg, ``pant_l_cuff_f``, is the leg's) and, failing that, from where GarmentCode's
own translation puts it (in front of the body when z > 0, on the body's left when x > 0). Names are
read word by word (split at ``_``, ``-``, spaces, digits and lower-to-upper case changes), so
``left_bodice_front`` is a front although it holds ``_b``.
"""

import re

import numpy as np
from scipy.spatial.transform import Rotation

__all__ = ["PARTS", "panel_role", "name_words", "garmentcode_points", "default_grain"]

PARTS = ("torso", "neck", "left_arm", "right_arm", "left_leg", "right_leg")

_ARM_WORDS = {"sleeve", "sleeves", "arm", "cuff", "cuffs", "sl"}
_LEG_WORDS = {"pant", "pants", "trouser", "trousers", "leg", "legs", "pantleg"}
_NECK_WORDS = {"collar", "neck", "hood", "turtle", "lapel", "neckband"}
# Panels of a skirt or of the trunk, whatever else their name says (a skirt is no trouser leg).
_TRUNK_WORDS = {"skirt", "wb", "waistband", "yoke", "bodice", "torso", "ftorso", "btorso"}
_FRONT_WORDS = {"front", "ftorso", "f", "fr"}
_BACK_WORDS = {"back", "btorso", "b", "bk"}
_LEFT_WORDS = {"left", "l", "lt"}
_RIGHT_WORDS = {"right", "r", "rt"}


def name_words(name: str) -> list[str]:
    """The lower-case words of a panel name: ``'leftSleeve_f2'`` -> ``['left', 'sleeve', 'f']``."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return [word for word in re.split(r"[^a-zA-Z]+", spaced.lower()) if word]


def garmentcode_points(panel, points: np.ndarray) -> np.ndarray:
    """Panel-frame points (K, 2) moved to GarmentCode's 3D placement (K, 3), metres."""
    rotation = Rotation.from_euler("XYZ", panel.rotation, degrees=True)
    flat = np.column_stack([points, np.zeros(len(points))])
    return rotation.apply(flat) + panel.translation


def default_grain(rotation_deg) -> np.ndarray:
    """The panel-frame axis (unit, (2,)) nearest to world vertical once the panel is rotated into place."""
    up_in_panel = Rotation.from_euler("XYZ", rotation_deg, degrees=True).inv().apply([0.0, 1.0, 0.0])[:2]
    return np.array([0.0, 1.0]) if abs(up_in_panel[1]) >= abs(up_in_panel[0]) else np.array([1.0, 0.0])


def panel_role(panel) -> tuple[str, str]:
    """The (part, side) a panel wraps: its own fields when set, else inferred from name and placement.

    Returns
    -------
    part : str
        One of ``PARTS``.
    side : str
        ``front`` or ``back``.
    """
    words = set(name_words(panel.name))
    centre = garmentcode_points(panel, panel.vertices).mean(axis=0)
    part = panel.part
    if not part:
        if words & _LEFT_WORDS and not words & _RIGHT_WORDS:
            body_side = "left"
        elif words & _RIGHT_WORDS and not words & _LEFT_WORDS:
            body_side = "right"
        else:
            body_side = "left" if centre[0] > 0 else "right"
        leg = bool(words & _LEG_WORDS) and not words & _TRUNK_WORDS and panel.label != "leg"
        if words & _ARM_WORDS and not leg:
            part = f"{body_side}_arm"
        elif words & _NECK_WORDS:
            part = "neck"
        elif leg:
            part = f"{body_side}_leg"
        else:
            part = "torso"
    side = panel.side
    if not side:
        if words & _BACK_WORDS and not words & _FRONT_WORDS:
            side = "back"
        elif words & _FRONT_WORDS and not words & _BACK_WORDS:
            side = "front"
        else:
            side = "front" if centre[2] >= 0 else "back"
    return part, side
