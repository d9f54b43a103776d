"""Sleeves and cuffs: wrapped onto a tube along the arm (shoulder, elbow, wrist, hand), starting at the
shoulder joint, their panels laid round it as GarmentCode lays them round its own arm."""

import numpy as np
from scipy.spatial import cKDTree

from garments.body_sections import limb_vertices
from garments.panel_roles import garmentcode_points
from garments.placement.rows import ROW, fill_gaps, required_perimeter, running_mean, smooth

__all__ = ["place_on_arm", "world_direction"]

# How far the sleeve cap starts out along the arm from the shoulder joint (m).
_SLEEVE_START = 0.02
# An arm's cross-section reaches at most this many times its median distance from the arm's axis.
_ARM_RING_SPREAD = 1.6
# How much wider than the lower upper arm a sleeve may be laid near the shoulder.
_SHOULDER_FLARE = 1.2
# The arm's centre line is sampled this often (m) and rounded over this length at elbow and wrist.
_STEP = 0.005
_CORNER = 0.04


def world_direction(panel, direction: np.ndarray) -> np.ndarray:
    """A panel-frame direction (2,) turned into GarmentCode's 3D frame (3,)."""
    ends = garmentcode_points(panel, np.array([[0.0, 0.0], direction]))
    return ends[1] - ends[0]


