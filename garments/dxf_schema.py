"""The declared schema of one DXF-AAMA piece as read from its BLOCK, checked before it is unfolded.

A piece passes when its cut line (layer 1) has finite coordinates and at least one polyline of two or
more points, its grain (layer 7) and fold (layer 6) lines, when present, have a length, and its quantity
is a whole number of pieces to cut.
"""

import math

from pydantic import BaseModel, Field, model_validator

from fitroom.schema import Finite

__all__ = ["DxfPieceSpec", "MIN_LINE_LENGTH", "MAX_QUANTITY"]

# Grain and fold lines shorter than this (file units: mm or inches) have no direction to read.
MIN_LINE_LENGTH = 1e-3
# More copies of one piece than this in one garment is a misread quantity, not a garment.
MAX_QUANTITY = 8

Point = tuple[Finite, Finite]
Line = tuple[Point, Point]


class DxfPieceSpec(BaseModel):
    """One piece of one size as its BLOCK holds it, in file units.

    Attributes
    ----------
    name : str
    cut_lines : list of polylines
        Layer 1: the outline, as one closed polyline or a chain of open ones.
    sew_lines : list of polylines
        Layer 14 (ASTM): the line sewn along, inside the cut line by the seam allowance.
    turn_points, notches, drill_holes : list of points
        Layers 2, 4 and 13.
    internal_lines : list of polylines
        Layer 8: drawn only.
    grain, fold : line or None
        Layers 7 and 6.
    quantity : int
        How many to cut (``Quantity:`` text); 2 makes a left and a right piece.
    category : str
        The ``Category:`` text, when the file gives one (``FRONT``, ``SLEEVE``).
    """

    name: str
    cut_lines: list[list[Point]] = Field(min_length=1)
    sew_lines: list[list[Point]] = []
    turn_points: list[Point] = []
    notches: list[Point] = []
    drill_holes: list[Point] = []
    internal_lines: list[list[Point]] = []
    grain: Line | None = None
    fold: Line | None = None
    quantity: int = Field(default=1, ge=1, le=MAX_QUANTITY)
    category: str = ""

    @model_validator(mode="after")
    def _lines_have_length(self):
        if max(len(line) for line in self.cut_lines) < 2:
            raise ValueError("the cut line (layer 1) has one vertex; a piece outline needs at least three")
        for which in ("grain", "fold"):
            line = getattr(self, which)
            if line is not None and not math.dist(*line) > MIN_LINE_LENGTH:
                raise ValueError(f"the {which} line has no length; draw it between two different points")
        return self
