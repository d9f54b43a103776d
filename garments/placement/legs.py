"""Trouser legs: placed like the trunk above the crotch, round an ellipse stack about each leg below it,
blended over a band at the crotch."""

import numpy as np

from garments.placement.trunk import place_on_trunk

__all__ = ["crotch_height", "place_on_legs", "LEG_BLEND"]

# Half-height (m) of the band round the crotch where trouser legs pass from the trunk to the legs.
LEG_BLEND = 0.05


def _leg_axis(body, leg: str):
    """The x (m) of a leg's axis at a height, along hip, knee and ankle joints."""
    side = leg.split("_")[0]
    joints = np.array([body.joint(f"{side}_{name}") for name in ("ankle", "knee", "hip")], dtype=np.float64)

    def axis_x(height: float) -> float:
        return float(np.interp(height, joints[:, 1], joints[:, 0]))

    return axis_x


def crotch_height(body) -> float:
    """Height of the crotch (m): the inseam measurement, else 8 cm below the hip joints."""
    inseam = body.measurements_cm.get("inseam")
    return float(inseam) / 100.0 if inseam else float(body.joint("left_hip")[1]) - 0.08


def place_on_legs(body, world, heights, back, parts, panel_of_vertex, trunk_positions, clearance, shift):
    """Trouser vertices (V, 3): as placed on the trunk above the crotch, round each leg below it.

    ``world`` (V, 3) is GarmentCode's layout, ``heights`` (V,) where each vertex goes (m), ``back`` and
    ``parts`` (V,) its side and body part, ``trunk_positions`` (V, 3) the vertices as placed round the
    trunk. ``shift`` (V,) moves each vertex's arc round its leg (m): a one-piece leg starts from the
    leg's outer side instead of its front (see :func:`garments.dxf_layout.leg_wrap_shift`).
    """
    vertices = np.asarray(body.vertices, np.float64)
    centre_x = float(body.joint("pelvis")[0])
    crotch = crotch_height(body)
    weight = np.clip((crotch + LEG_BLEND - heights) / (2 * LEG_BLEND), 0.0, 1.0)
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
        across = world[mine, 0] - leg_centre_gc + shift[mine]
        around_leg = place_on_trunk(
            side_vertices, heights[mine], 0.5 * back[mine], np.where(back[mine], -across, across),
            panel_of_vertex[mine], _leg_axis(body, leg), clearance, np.inf, 1.05,
        )  # fmt: skip
        w = weight[mine, None]
        positions[mine] = (1 - w) * trunk_positions[mine] + w * around_leg
    return positions
