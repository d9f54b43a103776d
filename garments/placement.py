"""Placing meshed panels around a body, ready to sew.

Each panel is laid out in GarmentCode's 3D frame (its ``translation`` and ``rotation``), which says
where on a generic body it goes; fitroom then wraps it onto a surface around the matching body part
of the actual body, a few centimetres clear:

- trunk panels (``torso``, ``neck``) onto a stack of horizontal ellipses that follow the trunk slice by
  slice, fronts centred on the front, backs on the back, arc length preserved across the panel;
- sleeves onto a cylinder along the upper arm (shoulder to elbow), starting at the shoulder joint;
- trouser legs above the crotch like the trunk, below it onto an ellipse stack around each leg.

Surfaces are widened where a garment is larger than the body, so fronts and backs never overlap, and any
vertex that still ends up inside or against the body is pushed out along the body's normal.
GarmentCode files whose own 3D layout already sits clear around the body keep that layout.
"""

import numpy as np
from scipy.spatial import cKDTree

from fitroom.mesh_normals import vertex_normals
from garments.body_sections import (
    limb_vertices,
    shoulder_top_height,
    trunk_slice_ellipse,
    waist_height,
)
from garments.dxf_layout import CROTCH_HEIGHT, leg_wrap_shift
from garments.errors import PlacementError
from garments.garment import Garment
from garments.meshing import MeshedPattern
from garments.panel_roles import PARTS, garmentcode_points, panel_role
from garments.point_in_mesh import points_inside

__all__ = ["place_garment", "CLEARANCE", "MIN_CLEARANCE"]

CLEARANCE = 0.03
MIN_CLEARANCE = 0.01
# A garment whose trunk panels reach above this GarmentCode height (m) hangs from the shoulders.
_SHOULDER_GARMENT_TOP = 1.2
_ROW = 0.01
_THETA = np.linspace(-np.pi, np.pi, 721)
# How far the sleeve cap starts out along the arm from the shoulder joint (m).
_SLEEVE_START = 0.02
# An arm's cross-section reaches at most this many times its median distance from the arm's axis.
_ARM_RING_SPREAD = 1.6
# How much wider than the lower upper arm a sleeve may be laid near the shoulder.
_SHOULDER_FLARE = 1.2
# Half-height (m) of the band round the crotch where trouser legs pass from the trunk to the legs.
_LEG_BLEND = 0.05
# Most 1 cm steps a vertex stuck inside the body may walk to get out.
_WALK_STEPS = 40
# Waist-hung garments sit with their top edge this far above the natural waist (m).
_WAIST_LIFT = 0.02


def _smooth(values: np.ndarray, width: int = 9) -> np.ndarray:
    """Running maximum then running mean over ``width`` rows (edges padded)."""
    pad = width // 2
    padded = np.pad(values, pad, mode="edge")
    return _running_mean(np.lib.stride_tricks.sliding_window_view(padded, width).max(axis=1), width)


