"""The declared schema of one DXF-AAMA piece as read from its BLOCK, checked before it is unfolded.

A piece passes when its cut line (layer 1) has finite coordinates and at least one polyline of two or
more points, and its grain (layer 7) and fold (layer 6) lines, when present, have a length.
"""

import math

from pydantic import BaseModel, Field, model_validator

from fitroom.schema import Finite

__all__ = ["DxfPieceSpec", "MIN_LINE_LENGTH"]

# Grain and fold lines shorter than this (file units: mm or inches) have no direction to read.
MIN_LINE_LENGTH = 1e-3

Point = tuple[Finite, Finite]
Line = tuple[Point, Point]


class DxfPieceSpec(BaseModel):
    """One piece of one size: its cut-line polylines (file units), grain line and fold line."""

    name: str
    cut_lines: list[list[Point]] = Field(min_length=1)
    grain: Line | None = None
    fold: Line | None = None

    @model_validator(mode="after")
    def _lines_have_length(self):
        if max(len(line) for line in self.cut_lines) < 2:
            raise ValueError("the cut line (layer 1) has one vertex; a piece outline needs at least three")
        for which in ("grain", "fold"):
            line = getattr(self, which)
            if line is not None and not math.dist(*line) > MIN_LINE_LENGTH:
                raise ValueError(f"the {which} line has no length; draw it between two different points")
        return self
