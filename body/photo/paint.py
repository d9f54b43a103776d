"""Colours painted on a benchmark person's body: skin, a cap of hair and, when dressed tight, leggings and
a tight top.

Tight clothes change a body's outline by a millimetre or two, so they are painted on the skin rather
than draped: what they change in a photo is which parts of the outline show skin.
"""

import numpy as np

from body.body import SMPL_JOINT_NAMES

__all__ = ["paint_person", "LEGGINGS_RGB", "TOP_RGB"]

# Black leggings and a heather-grey top, as people wear to be measured.
LEGGINGS_RGB = (30, 30, 34)
TOP_RGB = (120, 122, 128)

_JOINT = {name: i for i, name in enumerate(SMPL_JOINT_NAMES)}
# Vertices led by these joints are the top's (torso and shoulders); the leggings' (hips to ankles).
_TOP_JOINTS = [_JOINT[n] for n in ("spine1", "spine2", "spine3", "left_collar", "right_collar")]
_LEGGINGS_JOINTS = [_JOINT[n] for n in ("pelvis", "left_hip", "right_hip", "left_knee", "right_knee")]
# Hair covers the head above this fraction of the way from the neck joint up to the top of the head,
# and the back of the head down to the neck joint.
_HAIR_FROM = 0.62


def paint_person(model, rest, clothing: str, skin_rgb, hair_rgb) -> np.ndarray:
    """A colour per vertex (V, 3) uint8 of ``rest`` (a ``Body`` of ``model`` in its rest pose).

    Parameters
    ----------
    model : body.model.BodyModel
    rest : Body
        The body unposed, whose vertex heights and depths pick the hair.
    clothing : str
        ``bare``, ``tight`` (leggings and a tight top painted on) or ``loose`` (bare: the loose shirt is
        draped over it).
    skin_rgb, hair_rgb : (int, int, int)
    """
    weights = model.layer.lbs_weights.detach().numpy()
    leader = weights.argmax(axis=1)
    colours = np.tile(np.asarray(skin_rgb, dtype=np.uint8), (len(rest.vertices), 1))
    neck, head_top = rest.joint("neck"), rest.vertices[:, 1].max()
    y, z = rest.vertices[:, 1], rest.vertices[:, 2]
    on_head = np.isin(leader, [_JOINT["head"], _JOINT["neck"]])
    crown = y > neck[1] + _HAIR_FROM * (head_top - neck[1])
    back = (y > neck[1] + 0.04) & (z < rest.joint("head")[2] - 0.02)
    colours[on_head & (crown | back)] = hair_rgb
    if clothing == "tight":
        ankle = rest.joint("left_ankle")[1]
        colours[np.isin(leader, _LEGGINGS_JOINTS) & (y > ankle + 0.05)] = LEGGINGS_RGB
        colours[np.isin(leader, _TOP_JOINTS)] = TOP_RGB
    return colours
