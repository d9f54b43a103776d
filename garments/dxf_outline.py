"""One DXF piece's outline as edges: the sew line (or cut line) split at turn points and corners,
unfolded across its fold line, stood upright on its grain, in metres, with its notches on the edges.

An edge runs from one break to the next, counter-clockwise as the piece is drawn (seen from the outside
of the garment). Breaks are the file's turn points (layer 2), the joints between the open polylines of a
chained cut line, and corners sharper than ``CORNER_DEG``; a piece cut on the fold loses its fold edge,
and the edges that met it join their mirror images across it.
"""

from dataclasses import dataclass

import numpy as np

from garments.dxf_schema import DxfPieceSpec
from garments.errors import PatternLoadingError

__all__ = ["PieceOutline", "piece_outline", "CORNER_DEG", "SMOOTH_DEG"]

# A turn of the outline sharper than this (degrees) is a corner, where one edge ends and the next starts.
CORNER_DEG = 40.0
# A cut line whose polylines leave a gap wider than this share of the piece's extent does not close.
_OPEN_GAP = 0.02
# Edges meeting at a turn point where the outline turns less than this (degrees) are one seam line.
SMOOTH_DEG = 20.0
# Points, turn points and notches this close (share of the piece's extent) are the same place.
_NEAR = 0.004
# An outline enclosing less than this share of the square on its extent is a line, not a piece.
_MIN_AREA_SHARE = 1e-6
# The outline's direction at a point is read over this share of its perimeter either side.
_CORNER_REACH = 0.004


@dataclass
class PieceOutline:
    """A piece's outline, upright, unfolded, in metres.

    Attributes
    ----------
    points : (M, 2) float64
        The closed outline, counter-clockwise, first point not repeated, metres; grain along +y, bottom
        at y = 0, centred on x = 0.
    breaks : (E,) int64
        Sorted indices into ``points`` where the edges start; edge k runs from ``breaks[k]`` to
        ``breaks[k + 1]`` (the last one back round to ``breaks[0]``).
    notches : (N,) int64
        Indices into ``points`` of the notches on the outline.
    unfolded : bool
        Whether the piece was cut on the fold and unfolded.
    sewn_on_sew_line : bool
        Whether the outline is the file's sew line (layer 14) rather than its cut line.
    kept : tuple[bool, ...]
        Which of the file's turn points (or joints, or corners), in outline order, start an edge; the
        others lie where the outline runs on smoothly.
    drawn : tuple of (k, 2) float64
        The internal lines (layer 8) and drill holes (13, one point each) in the same frame, metres.
    """

    points: np.ndarray
    breaks: np.ndarray
    notches: np.ndarray
    unfolded: bool
    sewn_on_sew_line: bool
    kept: tuple[bool, ...] = ()
    drawn: tuple[np.ndarray, ...] = ()

    def edge_points(self, edge: int) -> np.ndarray:
        """The points (k, 2) of edge ``edge``, from its start break to its end break inclusive."""
        start, end = self.breaks[edge], self.breaks[(edge + 1) % len(self.breaks)]
        if end <= start:
            end += len(self.points)
        return self.points[np.arange(start, end + 1) % len(self.points)]

    def stretch(self, start: tuple[int, float], end: tuple[int, float]) -> np.ndarray:
        """The points (k, 2) of the outline from ``start`` to ``end``, each given as (edge, fraction of
        that edge's length), counter-clockwise; ``end`` equal to ``start`` means once round."""
        count = len(self.breaks)
        edges = [start[0]]
        while edges[-1] != end[0] or (len(edges) == 1 and end[1] <= start[1]):
            edges.append((edges[-1] + 1) % count)
        pieces = []
        for position, edge in enumerate(edges):
            low = start[1] if position == 0 else 0.0
            high = end[1] if position == len(edges) - 1 else 1.0
            pieces.append(_between(self.edge_points(edge), low, high))
        return np.vstack([pieces[0], *(piece[1:] for piece in pieces[1:])])


