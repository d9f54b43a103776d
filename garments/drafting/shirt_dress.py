"""The shirt dress: knee-length front and back, short set-in sleeves, a collar stand.

Ease over the body (cm): chest +10, waist +14, hip +10, a relaxed woven fit in shirting. The button
stand is not modelled: the front is cut whole, as if buttoned.
"""

from garments.drafting.bodice import (
    BodiceSpec,
    bodice_panels,
    bodice_seams,
    neckband_panel,
    neckband_seams,
    sleeve_panels,
    sleeve_seams,
)
from garments.drafting.draft import Draft

__all__ = ["draft_shirt_dress", "SHIRT_DRESS_EASE_CM"]

SHIRT_DRESS_EASE_CM = {"chest": 10.0, "waist": 14.0, "hip": 10.0}


def draft_shirt_dress(m: dict[str, float]) -> Draft:
    """The women's shirt dress for body measurements ``m`` (cm: chest, waist, hip, height)."""
    chest, waist, hip, height = m["chest"], m["waist"], m["hip"], m["height"]
    ease = SHIRT_DRESS_EASE_CM
    hip_half = (hip + ease["hip"]) / 4
    spec = BodiceSpec(
        chest_half=(chest + ease["chest"]) / 4,
        waist_half=(waist + ease["waist"]) / 4,
        hip_half=hip_half,
        hem_half=hip_half + 2.5,
        length=0.52 * height + chest / 12,
        underarm_depth=chest / 8 + 10.0,
        waist_depth=0.23 * height,
        hip_depth=0.35 * height,
        neck_half=chest / 20 + 2.8,
        front_neck_depth=chest / 20 + 3.0,
        back_neck_depth=2.0,
        shoulder_half=chest / 16 + 14.0,
        shoulder_drop=4.5,
        front_scoop=4.0,
        back_scoop=3.0,
        body_height=height,
    )
    front, back = bodice_panels(spec, "shirting")
    bicep_half = (0.3 * chest + 8.0) / 2
    left_sleeve, right_sleeve = sleeve_panels(
        front, back, bicep_half, bicep_half - 0.5, 0.13 * height + 2.0, "shirting", height
    )
    collar = neckband_panel(front, back, 3.5, 1.0, "shirting", height, name="collar_stand")
    return Draft(
        panels=[front, back, left_sleeve, right_sleeve, collar],
        seams=bodice_seams() + sleeve_seams() + neckband_seams(band="collar_stand"),
        girth_lines={
            "chest": [("front", 4), ("back", 10)],
            "waist": [("front", 3), ("back", 11)],
            "hip": [("front", 2), ("back", 12)],
        },
    )
