"""Panel meshing: quality triangles inside each outline, with seams sampled vertex for vertex.

Each edge is split into pieces of equal arc length no longer than the target edge length; the two
edges of a stitch get the same number of pieces, so the solver can sew vertex to vertex. The interior
is filled by Shewchuk's ``triangle`` (constrained Delaunay, minimum angle 20 degrees, no extra points
on the outline so the seam samples stay exactly as paired).
"""

import math
from dataclasses import dataclass

import numpy as np
import triangle

from fitroom.defaults import EDGE_LENGTH_M
from garments.curves import sample_edge
from garments.pattern import Pattern

__all__ = ["MeshedPattern", "mesh_pattern", "MIN_ANGLE_DEG"]

MIN_ANGLE_DEG = 20

# Largest triangle area as a multiple of the equilateral triangle of the target edge length; triangle's
# refinement leaves most triangles well under the bound, so this keeps the mean edge near the target.
_AREA_FACTOR = 1.6


@dataclass
class MeshedPattern:
    """A pattern's panels triangulated in their flat frames, not yet placed around a body.

    Attributes
    ----------
    pattern : Pattern
        The (graded) pattern that was meshed.
    points : (V, 2) float64
        Vertex positions in each panel's own frame, metres (the frame of ``Panel.vertices``).
    rest_uv : (V, 2) float32
        Flat rest coordinates, metres: ``points`` with x mirrored on panels drawn clockwise (back
        panels in GarmentCode's convention), so that every face is counter-clockwise in ``rest_uv``.
    faces : (F, 3) int32
        Triangles, counter-clockwise in ``rest_uv``.
    face_panel : (F,) int32
    vertex_panel : (V,) int32
    panel_names : list[str]
    mirrored : (P,) bool
        Panels whose outline runs clockwise in their own frame.
    boundary : (V,) bool
    edge_vertices : dict[tuple[str, int], np.ndarray]
        For each (panel, edge), the vertex indices (k,) along it from its start to its end.
    stitches : (S, 2) int32
        Vertex pairs to sew.
    grain : (F, 2) float32
        Unit warp direction per face in ``rest_uv``.
    face_material : (F,) int32
    materials : list[str]
    """

    pattern: Pattern
    points: np.ndarray
    rest_uv: np.ndarray
    faces: np.ndarray
    face_panel: np.ndarray
    vertex_panel: np.ndarray
    panel_names: list[str]
    mirrored: np.ndarray
    boundary: np.ndarray
    edge_vertices: dict
    stitches: np.ndarray
    grain: np.ndarray
    face_material: np.ndarray
    materials: list[str]

    @property
    def vertex_count(self) -> int:
        return int(self.points.shape[0])

    def edge_polyline_length(self, panel: str, edge: int) -> float:
        """Length in metres of the meshed polyline along ``edge`` of ``panel``."""
        points = self.points[self.edge_vertices[(panel, edge)]]
        return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def _segment_counts(pattern: Pattern, edge_length: float) -> dict[tuple[str, int], int]:
    counts = {
        (name, index): max(1, math.ceil(panel.edge_length(index) / edge_length))
        for name, panel in pattern.panels.items()
        for index in range(len(panel.edges))
    }
    for stitch in pattern.stitches:
        a, b = (stitch.a.panel, stitch.a.edge), (stitch.b.panel, stitch.b.edge)
        counts[a] = counts[b] = max(counts[a], counts[b])
    return counts


def _mesh_panel(panel, counts: dict, name: str, edge_length: float):
    """Triangulate one panel; returns points (n, 2), faces (f, 3), boundary count, edge index lists."""
    outline, edge_indices = [], []
    start = 0
    for index, edge in enumerate(panel.edges):
        samples = sample_edge(
            panel.vertices[edge.start], panel.vertices[edge.end], edge.curve, counts[(name, index)]
        )
        outline.append(samples[:-1])
        edge_indices.append(start + np.arange(len(samples)))
        start += len(samples) - 1
    boundary = np.concatenate(outline)
    boundary_count = len(boundary)
    edge_indices = [indices % boundary_count for indices in edge_indices]
    segments = np.column_stack([np.arange(boundary_count), (np.arange(boundary_count) + 1) % boundary_count])
    max_area = _AREA_FACTOR * math.sqrt(3) / 4 * edge_length**2
    result = triangle.triangulate(
        {"vertices": boundary, "segments": segments}, f"pYQq{MIN_ANGLE_DEG}a{max_area:.10f}"
    )
    return result["vertices"], result["triangles"], boundary_count, edge_indices


