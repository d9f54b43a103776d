"""The cloth's own constraints as XPBD projections (Macklin, Müller & Chentanez 2016, eq. 18): in-plane
stretch and shear per triangle against the flat pattern, with the fabric's stiffening curve; isometric
bending per interior edge; and stitches that sew seams shut. Each is a Taichi function for the serial
sweep and a kernel over one colour for the parallel one."""

import numpy as np
import taichi as ti

from sim.model import Model

__all__ = [
    "STRETCH_COEFFICIENTS",
    "STRETCH_COMPLIANCE",
    "secant_softness",
    "project_stretch",
    "solve_stretch",
    "project_bending",
    "solve_bending",
    "project_stitch",
    "solve_stitches",
    "stretch_compliance",
    "stretch_coefficients",
]

vec3 = ti.math.vec3
STRETCH_COEFFICIENTS = ti.types.matrix(4, 3, ti.f32)
# Per face: warp, weft and shear compliance at zero strain, 1/(k₀ A); the warp and weft stiffness
# ratio k(ε₁)/k₀ of the fabric's curve; the strain ε₁ of that sample.
STRETCH_COMPLIANCE = ti.types.vector(6, ti.f32)
_EPSILON = 1e-9


@ti.func
def secant_softness(strain, ratio, knot):
    """k₀ / k_secant(strain) for a tangent stiffness rising linearly from k₀ at zero strain to
    ``ratio`` k₀ at ``knot`` and constant beyond: the compliance multiplier that makes the constraint
    carry the fabric's own tension at that strain, T(ε) = ∫₀^ε k."""
    softness = 1.0
    if strain > 0.0 and knot > 0.0:
        tension = strain + 0.5 * (ratio - 1.0) * strain * strain / knot
        if strain > knot:
            tension = knot + 0.5 * (ratio - 1.0) * knot + ratio * (strain - knot)
        softness = strain / tension
    return softness


@ti.func
def project_stretch(
    x: ti.template(),
    f,
    faces: ti.template(),
    coefficients: ti.template(),
    compliance: ti.template(),
    inverse_dt2,
):
    # Rows of k: each corner's weight in the warp (u) and in the weft (v) column of the deformation
    # gradient, the corners' inverse masses w, and Σ w cu², Σ w cv², Σ w cu cv. The three constraints
    # (warp and weft stretch |fu| - 1, |fv| - 1 and shear fu·fv) are solved from the same positions
    # and their corrections added, which keeps the three computations independent of each other.
    ids = faces[f]
    k = coefficients[f]
    p0, p1, p2 = x[ids[0]], x[ids[1]], x[ids[2]]
    c = compliance[f]
    fu = k[0, 0] * p0 + k[0, 1] * p1 + k[0, 2] * p2
    fv = k[1, 0] * p0 + k[1, 1] * p1 + k[1, 2] * p2
    warp_length = fu.norm()
    weft_length = fv.norm()
    # Stretched fabric stiffens as its own measured curve says (Wang, O'Brien & Ramamoorthi 2011):
    # the compliance of each direction is that of the secant stiffness at the current strain.
    alpha = (
        ti.Vector(
            [
                c[0] * secant_softness(warp_length - 1.0, c[3], c[5]),
                c[1] * secant_softness(weft_length - 1.0, c[4], c[5]),
                c[2],
            ]
        )
        * inverse_dt2
    )
    shear = fu.dot(fv)
    warp_step = -(warp_length - 1.0) / ((k[3, 0] + alpha[0]) * ti.max(warp_length, _EPSILON)) * fu
    weft_step = -(weft_length - 1.0) / ((k[3, 1] + alpha[1]) * ti.max(weft_length, _EPSILON)) * fv
    # Σ w |∇C|² for C = fu·fv, whose gradient at a corner is cu fv + cv fu.
    shear_denominator = fv.norm_sqr() * k[3, 0] + fu.norm_sqr() * k[3, 1] + 2.0 * shear * k[3, 2] + alpha[2]
    shear_step = -shear / ti.max(shear_denominator, _EPSILON)
    u_move = warp_step + shear_step * fv
    v_move = weft_step + shear_step * fu
    x[ids[0]] = p0 + k[2, 0] * (k[0, 0] * u_move + k[1, 0] * v_move)
    x[ids[1]] = p1 + k[2, 1] * (k[0, 1] * u_move + k[1, 1] * v_move)
    x[ids[2]] = p2 + k[2, 2] * (k[0, 2] * u_move + k[1, 2] * v_move)


