"""Which edges of a DXF garment's pieces are sewn together, inferred as the trade drafts them.

Two steps, each a choice of one consistent set rather than a greedy walk:

1. Edge to edge (:mod:`garments.seam_matching`): edges whose roles the trade sews together, scored by
   how well their lengths and notches agree, in a maximum-weight matching, so no edge is sewn twice.
2. Pieces set into openings. Sewing step 1 leaves openings: loops of unsewn edges round an armhole, the
   neck, a sleeve end, the waist. Sleeve caps go into armhole loops (eased: a cap may be up to
   ``CAP_EASE`` longer), collars, neckbands and bindings along the neck (stretched: up to
   ``BAND_STRETCH`` shorter), cuffs round sleeve ends, waistbands round the waist; the pieces' runs of
   openings are chosen together (the most pieces set in at the least length mismatch, no two on one
   stretch), and each set-in edge is cut where the opening's own seams cross it, so every seam is again
   edge to edge. One notch marks the front of
   an armhole and two the back, so a sleeve whose cap notches say front goes to the front.

Edges left unsewn (hems, necks without a band, armholes without a sleeve, a band's outer edge) keep the
reason. Every seam has a confidence between 0 and 1 and the reason it was chosen.
"""

import itertools

import numpy as np

from garments.seam_matching import edge_pairs, matched_seams
from garments.seam_plan import InferredSeam, SeamPlan, SewPiece

__all__ = ["infer_seams", "CAP_EASE", "BAND_STRETCH"]

# A sleeve cap may be this much longer than its armhole (eased in); and no shorter than it by this.
CAP_EASE = 0.15
# A band may be this much shorter than the edge it binds (stretched on), and no longer by this.
BAND_STRETCH = 0.25
# Set-in choices tried at most (every combination of a garment's few set-in pieces is far fewer).
_MOST_COMBINATIONS = 200_000
# Loop kinds each set-in piece role goes into, best first.
_OPENINGS = {
    "sleeve": ("armhole",),
    "collar": ("neck",),
    "band": ("neck", "armhole", "sleeve end", "hem"),
    "": ("neck", "armhole", "sleeve end", "hem"),
    "cuff": ("sleeve end",),
    "waistband": ("waist",),
}
_LOOP_KIND_OF_ROLE = {
    "armhole": "armhole",
    "neck": "neck",
    "hem": "hem",
    "waist": "waist",
}


class _Sewing:
    """Seams so far on each panel's current edges. An edge is named by where it starts: (panel, outline
    edge, fraction along it); the panel's edges run from one start to the next round the outline."""

    def __init__(self, pieces: list[SewPiece]):
        self.pieces = {piece.name: piece for piece in pieces}
        self.breaks = {p.name: [(edge, 0.0) for edge in range(p.edges.edge_count)] for p in pieces}
        self.partner: dict[tuple[str, int, float], tuple[str, int, float]] = {}
        self.seams: list[tuple[tuple[str, int, float], tuple[str, int, float], float, str]] = []

    def sew(self, a, b, confidence: float, reason: str) -> None:
        self.partner[a], self.partner[b] = b, a
        self.seams.append((a, b, confidence, reason))

    def parts(self, panel: str) -> list[tuple[str, int, float]]:
        """The panel's edges in outline order."""
        return [(panel, edge, fraction) for edge, fraction in self.breaks[panel]]

    def after(self, end) -> tuple[int, float]:
        """Where the edge ``end`` ends: the next edge's start (edge, fraction)."""
        breaks = self.breaks[end[0]]
        return breaks[(breaks.index(end[1:]) + 1) % len(breaks)]

    def points(self, end) -> np.ndarray:
        """The points (k, 2) of edge ``end``, metres."""
        return self.pieces[end[0]].outline.stretch(end[1:], self.after(end))

    def length(self, end) -> float:
        return float(np.linalg.norm(np.diff(self.points(end), axis=0), axis=1).sum())

    def role(self, end) -> str:
        return self.pieces[end[0]].edges.roles[end[1]]

    def following(self, end):
        """The next unsewn edge round the opening that ``end`` borders."""
        for _ in range(4 * len(self.partner) + 8):
            parts = self.parts(end[0])
            following = parts[(parts.index(end) + 1) % len(parts)]
            if following not in self.partner:
                return following
            end = self.partner[following]
        raise RuntimeError("an opening's edge walk did not come round")

    def loops(self, panels) -> list[list[tuple[str, int, float]]]:
        """The openings among ``panels``: loops of unsewn edges, each in walking order."""
        seen, loops = set(), []
        for panel in panels:
            for end in self.parts(panel):
                if end in self.partner or end in seen:
                    continue
                loop = [end]
                seen.add(end)
                following = self.following(end)
                while following != end and following not in seen:
                    loop.append(following)
                    seen.add(following)
                    following = self.following(following)
                loops.append(loop)
        return loops

    def recut(self, run, lengths) -> list[tuple[str, int, float]]:
        """Replace the consecutive edges ``run`` of one panel by edges in the proportions of
        ``lengths`` and return the new edges in order."""
        panel = run[0][0]
        start = run[0][1:]
        total = sum(self.length(end) for end in run)
        inner = {end[1:] for end in run[1:]}
        new = [start]
        for share in np.cumsum(lengths)[:-1] / np.sum(lengths):
            new.append(_position_on(self.pieces[panel], start, float(share * total)))
        self.breaks[panel] = sorted((set(self.breaks[panel]) - inner) | set(new))
        return [(panel, *position) for position in new]


