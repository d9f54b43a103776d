"""Placing a whole garment: each panel to its body part, then everything clear of the body."""

import numpy as np

from garments.body_sections import shoulder_top_height
from garments.dxf_layout import CROTCH_HEIGHT, leg_wrap_shift
from garments.errors import PlacementError
from garments.garment import Garment
from garments.meshing import MeshedPattern
from garments.panel_roles import PARTS, garmentcode_points, panel_role
from garments.placement.arms import place_on_arm, world_direction
from garments.placement.legs import LEG_BLEND, crotch_height, place_on_legs
from garments.placement.neck import place_neck_panels
from garments.placement.push_out import own_layout_fits, push_out
from garments.placement.trunk import CLEARANCE, MIN_CLEARANCE, place_on_trunk
from garments.placement.trunk_layout import trunk_layout

__all__ = ["place_garment"]

# A garment whose trunk panels reach above this GarmentCode height (m) hangs from the shoulders.
_SHOULDER_GARMENT_TOP = 1.2
# The sides a panel may face: any part's front or back, and an arm's top or underside too.
_SIDES = ("front", "back")
_ARM_SIDES = ("front", "back", "top", "under")
# Waist-hung garments sit with their top edge this far above the waist the body is measured at (m).
_WAIST_LIFT = 0.02


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
        Naming the panel, when it names a body part or side fitroom cannot place on, lies flat in its
        GarmentCode layout, or goes round the neck sewn to nothing placed.
    """
    pattern = meshed.pattern
    roles = [panel_role(pattern.panels[name]) for name in meshed.panel_names]
    for name, (part, side) in zip(meshed.panel_names, roles, strict=True):
        if part not in PARTS:
            raise PlacementError(f"Panel '{name}' is to go on '{part}'; use one of {', '.join(PARTS)}.")
        sides = _ARM_SIDES if part.endswith("_arm") else _SIDES
        if side not in sides:
            raise PlacementError(
                f"Panel '{name}' is to face '{side}' on {part}; use one of {', '.join(sides)}."
            )
    world = np.zeros((meshed.vertex_count, 3))
    for index, name in enumerate(meshed.panel_names):
        mine = meshed.vertex_panel == index
        world[mine] = garmentcode_points(pattern.panels[name], meshed.points[mine])
    if not any(pattern.panels[name].part for name in meshed.panel_names) and own_layout_fits(
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
        lift = crotch_height(body) - min(crotch_marks)
    elif limbs_above or garment_top > _SHOULDER_GARMENT_TOP:
        lift = shoulder_top + 0.01 - garment_top
    else:
        lift = body.girth_heights()["waist"] + _WAIST_LIFT - garment_top
    positions = np.zeros_like(world)
    legs = np.isin(parts, ("left_leg", "right_leg"))
    around_leg, around_trunk = leg_wrap_shift(meshed, parts, world[:, 0]).T
    # Trouser legs follow the trunk only down to the crotch; below it they go round each leg.
    legs_on_trunk = legs & (world[:, 1] + lift > crotch_height(body) - 2 * LEG_BLEND)
    trunk = legs_on_trunk | (parts == "torso")
    if trunk.any():
        layout = trunk_layout(pattern.panels, meshed.panel_names, world[trunk], meshed.vertex_panel[trunk])
        # A DXF leg's shift round the trunk runs toward +x at the front and toward -x at the back.
        toward_x = np.where(np.cos(2 * np.pi * layout.turn) >= 0, 1.0, -1.0)
        positions[trunk] = place_on_trunk(
            vertices, world[trunk, 1] + lift, layout.turn, layout.arc + toward_x * around_trunk[trunk],
            meshed.vertex_panel[trunk], lambda height: centre_x, clearance, shoulder_top - 0.02, 1.05,
            layout.layer,
        )  # fmt: skip
    if legs.any():
        positions = place_on_legs(
            body, world, world[:, 1] + lift, back, parts, meshed.vertex_panel, positions, clearance,
            around_leg,
        )  # fmt: skip
    for limb in ("left_arm", "right_arm"):
        mine = parts == limb
        if not mine.any():
            continue
        panels = [pattern.panels[meshed.panel_names[i]] for i in np.unique(meshed.vertex_panel[mine])]
        grains = np.array([world_direction(panel, panel.grain) for panel in panels])
        positions[mine] = place_on_arm(
            body, limb, world[mine], meshed.vertex_panel[mine], sides, grains, clearance
        )
    if (parts == "neck").any():
        positions = place_neck_panels(body, meshed, world, parts, positions, clearance)
    facing = np.where(back, -1.0, 1.0)
    return _garment(meshed, push_out(positions, body, MIN_CLEARANCE, facing))
