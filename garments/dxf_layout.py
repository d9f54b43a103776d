"""Where each DXF panel goes round a body, by its role: fronts in front, backs behind, sleeves on the arm
their cap is sewn to (front of the cap to the front), collars and bands along the edge they are sewn to,
cuffs past the sleeve end, waistbands at the waist.

The layout is written as GarmentCode's ``translation`` and ``rotation`` plus ``part`` and ``side`` on
each panel, so :func:`garments.placement.place_garment` wraps DXF garments as it wraps any other.
Panels arrive upright (grain up, bottom at y = 0), in GarmentCode's frame (backs mirrored so their
outline's +x is the body's left, like the fronts'), centre lines at x = 0.
"""

import numpy as np
from scipy.spatial.transform import Rotation

from garments.pattern import Panel, Stitch

__all__ = ["lay_out_panels", "leg_wrap_shift", "GARMENT_TOP", "WAIST_TOP", "BODY_DEPTH", "CROTCH_HEIGHT"]

# The ``Panel.extra`` key of a leg's crotch point height (m, GarmentCode frame): where its rises end.
CROTCH_HEIGHT = "crotch_height"

# GarmentCode heights and depths (m) of a generic standing body the layout is written against: the top
# of a garment hung from the shoulders, of one worn from the waist (trousers), and the body's half depth.
GARMENT_TOP = 1.40
WAIST_TOP = 1.0
BODY_DEPTH = 0.15
_ARM_X = 0.45
_ARM_HEIGHT = 1.35
# Rows (m) a one-piece leg's width is measured in.
_WRAP_ROW = 0.02
# How far (m) a band starts out from the edge it is sewn to.
_BAND_GAP = 0.01
# Sleeves lie along the arm: panel +y toward the body, panel +x toward the back (left arm) or front.
_ARM_AXES = {
    "left_arm": ((0.0, 0.0, -1.0), (-1.0, 0.0, 0.0)),
    "right_arm": ((0.0, 0.0, 1.0), (1.0, 0.0, 0.0)),
}


def _rotation_deg(x_axis, y_axis) -> np.ndarray:
    """XYZ Euler angles (degrees) of the rotation taking panel x and y to the given world axes."""
    x_axis, y_axis = np.asarray(x_axis, float), np.asarray(y_axis, float)
    matrix = np.column_stack([x_axis, y_axis, np.cross(x_axis, y_axis)])
    return Rotation.from_matrix(matrix).as_euler("XYZ", degrees=True)


def _world_mid(panel: Panel, edge: int) -> np.ndarray:
    points = panel.edge_points(edge, 16)
    rotation = Rotation.from_euler("XYZ", panel.rotation, degrees=True)
    return rotation.apply(np.column_stack([points, np.zeros(len(points))])).mean(axis=0) + panel.translation


def _partners(stitches: list[Stitch], name: str) -> list[tuple[int, str, int]]:
    """(own edge, partner panel, partner edge) of each seam of ``name`` with another panel."""
    found = []
    for stitch in stitches:
        for own, other in ((stitch.a, stitch.b), (stitch.b, stitch.a)):
            if own.panel == name and other.panel != name:
                found.append((own.edge, other.panel, other.edge))
    return found


def _turn_in_plane(panel: Panel, degrees: float) -> None:
    angle = np.radians(degrees)
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    panel.vertices = panel.vertices @ turn.T
    panel.grain = turn @ panel.grain


def _band_flat(panel: Panel, attaching: int, attach_below: bool) -> None:
    """Turn a band in its plane so it lies along x with its attaching edge below (or above) the rest."""
    width, height = np.ptp(panel.vertices, axis=0)
    if height > width:
        _turn_in_plane(panel, 90.0)
    mid_y = panel.edge_points(attaching, 16)[:, 1].mean()
    if (mid_y > panel.vertices[:, 1].mean()) == attach_below:
        _turn_in_plane(panel, 180.0)
    panel.vertices = panel.vertices - [panel.vertices[:, 0].mean(), panel.vertices[:, 1].min()]