def _position_on(piece: SewPiece, start: tuple[int, float], distance: float) -> tuple[int, float]:
    """The (outline edge, fraction) ``distance`` metres on round the piece's outline from ``start``."""
    edge, fraction = start
    lengths = piece.edges.lengths
    for _ in range(len(lengths) + 1):
        available = (1.0 - fraction) * lengths[edge]
        if distance <= available:
            return edge, fraction + distance / lengths[edge]
        distance -= available
        edge, fraction = (edge + 1) % len(lengths), 0.0
    return edge, fraction


def _loop_kind(sewing: _Sewing, loop) -> str:
    kinds = []
    for panel, edge, _ in loop:
        piece = sewing.pieces[panel]
        role = piece.edges.roles[edge]
        if piece.edges.kind == "sleeve" and role == "hem":
            kinds.append("sleeve end")
        elif piece.edges.kind == "leg" and role == "hem":
            kinds.append("leg end")
        else:
            kinds.append(_LOOP_KIND_OF_ROLE.get(role, "other"))
    for kind in ("armhole", "neck", "sleeve end", "waist", "leg end", "hem"):
        if kind in kinds:
            return kind
    return "other"


def _set_in_run(sewing: _Sewing, piece: SewPiece) -> list[tuple[str, int, float]]:
    """The edges of a piece to be set into an opening: a sleeve's cap (every edge between its underarm
    seams), a band's attaching long edge (the longer, else the lower)."""
    edges = piece.edges
    if edges.kind == "sleeve":
        hem = edges.roles.index("hem")
        order = [(hem + step) % edges.edge_count for step in range(1, edges.edge_count)]
        return [(piece.name, edge, 0.0) for edge in order if edges.roles[edge] == "cap"]
    long_edges = [edge for edge in range(edges.edge_count) if edges.roles[edge] == "long"]
    chosen = max(long_edges, key=lambda edge: (round(edges.lengths[edge], 3), -edges.mids[edge, 1]))
    return [(piece.name, chosen, 0.0)]


def _chains(loop, whole_only: bool):
    """Runs of consecutive loop parts (start, count): the whole loop at each rotation, and unless
    ``whole_only`` every shorter run."""
    count = len(loop)
    lengths = [count] if whole_only else range(1, count + 1)
    for length in lengths:
        for start in range(count):
            yield start, length


def _ratio_cost(ratio: float, low: float, high: float) -> float:
    """0 inside [low, high], growing with the distance outside."""
    return max(0.0, low - ratio, ratio - high) * 10.0