@ti.kernel
def solve_stretch(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    coefficients: ti.types.ndarray(dtype=STRETCH_COEFFICIENTS, ndim=1),
    compliance: ti.types.ndarray(dtype=STRETCH_COMPLIANCE, ndim=1),
    begin: ti.i32,
    end: ti.i32,
    inverse_dt2: ti.f32,
):
    for f in range(begin, end):
        project_stretch(x, f, faces, coefficients, compliance, inverse_dt2)


@ti.func
def project_bending(
    x: ti.template(),
    inverse_mass: ti.template(),
    e,
    stencils: ti.template(),
    weights: ti.template(),
    compliance: ti.template(),
    inverse_dt2,
):
    ids = stencils[e]
    k = weights[e]
    # Isometric bending (Bergou et al. 2006) as one constraint C = |Σ K_i x_i|, zero when flat; its
    # gradient is K_i times the unit curvature vector, so Δx_i = -w_i K_i (Σ K_j x_j) / (Σ w_j K_j² + α̃).
    curvature = k[0] * x[ids[0]] + k[1] * x[ids[1]] + k[2] * x[ids[2]] + k[3] * x[ids[3]]
    w = ti.Vector([inverse_mass[ids[0]], inverse_mass[ids[1]], inverse_mass[ids[2]], inverse_mass[ids[3]]])
    denominator = (w * k * k).sum() + compliance[e] * inverse_dt2
    if denominator > 0.0:
        step = -curvature / denominator
        for j in ti.static(range(4)):
            x[ids[j]] += w[j] * k[j] * step


@ti.kernel
def solve_bending(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    stencils: ti.types.ndarray(dtype=ti.math.ivec4, ndim=1),
    weights: ti.types.ndarray(dtype=ti.math.vec4, ndim=1),
    compliance: ti.types.ndarray(dtype=ti.f32, ndim=1),
    begin: ti.i32,
    end: ti.i32,
    inverse_dt2: ti.f32,
):
    for e in range(begin, end):
        project_bending(x, inverse_mass, e, stencils, weights, compliance, inverse_dt2)


@ti.func
def project_stitch(
    x: ti.template(),
    inverse_mass: ti.template(),
    s,
    stitches: ti.template(),
    stitch_length: ti.template(),
    sew_step,
):
    # Sewing: each stitch is a hard distance limit C = |x_b - x_a| - L ≤ 0 whose length L shrinks by
    # the sewing speed every substep from the initial gap down to zero, where it then holds the seam shut.
    a, b = stitches[s][0], stitches[s][1]
    target = ti.max(stitch_length[s] - sew_step, 0.0)
    stitch_length[s] = target
    gap = x[b] - x[a]
    length = gap.norm()
    w = inverse_mass[a] + inverse_mass[b]
    if length > target and w > 0.0:
        closing = (length - target) / (length * w)
        x[a] += inverse_mass[a] * closing * gap
        x[b] -= inverse_mass[b] * closing * gap


@ti.kernel
def solve_stitches(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    stitches: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    stitch_length: ti.types.ndarray(dtype=ti.f32, ndim=1),
    begin: ti.i32,
    end: ti.i32,
    max_step: ti.f32,
):
    for s in range(begin, end):
        project_stitch(x, inverse_mass, s, stitches, stitch_length, max_step)


def stretch_compliance(model: Model) -> np.ndarray:
    """(F, 6) float32: per face the warp, weft and shear compliance at zero strain, 1/(k₀ A) (1/N),
    then :attr:`sim.model.Model.face_stiffening` (warp and weft ratio, knot strain)."""
    zero_strain = 1.0 / (model.face_stiffness * model.face_area[:, None])
    return np.hstack([zero_strain, model.face_stiffening]).astype(np.float32)


def stretch_coefficients(model: Model) -> np.ndarray:
    """(F, 4, 3) float32 per-face rows: warp and weft weights of each corner, inverse masses, mass sums."""
    d = model.face_rest_inverse.astype(np.float64)
    warp = np.stack([-d[:, 0, 0] - d[:, 1, 0], d[:, 0, 0], d[:, 1, 0]], axis=1)
    weft = np.stack([-d[:, 0, 1] - d[:, 1, 1], d[:, 0, 1], d[:, 1, 1]], axis=1)
    w = model.inverse_mass[model.faces].astype(np.float64)
    sums = np.stack([(w * warp**2).sum(1), (w * weft**2).sum(1), (w * warp * weft).sum(1)], axis=1)
    return np.stack([warp, weft, w, sums], axis=1).astype(np.float32)