def lay_out_panels(
    panels: dict[str, Panel], kinds: dict[str, str], roles: dict[str, list[str]], stitches: list[Stitch]
) -> None:
    """Set ``translation``, ``rotation``, ``part`` and ``side`` of every panel, in place.

    Parameters
    ----------
    panels : {name: Panel}
        Upright, in GarmentCode's frame, ``side`` already ``front`` or ``back`` on torso panels.
    kinds : {name: kind}
        ``torso``, ``sleeve``, ``leg`` or ``band`` (see :mod:`garments.seam_edges`).
    roles : {name: the role of each edge}
    stitches : list[Stitch]
    """
    trunk = [name for name, kind in kinds.items() if kind in ("torso", "leg")]
    tallest = max((np.ptp(panels[name].outline()[:, 1]) for name in trunk), default=0.6)
    top = WAIST_TOP if "leg" in kinds.values() else GARMENT_TOP
    bottom = top - tallest
    for name in trunk:
        panel = panels[name]
        panel.part = "torso"
        across = 0.0
        if kinds[name] == "leg":
            panel.part, panel.side, across = _leg_layout(panel, roles[name])
            rises = [edge for edge, role in enumerate(roles[name]) if role == "rise"]
            if rises:
                lowest = min(panel.edge_points(edge, 16)[:, 1].min() for edge in rises)
                panel.extra[CROTCH_HEIGHT] = float(bottom + lowest)
        depth = BODY_DEPTH if panel.side == "front" else -BODY_DEPTH
        panel.translation = np.array([across, bottom, depth])
    for name, kind in kinds.items():
        if kind == "sleeve":
            _lay_out_sleeve(panels, name, stitches)
    for name, kind in kinds.items():
        if kind == "band":
            _lay_out_band(panels, name, roles, stitches)


def _leg_layout(panel: Panel, roles: list[str]) -> tuple[str, str, float]:
    """(part, side, x of the panel's centre line) of a trouser or legging leg.

    A one-piece leg (a rise on either side of its waist) wraps its leg with its centre line down the
    outer side, the front rise (the shorter, as the trade drafts it) toward the centre front: on the
    left leg the front rise is on the panel's -x side. Its centre line goes a quarter of the way round
    the waist from the centre front, half its waist's width.
    """
    rises = [edge for edge, role in enumerate(roles) if role == "rise"]
    if len(rises) != 2:
        return ("left_leg" if panel.vertices[:, 0].mean() >= 0 else "right_leg"), "front", 0.0
    front_rise = min(rises, key=panel.edge_length)
    left = panel.edge_points(front_rise, 16)[:, 0].mean() < 0
    panel.extra["wraps_leg"] = True
    waist = [edge for edge, role in enumerate(roles) if role == "waist"]
    width = np.ptp(panel.edge_points(waist[0], 16)[:, 0]) if waist else np.ptp(panel.vertices[:, 0]) / 2
    half_waist = width / 2
    return ("left_leg" if left else "right_leg"), "front", float(half_waist if left else -half_waist)


def leg_wrap_shift(meshed, parts: np.ndarray, world_x: np.ndarray) -> np.ndarray:
    """How far (m, (V, 2)) to move each vertex of a one-piece leg round its leg (column 0) and round the
    trunk (column 1), zero for every other vertex.

    Round the leg, the panel's centre line (its outer side) goes on the leg's outer side: a quarter of
    the panel's width at its height, outward (+x on the left leg). Round the trunk each row of the panel
    runs from the centre front to the centre back (half its width from the centre front), so that the
    two legs' crotch extensions, wider than the waist, do not start out overlapping.

    Parameters
    ----------
    meshed : MeshedPattern
    parts : (V,) str
        The body part of each vertex's panel.
    world_x : (V,) float
        Each vertex's x in GarmentCode's layout (see ``lay_out_panels``), metres.
    """
    shift = np.zeros((meshed.vertex_count, 2))
    for index, name in enumerate(meshed.panel_names):
        panel = meshed.pattern.panels[name]
        if not panel.extra.get("wraps_leg"):
            continue
        mine = np.flatnonzero(meshed.vertex_panel == index)
        points = meshed.points[mine]
        rows = np.round(points[:, 1] / _WRAP_ROW).astype(int)
        widths = np.zeros(len(mine))
        for row in np.unique(rows):
            in_row = rows == row
            widths[in_row] = np.ptp(points[in_row, 0])
        sign = 1.0 if parts[mine[0]] == "left_leg" else -1.0
        shift[mine, 0] = sign * widths / 4
        shift[mine, 1] = points[:, 0] + sign * widths / 2 - world_x[mine]
    return shift


