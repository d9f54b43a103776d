"""The fitted T-shirt: front, back, two set-in short sleeves, rib neckband.

Ease over the body (cm): chest +6, waist +12, hip +5, the moderate ease of a fitted women's tee, so
size S pulls tight on a size-M body and XL hangs loose. The men's version is a regular fit (chest +10,
waist +14, hip +8).
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

__all__ = ["draft_tshirt", "draft_tshirt_men", "TSHIRT_EASE_CM", "TSHIRT_MEN_EASE_CM"]

TSHIRT_EASE_CM = {"chest": 6.0, "waist": 12.0, "hip": 5.0}
TSHIRT_MEN_EASE_CM = {"chest": 10.0, "waist": 14.0, "hip": 8.0}


def _tshirt(m: dict[str, float], ease: dict[str, float], shaping: float) -> Draft:
    chest, waist, hip, height = m["chest"], m["waist"], m["hip"], m["height"]
    hip_half = (hip + ease["hip"]) / 4
    spec = BodiceSpec(
        chest_half=(chest + ease["chest"]) / 4,
        waist_half=(1 - shaping) * (chest + ease["chest"]) / 4 + shaping * (waist + ease["waist"]) / 4,
        hip_half=hip_half,
        hem_half=hip_half,
        length=0.32 * height + chest / 12,
        underarm_depth=chest / 8 + 9.0,
        waist_depth=0.23 * height,
        hip_depth=0.35 * height,
        neck_half=chest / 20 + 2.5,
        front_neck_depth=chest / 20 + 3.3,
        back_neck_depth=2.0,
        shoulder_half=chest / 16 + 13.4,
        shoulder_drop=4.5,
        front_scoop=4.0,
        back_scoop=3.0,
        body_height=height,
    )
    front, back = bodice_panels(spec, "cotton_jersey")
    bicep_half = (0.3 * chest + 5.5) / 2
    left_sleeve, right_sleeve = sleeve_panels(
        front, back, bicep_half, bicep_half - 1.0, 0.1 * height + 2.0, "cotton_jersey", height
    )
    neckband = neckband_panel(front, back, 2.0, 0.92, "rib_knit", height)
    return Draft(
        panels=[front, back, left_sleeve, right_sleeve, neckband],
        seams=bodice_seams() + sleeve_seams() + neckband_seams(),
        girth_lines={
            "chest": [("front", 4), ("back", 10)],
            "waist": [("front", 3), ("back", 11)],
            "hip": [("front", 2), ("back", 12)],
        },
    )


def draft_tshirt(m: dict[str, float]) -> Draft:
    """The women's fitted T-shirt for body measurements ``m`` (cm: chest, waist, hip, height)."""
    return _tshirt(m, TSHIRT_EASE_CM, shaping=1.0)


def draft_tshirt_men(m: dict[str, float]) -> Draft:
    """The men's regular-fit T-shirt for body measurements ``m`` (cm: chest, waist, hip, height)."""
    return _tshirt(m, TSHIRT_MEN_EASE_CM, shaping=1.0)
