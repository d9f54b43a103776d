"""The tank top: front and back with a scooped neck, narrow straps and deep armholes, no sleeves.

Ease over the body (cm): chest +4, waist +10, hip +5. Neck and armholes are finished by binding, which
adds no panel.
"""

from garments.drafting.bodice import BodiceSpec, bodice_panels, bodice_seams
from garments.drafting.draft import Draft

__all__ = ["draft_tank_top", "TANK_TOP_EASE_CM"]

TANK_TOP_EASE_CM = {"chest": 4.0, "waist": 10.0, "hip": 5.0}


def draft_tank_top(m: dict[str, float]) -> Draft:
    """The women's tank top for body measurements ``m`` (cm: chest, waist, hip, height)."""
    chest, waist, hip, height = m["chest"], m["waist"], m["hip"], m["height"]
    ease = TANK_TOP_EASE_CM
    hip_half = (hip + ease["hip"]) / 4
    neck_half = chest / 20 + 5.0
    spec = BodiceSpec(
        chest_half=(chest + ease["chest"]) / 4,
        waist_half=(waist + ease["waist"]) / 4,
        hip_half=hip_half,
        hem_half=hip_half,
        length=0.32 * height + chest / 12,
        underarm_depth=chest / 8 + 11.0,
        waist_depth=0.23 * height,
        hip_depth=0.35 * height,
        neck_half=neck_half,
        front_neck_depth=12.0,
        back_neck_depth=5.0,
        shoulder_half=neck_half + 4.5,
        shoulder_drop=3.5,
        front_scoop=6.0,
        back_scoop=5.0,
        body_height=height,
    )
    front, back = bodice_panels(spec, "cotton_jersey")
    return Draft(
        panels=[front, back],
        seams=bodice_seams(),
        girth_lines={
            "chest": [("front", 4), ("back", 10)],
            "waist": [("front", 3), ("back", 11)],
            "hip": [("front", 2), ("back", 12)],
        },
    )