def mesh_pattern(pattern: Pattern, edge_length: float = EDGE_LENGTH_M) -> MeshedPattern:
    """Triangulate every panel of ``pattern`` and pair the vertices of its seams.

    Parameters
    ----------
    pattern : Pattern
        A validated pattern in one size.
    edge_length : float
        Target triangle edge length in metres (default ``fitroom.defaults.EDGE_LENGTH_M``); curves are
        sampled to it.

    Returns
    -------
    MeshedPattern

    Examples
    --------
    >>> from garments.grading import grade_pattern
    >>> meshed = mesh_pattern(grade_pattern(load_pattern("tshirt"), "M"))
    """
    counts = _segment_counts(pattern, edge_length)
    materials = pattern.materials()
    points, faces, face_panel, vertex_panel, boundary, grain, face_material = [], [], [], [], [], [], []
    mirrored, edge_vertices = [], {}
    offset = 0
    for panel_index, (name, panel) in enumerate(pattern.panels.items()):
        panel_points, panel_faces, boundary_count, edge_indices = _mesh_panel(
            panel, counts, name, edge_length
        )
        clockwise = panel.area() < 0
        if clockwise:
            panel_faces = panel_faces[:, ::-1]
        panel_grain = panel.grain * np.array([-1.0, 1.0]) if clockwise else panel.grain
        points.append(panel_points)
        faces.append(panel_faces + offset)
        face_panel.append(np.full(len(panel_faces), panel_index))
        vertex_panel.append(np.full(len(panel_points), panel_index))
        flags = np.zeros(len(panel_points), bool)
        flags[:boundary_count] = True
        boundary.append(flags)
        grain.append(np.tile(panel_grain / np.linalg.norm(panel_grain), (len(panel_faces), 1)))
        face_material.append(np.full(len(panel_faces), materials.index(panel.material)))
        mirrored.append(clockwise)
        for index, indices in enumerate(edge_indices):
            edge_vertices[(name, index)] = indices + offset
        offset += len(panel_points)
    pairs = []
    for stitch in pattern.stitches:
        side_a = edge_vertices[(stitch.a.panel, stitch.a.edge)]
        side_b = edge_vertices[(stitch.b.panel, stitch.b.edge)]
        pairs.append(np.column_stack([side_a, side_b if stitch.flipped else side_b[::-1]]))
    stitches = np.concatenate(pairs) if pairs else np.zeros((0, 2), np.int64)
    stitches = stitches[stitches[:, 0] != stitches[:, 1]]
    _, first = np.unique(np.sort(stitches, axis=1), axis=0, return_index=True)
    stitches = stitches[np.sort(first)]
    all_points = np.concatenate(points)
    mirrored = np.array(mirrored)
    vertex_panel = np.concatenate(vertex_panel).astype(np.int32)
    rest_uv = all_points * np.where(mirrored[vertex_panel, None], [-1.0, 1.0], [1.0, 1.0])
    return MeshedPattern(
        pattern=pattern,
        points=all_points,
        rest_uv=rest_uv.astype(np.float32),
        faces=np.concatenate(faces).astype(np.int32),
        face_panel=np.concatenate(face_panel).astype(np.int32),
        vertex_panel=vertex_panel,
        panel_names=list(pattern.panels),
        mirrored=mirrored,
        boundary=np.concatenate(boundary),
        edge_vertices=edge_vertices,
        stitches=stitches.astype(np.int32),
        grain=np.concatenate(grain).astype(np.float32),
        face_material=np.concatenate(face_material).astype(np.int32),
        materials=materials,
    )