def _lay_out_sleeve(panels: dict[str, Panel], name: str, stitches: list[Stitch]) -> None:
    panel = panels[name]
    partners = [
        (own, other, edge) for own, other, edge in _partners(stitches, name) if panels[other].part == "torso"
    ]
    world = [_world_mid(panels[other], edge) for _, other, edge in partners]
    # A sleeve sewn to nothing yet (drawn for review only) goes on the left arm.
    left = not world or np.mean([point[0] for point in world]) >= 0
    panel.part, panel.side = ("left_arm" if left else "right_arm"), "top"
    front_x = [
        panel.edge_points(own, 16)[:, 0].mean() for own, other, _ in partners if panels[other].side == "front"
    ]
    x_axis, y_axis = _ARM_AXES[panel.part]
    # The cap's front half faces the body's front (+z): panel +x goes to -z on the left arm by default.
    front_on_plus_x = bool(front_x) and np.mean(front_x) > 0
    if front_on_plus_x == (panel.part == "left_arm"):
        x_axis = tuple(-v for v in x_axis)
    panel.rotation = _rotation_deg(x_axis, y_axis)
    height = np.ptp(panel.vertices[:, 1])
    sign = 1.0 if left else -1.0
    panel.translation = np.array([sign * (_ARM_X + height), _ARM_HEIGHT, 0.0])


def _lay_out_band(panels: dict[str, Panel], name: str, roles: dict[str, list[str]], stitches) -> None:
    panel = panels[name]
    partners = _partners(stitches, name)
    if not partners:
        return
    attaching = partners[0][0]
    hosts = [panels[other] for _, other, _ in partners]
    if all(host.part in ("left_arm", "right_arm") for host in hosts):
        host = hosts[0]
        _band_flat(panel, attaching, attach_below=False)
        panel.part, panel.side, panel.rotation = host.part, "top", host.rotation.copy()
        panel.grain = np.array([0.0, 1.0])
        away = Rotation.from_euler("XYZ", host.rotation, degrees=True).apply([0.0, -1.0, 0.0])
        host_mid = np.mean([_world_mid(host, edge) for _, _, edge in partners], axis=0)
        panel.translation = host_mid + away * (np.ptp(panel.vertices[:, 1]) + _BAND_GAP)
        return
    _band_flat(panel, attaching, attach_below=True)
    world = np.array([_world_mid(panels[other], edge) for _, other, edge in partners])
    faces = [panels[other].side for _, other, _ in partners]
    panel.side = "back" if faces.count("back") >= faces.count("front") else "front"
    if panel.side == "back":
        panel.vertices = panel.vertices * [-1.0, 1.0]
        panel.grain = panel.grain * [-1.0, 1.0]
        panel.extra["dxf_mirrored"] = True
    at_neck = all(roles[other][edge] == "neck" for _, other, edge in partners)
    panel.part = "neck" if at_neck else "torso"
    # A band along one side's edges sits over them; one going round the body is centred at the back.
    x = float(world[:, 0].mean()) if len(set(faces)) == 1 else 0.0
    depth = BODY_DEPTH if panel.side == "front" else -BODY_DEPTH
    panel.translation = np.array([x, float(world[:, 1].min()) + _BAND_GAP, depth])
