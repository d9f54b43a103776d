"""Writes the bundled pattern library (``assets/patterns/*.json``) from the drafters.

Run ``python -m garments.drafting.library_build`` after changing a drafter; the JSON files are what
fitroom loads, the drafters are how they were made.
"""

from assets import asset_path
from garments.drafting.draft import draft_pattern
from garments.drafting.shirt_dress import SHIRT_DRESS_EASE_CM, draft_shirt_dress
from garments.drafting.skirt import SKIRT_EASE_CM, draft_skirt
from garments.drafting.tank_top import TANK_TOP_EASE_CM, draft_tank_top
from garments.drafting.trousers import TROUSERS_EASE_CM, draft_trousers
from garments.drafting.tshirt import TSHIRT_EASE_CM, TSHIRT_MEN_EASE_CM, draft_tshirt, draft_tshirt_men
from garments.pattern_files import save_pattern

__all__ = ["LIBRARY", "build_library"]

# name -> (drafter, chart, ease, description)
LIBRARY = {
    "tshirt": (draft_tshirt, "women", TSHIRT_EASE_CM,
               "Women's fitted T-shirt: front, back, set-in short sleeves, rib neckband."),
    "tshirt_men": (draft_tshirt_men, "men", TSHIRT_MEN_EASE_CM,
                   "Men's regular T-shirt: front, back, set-in short sleeves, rib neckband."),
    "tank_top": (draft_tank_top, "women", TANK_TOP_EASE_CM,
                 "Women's tank top: front and back, scooped neck, narrow straps, bound armholes."),
    "skirt": (draft_skirt, "women", SKIRT_EASE_CM,
              "Women's knee-length A-line skirt: front and back with two waist darts each, waistband."),
    "trousers": (draft_trousers, "women", TROUSERS_EASE_CM,
                 "Women's straight trousers in denim: fronts, backs with waist darts, waistband."),
    "trousers_men": (draft_trousers, "men", TROUSERS_EASE_CM,
                     "Men's straight trousers in denim: fronts, backs with waist darts, waistband."),
    "shirt_dress": (draft_shirt_dress, "women", SHIRT_DRESS_EASE_CM,
                    "Women's knee-length shirt dress: front, back, short set-in sleeves, collar stand."),
}  # fmt: skip


def build_library() -> list[str]:
    """Draft every library pattern in size M with its grade rules and write it; returns the names."""
    for name, (drafter, chart, ease, description) in LIBRARY.items():
        pattern = draft_pattern(drafter, name, chart, ease, description)
        pattern.validate()
        save_pattern(pattern, asset_path("patterns", f"{name}.json"))
    return list(LIBRARY)


if __name__ == "__main__":
    print("\n".join(build_library()))
