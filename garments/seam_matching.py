"""Step 1 of seam inference: edges sewn edge to edge, as a maximum-weight matching.

Every pair of edges whose roles the trade sews together (a front's side seam to the back's on the same
side of the body, shoulder to shoulder, centre front to centre front, a sleeve's two underarm edges, a
trouser leg's inseam, rise to rise) is scored by how well the lengths along the sew line agree and
whether their notches agree; Edmonds' blossom algorithm (``networkx``) picks the set that scores best,
so no edge is sewn twice.
"""

import itertools

import networkx as nx
import numpy as np

from garments.seam_plan import SewPiece

__all__ = ["edge_pairs", "matched_seams"]

# Edge-to-edge seams: the relative length difference at which a pair scores exp(-1), and the most allowed.
_LENGTH_SCALE = 0.03
_LENGTH_LIMIT = 0.08
# A second partner scoring within this share of the best makes the choice uncertain.
_RIVAL_SHARE = 0.9


# (kind, role) pairs that may be sewn edge to edge, and the rule the two pieces must meet.
_PAIRS = {
    frozenset([("torso", "side")]): "front_back_same_side",
    frozenset([("torso", "shoulder")]): "front_back_same_side",
    frozenset([("torso", "centre")]): "same_facing",
    frozenset([("sleeve", "underarm")]): "same_piece",
    frozenset([("leg", "inseam")]): "inseam",
    frozenset([("leg", "side")]): "other_piece",
    frozenset([("leg", "rise")]): "other_piece",
}
_SEAM_NAMES = {
    "side": "side seam",
    "shoulder": "shoulder seam",
    "centre": "centre seam",
    "underarm": "underarm seam",
    "inseam": "inseam",
    "rise": "crotch seam",
}


def _pair_rule_holds(rule: str, one: SewPiece, a: int, other: SewPiece, b: int) -> bool:
    same = one.name == other.name
    if rule == "same_piece":
        return same
    if rule == "other_piece":
        return not same
    if rule == "inseam":
        # A one-piece leg has both inseams and sews them to each other; a front and a back leg sew theirs.
        return same == (one.edges.roles.count("inseam") == 2)
    if same:
        return False
    if rule == "same_facing":
        return one.facing == other.facing
    side_a, side_b = one.body_side(a), other.body_side(b)
    facings_differ = one.facing != other.facing or "yoke" in (one.edges.role, other.edges.role)
    return facings_differ and side_a == side_b and side_a != 0


def _side_word(side: int) -> str:
    return {1: " on the body's left", -1: " on the body's right"}.get(side, "")


def edge_pairs(pieces: list[SewPiece]) -> list[tuple[tuple[str, int], tuple[str, int], float, str]]:
    """Every allowed edge-to-edge pair with its score (0..1) and reason."""
    ends = [(piece, edge) for piece in pieces for edge in range(piece.edges.edge_count)]
    pairs = []
    for (one, a), (other, b) in itertools.combinations(ends, 2):
        key_a = (one.edges.kind, one.edges.roles[a])
        key_b = (other.edges.kind, other.edges.roles[b])
        if key_a != key_b or (one.name == other.name and a == b):
            continue
        rule = _PAIRS.get(frozenset([key_a]))
        if rule is None or not _pair_rule_holds(rule, one, a, other, b):
            continue
        length_a, length_b = one.edges.lengths[a], other.edges.lengths[b]
        difference = abs(length_a - length_b) / max(length_a, length_b)
        if difference > _LENGTH_LIMIT:
            continue
        score = float(np.exp(-((difference / _LENGTH_SCALE) ** 2)))
        notches_a, notches_b = one.edges.notch_counts[a], other.edges.notch_counts[b]
        notch_words = ""
        if notches_a and notches_b:
            if notches_a == notches_b:
                notch_words = f", {notches_a} notch{'es' if notches_a > 1 else ''} each"
            else:
                score *= 0.5
                notch_words = f", notches differ ({notches_a} and {notches_b})"
        role = one.edges.roles[a]
        reason = (
            f"{_SEAM_NAMES[role]}{_side_word(one.body_side(a))}: {length_a * 100:.1f} and "
            f"{length_b * 100:.1f} cm along the sew line{notch_words}"
        )
        pairs.append(((one.name, a), (other.name, b), score, reason))
    return pairs


def matched_seams(pairs) -> list[tuple[tuple[str, int], tuple[str, int], float, str]]:
    """The maximum-weight matching of ``pairs``, each with its confidence lowered where a rival partner
    scores nearly as well."""
    graph = nx.Graph()
    for a, b, score, reason in pairs:
        graph.add_edge(a, b, weight=score, reason=reason)
    chosen = []
    for a, b in nx.max_weight_matching(graph, maxcardinality=False):
        data = graph.edges[a, b]
        rivals = [graph.edges[a, n]["weight"] for n in graph[a] if n != b]
        rivals += [graph.edges[b, n]["weight"] for n in graph[b] if n != a]
        confidence, reason = data["weight"], data["reason"]
        if rivals and max(rivals) >= _RIVAL_SHARE * confidence:
            confidence *= 0.75
            reason += "; another edge fits nearly as well"
        a, b = sorted((a, b))
        chosen.append((a, b, confidence, reason))
    return sorted(chosen)
