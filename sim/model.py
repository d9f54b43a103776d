"""The static half of a cloth simulation: topology, flat rest shape, masses and fabric compliance."""

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from sim.coloring import color_constraints
from sim.errors import DrapeInputError
from sim.fabric_file import resolve_fabric
from sim.materials import Material
from sim.topology import bending_stencils, mesh_edges, vertex_areas, weld_stitches, welded_neighbours

__all__ = ["Model"]


def _stiffening(material: Material) -> tuple[float, float, float]:
    """(warp ratio, weft ratio, knot strain) of a fabric whose stretch curves hold two samples,
    zero strain and one strained sample (see :mod:`sim.materials`)."""
    warp, weft = material.stretch_curve_warp, material.stretch_curve_weft
    if len(warp) != 2 or len(weft) != 2 or warp[1][0] != weft[1][0]:
        raise DrapeInputError(
            f"Fabric '{material.name}': the solver takes stretch curves of two samples at the same strain."
        )
    return warp[1][1] / warp[0][1], weft[1][1] / weft[0][1], warp[1][0]


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise DrapeInputError(message)


def _cotangent(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    cross = np.abs(a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0])
    return (a * b).sum(1) / np.maximum(cross, 1e-12)


@dataclass
class Model:
    """Garment topology, rest shape and fabric, precomputed for the solver (numpy, host side).

    Build one with :meth:`Model.from_arrays`. Faces and bending stencils are stored in mesh order, with
    ``*_order`` listing them colour by colour (see :mod:`sim.coloring`) and ``*_colors`` the offsets of
    each colour in that list; stitches are stored colour by colour.

    Attributes
    ----------
    vertex_count, face_count : int
    faces : (F, 3) int32
    rest_uv : (V, 2) float32
        Flat rest coordinates, m.
    inverse_mass : (V,) float32
        1/kg; 0 for pinned vertices.
    vertex_area : (V,) float32
        Rest area per vertex, m².
    face_area : (F,) float32
        Rest area per face, m².
    face_rest_inverse : (F, 2, 2) float32
        Inverse of the rest edge matrix in the grain frame: ``F = [x1 - x0, x2 - x0] @ face_rest_inverse``
        is the deformation gradient whose columns are the warp and weft directions.
    face_stiffness : (F, 3) float32
        Warp, weft and shear stiffness at zero strain, N/m.
    face_stiffening : (F, 3) float32
        How the warp and weft stiffen with strain: the ratio of the tangent stiffness at the strain of
        the fabric curve's second sample to that at zero strain (warp, weft), and that strain. Between
        the two the stiffness rises linearly; beyond, it holds (as ARCSim reads the measured data).
    face_material : (F,) int32
    materials : list[Material]
    stretch_order : (F,) int64
        Faces in colour order; ``stretch_colors`` (colors + 1,) int32.
    bend_stencils : (E, 4) int32
        Edge vertices then the two opposite vertices; ``bend_order``, ``bend_colors``.
    bend_weights : (E, 4) float32
        Isometric bending weights (Bergou et al. 2006).
    bend_compliance : (E,) float32
        1/(N·m) scaled by the stencil's area: ``(A0 + A1) / (3 k_b)``.
    stitches : (S, 2) int32
        Colour order; ``stitch_colors``.
    representative : (V,) int32
        Smallest vertex index of the vertices sewn to each vertex.
    neighbour_offsets, neighbours : int32
        Welded edge neighbours (compressed rows), for self-collision exclusion.
    edges : (E, 2) int32
        Every mesh edge once; ``face_edges`` (F, 3) int32 names each triangle's three (for edge-edge
        self contact).
    vertex_piece : (V,) int32
        The connected piece of cloth (panel) each vertex belongs to, before sewing.
    thickness : float
        Collision thickness of the cloth, m.
    friction : float
        Mean friction coefficient against the body.
    max_edge : float
        Longest rest edge, m.
    """

    vertex_count: int
    face_count: int
    faces: np.ndarray
    rest_uv: np.ndarray
    inverse_mass: np.ndarray
    vertex_area: np.ndarray
    face_area: np.ndarray
    face_rest_inverse: np.ndarray
    face_stiffness: np.ndarray
    face_stiffening: np.ndarray
    face_material: np.ndarray
    materials: list[Material]
    stretch_order: np.ndarray
    stretch_colors: np.ndarray
    bend_stencils: np.ndarray
    bend_weights: np.ndarray
    bend_compliance: np.ndarray
    bend_order: np.ndarray
    bend_colors: np.ndarray
    stitches: np.ndarray
    stitch_colors: np.ndarray
    representative: np.ndarray
    neighbour_offsets: np.ndarray
    neighbours: np.ndarray
    edges: np.ndarray
    face_edges: np.ndarray
    vertex_piece: np.ndarray
    thickness: float
    friction: float
    max_edge: float

    @classmethod
    def from_arrays(
        cls,
        rest_uv: np.ndarray,
        faces: np.ndarray,
        stitches: np.ndarray,
        grain: np.ndarray,
        face_material: np.ndarray,
        materials: list[str] | list[Material],
        pins: np.ndarray | None = None,
        thickness: float | None = None,
    ) -> "Model":
        """Validate garment arrays and precompute everything the solver needs.

        Parameters
        ----------
        rest_uv : (V, 2) float
            Flat rest coordinates of every vertex, m.
        faces : (F, 3) int
        stitches : (S, 2) int
            Vertex pairs to sew together.
        grain : (F, 2) float
            Warp direction of each face in ``rest_uv`` (normalised here).
        face_material : (F,) int
            Index into ``materials``.
        materials : list of preset names, fabric file paths (``.json``) or :class:`Material`
        pins : (P,) int, optional
            Vertices held where they start.
        thickness : float, optional
            Collision thickness, m; default 2.5 mm plus the thickest fabric.

        Raises
        ------
        DrapeInputError
            For wrong shapes, out-of-range indices or zero-area triangles.
        """
        rest_uv = np.asarray(rest_uv, np.float64)
        faces = np.asarray(faces)
        _check(rest_uv.ndim == 2 and rest_uv.shape[1] == 2, "rest_uv must be a (V, 2) array of metres.")
        _check(faces.ndim == 2 and faces.shape[1] == 3 and len(faces) > 0, "faces must be a (F, 3) array.")
        vertex_count = rest_uv.shape[0]
        faces = faces.astype(np.int32)
        _check(faces.min() >= 0 and faces.max() < vertex_count, "faces index vertices that do not exist.")
        stitches = np.asarray(stitches if stitches is not None else np.zeros((0, 2)), np.int32).reshape(-1, 2)
        _check(
            stitches.size == 0 or (stitches.min() >= 0 and stitches.max() < vertex_count),
            "stitches index vertices that do not exist.",
        )
        _check(not np.any(stitches[:, 0] == stitches[:, 1]), "a stitch joins a vertex to itself.")
        grain = np.asarray(grain, np.float64)
        _check(grain.shape == (len(faces), 2), "grain must be a (F, 2) array of warp directions.")
        grain_length = np.linalg.norm(grain, axis=1)
        _check(bool(np.all(grain_length > 1e-9)), "grain has zero-length directions.")
        grain = grain / grain_length[:, None]
        face_material = np.asarray(face_material, np.int32)
        fabrics = [resolve_fabric(m) for m in materials]
        _check(len(fabrics) > 0, "materials must name at least one fabric.")
        _check(
            face_material.shape == (len(faces),)
            and face_material.min() >= 0
            and face_material.max() < len(fabrics),
            "face_material must give each face an index into materials.",
        )

        warp = grain
        weft = np.stack([-grain[:, 1], grain[:, 0]], axis=1)
        edge1 = rest_uv[faces[:, 1]] - rest_uv[faces[:, 0]]
        edge2 = rest_uv[faces[:, 2]] - rest_uv[faces[:, 0]]
        rest_matrix = np.empty((len(faces), 2, 2))
        rest_matrix[:, 0, 0] = (edge1 * warp).sum(1)
        rest_matrix[:, 0, 1] = (edge2 * warp).sum(1)
        rest_matrix[:, 1, 0] = (edge1 * weft).sum(1)
        rest_matrix[:, 1, 1] = (edge2 * weft).sum(1)
        determinant = (
            rest_matrix[:, 0, 0] * rest_matrix[:, 1, 1] - rest_matrix[:, 0, 1] * rest_matrix[:, 1, 0]
        )
        face_area = 0.5 * np.abs(determinant)
        degenerate = np.flatnonzero(face_area < 1e-10)
        _check(
            degenerate.size == 0,
            f"{degenerate.size} triangles have zero rest area (first: face {degenerate[:1]}).",
        )
        rest_inverse = np.linalg.inv(rest_matrix)

        density = np.array([m.density_kg_m2 for m in fabrics])[face_material]
        stiffness = np.array([[m.stretch_warp_n_m, m.stretch_weft_n_m, m.shear_n_m] for m in fabrics])
        bending = np.array([m.bending_n_m for m in fabrics])[face_material]
        vertex_area = vertex_areas(face_area, faces, vertex_count)
        _check(bool(np.all(vertex_area > 0)), "some vertices belong to no triangle; remove them.")
        mass = vertex_areas(face_area * density, faces, vertex_count)
        inverse_mass = 1.0 / mass
        if pins is not None and len(pins):
            pins = np.asarray(pins, np.int64)
            _check(pins.min() >= 0 and pins.max() < vertex_count, "pins index vertices that do not exist.")
            inverse_mass[pins] = 0.0

        stretch_order, stretch_colors = color_constraints(faces, vertex_count)

        stencils, face_of_edge = bending_stencils(faces)
        e0 = rest_uv[stencils[:, 1]] - rest_uv[stencils[:, 0]]
        e1 = rest_uv[stencils[:, 2]] - rest_uv[stencils[:, 0]]
        e2 = rest_uv[stencils[:, 3]] - rest_uv[stencils[:, 0]]
        e3 = rest_uv[stencils[:, 2]] - rest_uv[stencils[:, 1]]
        e4 = rest_uv[stencils[:, 3]] - rest_uv[stencils[:, 1]]
        cot_a0, cot_b0 = _cotangent(e0, e1), _cotangent(e0, e2)
        cot_a1, cot_b1 = _cotangent(-e0, e3), _cotangent(-e0, e4)
        # Bergou, Wardetzky, Harmon, Zorin & Grinspun 2006, "A quadratic bending model for inextensible
        # surfaces": K = (c03 + c04, c01 + c02, -c01 - c03, -c02 - c04),
        # energy 3 / (A0 + A1) k_b |Σ K_i x_i|² / 2.
        weights = np.stack([cot_a1 + cot_b1, cot_a0 + cot_b0, -(cot_a0 + cot_a1), -(cot_b0 + cot_b1)], axis=1)
        stencil_area = face_area[face_of_edge].sum(1)
        stencil_bending = bending[face_of_edge].mean(1)
        bend_compliance = stencil_area / (3.0 * stencil_bending)
        bend_order, bend_colors = color_constraints(stencils, vertex_count)
        stitch_order, stitch_colors = color_constraints(stitches, vertex_count)

        representative = weld_stitches(vertex_count, stitches)
        neighbour_offsets, neighbours = welded_neighbours(faces, representative)
        edges, face_edges = mesh_edges(faces)
        adjacency = sparse.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), (vertex_count,) * 2)
        _, vertex_piece = csgraph.connected_components(adjacency, directed=False)
        edge_lengths = np.linalg.norm(np.concatenate([edge1, edge2, edge2 - edge1]), axis=1)
        if thickness is None:
            thickness = 2.5e-3 + max(m.thickness_m for m in fabrics)
        friction = float(
            np.average(
                [m.friction for m in fabrics], weights=np.bincount(face_material, minlength=len(fabrics))
            )
        )

        return cls(
            vertex_count=vertex_count,
            face_count=len(faces),
            faces=faces,
            rest_uv=rest_uv.astype(np.float32),
            inverse_mass=inverse_mass.astype(np.float32),
            vertex_area=vertex_area.astype(np.float32),
            face_area=face_area.astype(np.float32),
            face_rest_inverse=rest_inverse.astype(np.float32),
            face_stiffness=stiffness[face_material].astype(np.float32),
            face_stiffening=np.array([_stiffening(m) for m in fabrics], np.float32)[face_material],
            face_material=face_material,
            materials=fabrics,
            stretch_order=stretch_order,
            stretch_colors=stretch_colors,
            bend_stencils=stencils,
            bend_weights=weights.astype(np.float32),
            bend_compliance=bend_compliance.astype(np.float32),
            bend_order=bend_order,
            bend_colors=bend_colors,
            stitches=stitches[stitch_order],
            stitch_colors=stitch_colors,
            representative=representative,
            neighbour_offsets=neighbour_offsets,
            neighbours=neighbours,
            edges=edges,
            face_edges=face_edges,
            vertex_piece=vertex_piece.astype(np.int32),
            thickness=float(thickness),
            friction=friction,
            max_edge=float(edge_lengths.max()),
        )

    def state(self, positions: np.ndarray, velocities: np.ndarray | None = None):
        """A :class:`sim.state.State` of this model at ``positions`` (V, 3) m, with room for its seams."""
        from sim.state import State

        return State(positions, velocities, stitch_count=len(self.stitches))