def _between(points: np.ndarray, low: float, high: float) -> np.ndarray:
    """The part (k, 2) of the polyline ``points`` between arc-length fractions ``low`` and ``high``."""
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])
    inside = (arc > low * arc[-1]) & (arc < high * arc[-1])
    ends = [
        [np.interp(f * arc[-1], arc, points[:, 0]), np.interp(f * arc[-1], arc, points[:, 1])]
        for f in (low, high)
    ]
    return np.vstack([ends[0], points[inside], ends[1]])


def _chain(lines: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Polylines joined end to start into one closed outline (M, 2) (first point not repeated), and the
    points (2,) where one polyline met the next."""
    remaining = [line for line in lines if len(line) > 1]
    chain = remaining.pop(0)
    joints = [chain[0]]
    while remaining:
        gaps = [min(np.linalg.norm(p[0] - chain[-1]), np.linalg.norm(p[-1] - chain[-1])) for p in remaining]
        line = remaining.pop(int(np.argmin(gaps)))
        if np.linalg.norm(line[-1] - chain[-1]) < np.linalg.norm(line[0] - chain[-1]):
            line = line[::-1]
        joints.append(line[0])
        chain = np.vstack([chain, line[1:]])
    extent = max(np.ptp(chain, axis=0))
    if np.linalg.norm(chain[0] - chain[-1]) < _NEAR * extent:
        chain = chain[:-1]
    keep = np.ones(len(chain), bool)
    keep[1:] = np.linalg.norm(np.diff(chain, axis=0), axis=1) > 1e-9 * extent
    return chain[keep], joints if len(lines) > 1 else []


def _largest_gap(lines: list[np.ndarray], chain: np.ndarray) -> float:
    """The widest gap (file units) the chained outline jumps: between one polyline's end and the next's
    start, or back from the last to the first."""
    ends = np.array([point for line in lines if len(line) > 1 for point in (line[0], line[-1])])
    if len(ends) == 0:
        return 0.0
    # Each polyline end should meet another's end (or its own start, for one line): its nearest other end.
    distances = np.linalg.norm(ends[:, None] - ends[None, :], axis=2)
    np.fill_diagonal(distances, np.inf)
    if len(ends) == 2:
        return float(distances[0, 1])
    return float(distances.min(axis=1).max())


def _signed_area(points: np.ndarray) -> float:
    x, y = points.T
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2


def _placed_on(points: np.ndarray, targets, tolerance: float) -> np.ndarray:
    """The closed outline (M, 2) with a point added where each target (a notch or turn point between
    two digitised points) falls on it, within ``tolerance``."""
    for target in np.asarray(targets, np.float64).reshape(-1, 2):
        following = np.roll(points, -1, axis=0)
        along = following - points
        share = np.clip(
            ((target - points) * along).sum(axis=1) / np.maximum((along**2).sum(axis=1), 1e-24), 0, 1
        )
        foot = points + share[:, None] * along
        distance = np.linalg.norm(foot - target, axis=1)
        segment = int(np.argmin(distance))
        if distance[segment] <= tolerance and 0.0 < share[segment] < 1.0:
            points = np.insert(points, segment + 1, foot[segment], axis=0)
    return points


def _nearest(points: np.ndarray, targets, tolerance: float) -> list[int]:
    """Indices of the outline points within ``tolerance`` of each target (targets farther are left out)."""
    found = []
    for target in targets:
        distance = np.linalg.norm(points - np.asarray(target), axis=1)
        if distance.min() <= tolerance:
            found.append(int(np.argmin(distance)))
    return found


def _corners(points: np.ndarray) -> list[int]:
    """Indices where the outline turns by more than ``CORNER_DEG``, read over a short reach each side."""
    loop = np.vstack([points, points[:1]])
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(loop, axis=0), axis=1))])
    perimeter = arc[-1]

    def at(positions: np.ndarray) -> np.ndarray:
        positions = positions % perimeter
        return np.column_stack([np.interp(positions, arc, loop[:, 0]), np.interp(positions, arc, loop[:, 1])])

    reach = _CORNER_REACH * perimeter
    incoming = points - at(arc[:-1] - reach)
    outgoing = at(arc[:-1] + reach) - points
    lengths = np.linalg.norm(incoming, axis=1) * np.linalg.norm(outgoing, axis=1)
    cosine = (incoming * outgoing).sum(axis=1) / np.maximum(lengths, 1e-12 * perimeter**2)
    corners = np.flatnonzero(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))) > CORNER_DEG).tolist()
    # A rounded corner reads as a few points close together: keep the middle one of each such run.
    kept: list[list[int]] = []
    for index in corners:
        if kept and arc[index] - arc[kept[-1][-1]] <= 2 * reach:
            kept[-1].append(index)
        else:
            kept.append([index])
    if len(kept) > 1 and arc[kept[0][0]] + perimeter - arc[kept[-1][-1]] <= 2 * reach:
        kept[0] = kept.pop() + kept[0]
    return [group[len(group) // 2] % len(points) for group in kept]


def _turn_deg(points: np.ndarray, index: int, before: int, after: int) -> float:
    """How far (degrees) the outline turns at ``index``, from the chord back to ``before`` to the chord
    on to ``after`` (each a tenth of the way along its edge, so digitising noise does not count)."""
    count = len(points)

    def toward(other: int) -> np.ndarray:
        span = (other - index) % count if other != index else count
        span = span if span <= count // 2 or other == after else span - count
        step = int(np.sign(span)) * max(1, abs(span) // 10)
        return points[(index + step) % count] - points[index]

    incoming, outgoing = -toward(before), toward(after)
    cosine = incoming @ outgoing / max(np.linalg.norm(incoming) * np.linalg.norm(outgoing), 1e-12)
    return float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))))


def _smooth_breaks_dropped(points: np.ndarray, breaks: list[int]) -> list[int]:
    """``breaks`` without those where the outline runs on smoothly (turning less than ``SMOOTH_DEG``):
    CAD turn points that split one seam line (an armhole at its notch) join into one edge again."""
    kept = list(breaks)
    changed = True
    while changed and len(kept) > 3:
        changed = False
        for position, index in enumerate(kept):
            before, after = kept[position - 1], kept[(position + 1) % len(kept)]
            if _turn_deg(points, index, before, after) < SMOOTH_DEG:
                kept.pop(position)
                changed = True
                break
    return kept


def _unfold(points, marks, fold, tolerance):
    """The whole piece from a half cut on the fold, and its marks carried over (mirrored too).

    ``marks`` maps a kind (``breaks``, ``notches``) to outline indices. The fold edge goes, and the two
    points where the outline meets the fold stop being breaks.
    """
    start, end = np.asarray(fold[0], float), np.asarray(fold[1], float)
    direction = (end - start) / np.linalg.norm(end - start)
    relative = points - start
    off_fold = np.abs(relative[:, 0] * direction[1] - relative[:, 1] * direction[0])
    on_fold = off_fold < tolerance
    if on_fold.sum() < 2 or on_fold.all():
        return points, marks, False
    # Roll so the half runs from one fold point round to the other without crossing the fold.
    first = int(np.flatnonzero(on_fold & ~np.roll(on_fold, -1))[0])
    last = int(np.flatnonzero(np.roll(on_fold, -first)[1:])[0]) + 1
    half = np.roll(points, -first, axis=0)[: last + 1]
    along = (half - start) @ direction
    mirrored = start + 2 * np.outer(along, direction) - (half - start)
    whole = np.vstack([half, mirrored[::-1][1:-1]])
    count, size = len(half), len(whole)
    carried = {}
    for kind, indices in marks.items():
        inside = [(i - first) % len(points) for i in indices if (i - first) % len(points) < count]
        images = [(size - i) % size for i in inside if 0 < i < count - 1]
        carried[kind] = sorted(set(inside + images))
    # The fold's two ends are no longer where edges end: the neck and the hem run on across the fold.
    carried["breaks"] = [i for i in carried["breaks"] if i not in (0, count - 1)]
    return whole, carried, True


def _upright(points: np.ndarray, grain: np.ndarray) -> np.ndarray:
    """Points (K, 2) turned so the grain (a unit (2,) direction) runs along +y."""
    angle = np.arctan2(grain[0], grain[1])
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return points @ rotation.T


def piece_outline(piece: DxfPieceSpec, scale: float, where: str, kept: tuple[bool, ...] = ()) -> PieceOutline:
    """The outline of ``piece`` (file units times ``scale`` make metres) as edges.

    ``kept`` (another size's ``PieceOutline.kept``) makes the same turn points start edges, so that every
    size of a graded piece has the same edges; it is ignored where the counts differ.

    Raises
    ------
    PatternLoadingError
        When the cut line encloses no area.
    """
    cut, joints = _chain([np.asarray(line, np.float64) for line in piece.cut_lines])
    extent = float(np.ptp(cut, axis=0).max())
    if len(cut) < 3 or not abs(_signed_area(cut)) > _MIN_AREA_SHARE * extent**2:
        raise PatternLoadingError(
            f"{where} has a cut line of {len(cut)} distinct points enclosing no area; export its "
            "whole boundary."
        )
    gap = _largest_gap([np.asarray(line, np.float64) for line in piece.cut_lines], cut)
    if gap > _OPEN_GAP * extent:
        raise PatternLoadingError(
            f"{where} has a cut line that does not close (a gap of {gap:.3g} file units); join its ends in "
            "the pattern CAD and export it again."
        )
    tolerance = _NEAR * extent
    points, sewn_on_sew_line = cut, False
    if piece.sew_lines:
        sew, sew_joints = _chain([np.asarray(line, np.float64) for line in piece.sew_lines])
        if len(sew) >= 3 and abs(_signed_area(sew)) < abs(_signed_area(cut)):
            points, sewn_on_sew_line, joints = sew, True, joints + sew_joints
            # Turn points and notches sit on the cut line: the sew line is a seam allowance inside it.
            tolerance = max(tolerance, 0.05 * extent)
    if _signed_area(points) < 0:
        points = points[::-1].copy()
    points = _placed_on(points, [*piece.turn_points, *piece.notches], tolerance)
    candidates = _nearest(points, joints, tolerance) or _nearest(points, piece.turn_points, tolerance)
    candidates = sorted(set(candidates or _corners(points)))
    if len(kept) == len(candidates):
        breaks = [index for index, keep in zip(candidates, kept, strict=True) if keep]
    else:
        breaks = _smooth_breaks_dropped(points, candidates)
    kept = tuple(index in breaks for index in candidates)
    marks = {"breaks": breaks, "notches": _nearest(points, piece.notches, tolerance)}
    unfolded = False
    if piece.fold is not None:
        points, marks, unfolded = _unfold(points, marks, piece.fold, _NEAR * extent)
        if _signed_area(points) < 0:
            size = len(points)
            points = points[::-1].copy()
            marks = {kind: sorted((size - 1 - i) for i in indices) for kind, indices in marks.items()}
    drawn = [np.asarray(line, np.float64) for line in piece.internal_lines]
    drawn += [np.asarray([hole], np.float64) for hole in piece.drill_holes]
    if unfolded:
        start = np.asarray(piece.fold[0], np.float64)
        direction = np.subtract(piece.fold[1], piece.fold[0]) / np.linalg.norm(np.subtract(*piece.fold))
        drawn += [
            start + 2 * np.outer((line - start) @ direction, direction) - (line - start) for line in drawn
        ]
    grain = np.array([0.0, 1.0]) if piece.grain is None else np.subtract(piece.grain[1], piece.grain[0])
    upright = _upright(points * scale, grain / np.linalg.norm(grain))
    offset = np.array([(upright[:, 0].max() + upright[:, 0].min()) / 2, upright[:, 1].min()])
    upright -= offset
    drawn = [_upright(line * scale, grain / np.linalg.norm(grain)) - offset for line in drawn]
    breaks = np.array(marks["breaks"] or [0], np.int64)
    return PieceOutline(
        points=upright,
        breaks=breaks,
        notches=np.array(marks["notches"], np.int64),
        unfolded=unfolded,
        sewn_on_sew_line=sewn_on_sew_line,
        kept=kept,
        drawn=tuple(drawn),
    )
