"""A waistline that cannot stretch, as a whole, past its flat pattern.

XPBD with one iteration per substep carries tension only a few edges per substep, which caps a
fabric's effective stiffness (about ``ρ e² / (2 h²)``, 40 N/m at 1.5 cm edges and 20 substeps)
however stiff the fabric is. Round a waist that is far too little: the body pushes the band out to its
own girth each substep, and the skirt's weight draws it over the hips (the bundled skirt's L and XL
on the size-M body, whose bands are 2-12 % smaller than its hips, fell to the floor; at 80 substeps
the L stayed up).

A real band stretches very little under a skirt's weight. Round a body its tension carries the
garment's weight ``W`` through friction and the slope of the hips; on a cylinder, the worst case,
``T = W / (2π μ)``: about 1.5 N for a 300 g skirt at μ = 0.3, or some 40 N/m over a 4 cm band, 2 % of
a cotton's 2,000 N/m warp stiffness (Wang, O'Brien & Ramamoorthi 2011) and less on the slope of
the hips. So the waistline is strain-limited as one loop (strain limiting: Provot, "Deformation
constraints in a mass-spring model to describe rigid cloth behavior", Graphics Interface 1995): every
substep, before body contact, its length (its edges and the stitches closing it across seams) is
held to at most its flat pattern's length, or its length as placed where it was placed stretched
round the body, plus the stitches' allowed gaps while they are being sewn. One constraint over the
whole loop moves all of it at once, so the correction reaches round the waist in one projection;
body contact then pushes back what it drew into the skin, with friction, as the skin carries a band
that grips it. A band larger than the hips still falls: it passes them without stretching.
"""

from dataclasses import dataclass

import numpy as np
import taichi as ti

from sim.device import device_array

__all__ = ["WaistlineLoop", "limit_waistline", "solve_waistline"]

vec3 = ti.math.vec3


@dataclass
class WaistlineLoop:
    """The waistline's edges and the length it may reach.

    Attributes
    ----------
    vertices : (K,) int32
        Garment vertices on the waistline.
    edges : (W, 2) int32
        Pairs of positions in ``vertices``: the waistline's edges, then the stitches closing it.
    stitch : (W,) int32
        For each of ``edges``, its stitch in :attr:`sim.Model.stitches`, or -1 for a cloth edge.
    longest : float
        The most the cloth edges may measure together, m (the stitches add their allowed gaps).
    """

    vertices: np.ndarray
    edges: np.ndarray
    stitch: np.ndarray
    longest: float

    @classmethod
    def of_waistline(cls, model, waistline: np.ndarray, positions: np.ndarray) -> "WaistlineLoop":
        """The loop along a garment's waistline.

        Parameters
        ----------
        model : sim.Model
        waistline : (H,) int
            The vertices along the top opening (:func:`garments.waistline_vertices`); none for a
            garment that does not hang from the waist.
        positions : (V, 3) float
            The garment as placed, m. Edges running more up than round (the ends of a band, where it
            is sewn to itself) are not part of the loop.
        """
        on_line = np.zeros(model.vertex_count, bool)
        on_line[np.asarray(waistline, np.int64)] = True
        faces_per_edge = np.bincount(model.face_edges.ravel(), minlength=len(model.edges))
        chosen = np.flatnonzero(on_line[model.edges].all(axis=1) & (faces_per_edge == 1))
        step = positions[model.edges[chosen, 1]] - positions[model.edges[chosen, 0]]
        chosen = chosen[np.abs(step[:, 1]) < np.linalg.norm(step[:, [0, 2]], axis=1)]
        edges = model.edges[chosen]
        rest = np.linalg.norm(model.rest_uv[edges[:, 1]] - model.rest_uv[edges[:, 0]], axis=1)
        placed = np.linalg.norm(positions[edges[:, 1]] - positions[edges[:, 0]], axis=1)
        on_loop = np.zeros(model.vertex_count, bool)
        on_loop[edges.ravel()] = True
        seams = np.flatnonzero(on_loop[model.stitches].all(axis=1))
        pairs = np.vstack([edges, model.stitches[seams]])
        vertices, local = np.unique(pairs, return_inverse=True)
        return cls(
            vertices=vertices.astype(np.int32),
            edges=local.reshape(-1, 2).astype(np.int32),
            stitch=np.concatenate([np.full(len(edges), -1), seams]).astype(np.int32),
            longest=float(max(rest.sum(), placed.sum())),
        )

    def device_arrays(self) -> dict:
        """The loop as Taichi ndarrays (each at least one long): ``vertices``, ``edges``, ``stitch``
        and the ``gradient`` scratch, with the counts ``vertex_count`` and ``edge_count``."""
        return {
            "vertices": device_array(np.r_[self.vertices, 0].astype(np.int32), ti.i32),
            "edges": device_array(np.vstack([self.edges, [[0, 0]]]).astype(np.int32), ti.i32, vector=2),
            "stitch": device_array(np.r_[self.stitch, -1].astype(np.int32), ti.i32),
            "gradient": ti.Vector.ndarray(3, ti.f32, shape=len(self.vertices) + 1),
            "vertex_count": len(self.vertices),
            "edge_count": len(self.edges),
        }


