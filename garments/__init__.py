"""Garments: sewing patterns (GarmentCode JSON, DXF-AAMA), sizes and grading, panel meshing, placement.

Public names load their module on first use, so ``import garments`` stays cheap.

Examples
--------
>>> from garments import make_garment
>>> garment = make_garment("tshirt", body, size="L")
"""

import importlib

# Public name -> module that defines it.
_EXPORTS = {
    "Garment": "garments.garment",
    "Pattern": "garments.pattern",
    "Panel": "garments.pattern",
    "Edge": "garments.pattern",
    "Stitch": "garments.pattern",
    "StitchEnd": "garments.pattern",
    "Curve": "garments.curves",
    "load_pattern": "garments.pattern_files",
    "save_pattern": "garments.pattern_files",
    "bundled_patterns": "garments.pattern_files",
    "MeshedPattern": "garments.meshing",
    "mesh_pattern": "garments.meshing",
    "place_garment": "garments.placement",
    "make_garment": "garments.make",
    "waistline_vertices": "garments.waistline",
    "MADE_TO_MEASURE": "garments.grading",
    "grade_pattern": "garments.grading",
    "pattern_in_size": "garments.grading",
    "AS_DRAWN": "garments.pattern",
    "draw_pattern": "garments.pattern_drawing",
    "points_inside": "garments.point_in_mesh",
    "size_measurements_cm": "fitroom.size_chart",
    "chart_sizes": "fitroom.size_chart",
    "PatternError": "garments.errors",
    "PatternLoadingError": "garments.errors",
    "EdgeLoopError": "garments.errors",
    "EdgeIndexError": "garments.errors",
    "StitchReferenceError": "garments.errors",
    "DuplicateStitchError": "garments.errors",
    "StitchLengthError": "garments.errors",
    "StitchLengthWarning": "garments.errors",
    "SelfIntersectionError": "garments.errors",
    "UnknownSizeError": "garments.errors",
    "PlacementError": "garments.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'garments' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
