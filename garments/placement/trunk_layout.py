"""Where GarmentCode's layout puts each trunk panel round the body's vertical axis.

A panel standing round the axis (a front, a back, a skirt gore turned about Y) is read as a turn (the
fraction of a full turn from the centre front toward the body's left, at the foot of the perpendicular
from the axis to the panel's horizontal lines) and, for each vertex, an arc along the panel from that
foot. A panel further out than another it overlaps in height and direction (a pocket on a front, a
bodice over a skirt) lies a layer outside it.
"""

import numpy as np
from scipy.spatial.transform import Rotation

from garments.errors import PlacementError

__all__ = ["TrunkLayout", "trunk_layout", "horizontal_direction", "LAYER_GAP"]

# Gap (m) between a layered panel and the layer beneath it.
LAYER_GAP = 0.012
# Panels overlap when they share this much height (m) and this much of a turn (radians).
_OVERLAP_HEIGHT = 0.03
_OVERLAP_ANGLE = 0.15
# A panel this much further from the axis (m) than one it overlaps lies outside it.
_LAYER_STEP = 0.01
# A panel whose horizontal lines pass closer than this to the axis (m) takes its centre's direction.
_ON_AXIS = 0.02


class TrunkLayout:
    """Per vertex of a group of trunk panels: ``turn`` (K,), ``arc`` (K,) m, ``layer`` (K,) int."""

    def __init__(self, turn: np.ndarray, arc: np.ndarray, layer: np.ndarray):
        self.turn, self.arc, self.layer = turn, arc, layer


def horizontal_direction(panel, name: str) -> np.ndarray:
    """Unit (x, z) of the horizontal lines in a panel's GarmentCode plane."""
    normal = Rotation.from_euler("XYZ", panel.rotation, degrees=True).apply([0.0, 0.0, 1.0])
    along = np.cross([0.0, 1.0, 0.0], normal)
    length = float(np.linalg.norm(along))
    if length < 0.2:
        raise PlacementError(
            f"Panel '{name}' lies flat in its GarmentCode layout (rotation {list(panel.rotation)}), so "
            f"fitroom cannot tell which way it goes round the body; stand it upright with its rotation, "
            f"or give it a fitroom part."
        )
    return along[[0, 2]] / length


def _overlap(low_a, high_a, low_b, high_b) -> float:
    return min(high_a, high_b) - max(low_a, low_b)


def _angle_overlap(a: tuple, b: tuple) -> float:
    """Overlap (radians) of two angle intervals (start, end), either way round the circle."""
    best = -np.inf
    for shift in (-2 * np.pi, 0.0, 2 * np.pi):
        best = max(best, _overlap(a[0], a[1], b[0] + shift, b[1] + shift))
    return best


def trunk_layout(panels: dict, names: list[str], world: np.ndarray, vertex_panel: np.ndarray) -> TrunkLayout:
    """Turns, arcs and layers of trunk vertices.

    Parameters
    ----------
    panels : {name: Panel}
    names : list[str]
        Panel name of each panel index in ``vertex_panel``.
    world : (K, 3) float
        The vertices in GarmentCode's layout, metres.
    vertex_panel : (K,) int
        Panel index of each vertex.
    """
    turn = np.zeros(len(world))
    arc = np.zeros(len(world))
    spans = {}
    for index in np.unique(vertex_panel):
        mine = vertex_panel == index
        name = names[index]
        along = horizontal_direction(panels[name], name)
        flat = world[mine][:, [0, 2]]
        centre = flat.mean(axis=0)
        foot = centre - (centre @ along) * along
        radius = float(np.linalg.norm(foot))
        pointing = foot if radius >= _ON_AXIS else centre
        angle = float(np.arctan2(pointing[0], pointing[1]))
        # Arc runs the way the turn grows: from the front toward +x.
        if along @ np.array([np.cos(angle), -np.sin(angle)]) < 0:
            along = -along
        turn[mine] = angle / (2 * np.pi)
        arc[mine] = (flat - foot) @ along
        reach = max(radius, 0.05)
        angles = angle + arc[mine] / reach
        spans[index] = (radius, (angles.min(), angles.max()), (world[mine, 1].min(), world[mine, 1].max()))
    layer_of = {}
    for index in sorted(spans, key=lambda i: spans[i][0]):
        radius, angles, heights = spans[index]
        below = [
            layer_of[other]
            for other in layer_of
            if radius > spans[other][0] + _LAYER_STEP
            and _overlap(*heights, *spans[other][2]) > _OVERLAP_HEIGHT
            and _angle_overlap(angles, spans[other][1]) > _OVERLAP_ANGLE
        ]
        layer_of[index] = 1 + max(below) if below else 0
    layer = np.array([layer_of[i] for i in vertex_panel]) if len(vertex_panel) else np.zeros(0, int)
    return TrunkLayout(turn, arc, layer)