def _running_mean(values: np.ndarray, width: int = 9) -> np.ndarray:
    """Running mean over ``width`` rows (edges padded)."""
    return np.convolve(np.pad(values, width // 2, mode="edge"), np.ones(width) / width, mode="valid")


def _fill_gaps(rows: list) -> np.ndarray:
    """(R, 3) array from per-row tuples, empty rows copied from the nearest filled row."""
    filled = [i for i, row in enumerate(rows) if row is not None]
    if not filled:
        raise PlacementError("The body has no vertices at the height of the garment; check the body mesh.")
    return np.array([rows[min(filled, key=lambda j: abs(j - i))] for i in range(len(rows))])


def _ellipse_perimeter(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Ramanujan's approximation of an ellipse's perimeter."""
    return np.pi * (3 * (a + b) - np.sqrt((3 * a + b) * (a + 3 * b)))


def _wrap(arc: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (x, z) of points at arc length ``arc`` from the front (+z) of ellipses (a across, b deep).

    Positive arc runs toward +x. All arrays are (K,).
    """
    x, z = a[:, None] * np.sin(_THETA), b[:, None] * np.cos(_THETA)
    steps = np.hypot(np.diff(x, axis=1), np.diff(z, axis=1))
    cumulative = np.concatenate([np.zeros((len(a), 1)), np.cumsum(steps, axis=1)], axis=1)
    cumulative -= cumulative[:, [len(_THETA) // 2]]
    perimeter = cumulative[:, -1] - cumulative[:, 0]
    target = (arc + perimeter / 2) % perimeter - perimeter / 2
    index = np.clip((cumulative < target[:, None]).sum(axis=1), 1, len(_THETA) - 1)
    rows = np.arange(len(a))
    low, high = cumulative[rows, index - 1], cumulative[rows, index]
    weight = np.clip((target - low) / np.maximum(high - low, 1e-12), 0.0, 1.0)
    theta = _THETA[index - 1] + weight * (_THETA[index] - _THETA[index - 1])
    return a * np.sin(theta), b * np.cos(theta)


def _required_perimeter(row_of_vertex, panel_of_vertex, arc, row_count, looseness):
    """Per row, the summed width of all panels crossing it, times ``looseness``.

    A panel's first and last rows are left out, so panels stacked one above the other (a waistband on
    a skirt) are not counted twice where they meet.
    """
    panels = int(panel_of_vertex.max()) + 1
    first = np.full(panels, row_count)
    last = np.full(panels, -1)
    np.minimum.at(first, panel_of_vertex, row_of_vertex)
    np.maximum.at(last, panel_of_vertex, row_of_vertex)
    inner = (row_of_vertex > first[panel_of_vertex]) & (row_of_vertex < last[panel_of_vertex])
    keys = panel_of_vertex[inner] * row_count + row_of_vertex[inner]
    low = np.full(panels * row_count, np.inf)
    high = np.full(panels * row_count, -np.inf)
    np.minimum.at(low, keys, arc[inner])
    np.maximum.at(high, keys, arc[inner])
    widths = np.where(np.isfinite(low), high - low, 0.0).reshape(panels, row_count).sum(axis=0)
    return widths * looseness


def _place_on_trunk(
    body_vertices, heights, arc, back, panel_of_vertex, centre_x, clearance, top_cap, looseness
):
    """3D positions (K, 3) of trunk vertices at ``heights`` and arc ``arc`` (from their side's centre).

    ``centre_x`` gives the x of the wrapped part's axis at a height (m -> m).
    """
    rows = np.arange(heights.min() - 2 * _ROW, heights.max() + 3 * _ROW, _ROW)
    row_centres = np.array([centre_x(h) for h in rows])
    sampled = [
        trunk_slice_ellipse(body_vertices, min(h, top_cap), x) for h, x in zip(rows, row_centres, strict=True)
    ]
    centre_z, a, b = _fill_gaps(sampled).T
    centre_z = _running_mean(centre_z)
    a, b = _smooth(a), _smooth(b)
    row_of_vertex = np.clip(np.round((heights - rows[0]) / _ROW).astype(int), 0, len(rows) - 1)
    needed = _smooth(_required_perimeter(row_of_vertex, panel_of_vertex, arc, len(rows), looseness))
    # A garment tighter than the body plus clearance goes closer (down to MIN_CLEARANCE), so its seams
    # start nearly closed; a looser one goes on a surface widened to its own girth.
    offset = np.clip((needed - _ellipse_perimeter(a, b)) / (2 * np.pi), MIN_CLEARANCE, clearance)
    a, b = a + _running_mean(offset), b + _running_mean(offset)
    scale = _smooth(np.maximum(1.0, needed / _ellipse_perimeter(a, b)))
    a, b = a * scale, b * scale
    a_v, b_v, z_v, x_v = (np.interp(heights, rows, values) for values in (a, b, centre_z, row_centres))
    perimeter = _ellipse_perimeter(a_v, b_v)
    from_front = np.where(back, perimeter / 2 - arc, arc)
    x, z = _wrap(from_front, a_v, b_v)
    return np.column_stack([x_v + x, heights, z_v + z])


def _leg_axis(body, leg: str):
    """The x (m) of a leg's axis at a height, along hip, knee and ankle joints."""
    side = leg.split("_")[0]
    joints = np.array([body.joint(f"{side}_{name}") for name in ("ankle", "knee", "hip")], dtype=np.float64)

    def axis_x(height: float) -> float:
        return float(np.interp(height, joints[:, 1], joints[:, 0]))

    return axis_x


def _crotch_height(body) -> float:
    """Height of the crotch (m): the inseam measurement, else 8 cm below the hip joints."""
    inseam = body.measurements_cm.get("inseam")
    return float(inseam) / 100.0 if inseam else float(body.joint("left_hip")[1]) - 0.08


def _place_on_legs(body, world, heights, back, parts, panel_of_vertex, trunk_positions, clearance, shift):
    """Trouser vertices: as placed on the trunk above the crotch, round each leg below it, blended between.

    ``shift`` (K,) moves each vertex's arc round its leg (m): a one-piece leg starts from the leg's
    outer side instead of its front (see :func:`garments.dxf_layout.leg_wrap_shift`).
    """
    vertices = np.asarray(body.vertices, np.float64)
    centre_x = float(body.joint("pelvis")[0])
    crotch = _crotch_height(body)
    weight = np.clip((crotch + _LEG_BLEND - heights) / (2 * _LEG_BLEND), 0.0, 1.0)
    weight = weight * weight * (3 - 2 * weight)
    positions = trunk_positions.copy()
    for leg, sign in (("left_leg", 1.0), ("right_leg", -1.0)):
        mine = parts == leg
        if not mine.any():
            continue
        below = mine & (heights < crotch)
        leg_centre_gc = (
            (world[below, 0].max() + world[below, 0].min()) / 2 if below.any() else world[mine, 0].mean()
        )
        side_vertices = vertices[sign * (vertices[:, 0] - centre_x) > 0]
        around_leg = _place_on_trunk(
            side_vertices, heights[mine], world[mine, 0] - leg_centre_gc + shift[mine], back[mine],
            panel_of_vertex[mine],
            _leg_axis(body, leg), clearance, np.inf, 1.05,
        )  # fmt: skip
        w = weight[mine, None]
        positions[mine] = (1 - w) * trunk_positions[mine] + w * around_leg
    return positions


def _square_axes(along: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit ``up`` (toward +Y) and ``front`` (toward +Z) directions square to a limb along ``along``."""
    up = np.array([0.0, 1.0, 0.0]) - along[1] * along
    up /= np.linalg.norm(up)
    front = np.cross(along, up)
    return up, front * np.sign(front[2])


def _place_on_arm(body, limb, world, panel_of_vertex, sides, grains, clearance):
    """3D positions (K, 3) of sleeve vertices laid out in GarmentCode's frame at ``world`` (K, 3)."""
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
    rows = np.arange(0.0, _SLEEVE_START + axial.max() + 3 * _ROW, _ROW)
    radius = []
    for row in rows:
        ring = radial[np.abs(t_body - row) < _ROW]
        # Near the shoulder the arm's bones also claim the side of the chest, which lies well beyond the
        # arm's own ring of vertices: keep only what is within reach of the ring's median.
        ring = ring[ring <= _ARM_RING_SPREAD * np.median(ring)] if len(ring) else ring
        radius.append((ring.max(),) if len(ring) else None)
    radius = _fill_gaps(radius)[:, 0]
    # Sections close to the shoulder cut through the deltoid and the chest; the sleeve follows the arm's
    # own girth, measured on the lower half of the upper arm, and what it meets higher up is pushed clear.
    upper_arm = np.linalg.norm(body.joint(f"{side}_elbow") - shoulder)
    free = (rows > 0.5 * upper_arm) & (rows < 0.95 * upper_arm)
    if free.any():
        radius = np.minimum(radius, _SHOULDER_FLARE * radius[free].min())
    radius = _smooth(radius) + clearance
    t_vertex = _SLEEVE_START + axial
    row_of_vertex = np.clip(np.round(t_vertex / _ROW).astype(int), 0, len(rows) - 1)
    needed = _required_perimeter(row_of_vertex, panel_of_vertex, arc, len(rows), 1.05)
    radius = np.maximum(radius, _smooth(needed / (2 * np.pi)))
    r = np.interp(t_vertex, rows, radius)
    angle = arc / r
    return (
        shoulder
        + t_vertex[:, None] * along
        + r[:, None] * (np.cos(angle)[:, None] * centre_dirs + np.sin(angle)[:, None] * arc_dirs)
    )


def _world_direction(panel, direction: np.ndarray) -> np.ndarray:
    """A panel-frame direction (2,) turned into GarmentCode's 3D frame (3,)."""
    ends = garmentcode_points(panel, np.array([[0.0, 0.0], direction]))
    return ends[1] - ends[0]


def _push_out(positions: np.ndarray, body, distance: float, facing: np.ndarray) -> np.ndarray:
    """Move vertices inside the body, or closer to it than ``distance``, out along the body normal.

    Where the body leaves no room along its normal (between thighs that touch), a vertex still inside
    walks along ``facing`` (+1: forward, -1: backward, per vertex) until it is out of the body.
    """
    vertices = np.asarray(body.vertices, np.float64)
    faces = np.asarray(body.faces)
    normals = vertex_normals(vertices, faces)
    tree = cKDTree(vertices)
    positions = positions.copy()
    for _ in range(4):
        _, nearest = tree.query(positions)
        height = ((positions - vertices[nearest]) * normals[nearest]).sum(axis=1)
        bad = points_inside(vertices, faces, positions) | (height < distance)
        if not bad.any():
            return positions
        positions[bad] = vertices[nearest[bad]] + distance * 1.5 * normals[nearest[bad]]
    stuck = points_inside(vertices, faces, positions)
    for _ in range(_WALK_STEPS):
        if not stuck.any():
            break
        positions[stuck, 2] += facing[stuck] * _ROW
        stuck[stuck] = points_inside(vertices, faces, positions[stuck])
    return positions


def _own_layout_fits(world: np.ndarray, body, clearance: float) -> bool:
    """True when GarmentCode's own 3D layout sits around the body within a couple of clearances."""
    vertices = np.asarray(body.vertices, np.float64)
    if points_inside(vertices, np.asarray(body.faces), world).any():
        return False
    distance, _ = cKDTree(vertices).query(world)
    return bool(distance.min() >= MIN_CLEARANCE and np.percentile(distance, 95) <= 2 * clearance)


def _garment(meshed: MeshedPattern, positions: np.ndarray) -> Garment:
    return Garment(
        rest_uv=meshed.rest_uv,
        positions=positions.astype(np.float32),
        faces=meshed.faces,
        face_panel=meshed.face_panel,
        panel_names=list(meshed.panel_names),
        stitches=meshed.stitches,
        boundary=meshed.boundary,
        grain=meshed.grain,
        face_material=meshed.face_material,
        materials=list(meshed.materials),
        name=meshed.pattern.name,
        size=meshed.pattern.size,
        panel_parts=[panel_role(meshed.pattern.panels[name])[0] for name in meshed.panel_names],
    )


def place_garment(meshed: MeshedPattern, body, clearance: float = CLEARANCE) -> Garment:
    """Wrap the meshed panels around ``body``, fronts in front, backs behind, sleeves round the arms.

    Parameters
    ----------
    meshed : MeshedPattern
        From ``mesh_pattern``.
    body : body.Body
        The body to dress (metres, Y up, facing +Z).
    clearance : float
        Gap between body and panels, metres.

    Returns
    -------
    Garment
        With ``positions`` (V, 3) float32 clear of the body.

    Raises
    ------
    PlacementError
        When a panel names a body part fitroom cannot place on.
    """
    pattern = meshed.pattern
    roles = [panel_role(pattern.panels[name]) for name in meshed.panel_names]
    for name, (part, _) in zip(meshed.panel_names, roles, strict=True):
        if part not in PARTS:
            raise PlacementError(f"Panel '{name}' is to go on '{part}'; use one of {', '.join(PARTS)}.")
    world = np.zeros((meshed.vertex_count, 3))
    for index, name in enumerate(meshed.panel_names):
        mine = meshed.vertex_panel == index
        world[mine] = garmentcode_points(pattern.panels[name], meshed.points[mine])
    if not any(pattern.panels[name].part for name in meshed.panel_names) and _own_layout_fits(
        world, body, clearance
    ):
        return _garment(meshed, world)

    parts = np.array([part for part, _ in roles])[meshed.vertex_panel]
    sides = [side for _, side in roles]
    back = np.array([side == "back" for side in sides])[meshed.vertex_panel]
    upper = np.isin(parts, ("torso", "left_leg", "right_leg"))
    garment_top = world[upper, 1].max() if upper.any() else world[:, 1].max()
    limbs_above = np.isin(parts, ("neck", "left_arm", "right_arm")).any()
    vertices = np.asarray(body.vertices, np.float64)
    centre_x = float(body.joint("pelvis")[0])
    shoulder_top = shoulder_top_height(body)
    crotch_marks = [pattern.panels[name].extra.get(CROTCH_HEIGHT) for name in meshed.panel_names]
    crotch_marks = [mark for mark in crotch_marks if mark is not None]
    if crotch_marks:
        # A DXF leg's crotch point (where its rises end) goes at the body's crotch.
        lift = _crotch_height(body) - min(crotch_marks)
    elif limbs_above or garment_top > _SHOULDER_GARMENT_TOP:
        lift = shoulder_top + 0.01 - garment_top
    else:
        lift = waist_height(body) + _WAIST_LIFT - garment_top
    positions = np.zeros_like(world)
    legs = np.isin(parts, ("left_leg", "right_leg"))
    around_leg, around_trunk = leg_wrap_shift(meshed, parts, world[:, 0]).T
    # Trouser legs follow the trunk only down to the crotch; below it they go round each leg.
    legs_on_trunk = legs & (world[:, 1] + lift > _crotch_height(body) - 2 * _LEG_BLEND)
    for group, top_cap, looseness, region in (
        (legs_on_trunk | (parts == "torso"), shoulder_top - 0.02, 1.05, np.ones(len(vertices), bool)),
        (parts == "neck", np.inf, 1.0, np.abs(vertices[:, 0] - centre_x) < 0.12),
    ):
        if group.any():
            positions[group] = _place_on_trunk(
                vertices[region], world[group, 1] + lift, world[group, 0] + around_trunk[group], back[group],
                meshed.vertex_panel[group], lambda height: centre_x, clearance, top_cap, looseness,
            )  # fmt: skip
    if legs.any():
        positions = _place_on_legs(
            body, world, world[:, 1] + lift, back, parts, meshed.vertex_panel, positions, clearance,
            around_leg,
        )  # fmt: skip
    for limb in ("left_arm", "right_arm"):
        mine = parts == limb
        if not mine.any():
            continue
        panels = [pattern.panels[meshed.panel_names[i]] for i in np.unique(meshed.vertex_panel[mine])]
        grains = np.array([_world_direction(panel, panel.grain) for panel in panels])
        positions[mine] = _place_on_arm(
            body, limb, world[mine], meshed.vertex_panel[mine], sides, grains, clearance
        )
    facing = np.where(back, -1.0, 1.0)
    return _garment(meshed, _push_out(positions, body, MIN_CLEARANCE, facing))
