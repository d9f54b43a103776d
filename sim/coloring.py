"""Greedy graph colouring of constraints so that no two constraints of one colour share a vertex.

Constraints of one colour can be projected in parallel without atomics, and projecting the colours
one after another is a Gauss-Seidel sweep whose result does not depend on thread timing.
"""

import numpy as np

__all__ = ["color_constraints"]


def color_constraints(constraint_vertices: np.ndarray, vertex_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Colour constraints greedily and order them colour by colour.

    Parameters
    ----------
    constraint_vertices : (C, k) int
        The vertices each constraint moves.
    vertex_count : int

    Returns
    -------
    order : (C,) int64
        Constraint indices sorted by colour (stable within a colour).
    color_offsets : (colors + 1,) int32
        Colour ``c`` holds ``order[color_offsets[c]:color_offsets[c + 1]]``.
    """
    constraint_vertices = np.asarray(constraint_vertices)
    count = constraint_vertices.shape[0]
    if count == 0:
        return np.zeros(0, np.int64), np.zeros(1, np.int32)
    used = [0] * vertex_count
    colors = np.empty(count, np.int32)
    for index, vertices in enumerate(constraint_vertices.tolist()):
        taken = 0
        for vertex in vertices:
            taken |= used[vertex]
        free = ~taken & (taken + 1)
        colors[index] = free.bit_length() - 1
        for vertex in vertices:
            used[vertex] |= free
    order = np.argsort(colors, kind="stable")
    offsets = np.searchsorted(colors[order], np.arange(colors.max() + 2)).astype(np.int32)
    return order, offsets