def _set_in_candidates(sewing: _Sewing, piece: SewPiece, loops, kinds):
    """(cost, loop index, start, count, reason) for each run of each opening the piece could go into."""
    role = piece.edges.role if piece.edges.kind == "band" else piece.edges.kind
    wanted = _OPENINGS.get(role, _OPENINGS[""])
    run = _set_in_run(sewing, piece)
    run_length = sum(sewing.length(end) for end in run)
    sleeve = piece.edges.kind == "sleeve"
    low, high = (1.0 - 0.02, 1.0 + CAP_EASE) if sleeve else (1.0 - BAND_STRETCH, 1.0 + 0.02)
    candidates = []
    for index, loop in enumerate(loops):
        if kinds[index] not in wanted:
            continue
        whole_only = sleeve or role in ("cuff", "waistband")
        for start, count in _chains(loop, whole_only):
            chain = [loop[(start + k) % len(loop)] for k in range(count)]
            chain_length = sum(sewing.length(end) for end in chain)
            ratio = run_length / chain_length
            cost = _ratio_cost(ratio, low, high) + 0.2 * wanted.index(kinds[index])
            if cost > 1.0:
                continue
            # Prefer runs starting where the opening is lowest (a sleeve's underarm), and whole loops.
            cost += 0.01 * sewing.points(chain[0])[0, 1] + 0.05 * (count < len(loop))
            cost += 0.3 * _notch_disagreement(sewing, piece, run, chain)
            word = "eased into" if sleeve else "set along"
            reason = (
                f"{'sleeve cap' if sleeve else (piece.edges.role or 'band')} {run_length * 100:.1f} cm "
                f"{word} the {kinds[index]} {chain_length * 100:.1f} cm"
            )
            candidates.append((cost, index, start, count, reason))
    return run, candidates


def _notch_disagreement(sewing: _Sewing, piece: SewPiece, run, chain) -> float:
    """How far the run's notches, cut in proportion to the chain, disagree with the chain's notch counts
    (one notch front, two back): 0 when they agree or there are none."""
    chain_notches = [sewing.pieces[p].edges.notch_counts[e] for p, e, _ in chain]
    if not any(chain_notches) or len(chain) < 2:
        return 0.0
    outline = piece.outline
    run_points = np.concatenate([sewing.points(end) for end in run])
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(run_points, axis=0), axis=1))])
    notch_points = outline.points[outline.notches] if len(outline.notches) else np.zeros((0, 2))
    near = [np.argmin(np.linalg.norm(run_points - p, axis=1)) for p in notch_points]
    positions = [arc[i] / arc[-1] for i in near if 0 < i < len(run_points) - 1]
    if not positions:
        return 0.0
    lengths = np.array([sewing.length(end) for end in chain])[::-1]
    bounds = np.concatenate([[0.0], np.cumsum(lengths) / lengths.sum()])
    counts = np.histogram(positions, bounds)[0]
    return float(np.abs(counts - np.array(chain_notches[::-1])).sum())


def _set_in(sewing: _Sewing, run, loop, start, count, reason: str, cost: float) -> None:
    """Cut the piece's run where the chain's edges meet and sew each new edge to its chain edge."""
    chain = [loop[(start + k) % len(loop)] for k in range(count)]
    # The run goes the other way round the opening: its first stretch meets the chain's last edge.
    lengths = [sewing.length(end) for end in reversed(chain)]
    confidence = float(np.clip(1.0 - cost, 0.0, 1.0))
    for own, other in zip(sewing.recut(run, lengths), reversed(chain), strict=True):
        sewing.sew(own, other, confidence, reason)


def _best_choice(options, loops) -> tuple:
    """One candidate (or None) per piece: the most pieces set in, then the least cost, with no two
    pieces on overlapping runs of one opening. Exhaustive over the few pieces a garment sets in."""
    best, best_key = (None,) * len(options), (0, 0.0)
    choices = [[None, *candidates] for _, _, candidates in options]
    combinations = itertools.product(*choices)
    for combination in itertools.islice(combinations, _MOST_COMBINATIONS):
        covered, clash = set(), False
        for candidate in combination:
            if candidate is None:
                continue
            _, index, start, count, _ = candidate
            run = {(index, (start + k) % len(loops[index])) for k in range(count)}
            if run & covered:
                clash = True
                break
            covered |= run
        if clash:
            continue
        placed = [c for c in combination if c is not None]
        key = (len(placed), -sum(c[0] for c in placed))
        if key > best_key or best_key == (0, 0.0) and placed:
            best, best_key = combination, key
    return best


