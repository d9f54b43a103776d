"""Collars and hoods: panels of the neck, placed from the neckline they are sewn to.

A neck panel starts from the placed vertices it is sewn to (the bodice's neckline, or a collar already
placed). What it does from there depends on its shape:

- a hood (it reaches more than ``HOOD_REACH`` from its neckline) wraps the head on a stack of
  ellipses round head and neck, each half from the centre back of the head toward the face, with
  whatever rises above the crown folded over it;
- a flat collar (its outer edge much longer than its neckline, as a ring sector's is) lies down over
  the shoulders, one layer over the bodice;
- a standing collar (a straight band) stands up round the neck.
"""

import numpy as np
from scipy.spatial import cKDTree

from garments.errors import PlacementError
from garments.placement.trunk import MIN_CLEARANCE, place_on_trunk
from garments.placement.trunk_layout import LAYER_GAP, horizontal_direction

__all__ = ["place_neck_panels", "HOOD_REACH"]

# A neck panel reaching further than this from its neckline (m) is a hood.
HOOD_REACH = 0.15
# A collar whose area is this many times its neckline length times its width lies flat: a ring
# sector of inner radius r and width w has 1 + w / 2r, a straight band 1.
_FLAT_COLLAR = 1.15
# A flat collar starts out going down from its neckline at this angle below the horizontal (degrees).
_COLLAR_FALL_DEG = 55.0


def _attachments(meshed, panel_index, placed):
    """(own vertices, partner vertices) of a panel's seams with vertices already placed."""
    own = meshed.vertex_panel == panel_index
    pairs = np.asarray(meshed.stitches, np.int64)
    found = []
    for a, b in ((0, 1), (1, 0)):
        keep = own[pairs[:, a]] & placed[pairs[:, b]]
        found.append(pairs[keep][:, [a, b]])
    pairs = np.concatenate(found)
    return pairs[:, 0], pairs[:, 1]


def _neckline_length(meshed, name, placed_panels) -> float:
    """Length (m) of the edges of panel ``name`` sewn to panels in ``placed_panels``."""
    total = 0.0
    for stitch in meshed.pattern.stitches:
        for own, other in ((stitch.a, stitch.b), (stitch.b, stitch.a)):
            if own.panel == name and other.panel in placed_panels:
                total += meshed.edge_polyline_length(name, own.edge)
    return total


def _place_hood(body, meshed, world, mine, own, partner, positions, clearance):
    """Hood vertices (K, 3) round the head, from the centre back toward the face, over the crown."""
    vertices = np.asarray(body.vertices, np.float64)
    centre_x = float(body.joint("pelvis")[0])
    head = vertices[
        (vertices[:, 1] > body.joint("neck")[1] - 0.06) & (np.abs(vertices[:, 0] - centre_x) < 0.15)
    ]
    heights = world[mine, 1] + (positions[partner, 1].mean() - world[own, 1].mean())
    panel_of_vertex = meshed.vertex_panel[mine]
    arc = np.zeros(int(mine.sum()))
    for index in np.unique(panel_of_vertex):
        name = meshed.panel_names[index]
        these = panel_of_vertex == index
        along = horizontal_direction(meshed.pattern.panels[name], name)
        along = along if along[1] >= 0 else -along
        forward = world[mine][these][:, [0, 2]] @ along
        side = 1.0 if world[mine][these, 0].mean() >= centre_x else -1.0
        arc[these] = -side * (forward - forward.min())
    placed = place_on_trunk(
        head, heights, np.full(len(arc), 0.5), arc, panel_of_vertex, lambda height: centre_x, clearance,
        np.inf, 1.0,
    )  # fmt: skip
    crown = float(vertices[:, 1].max()) + MIN_CLEARANCE
    axis = np.array([centre_x, float(body.joint("head")[2])])
    over = placed[:, 1] - crown
    high = over > 0
    if high.any():
        offset = placed[high][:, [0, 2]] - axis
        radial = np.linalg.norm(offset, axis=1, keepdims=True)
        shrink = np.maximum(radial - over[high, None], 0.0) / np.maximum(radial, 1e-9)
        placed[np.flatnonzero(high)[:, None], [0, 2]] = axis + offset * shrink
        placed[high, 1] = crown + 0.5 * clearance
    return placed


