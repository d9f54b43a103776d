"""What each edge of a pattern piece is for, read from where it lies on the upright piece.

Pieces are of a kind: ``torso`` (fronts, backs, yokes), ``sleeve``, ``leg``, ``band`` (collars,
neckbands, bindings, cuffs, waistbands: long and narrow) or ``loose`` (pockets, facings and plackets,
which are sewn onto a surface or into a slit rather than edge to edge, so fitroom leaves them out). The
kind comes from the piece's name when it says (see :mod:`garments.piece_names`), else from its shape.

Edges take the trade's roles by position on the upright piece (grain up, hem at the bottom):

- torso: ``hem`` (lowest), ``side`` (vertical, outer), ``centre`` (vertical, on the centre line of a
  half piece), ``shoulder`` (straight, at the top), ``neck`` (at the top, near the centre line),
  ``armhole`` (curved, upper outer);
- sleeve: ``hem``, the two ``underarm`` edges beside it, ``cap`` (the rest);
- leg: ``hem``, ``waist`` (highest), ``rise`` (beside the waist), ``side`` (waist to hem), ``inseam``;
- band: ``long`` (its two longest edges) and ``end``.
"""

from dataclasses import dataclass

import numpy as np
from shapely.geometry import Polygon

from garments.dxf_outline import PieceOutline
from garments.piece_names import piece_role_from_name

__all__ = ["PieceEdges", "piece_edges", "piece_kind", "KIND_OF_ROLE"]

KIND_OF_ROLE = {
    "front": "torso",
    "back": "torso",
    "yoke": "torso",
    "sleeve": "sleeve",
    "leg": "leg",
    "collar": "band",
    "band": "band",
    "cuff": "band",
    "waistband": "band",
    "pocket": "loose",
    "facing": "loose",
    "placket": "loose",
}
# A piece at least this many times longer than wide is a band.
_BAND_ASPECT = 4.0
# A piece whose mirror image covers this share of it is whole (symmetric about its centre line).
_WHOLE_OVERLAP = 0.97
# A neck reaches to within this share of the piece's width of its centre line; an armhole does not.
_NECK_REACH = 0.06
# A sleeve's highest point lies within this share of its half-width of its middle, and this share of
# its height above any point of its outer halves.
_SLEEVE_APEX = 0.25
_CAP_RISE = 0.1


@dataclass
class PieceEdges:
    """One piece's edges with what they are.

    Attributes
    ----------
    role : str
        What the name says (``front``, ``sleeve``, ...; see ``PIECE_ROLES``) or ``""``.
    kind : str
        ``torso``, ``sleeve``, ``leg``, ``band`` or ``loose``.
    whole : bool
        Symmetric about x = 0 (a whole front or back, a sleeve), not a left or right half.
    centre_x : float
        x (m) of the piece's centre line: 0 for a whole piece, the centre-front or centre-back edge's
        side for a half.
    lengths : (E,) float64
        Edge lengths, metres.
    mids : (E, 2) float64
        Edge midpoints, metres.
    roles : list[str]
        Each edge's role (see the module's list, by kind).
    notch_counts : (E,) int64
        Notches along each edge.
    straightness : (E,) float64
        Chord over length: 1 for a straight edge.
    height, width : float
        The piece's extent, metres.
    """

    role: str
    kind: str
    whole: bool
    centre_x: float
    lengths: np.ndarray
    mids: np.ndarray
    roles: list
    notch_counts: np.ndarray
    straightness: np.ndarray
    height: float
    width: float

    @property
    def edge_count(self) -> int:
        return len(self.lengths)


def piece_kind(role: str, points: np.ndarray) -> str:
    """The kind of a piece from its name's role, else from its outline (M, 2) shape."""
    width, height = np.ptp(points, axis=0)
    long_and_narrow = max(width, height) > _BAND_ASPECT * min(width, height)
    if role:
        # A "back neck" strip is named for where it goes; its shape says it is a band.
        return "band" if long_and_narrow and KIND_OF_ROLE[role] == "torso" else KIND_OF_ROLE[role]
    if long_and_narrow:
        return "band"
    top = points[np.argmax(points[:, 1])]
    # A sleeve cap rises to one crown in the middle, well above its ends; a bodice's top dips at the neck.
    ends = points[np.abs(points[:, 0]) > 0.8 * width / 2, 1]
    crowned = len(ends) and top[1] - ends.max() > _CAP_RISE * height
    if abs(top[0]) < _SLEEVE_APEX * width / 2 and crowned and _is_whole(points):
        return "sleeve"
    return "torso"


def _is_whole(points: np.ndarray) -> bool:
    shape = Polygon(points).buffer(0)
    mirror = Polygon(points * [-1.0, 1.0]).buffer(0)
    return shape.intersection(mirror).area > _WHOLE_OVERLAP * shape.area


