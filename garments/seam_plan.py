"""The seams of a DXF garment as inferred or read: the pieces to sew, each seam with its confidence and
reason, and what is left unsewn (see :mod:`garments.seam_inference`, :mod:`garments.seams_file`)."""

from dataclasses import dataclass, field

import numpy as np

from garments.dxf_outline import PieceOutline
from garments.seam_edges import PieceEdges

__all__ = ["SewPiece", "InferredSeam", "SeamPlan", "LOW_CONFIDENCE"]

# Seams below this confidence are marked for a designer to check.
LOW_CONFIDENCE = 0.6


@dataclass
class SewPiece:
    """One panel to be: a copy of a DXF piece (a second copy of a ``Quantity: 2`` piece is mirrored).

    Attributes
    ----------
    name : str
        The panel's name.
    outline : PieceOutline
    edges : PieceEdges
    facing : str
        ``front`` or ``back`` for torso pieces, else ``""``.
    """

    name: str
    outline: PieceOutline
    edges: PieceEdges
    facing: str = ""

    def body_side(self, edge: int) -> int:
        """+1 when the edge is on the body's left, -1 on its right, 0 on the centre line or unknown."""
        if self.edges.kind != "torso" or not self.facing:
            return 0
        offset = self.edges.mids[edge, 0] - self.edges.centre_x
        if abs(offset) < 0.1 * self.edges.width:
            return 0
        return int(np.sign(offset)) * (1 if self.facing == "front" else -1)


@dataclass(frozen=True)
class InferredSeam:
    """Two edges sewn together (running opposite ways, as all pieces are seen from the outside).

    ``a`` and ``b`` are (panel name, edge index), edges as ``SeamPlan.breaks`` makes them.
    """

    a: tuple[str, int]
    b: tuple[str, int]
    confidence: float
    reason: str


@dataclass
class SeamPlan:
    """The inferred seams of a garment.

    Attributes
    ----------
    seams : list[InferredSeam]
    breaks : dict[str, list[tuple[int, float]]]
        For panels whose edges are not their outline's (a sleeve cap cut where the armhole's seams
        cross it), where each edge starts: (outline edge, fraction of its length), in outline order.
    unsewn : dict[tuple[str, int], str]
        Each unsewn (panel, edge) with the reason.
    left_out : dict[str, str]
        Pieces of the file that are not part of the garment (pockets, alternatives), with the reason.
    unmatched : dict[str, str]
        Panels that no seam joins to the rest, with the reason: the garment cannot be sewn as inferred.
    """

    seams: list[InferredSeam] = field(default_factory=list)
    breaks: dict = field(default_factory=dict)
    unsewn: dict = field(default_factory=dict)
    left_out: dict = field(default_factory=dict)
    unmatched: dict = field(default_factory=dict)
