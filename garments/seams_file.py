"""The seams sidecar of a DXF file, ``FILE.seams.json``: the inferred seams, for a designer to check,
edit and keep.

It lists the pieces sewn, where edges start on panels whose edges are not their outline's (a sleeve cap
cut where the armhole's seams cross it), and the
seams as GarmentCode stitches (``[{"panel": ..., "edge": ...}, {"panel": ..., "edge": ...}]``) with a
confidence and a reason each, plus the edges left unsewn and why. fitroom reads it back in place of
inferring again; a seam naming a piece or an edge that is not there, or an edge sewn twice, is refused
in a sentence before anything is draped.
"""

import json
import os
from pathlib import Path

from pydantic import BaseModel, Field

from fitroom.files import atomic_path
from fitroom.schema import validated
from garments.errors import DuplicateStitchError, PatternLoadingError, StitchReferenceError
from garments.seam_plan import InferredSeam, SeamPlan

__all__ = ["seams_path", "write_seams_file", "read_seams_file", "check_seams", "SEAMS_SUFFIX"]

SEAMS_SUFFIX = ".seams.json"


class _End(BaseModel):
    panel: str
    edge: int = Field(ge=0)


class _Seam(BaseModel):
    stitch: tuple[_End, _End]
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    reason: str = "written by hand"


class _Unsewn(BaseModel):
    panel: str
    edge: int = Field(ge=0)
    reason: str = ""


class _SeamsDocument(BaseModel):
    dxf: str = ""
    pieces: list[str] = Field(min_length=1)
    left_out: dict[str, str] = {}
    breaks: dict[str, list[tuple[int, float]]] = {}
    seams: list[_Seam]
    unsewn: list[_Unsewn] = []
    unmatched: dict[str, str] = {}


def seams_path(dxf_path: str | os.PathLike) -> Path:
    """Where the sidecar of ``dxf_path`` lives: ``FILE.seams.json`` beside ``FILE.DXF``."""
    path = Path(dxf_path)
    return path.with_name(path.stem + SEAMS_SUFFIX)


def write_seams_file(plan: SeamPlan, pieces: list[str], path: str | os.PathLike, dxf_name: str) -> Path:
    """Write ``plan`` (its panels named in ``pieces``) to ``path`` whole; returns the path."""
    document = {
        "dxf": dxf_name,
        "pieces": pieces,
        "left_out": plan.left_out,
        "breaks": {
            panel: [[edge, round(f, 6)] for edge, f in breaks] for panel, breaks in plan.breaks.items()
        },
        "seams": [
            {
                "stitch": [{"panel": s.a[0], "edge": s.a[1]}, {"panel": s.b[0], "edge": s.b[1]}],
                "confidence": s.confidence,
                "reason": s.reason,
            }
            for s in plan.seams
        ],
        "unsewn": [{"panel": p, "edge": e, "reason": r} for (p, e), r in sorted(plan.unsewn.items())],
        "unmatched": plan.unmatched,
    }
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return target


def read_seams_file(path: str | os.PathLike) -> tuple[list[str], SeamPlan]:
    """The panels and the plan a sidecar holds (checked against its own schema, not yet the pieces).

    Raises
    ------
    PatternLoadingError
        When the file cannot be read, is not JSON, or lacks a required field.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PatternLoadingError(
            f"Seams file '{path}' cannot be read as JSON ({error.__class__.__name__}); fix it or delete it "
            "to infer the seams again."
        ) from None
    document = validated(_SeamsDocument, data, f"Seams file '{path}'", PatternLoadingError)
    plan = SeamPlan(
        seams=[
            InferredSeam(
                (s.stitch[0].panel, s.stitch[0].edge),
                (s.stitch[1].panel, s.stitch[1].edge),
                s.confidence,
                s.reason,
            )
            for s in document.seams
        ],  # fmt: skip
        breaks={
            panel: [(edge, fraction) for edge, fraction in breaks]
            for panel, breaks in document.breaks.items()
        },
        unsewn={(u.panel, u.edge): u.reason for u in document.unsewn},
        left_out=dict(document.left_out),
        unmatched=dict(document.unmatched),
    )
    return document.pieces, plan


def check_seams(plan: SeamPlan, edge_counts: dict[str, int], where: str) -> None:
    """Refuse seams that name a panel or edge not in the garment, or sew one edge twice.

    Parameters
    ----------
    edge_counts : {panel name: its edge count after the plan's cuts}
    where : str
        The seams file, starting the sentence.

    Raises
    ------
    StitchReferenceError, DuplicateStitchError
    """
    used: dict[tuple[str, int], int] = {}
    for number, seam in enumerate(plan.seams):
        for panel, edge in (seam.a, seam.b):
            if panel not in edge_counts:
                raise StitchReferenceError(
                    f"{where}: seam {number} names piece '{panel}', which the garment does not have; use "
                    f"one of {', '.join(edge_counts)}."
                )
            if edge >= edge_counts[panel]:
                raise StitchReferenceError(
                    f"{where}: seam {number} names edge {edge} of '{panel}', which has edges 0-"
                    f"{edge_counts[panel] - 1}; fix the edge number (see 'fitroom seams')."
                )
            if (panel, edge) in used:
                raise DuplicateStitchError(
                    f"{where}: edge {edge} of '{panel}' is sewn in seam {used[(panel, edge)]} and again in "
                    f"seam {number}; keep it in one seam."
                )
            used[(panel, edge)] = number