def _set_pieces(sewing: _Sewing, pieces: list[SewPiece], body_panels: list[str], plan: SeamPlan) -> None:
    """Set ``pieces`` into the openings among ``body_panels``: the best consistent choice of one run of
    one opening for each (see ``_best_choice``)."""
    if not pieces:
        return
    loops = sewing.loops(body_panels)
    kinds = [_loop_kind(sewing, loop) for loop in loops]
    options = [(piece, *_set_in_candidates(sewing, piece, loops, kinds)) for piece in pieces]
    for (piece, run, _), choice in zip(options, _best_choice(options, loops), strict=True):
        if choice is None:
            plan.unmatched[piece.name] = _no_opening_reason(sewing, piece, kinds)
            continue
        cost, index, start, count, reason = choice
        _set_in(sewing, run, loops[index], start, count, reason, cost)
        if count == len(loops[index]) and piece.edges.kind == "band":
            ends = [e for e in range(piece.edges.edge_count) if piece.edges.roles[e] == "end"]
            if len(ends) == 2:
                a, b = ((piece.name, e, 0.0) for e in ends)
                sewing.sew(a, b, 0.9, f"{piece.edges.role or 'band'} closed into a ring at its ends")


def _no_opening_reason(sewing: _Sewing, piece: SewPiece, kinds) -> str:
    run = _set_in_run(sewing, piece)
    length = sum(sewing.length(end) for end in run) * 100
    wanted = _OPENINGS.get(
        piece.edges.role if piece.edges.kind == "band" else piece.edges.kind, _OPENINGS[""]
    )
    found = ", ".join(sorted(set(kinds))) or "none"
    return f"no {' or '.join(wanted)} opening fits its {length:.1f} cm edge (openings found: {found})"


_UNSEWN = {
    "hem": "hem, left open",
    "neck": "neck opening",
    "armhole": "armhole opening (no sleeve is set in)",
    "cap": "sleeve cap with no armhole to go into",
    "waist": "waist opening",
    "long": "outer edge of the band",
    "end": "end of the band",
    "underarm": "underarm edge with no partner of its length",
}


def infer_seams(pieces: list[SewPiece], left_out: dict[str, str] | None = None) -> SeamPlan:
    """The seams of a garment made of ``pieces`` (upright, seen from the outside).

    Parameters
    ----------
    pieces : list[SewPiece]
        The panels to be, torso pieces with their ``facing`` set.
    left_out : dict, optional
        Pieces of the file already set aside, with the reason; carried into the plan.

    Returns
    -------
    SeamPlan
    """
    plan = SeamPlan(left_out=dict(left_out or {}))
    sewing = _Sewing(pieces)
    for a, b, confidence, reason in matched_seams(edge_pairs(pieces)):
        sewing.sew((*a, 0.0), (*b, 0.0), confidence, reason)
    body = [p.name for p in pieces if p.edges.kind in ("torso", "leg")]
    sleeves = [p for p in pieces if p.edges.kind == "sleeve"]
    bands = [p for p in pieces if p.edges.kind == "band"]
    _set_pieces(sewing, sleeves, body, plan)
    sewn_sleeves = [p.name for p in sleeves if p.name not in plan.unmatched]
    _set_pieces(sewing, bands, body + sewn_sleeves, plan)
    _finish(sewing, pieces, plan)
    return plan


def _finish(sewing: _Sewing, pieces: list[SewPiece], plan: SeamPlan) -> None:
    """Number the cut edge parts, and record the seams, the unsewn edges and pieces joined to nothing."""
    plan.breaks = {
        panel: breaks
        for panel, breaks in sewing.breaks.items()
        if breaks != [(edge, 0.0) for edge in range(sewing.pieces[panel].edges.edge_count)]
    }
    number = {}
    for piece in pieces:
        for index, end in enumerate(sewing.parts(piece.name)):
            number[end] = (piece.name, index)
    for a, b, confidence, reason in sewing.seams:
        a, b = sorted((number[a], number[b]))
        plan.seams.append(InferredSeam(a, b, round(float(confidence), 3), reason))
    plan.seams.sort(key=lambda seam: (seam.a, seam.b))
    sewn_panels = {end[0] for end in sewing.partner}
    for piece in pieces:
        for end in sewing.parts(piece.name):
            if end not in sewing.partner:
                role = piece.edges.roles[end[1]]
                reason = _UNSEWN.get(role, "no partner of matching length and role")
                if piece.edges.kind == "sleeve" and role == "hem":
                    reason = "sleeve end, left open"
                plan.unsewn[number[end]] = reason
        if len(pieces) > 1 and piece.name not in sewn_panels and piece.name not in plan.unmatched:
            plan.unmatched[piece.name] = "none of its edges matches another piece's in length and role"