def _place_collar(body, meshed, name, mine, own, partner, positions, placed, placed_panels):
    """Collar vertices (K, 3): from their nearest sewn vertex, flat over the shoulders or standing up."""
    points = meshed.points[mine]
    tree = cKDTree(meshed.points[own])
    reach, nearest = tree.query(points)
    start = positions[partner[nearest]]
    width = float(reach.max())
    neckline = _neckline_length(meshed, name, placed_panels)
    area = abs(meshed.pattern.panels[name].area())
    up = np.array([0.0, 1.0, 0.0])
    if width > 0 and neckline > 0 and area / (neckline * width) > _FLAT_COLLAR:
        axis = np.array([float(body.joint("neck")[0]), float(body.joint("neck")[2])])
        radial = np.zeros_like(start)
        radial[:, [0, 2]] = start[:, [0, 2]] - axis
        radial /= np.maximum(np.linalg.norm(radial, axis=1, keepdims=True), 1e-9)
        fall = np.radians(_COLLAR_FALL_DEG)
        target = start + reach[:, None] * (np.cos(fall) * radial - np.sin(fall) * up)
        # Lie one layer over the cloth already placed there, on the side away from the body.
        below = np.flatnonzero(placed & ~mine)
        _, on = cKDTree(positions[below]).query(target)
        cloth = positions[below[on]]
        _, skin = cKDTree(np.asarray(body.vertices, np.float64)).query(cloth)
        away = cloth - np.asarray(body.vertices, np.float64)[skin]
        away /= np.maximum(np.linalg.norm(away, axis=1, keepdims=True), 1e-9)
        return np.where(reach[:, None] > 0, cloth + LAYER_GAP * away, start)
    return start + reach[:, None] * up


def place_neck_panels(body, meshed, world, parts, positions, clearance) -> np.ndarray:
    """Positions (V, 3) with every ``neck`` vertex placed from what it is sewn to.

    ``world`` (V, 3) is GarmentCode's layout, ``parts`` (V,) each vertex's body part and ``positions``
    (V, 3) the vertices placed so far (every part but the neck).

    Raises
    ------
    PlacementError
        Naming a neck panel sewn to nothing that could be placed.
    """
    positions = positions.copy()
    placed = parts != "neck"
    waiting = [
        i
        for i in range(len(meshed.panel_names))
        if (meshed.vertex_panel == i).any() and not placed[meshed.vertex_panel == i].any()
    ]
    while waiting:
        progress = False
        for index in list(waiting):
            name = meshed.panel_names[index]
            mine = meshed.vertex_panel == index
            own, partner = _attachments(meshed, index, placed)
            if not len(own):
                continue
            placed_panels = {meshed.panel_names[i] for i in np.unique(meshed.vertex_panel[placed])}
            reach = cKDTree(meshed.points[own]).query(meshed.points[mine])[0].max()
            if reach > HOOD_REACH:
                positions[mine] = _place_hood(body, meshed, world, mine, own, partner, positions, clearance)
            else:
                positions[mine] = _place_collar(
                    body, meshed, name, mine, own, partner, positions, placed, placed_panels
                )
            placed |= mine
            waiting.remove(index)
            progress = True
        if not progress:
            names = ", ".join(f"'{meshed.panel_names[i]}'" for i in waiting)
            raise PlacementError(
                f"Panel {names} goes round the neck but is sewn to no bodice, collar or hood, so fitroom "
                f"cannot tell where it starts; stitch it to the neckline."
            )
    return positions
