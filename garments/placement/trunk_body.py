"""The body a trunk surface wraps: every vertex but the arms below the shoulders.

A slice of the trunk drops a hanging arm only past a gap of open air (``trunk_slice_ellipse``), and
just below the shoulders the arm touches the side of the chest, so those slices reach round both arms.
A bodice laid on them would wrap the arms, stand out into the sleeves' way under the armpits and start
through them. Below each shoulder joint the arm is cut off along the line that halves the angle
between the upper arm and the trunk (which hangs straight down), seen from the front: the crease of
the armpit.
"""

import numpy as np

__all__ = ["trunk_vertices"]


def _beyond_armpit(vertices: np.ndarray, shoulder: np.ndarray, elbow: np.ndarray) -> np.ndarray:
    """Mask (V,) of vertices below ``shoulder`` (3,) on the arm's side of its armpit crease."""
    arm = (elbow - shoulder)[:2]
    arm /= max(float(np.linalg.norm(arm)), 1e-9)
    crease = arm + np.array([0.0, -1.0])
    crease /= max(float(np.linalg.norm(crease)), 1e-9)
    outward = np.array([-crease[1], crease[0]])
    if outward @ arm < 0:
        outward = -outward
    offset = vertices[:, :2] - shoulder[:2]
    return (offset @ outward > 0) & (offset[:, 1] < 0)


def trunk_vertices(body) -> np.ndarray:
    """Body vertices (K, 3) m without the arms below the shoulders: what a bodice goes round."""
    vertices = np.asarray(body.vertices, np.float64)
    arms = np.zeros(len(vertices), bool)
    for side in ("left", "right"):
        shoulder = np.asarray(body.joint(f"{side}_shoulder"), np.float64)
        elbow = np.asarray(body.joint(f"{side}_elbow"), np.float64)
        arms |= _beyond_armpit(vertices, shoulder, elbow)
    return vertices[~arms]
