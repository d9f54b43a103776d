"""Cross-sections of a body for placing panels: which vertices belong to which limb, how wide each slice is.

Vertices are given to the nearest SMPL bone (segment between a joint and its parent). Horizontal slices
of the trunk drop whatever lies beyond the first gap of open air out from the centre line, so hanging
arms and hands never widen the torso.
"""

import numpy as np

from body.skeleton import SMPL_JOINT_NAMES, SMPL_PARENTS

__all__ = ["limb_vertices", "trunk_slice_ellipse", "shoulder_top_height"]

_LIMB_JOINTS = {
    "left_arm": ("left_elbow", "left_wrist", "left_hand"),
    "right_arm": ("right_elbow", "right_wrist", "right_hand"),
    "left_leg": ("left_knee", "left_ankle", "left_foot"),
    "right_leg": ("right_knee", "right_ankle", "right_foot"),
}
# Open air wider than this between the trunk and a hanging arm separates them in a slice (m).
_SLICE_GAP = 0.04
_SLICE_CORE = 0.06


def _segment_distances(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Distances (P, B) from each point to each segment."""
    direction = ends - starts
    length2 = np.maximum((direction**2).sum(axis=1), 1e-12)
    t = np.clip(((points[:, None, :] - starts[None]) * direction[None]).sum(axis=2) / length2, 0.0, 1.0)
    nearest = starts[None] + t[..., None] * direction[None]
    return np.linalg.norm(points[:, None, :] - nearest, axis=2)


def limb_vertices(body, limb: str) -> np.ndarray:
    """Mask (V,) of body vertices nearest to a bone of ``limb`` (``left_arm``, ``right_leg``, ...)."""
    joints = np.asarray(body.joints, dtype=np.float64)
    children = np.arange(1, len(SMPL_PARENTS))
    starts, ends = joints[[SMPL_PARENTS[c] for c in children]], joints[children]
    nearest = np.argmin(_segment_distances(np.asarray(body.vertices, np.float64), starts, ends), axis=1)
    limb_children = [SMPL_JOINT_NAMES.index(name) for name in _LIMB_JOINTS[limb]]
    return np.isin(children[nearest], limb_children)


def _trunk_of_slice(xz: np.ndarray, centre_x: float) -> np.ndarray:
    """Mask of a slice's points (K, 2 as x, z) up to the first gap of open air on each side of the centre."""
    keep = np.ones(len(xz), bool)
    for sign in (1.0, -1.0):
        side = np.flatnonzero(sign * (xz[:, 0] - centre_x) > 0)
        reach = sign * (xz[side, 0] - centre_x)
        order = np.argsort(reach)
        sorted_reach = reach[order]
        gaps = np.flatnonzero((np.diff(sorted_reach) > _SLICE_GAP) & (sorted_reach[:-1] > _SLICE_CORE))
        if len(gaps):
            keep[side[order[gaps[0] + 1 :]]] = False
    return keep


def trunk_slice_ellipse(vertices: np.ndarray, height: float, centre_x: float, half_thickness: float = 0.015):
    """The smallest axis-aligned ellipse (of the slice's own proportions) around the trunk at ``height``.

    Parameters
    ----------
    vertices : (V, 3) float
        Body vertices (metres), already restricted to the region of interest.
    height : float
        Slice height (m).
    centre_x : float
        The body's centre line (m).

    Returns
    -------
    (centre_z, a, b) : tuple of float or None
        Ellipse centre depth and semi-axes across (x) and front-to-back (z), metres; None for an empty slice.
    """
    in_slice = np.abs(vertices[:, 1] - height) < half_thickness
    xz = vertices[in_slice][:, [0, 2]]
    if len(xz) < 8:
        return None
    xz = xz[_trunk_of_slice(xz, centre_x)]
    centre_z = (xz[:, 1].max() + xz[:, 1].min()) / 2
    dx, dz = np.abs(xz[:, 0] - centre_x), np.abs(xz[:, 1] - centre_z)
    a0, b0 = max(dx.max(), 0.02), max(dz.max(), 0.02)
    scale = float(np.sqrt((dx / a0) ** 2 + (dz / b0) ** 2).max())
    return float(centre_z), a0 * scale, b0 * scale


def shoulder_top_height(body) -> float:
    """Height (m) of the side neck point: the top of the shoulder line just beside the neck."""
    vertices = np.asarray(body.vertices, np.float64)
    neck = body.joint("neck")
    beside = (np.abs(np.abs(vertices[:, 0] - neck[0]) - 0.08) < 0.01) & (vertices[:, 1] < neck[1])
    beside &= np.abs(vertices[:, 2] - neck[2]) < 0.08
    return float(vertices[beside, 1].max())
