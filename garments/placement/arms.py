"""Sleeves: wrapped onto a cylinder along the upper arm, starting at the shoulder joint, their panels
laid round it as GarmentCode lays them round its own arm."""

import numpy as np

from garments.body_sections import limb_vertices
from garments.panel_roles import garmentcode_points
from garments.placement.rows import ROW, fill_gaps, required_perimeter, smooth

__all__ = ["place_on_arm", "world_direction"]

# How far the sleeve cap starts out along the arm from the shoulder joint (m).
_SLEEVE_START = 0.02
# An arm's cross-section reaches at most this many times its median distance from the arm's axis.
_ARM_RING_SPREAD = 1.6
# How much wider than the lower upper arm a sleeve may be laid near the shoulder.
_SHOULDER_FLARE = 1.2


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


def place_on_arm(body, limb, world, panel_of_vertex, sides, grains, clearance):
    """3D positions (K, 3) of sleeve vertices laid out in GarmentCode's frame at ``world`` (K, 3).

    ``sides`` names each panel's side (``front``, ``back``, ``top``, ``under``), ``grains`` (P, 3) are
    the sleeve panels' grains in GarmentCode's frame, ``clearance`` the gap to the arm (m).
    """
    # GarmentCode's arm runs along the sleeves' grain, pointing away from the body's centre line.
    along_gc = grains.mean(axis=0)
    side_sign = 1.0 if limb.startswith("left") else -1.0
    along_gc *= side_sign * np.sign(along_gc[0]) or 1.0
    along_gc /= np.linalg.norm(along_gc)
    up_gc, front_gc = _square_axes(along_gc)
    side = limb.split("_")[0]
    shoulder = body.joint(f"{side}_shoulder").astype(np.float64)
    along = body.joint(f"{side}_elbow") - shoulder
    along /= np.linalg.norm(along)
    up, front = _square_axes(along)
    axial = world @ along_gc
    axial -= axial.min()
    arc = np.zeros(len(world))
    centre_dirs = np.zeros((len(world), 3))
    arc_dirs = np.zeros((len(world), 3))
    directions = {"front": (front, up, up_gc), "back": (-front, up, up_gc),
                  "top": (up, front, front_gc), "under": (-up, front, front_gc)}  # fmt: skip
    for panel in np.unique(panel_of_vertex):
        mine = panel_of_vertex == panel
        centre_dir, arc_dir, arc_dir_gc = directions[sides[panel]]
        coordinate = world[mine] @ arc_dir_gc
        arc[mine] = coordinate - (coordinate.max() + coordinate.min()) / 2
        centre_dirs[mine], arc_dirs[mine] = centre_dir, arc_dir
    vertices = np.asarray(body.vertices, np.float64)
    arm = limb_vertices(body, limb)
    relative = vertices[arm] - shoulder
    t_body = relative @ along
    radial = np.linalg.norm(relative - t_body[:, None] * along, axis=1)
    rows = np.arange(0.0, _SLEEVE_START + axial.max() + 3 * ROW, ROW)
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
    upper_arm = np.linalg.norm(body.joint(f"{side}_elbow") - shoulder)
    free = (rows > 0.5 * upper_arm) & (rows < 0.95 * upper_arm)
    if free.any():
        radius = np.minimum(radius, _SHOULDER_FLARE * radius[free].min())
    radius = smooth(radius) + clearance
    t_vertex = _SLEEVE_START + axial
    row_of_vertex = np.clip(np.round(t_vertex / ROW).astype(int), 0, len(rows) - 1)
    needed = required_perimeter(row_of_vertex, panel_of_vertex, arc, len(rows), 1.05)
    radius = np.maximum(radius, smooth(needed / (2 * np.pi)))
    r = np.interp(t_vertex, rows, radius)
    angle = arc / r
    return (
        shoulder
        + t_vertex[:, None] * along
        + r[:, None] * (np.cos(angle)[:, None] * centre_dirs + np.sin(angle)[:, None] * arc_dirs)
    )
