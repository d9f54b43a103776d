"""The vertex budget of a garment mesh, estimated from panel areas before anything is meshed.

A mesh of edge length ``h`` has about ``2 A / (sqrt(3) h^2)`` vertices over an area ``A`` (equilateral
triangles, six round each vertex); the boundary adds a few per cent, covered by ``_BOUNDARY_FACTOR``.
"""

import math

from garments.errors import PatternError

__all__ = ["MeshBudgetError", "MAX_GARMENT_VERTICES", "estimated_vertex_count", "check_vertex_budget"]

# The most vertices one garment may have: about 40x the default T-shirt, past which a drape takes hours
# on a CPU and memory runs to gigabytes.
MAX_GARMENT_VERTICES = 200_000
_BOUNDARY_FACTOR = 1.05


class MeshBudgetError(PatternError):
    """A garment whose mesh would have more vertices than ``MAX_GARMENT_VERTICES``."""


def estimated_vertex_count(pattern, edge_length: float) -> int:
    """Vertices a mesh of ``pattern`` at ``edge_length`` (m) will have, from its panel areas (m^2)."""
    area = sum(abs(panel.area()) for panel in pattern.panels.values())
    return math.ceil(_BOUNDARY_FACTOR * 2 * area / (math.sqrt(3) * edge_length**2))


def check_vertex_budget(pattern, edge_length: float) -> None:
    """Refuse, before meshing, a ``pattern`` whose mesh at ``edge_length`` (m) would pass the budget.

    Raises
    ------
    MeshBudgetError
        Naming the estimate and the edge length that would fit.
    """
    count = estimated_vertex_count(pattern, edge_length)
    if count > MAX_GARMENT_VERTICES:
        fits = edge_length * math.sqrt(count / MAX_GARMENT_VERTICES)
        raise MeshBudgetError(
            f"{pattern.name} size {pattern.size} at an edge length of {edge_length * 100:g} cm would have "
            f"about {count:,} vertices, more than the {MAX_GARMENT_VERTICES:,} fitroom drapes; give "
            f"--edge-length {math.ceil(fits * 1000) / 10:g} or more."
        )
