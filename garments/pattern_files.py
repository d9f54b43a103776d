"""Loading and saving patterns: bundled names, GarmentCode JSON files, DXF-AAMA files."""

import json
import os
from pathlib import Path

from assets import asset_path
from fitroom.files import atomic_path
from garments.errors import PatternLoadingError
from garments.garmentcode import pattern_from_garmentcode, pattern_to_garmentcode
from garments.pattern import Pattern

__all__ = ["load_pattern", "save_pattern", "bundled_patterns", "bundled_pattern_path"]

_LIBRARY = ("patterns",)


def bundled_patterns() -> list[str]:
    """Names of the patterns shipped in ``assets/patterns`` (``tshirt``, ...), sorted."""
    return sorted(path.stem for path in asset_path(*_LIBRARY).glob("*.json"))


def bundled_pattern_path(name: str) -> Path:
    """The JSON file of the bundled pattern ``name``."""
    return asset_path(*_LIBRARY, f"{name}.json")


def _read_json(path: Path):
    """The parsed JSON document of ``path`` (not yet checked against any schema)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise PatternLoadingError(
            f"'{path}' is not UTF-8 text (byte {error.start} is 0x{error.object[error.start]:02x}); "
            "save the file as UTF-8 JSON."
        ) from None
    except OSError as error:
        raise PatternLoadingError(f"'{path}' cannot be read ({error.strerror}); check the file.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PatternLoadingError(
            f"'{path}' is not valid JSON (line {error.lineno}, column {error.colno}); fix the file."
        ) from None
    except RecursionError:
        raise PatternLoadingError(f"'{path}' is nested too deeply to be a pattern; fix the file.") from None


def load_pattern(name_or_path: str | os.PathLike, validate: bool = True) -> Pattern:
    """A pattern from a bundled name (``tshirt``), a GarmentCode ``.json`` file or a DXF-AAMA ``.dxf`` file.

    Parameters
    ----------
    name_or_path : str or path
    validate : bool
        Check outlines and stitches (``Pattern.validate``) before returning.

    Raises
    ------
    PatternLoadingError
        When no such pattern or file exists or the file cannot be read.
    PatternError
        Any validation error (see ``garments.errors``).

    Examples
    --------
    >>> from garments.grading import grade_pattern
    >>> tshirt = grade_pattern(load_pattern("tshirt"), "L")
    """
    text = str(name_or_path)
    path = Path(text)
    if not path.exists() and text in bundled_patterns():
        path = bundled_pattern_path(text)
    if not path.exists():
        raise PatternLoadingError(
            f"No pattern '{text}': give a pattern file path or one of the bundled patterns "
            f"({', '.join(bundled_patterns())})."
        )
    if not path.is_file():
        raise PatternLoadingError(f"'{path}' is a folder, not a pattern file; give a .json or .dxf file.")
    suffix = path.suffix.lower()
    if suffix == ".json":
        name = path.stem.removesuffix("_specification")
        pattern = pattern_from_garmentcode(_read_json(path), name, f"Pattern file '{path}'")
    elif suffix == ".dxf":
        from garments.dxf_aama import pattern_from_dxf

        # A DXF path may carry how to read it (``garments.dxf_source.DxfSource``: --seams, --units).
        seams, units = getattr(name_or_path, "seams", None), getattr(name_or_path, "units", None)
        pattern = pattern_from_dxf(path, seams=seams, units=units)
    else:
        raise PatternLoadingError(
            f"'{path}' is neither a GarmentCode .json nor a DXF-AAMA .dxf file; convert it to one of these."
        )
    if validate:
        pattern.validate()
    return pattern


def save_pattern(pattern: Pattern, path: str | os.PathLike) -> Path:
    """Write ``pattern`` as a GarmentCode JSON specification (cm) with fitroom's keys; returns the path."""
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(json.dumps(pattern_to_garmentcode(pattern), indent=1) + "\n", encoding="utf-8")
    return target