def _square_axes(along: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit ``up`` (toward +Y) and ``front`` (toward +Z) directions square to a limb along ``along``."""
    up = np.array([0.0, 1.0, 0.0]) - along[1] * along
    up /= np.linalg.norm(up)
    front = np.cross(along, up)
    return up, front * np.sign(front[2])


def _turned(vector: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """``vector`` (3,) turned by the smallest rotation taking unit ``start`` to unit ``end``."""
    axis = np.cross(start, end)
    sine, cosine = np.linalg.norm(axis), float(start @ end)
    if sine < 1e-9:
        return vector
    axis /= sine
    return vector * cosine + np.cross(axis, vector) * sine + axis * (axis @ vector) * (1 - cosine)


class _ArmLine:
    """The arm's centre line from the shoulder joint through elbow, wrist and hand, corners rounded
    over ``_CORNER`` m, sampled every ``_STEP`` m with a frame carried along it without twist."""

    def __init__(self, joints: np.ndarray, reach: float):
        segments = np.diff(joints, axis=0)
        lengths = np.linalg.norm(segments, axis=1)
        ends = np.concatenate([[0.0], np.cumsum(lengths)])
        self.s = np.arange(-_CORNER, max(reach, ends[-1]) + _CORNER + _STEP, _STEP)
        index = np.clip(np.searchsorted(ends, self.s, side="right") - 1, 0, len(segments) - 1)
        raw = joints[index] + (self.s - ends[index])[:, None] * (segments[index] / lengths[index, None])
        width = int(round(_CORNER / _STEP)) * 2 + 1
        self.points = np.column_stack([running_mean(raw[:, k], width) for k in range(3)])
        self.points[0] = raw[0]
        tangent = np.gradient(self.points, axis=0)
        self.along = tangent / np.linalg.norm(tangent, axis=1, keepdims=True)
        up, front = _square_axes(self.along[0])
        self.up, self.front = np.zeros_like(self.along), np.zeros_like(self.along)
        for k in range(len(self.s)):
            if k:
                up = _turned(up, self.along[k - 1], self.along[k])
                front = _turned(front, self.along[k - 1], self.along[k])
            self.up[k], self.front[k] = up, front

    def at(self, s: np.ndarray) -> np.ndarray:
        """Sample index (K,) nearest to arc lengths ``s`` (K,) m from the shoulder joint."""
        return np.clip(np.round((s - self.s[0]) / _STEP).astype(int), 0, len(self.s) - 1)

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Arc length (P,) along the line and distance (P,) from it of ``points`` (P, 3)."""
        distance, nearest = cKDTree(self.points).query(points)
        return self.s[nearest], distance


def place_on_arm(body, limb, world, panel_of_vertex, sides, grains, clearance):
    """3D positions (K, 3) of sleeve vertices laid out in GarmentCode's frame at ``world`` (K, 3).

    ``sides`` names each panel's side (``front``, ``back``, ``top``, ``under``), ``grains`` (P, 3) are
    the sleeve panels' grains in GarmentCode's frame, ``clearance`` the gap to the arm (m). A sleeve
    (and its cuff) follows the arm past the elbow and wrist, bending where the arm bends.
    """
    # GarmentCode's arm runs along the sleeves' grain, pointing away from the body's centre line: each
    # panel's grain is turned that way first, as a grain drawn either way along the arm means the same.
    side_sign = 1.0 if limb.startswith("left") else -1.0
    outward = np.where(side_sign * grains[:, 0] < 0, -1.0, 1.0)
    along_gc = (grains * outward[:, None]).mean(axis=0)
    along_gc /= np.linalg.norm(along_gc)
    up_gc, front_gc = _square_axes(along_gc)
    side = limb.split("_")[0]
    joints = np.array(
        [body.joint(f"{side}_{name}") for name in ("shoulder", "elbow", "wrist", "hand")], np.float64
    )
    axial = world @ along_gc
    axial -= axial.min()
    t_vertex = _SLEEVE_START + axial
    line = _ArmLine(joints, float(t_vertex.max()))
    arc = np.zeros(len(world))
    centre_dirs = np.zeros((len(world), 3))
    arc_dirs = np.zeros((len(world), 3))
    sample = line.at(t_vertex)
    up, front = line.up[sample], line.front[sample]
    directions = {"front": (front, up, up_gc), "back": (-front, up, up_gc),
                  "top": (up, front, front_gc), "under": (-up, front, front_gc)}  # fmt: skip
    for panel in np.unique(panel_of_vertex):
        mine = panel_of_vertex == panel
        centre_dir, arc_dir, arc_dir_gc = directions[sides[panel]]
        coordinate = world[mine] @ arc_dir_gc
        arc[mine] = coordinate - (coordinate.max() + coordinate.min()) / 2
        centre_dirs[mine], arc_dirs[mine] = centre_dir[mine], arc_dir[mine]
    vertices = np.asarray(body.vertices, np.float64)
    t_body, radial = line.project(vertices[limb_vertices(body, limb)])
    rows = np.arange(0.0, t_vertex.max() + 3 * ROW, ROW)
    radius = []
    for row in rows:
        ring = radial[np.abs(t_body - row) < ROW]
        # Near the shoulder the arm's bones also claim the side of the chest, which lies well beyond the
        # arm's own ring of vertices: keep only what is within reach of the ring's median.
        ring = ring[ring <= _ARM_RING_SPREAD * np.median(ring)] if len(ring) else ring
        radius.append((ring.max(),) if len(ring) else None)
    radius = fill_gaps(radius)[:, 0]
    # Sections close to the shoulder cut through the deltoid and the chest; the sleeve follows the arm's
    # own girth, measured on the lower half of the upper arm, and what it meets higher up is pushed clear.
    upper_arm = np.linalg.norm(joints[1] - joints[0])
    free = (rows > 0.5 * upper_arm) & (rows < 0.95 * upper_arm)
    if free.any():
        radius = np.minimum(radius, _SHOULDER_FLARE * radius[free].min())
    radius = smooth(radius) + clearance
    row_of_vertex = np.clip(np.round(t_vertex / ROW).astype(int), 0, len(rows) - 1)
    needed = required_perimeter(row_of_vertex, panel_of_vertex, arc, len(rows), 1.05)
    radius = np.maximum(radius, smooth(needed / (2 * np.pi)))
    r = np.interp(t_vertex, rows, radius)
    angle = arc / r
    return line.points[sample] + r[:, None] * (
        np.cos(angle)[:, None] * centre_dirs + np.sin(angle)[:, None] * arc_dirs
    )