@ti.func
def limit_waistline(
    x: ti.template(),
    inverse_mass: ti.template(),
    stitch_length: ti.template(),
    loop_vertices: ti.template(),
    loop_edges: ti.template(),
    loop_stitch: ti.template(),
    gradient: ti.template(),
    vertex_count,
    edge_count,
    longest,
):
    # C = Σ |x_b - x_a| - L ≤ 0 over the loop, with L the cloth's limit plus the stitches' allowed
    # gaps; a hard limit, so Δx_i = -w_i ∇_i C · C / Σ_j w_j |∇_j C|².
    length = 0.0
    allowed = longest
    for w in range(edge_count):
        a, b = loop_vertices[loop_edges[w][0]], loop_vertices[loop_edges[w][1]]
        length += (x[b] - x[a]).norm()
        if loop_stitch[w] >= 0:
            allowed += stitch_length[loop_stitch[w]]
    if length > allowed:
        for k in range(vertex_count):
            gradient[k] = ti.Vector([0.0, 0.0, 0.0])
        for w in range(edge_count):
            i, j = loop_edges[w][0], loop_edges[w][1]
            step = x[loop_vertices[j]] - x[loop_vertices[i]]
            size = step.norm()
            if size > 1e-9:
                gradient[i] -= step / size
                gradient[j] += step / size
        denominator = 0.0
        for k in range(vertex_count):
            denominator += inverse_mass[loop_vertices[k]] * gradient[k].norm_sqr()
        if denominator > 0.0:
            scale = (length - allowed) / denominator
            for k in range(vertex_count):
                v = loop_vertices[k]
                x[v] -= scale * inverse_mass[v] * gradient[k]


@ti.kernel
def solve_waistline(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    stitch_length: ti.types.ndarray(dtype=ti.f32, ndim=1),
    loop_vertices: ti.types.ndarray(dtype=ti.i32, ndim=1),
    loop_edges: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    loop_stitch: ti.types.ndarray(dtype=ti.i32, ndim=1),
    gradient: ti.types.ndarray(dtype=vec3, ndim=1),
    vertex_count: ti.i32,
    edge_count: ti.i32,
    longest: ti.f32,
):
    """The waistline's length limit in one serial launch (the CUDA path; the loop is short)."""
    ti.loop_config(serialize=True)
    for _ in range(1):
        limit_waistline(
            x,
            inverse_mass,
            stitch_length,
            loop_vertices,
            loop_edges,
            loop_stitch,
            gradient,
            vertex_count,
            edge_count,
            longest,
        )
