"""What a pattern piece is, read from its name and category as pattern CAD vendors write them.

Names come in many styles: words (``FRONT``, ``Sleeve``, ``BACK NECK BAND``), trade abbreviations
(``FRT``, ``BK``, ``SLV``, ``CLR``, ``WB``, ``PKT``) and style codes with the abbreviation run on
(``TEEFR``, ``TEEBK``, ``POLOSLV``, ``RELAXED TANK FR V2``). A name is cut into its letter runs; a run
names a role when it is one of the role's words or, for the abbreviations, ends with one.
"""

import re

__all__ = ["PIECE_ROLES", "piece_role_from_name"]

# Roles in the order they are tried: a "SLEEVE FRONT" is a sleeve and a "FRONT YOKE" a yoke.
PIECE_ROLES = (
    "pocket",
    "facing",
    "placket",
    "cuff",
    "collar",
    "band",
    "waistband",
    "yoke",
    "sleeve",
    "leg",
    "front",
    "back",
)

# Whole words (a letter run equal to one), then abbreviations a run may end with.
_WORDS = {
    "pocket": (("POCKET", "POCKETS", "PKT", "POCK", "WELT", "FLAP"), ("PKT",)),
    "facing": (("FACING", "FACE", "FUSE", "FUSIBLE", "INTERFACING", "LINING", "FCG"), ("FCG",)),
    "cuff": (("CUFF", "CUFFS", "CUF"), ("CUFF",)),
    "collar": (("COLLAR", "COLLR", "CLR", "COL", "STAND", "HOOD"), ("COLLAR", "CLR")),
    "placket": (("PLACKET", "PLK", "PLKT"), ("PLACKET", "PLKT")),
    "band": (
        ("BAND", "NECKBAND", "BINDING", "BIND", "RIB", "TRIM", "NB", "TAPE", "NECKTAPE"),
        ("BAND", "NB", "TAPE"),
    ),
    "waistband": (("WAISTBAND", "WB", "WAIST"), ("WB",)),
    "yoke": (("YOKE", "YK"), ("YOKE", "YK")),
    "sleeve": (("SLEEVE", "SLEEVES", "SLV", "SLEEV", "SLEVE", "SLVE", "SL"), ("SLEEVE", "SLV", "SL")),
    "leg": (("LEG", "LEGS", "PANT", "PANTS", "TROUSER", "SHORT", "SHORTS", "TIGHT", "LEGGING"), ("LEG",)),
    "front": (("FRONT", "FRT", "FR", "FT", "FNT", "FRNT", "FRON", "F"), ("FRONT", "FRT", "FR", "FNT")),
    "back": (("BACK", "BK", "BCK", "BAK", "B"), ("BACK", "BK", "BCK")),
}
# A run names a role by its ending only when it is at least this long (``TEEFR``, not ``FR`` alone).
_MIN_RUN_FOR_SUFFIX = 4


def _runs(text: str) -> list[str]:
    return re.findall(r"[A-Z]+", text.upper())


def piece_role_from_name(name: str, category: str = "") -> str:
    """The role (one of ``PIECE_ROLES``) a piece's name or category says, or ``""`` when neither does.

    Examples
    --------
    >>> piece_role_from_name("TEEFR"), piece_role_from_name("Sleeve"), piece_role_from_name("11")
    ('front', 'sleeve', '')
    """
    for text in (name, category):
        runs = _runs(text)
        for role in PIECE_ROLES:
            words, endings = _WORDS[role]
            if any(run in words for run in runs):
                return role
            if any(
                len(run) >= _MIN_RUN_FOR_SUFFIX and run.endswith(ending) and run != ending
                for run in runs
                for ending in endings
            ):
                return role
    return ""