def _hem(mids, chords) -> int:
    horizontal = np.abs(chords[:, 0]) >= np.abs(chords[:, 1])
    heights = np.where(horizontal, mids[:, 1], np.inf)
    return int(np.argmin(heights)) if np.isfinite(heights).any() else int(np.argmin(mids[:, 1]))


def _torso_roles(edges, mids, chords, straightness, centre_x, whole, width, height) -> list[str]:
    hem = _hem(mids, chords)
    reach = max(abs(mids[:, 0] - centre_x).max(), 1e-9)
    roles = []
    for index, (mid, chord, straight) in enumerate(zip(mids, chords, straightness, strict=True)):
        out = abs(mid[0] - centre_x) / reach
        level = mid[1] / height
        vertical = abs(chord[1]) > abs(chord[0])
        if index == hem:
            roles.append("hem")
        elif vertical and not whole and out < 0.2:
            roles.append("centre")
        elif vertical and out > 0.5 and level < 0.7:
            roles.append("side")
        elif straight > 0.97 and level > 0.8 and not vertical and out > 0.15:
            roles.append("shoulder")
        elif level > 0.4 and np.abs(edges[index][:, 0] - centre_x).min() < _NECK_REACH * width:
            roles.append("neck")
        elif level > 0.4 and abs((edges[index][0, 0] + edges[index][-1, 0]) / 2 - centre_x) / reach >= 0.3:
            roles.append("armhole")
        else:
            roles.append("other")
    return roles


def _sleeve_roles(mids, chords) -> list[str]:
    count = len(mids)
    hem = _hem(mids, chords)
    roles = ["cap"] * count
    roles[hem] = "hem"
    roles[(hem - 1) % count] = roles[(hem + 1) % count] = "underarm"
    return roles


def _leg_roles(mids, chords) -> list[str]:
    count = len(mids)
    hem = _hem(mids, chords)
    horizontal = np.abs(chords[:, 0]) >= np.abs(chords[:, 1])
    waist = int(np.argmax(np.where(horizontal, mids[:, 1], -np.inf)))
    roles = ["other"] * count
    roles[hem], roles[waist] = "hem", "waist"
    for step in (-1, 1):
        beside_waist = (waist + step) % count
        reaches_hem = (beside_waist + step) % count == hem
        if roles[beside_waist] == "other":
            roles[beside_waist] = "side" if reaches_hem else "rise"
        beside_hem = (hem - step) % count
        if roles[beside_hem] == "other":
            roles[beside_hem] = "inseam"
    return roles


def _band_roles(lengths) -> list[str]:
    longest = set(np.argsort(lengths)[-2:].tolist())
    return ["long" if index in longest else "end" for index in range(len(lengths))]


def piece_edges(name: str, category: str, outline: PieceOutline) -> PieceEdges:
    """The edges of one upright piece with their roles."""
    role = piece_role_from_name(name, category)
    points = outline.points
    kind = piece_kind(role, points)
    edges = [outline.edge_points(k) for k in range(len(outline.breaks))]
    lengths = np.array([np.linalg.norm(np.diff(e, axis=0), axis=1).sum() for e in edges])
    mids = np.array([e[len(e) // 2] if len(e) > 2 else e.mean(axis=0) for e in edges])
    chords = np.array([e[-1] - e[0] for e in edges])
    straightness = np.linalg.norm(chords, axis=1) / np.maximum(lengths, 1e-12)
    width, height = (float(v) for v in np.ptp(points, axis=0))
    whole = _is_whole(points)
    top = points[np.argmax(points[:, 1])]
    half = kind == "torso" and not whole
    centre_x = float(points[:, 0].max() if top[0] > 0 else points[:, 0].min()) if half else 0.0
    if kind == "torso":
        roles = _torso_roles(edges, mids, chords, straightness, centre_x, whole, width, height)
    elif kind == "sleeve":
        roles = _sleeve_roles(mids, chords)
    elif kind == "leg":
        roles = _leg_roles(mids, chords)
    elif kind == "band":
        roles = _band_roles(lengths)
    else:
        roles = ["other"] * len(edges)
    edge_of_notch = np.searchsorted(outline.breaks, outline.notches, side="right") - 1
    notch_counts = (
        np.bincount(edge_of_notch % len(edges), minlength=len(edges))
        if len(edge_of_notch)
        else np.zeros(len(edges), np.int64)
    )
    return PieceEdges(
        role=role,
        kind=kind,
        whole=whole,
        centre_x=centre_x,
        lengths=lengths,
        mids=mids,
        roles=roles,
        notch_counts=notch_counts.astype(np.int64),
        straightness=straightness,
        height=height,
        width=width,
    )
