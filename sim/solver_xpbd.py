"""Extended position-based dynamics for cloth, in Taichi.

Each substep predicts positions under gravity, projects every constraint family once, resolves body
contact (at vertices and at triangle centres) and self contact, and derives velocities from the
change in position. Following Macklin, Storey, Lu,
Terdiman, Chentanez, Jeschke & Müller ("Small steps in physics simulation", SCA 2019) the solver takes
many substeps of one iteration each, so the Lagrange multipliers start at zero every substep and one
XPBD update per constraint is the whole solve (Macklin, Müller & Chentanez, "XPBD: position-based
simulation of compliant constrained dynamics", MIG 2016, eq. 18):

    Δλ = (-C - α̃ λ) / (Σ_i w_i |∇_i C|² + α̃),   α̃ = α / Δt²,   Δx_i = w_i ∇_i C Δλ

with α the compliance (inverse stiffness) of the constraint. The constraint families are in-plane
stretch and shear per triangle (warp, weft and shear of the deformation gradient against the flat
pattern, solved together from the same positions), isometric bending per interior edge, and stitches.
On the CPU a whole frame is one launch: each family is a serial Gauss-Seidel sweep in mesh order. On
CUDA each colour of a family (no two constraints of a colour share a vertex) is one parallel launch.
Both orders are fixed, so a drape is the same on every run.

Known bias: with one iteration per substep, cloth hanging under its own weight settles stretched
by about ``3 n g h² / edge`` more than it should (``n`` vertices hanging below, ``h`` the substep), a
consequence of Gauss-Seidel passing the load down only partly each sweep; the test of a hanging strip
and :class:`sim.drape.Drape`'s default of 20 substeps per 60 Hz frame are sized by it.
"""

import numpy as np
import taichi as ti

from fitroom.defaults import SUBSTEPS
from sim.collision.body_collider import BodyCollider
from sim.collision.grid_sampling import sample_distance, sample_velocity
from sim.collision.self_contacts import SelfContacts
from sim.device import device_array, init_taichi
from sim.geometry import REGION_FACE, closest_point_on_triangle
from sim.model import Model
from sim.state import State

__all__ = ["SolverXPBD"]

vec3 = ti.math.vec3
_COEFFICIENTS = ti.types.matrix(4, 3, ti.f32)
# Per face: warp, weft and shear compliance at zero strain, 1/(k₀ A); the warp and weft stiffness
# ratio k(ε₁)/k₀ of the fabric's curve; the strain ε₁ of that sample.
_STRETCH = ti.types.vector(6, ti.f32)
_EPSILON = 1e-9
# What every substep of a frame needs besides the arrays (seconds, metres, m/s).
_SUBSTEP_SETTINGS = ti.types.struct(
    dt=ti.f32,
    velocity_keep=ti.f32,
    max_speed=ti.f32,
    sew_step=ti.f32,
    cloth_thickness=ti.f32,
    body_thickness=ti.f32,
    friction=ti.f32,
    spacing=ti.f32,
    floor_height=ti.f32,
)


@ti.func
def _integrate_vertex(
    i,
    x: ti.template(),
    v: ti.template(),
    x_prev: ti.template(),
    inverse_mass: ti.template(),
    gravity,
    dt,
    velocity_keep,
    max_speed,
):
    x_prev[i] = x[i]
    if inverse_mass[i] > 0.0:
        velocity = (v[i] + gravity * dt) * velocity_keep
        speed = velocity.norm()
        if speed > max_speed:
            velocity *= max_speed / speed
        x[i] += velocity * dt


@ti.func
def _finish_vertex(
    i,
    x: ti.template(),
    v: ti.template(),
    x_prev: ti.template(),
    x_next: ti.template(),
    separation: ti.template(),
    dt,
):
    x[i] = x_next[i]
    # The self-contact separation of this substep moves the vertex without giving it velocity.
    v[i] = (x_next[i] - x_prev[i] - separation[i]) / dt
    separation[i] = ti.Vector([0.0, 0.0, 0.0])


@ti.kernel
def _integrate(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    v: ti.types.ndarray(dtype=vec3, ndim=1),
    x_prev: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    gravity: vec3,
    dt: ti.f32,
    velocity_keep: ti.f32,
    max_speed: ti.f32,
):
    for i in x:
        _integrate_vertex(i, x, v, x_prev, inverse_mass, gravity, dt, velocity_keep, max_speed)


@ti.kernel
def _finish(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    v: ti.types.ndarray(dtype=vec3, ndim=1),
    x_prev: ti.types.ndarray(dtype=vec3, ndim=1),
    x_next: ti.types.ndarray(dtype=vec3, ndim=1),
    shove: ti.types.ndarray(dtype=vec3, ndim=1),
    separation: ti.types.ndarray(dtype=vec3, ndim=1),
    dt: ti.f32,
):
    for i in x:
        x_next[i] += shove[i]
        shove[i] = ti.Vector([0.0, 0.0, 0.0])
        _finish_vertex(i, x, v, x_prev, x_next, separation, dt)


@ti.func
def _secant_softness(strain, ratio, knot):
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
def _project_stretch(
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
                c[0] * _secant_softness(warp_length - 1.0, c[3], c[5]),
                c[1] * _secant_softness(weft_length - 1.0, c[4], c[5]),
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
def _solve_stretch(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    coefficients: ti.types.ndarray(dtype=_COEFFICIENTS, ndim=1),
    compliance: ti.types.ndarray(dtype=_STRETCH, ndim=1),
    begin: ti.i32,
    end: ti.i32,
    inverse_dt2: ti.f32,
):
    for f in range(begin, end):
        _project_stretch(x, f, faces, coefficients, compliance, inverse_dt2)


@ti.func
def _project_bending(
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
def _solve_bending(
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
        _project_bending(x, inverse_mass, e, stencils, weights, compliance, inverse_dt2)


@ti.func
def _project_stitch(
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


@ti.func
def _out_of_body(p, body_distance: ti.template(), origin, spacing, body_thickness):
    """``p`` moved out along the distance field's gradient to ``body_thickness`` from the skin."""
    distance, gradient = sample_distance(body_distance, origin, spacing, p)
    moved = p
    length = gradient.norm()
    if distance < body_thickness and length > _EPSILON:
        moved = p + (body_thickness - distance) * gradient / length
    return moved


@ti.func
def _reclose_stitch(
    x: ti.template(),
    inverse_mass: ti.template(),
    s,
    stitches: ti.template(),
    stitch_length: ti.template(),
    body_distance: ti.template(),
    origin,
    spacing,
    body_thickness,
):
    # After contact: a seam pushed open between layers (a sleeve's underarm pinched by the arm) is
    # drawn shut again, and a side that this moves into the skin is put back out of it.
    a, b = stitches[s][0], stitches[s][1]
    gap = x[b] - x[a]
    length = gap.norm()
    w = inverse_mass[a] + inverse_mass[b]
    if length > stitch_length[s] and w > 0.0:
        closing = (length - stitch_length[s]) / (length * w)
        x[a] = _out_of_body(
            x[a] + inverse_mass[a] * closing * gap, body_distance, origin, spacing, body_thickness
        )
        x[b] = _out_of_body(
            x[b] - inverse_mass[b] * closing * gap, body_distance, origin, spacing, body_thickness
        )


@ti.func
def _collide_face_centre(
    f,
    x: ti.template(),
    inverse_mass: ti.template(),
    faces: ti.template(),
    body_distance: ti.template(),
    origin,
    spacing,
    body_thickness,
):
    # Contact checked on faces as well as on vertices: where the body curves tighter than the mesh
    # (a bust point under 2 cm triangles) the skin pokes through a triangle whose corners are all
    # outside it. A triangle whose centre comes nearer the skin than half the contact thickness is
    # moved out to that, its corners sharing the move by their inverse masses (each corner by
    # 3 w_q / sum w of the centre's move). Resting contact and its friction stay with the corners: a
    # flat triangle lying on the body has its centre nearer the skin than its corners by the sagitta
    # of its edges (under 1 mm for 2 cm edges where the body curves 5 cm or wider), which this leaves
    # alone.
    ids = faces[f]
    centre = (x[ids[0]] + x[ids[1]] + x[ids[2]]) / 3.0
    distance, gradient = sample_distance(body_distance, origin, spacing, centre)
    w = inverse_mass[ids[0]] + inverse_mass[ids[1]] + inverse_mass[ids[2]]
    length = gradient.norm()
    reach = 0.5 * body_thickness
    if distance < reach and w > 0.0 and length > _EPSILON:
        move = (reach - distance) * (gradient / length)
        for q in ti.static(range(3)):
            x[ids[q]] += (3.0 * inverse_mass[ids[q]] / w) * move


@ti.kernel
def _collide_face_centres(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    body_distance: ti.types.ndarray(dtype=ti.f32, ndim=3),
    origin: vec3,
    spacing: ti.f32,
    body_thickness: ti.f32,
):
    for f in range(faces.shape[0]):
        _collide_face_centre(f, x, inverse_mass, faces, body_distance, origin, spacing, body_thickness)


@ti.kernel
def _solve_stitches(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    stitches: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    stitch_length: ti.types.ndarray(dtype=ti.f32, ndim=1),
    begin: ti.i32,
    end: ti.i32,
    max_step: ti.f32,
):
    for s in range(begin, end):
        _project_stitch(x, inverse_mass, s, stitches, stitch_length, max_step)


@ti.func
def _collide_vertex(
    v,
    x_in: ti.template(),
    x: ti.template(),
    x_next: ti.template(),
    inverse_mass: ti.template(),
    faces: ti.template(),
    candidates: ti.template(),
    candidate_count: ti.template(),
    cloth_thickness,
    body_distance: ti.template(),
    body_velocity: ti.template(),
    origin,
    spacing,
    body_thickness,
    friction,
    floor_height,
    dt,
    contact_push: ti.template(),
    shove: ti.template(),
    separation: ti.template(),
    serial: ti.template(),
):
    p = x[v]
    if inverse_mass[v] > 0.0:
        # Self contact: keep the vertex on the side of each nearby triangle it started the substep on,
        # as the constraint C = height - thickness >= 0 whose gradient is n at the vertex and -b_i n at
        # the triangle's corners (b the barycentric weights of the nearest point): the vertex and the
        # triangle share the correction by their masses. Corners ahead of the vertex in the sweep
        # collect theirs in ``shove`` until their own turn (on CUDA, until the substep ends). The
        # vertex's pushes from all touching triangles are averaged (they mostly report the same layer).
        push = ti.Vector([0.0, 0.0, 0.0])
        touching = 0
        for slot in range(candidate_count[v]):
            ids = faces[candidates[v, slot]]
            a, b, c = x[ids[0]], x[ids[1]], x[ids[2]]
            normal = (b - a).cross(c - a)
            area2 = normal.norm()
            if area2 > _EPSILON:
                normal /= area2
                weights, region = closest_point_on_triangle(p, a, b, c)
                # Only contacts over a face's interior count: near an edge or corner the side of a
                # fold is ambiguous, and those are covered by the neighbouring face.
                if region == REGION_FACE:
                    start = x_in[ids[0]]
                    start_normal = (x_in[ids[1]] - start).cross(x_in[ids[2]] - start)
                    side = 1.0 if (x_in[v] - start).dot(start_normal) >= 0.0 else -1.0
                    height = (p - a).dot(normal) * side
                    if height < cloth_thickness:
                        w = inverse_mass[v]
                        corner_w = ti.Vector(
                            [inverse_mass[ids[0]], inverse_mass[ids[1]], inverse_mass[ids[2]]]
                        )
                        share = (cloth_thickness - height) / (w + (weights * weights * corner_w).sum())
                        push += w * share * side * normal
                        for q in ti.static(range(3)):
                            corner_move = corner_w[q] * weights[q] * share * side * normal
                            # The serial sweep has already settled the corners before this vertex.
                            if ti.static(serial) and ids[q] < v:
                                x_next[ids[q]] -= corner_move
                            else:
                                shove[ids[q]] -= corner_move
                        touching += 1
        if touching > 0:
            # The push separates the layers without giving them the velocity to bounce apart
            # (pre-stabilisation, Macklin, Müller, Chentanez & Kim, SIGGRAPH 2014, sec. 4.4): with it
            # as velocity, sleeves lying on the torso jittered for good and never came to rest.
            p += push / touching
            separation[v] = push / touching
        # Body contact with Coulomb friction in position form (Macklin, Müller, Chentanez & Kim,
        # "Unified particle physics for real-time applications", SIGGRAPH 2014, eq. 24).
        distance, gradient = sample_distance(body_distance, origin, spacing, p)
        if distance < 2.0 * body_thickness:
            # Layers pressed together on the skin keep the velocity of their separation: without
            # it the outer layer goes on pressing the inner one through the body.
            separation[v] = ti.Vector([0.0, 0.0, 0.0])
        if distance < body_thickness:
            length = gradient.norm()
            normal = gradient / length if length > _EPSILON else ti.Vector([0.0, 1.0, 0.0])
            depth = body_thickness - distance
            p += depth * normal
            slide = (p - x_in[v]) - sample_velocity(body_velocity, origin, spacing, p) * dt
            tangential = slide - slide.dot(normal) * normal
            tangential_length = tangential.norm()
            if tangential_length < friction * depth:
                p -= tangential
            elif tangential_length > _EPSILON:
                p -= tangential * (friction * depth / tangential_length)
            contact_push[v] += depth
        # The floor under the soles, with the same friction: cloth that falls lies on it.
        floor_depth = floor_height + body_thickness - p.y
        if floor_depth > 0.0:
            p.y += floor_depth
            slide = p - x_in[v]
            tangential = ti.Vector([slide.x, 0.0, slide.z])
            tangential_length = tangential.norm()
            if tangential_length < friction * floor_depth:
                p -= tangential
            elif tangential_length > _EPSILON:
                p -= tangential * (friction * floor_depth / tangential_length)
    if ti.static(serial):
        p += shove[v]
        shove[v] = ti.Vector([0.0, 0.0, 0.0])
    x_next[v] = p


@ti.kernel
def _collide(
    x_in: ti.types.ndarray(dtype=vec3, ndim=1),
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    x_next: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    candidates: ti.types.ndarray(dtype=ti.i32, ndim=2),
    candidate_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    cloth_thickness: ti.f32,
    body_distance: ti.types.ndarray(dtype=ti.f32, ndim=3),
    body_velocity: ti.types.ndarray(dtype=vec3, ndim=3),
    origin: vec3,
    spacing: ti.f32,
    body_thickness: ti.f32,
    friction: ti.f32,
    floor_height: ti.f32,
    dt: ti.f32,
    contact_push: ti.types.ndarray(dtype=ti.f32, ndim=1),
    shove: ti.types.ndarray(dtype=vec3, ndim=1),
    separation: ti.types.ndarray(dtype=vec3, ndim=1),
):
    for v in x:
        _collide_vertex(
            v,
            x_in,
            x,
            x_next,
            inverse_mass,
            faces,
            candidates,
            candidate_count,
            cloth_thickness,
            body_distance,
            body_velocity,
            origin,
            spacing,
            body_thickness,
            friction,
            floor_height,
            dt,
            contact_push,
            shove,
            separation,
            False,
        )


@ti.kernel
def _advance_serial(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    v: ti.types.ndarray(dtype=vec3, ndim=1),
    x_prev: ti.types.ndarray(dtype=vec3, ndim=1),
    x_next: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    stretch_faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    stretch_coefficients: ti.types.ndarray(dtype=_COEFFICIENTS, ndim=1),
    stretch_compliance: ti.types.ndarray(dtype=_STRETCH, ndim=1),
    bend_stencils: ti.types.ndarray(dtype=ti.math.ivec4, ndim=1),
    bend_weights: ti.types.ndarray(dtype=ti.math.vec4, ndim=1),
    bend_compliance: ti.types.ndarray(dtype=ti.f32, ndim=1),
    stitches: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    stitch_length: ti.types.ndarray(dtype=ti.f32, ndim=1),
    candidates: ti.types.ndarray(dtype=ti.i32, ndim=2),
    candidate_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    body_distance: ti.types.ndarray(dtype=ti.f32, ndim=3),
    body_velocity: ti.types.ndarray(dtype=vec3, ndim=3),
    contact_push: ti.types.ndarray(dtype=ti.f32, ndim=1),
    shove: ti.types.ndarray(dtype=vec3, ndim=1),
    separation: ti.types.ndarray(dtype=vec3, ndim=1),
    gravity: vec3,
    origin: vec3,
    settings: _SUBSTEP_SETTINGS,
    substeps: ti.i32,
):
    """All substeps of a frame in one launch, as one ordered sweep (the CPU path)."""
    dt = settings.dt
    velocity_keep = settings.velocity_keep
    max_speed = settings.max_speed
    sew_step = settings.sew_step
    cloth_thickness = settings.cloth_thickness
    body_thickness = settings.body_thickness
    friction = settings.friction
    spacing = settings.spacing
    floor_height = settings.floor_height
    inverse_dt2 = 1.0 / (dt * dt)
    ti.loop_config(serialize=True)
    for _ in range(substeps):
        for i in range(x.shape[0]):
            _integrate_vertex(i, x, v, x_prev, inverse_mass, gravity, dt, velocity_keep, max_speed)
        for f in range(stretch_faces.shape[0]):
            _project_stretch(x, f, stretch_faces, stretch_coefficients, stretch_compliance, inverse_dt2)
        for e in range(bend_stencils.shape[0]):
            _project_bending(x, inverse_mass, e, bend_stencils, bend_weights, bend_compliance, inverse_dt2)
        for s in range(stitches.shape[0]):
            _project_stitch(x, inverse_mass, s, stitches, stitch_length, sew_step)
        for i in range(x.shape[0]):
            _collide_vertex(
                i,
                x_prev,
                x,
                x_next,
                inverse_mass,
                faces,
                candidates,
                candidate_count,
                cloth_thickness,
                body_distance,
                body_velocity,
                origin,
                spacing,
                body_thickness,
                friction,
                floor_height,
                dt,
                contact_push,
                shove,
                separation,
                True,
            )
        for f in range(faces.shape[0]):
            _collide_face_centre(
                f, x_next, inverse_mass, faces, body_distance, origin, spacing, body_thickness
            )
        for s in range(stitches.shape[0]):
            _reclose_stitch(
                x_next,
                inverse_mass,
                s,
                stitches,
                stitch_length,
                body_distance,
                origin,
                spacing,
                body_thickness,
            )
        for i in range(x.shape[0]):
            _finish_vertex(i, x, v, x_prev, x_next, separation, dt)


def _stretch_compliance(model: Model) -> np.ndarray:
    """(F, 6) float32: per face the warp, weft and shear compliance at zero strain, 1/(k₀ A) (1/N),
    then :attr:`sim.model.Model.face_stiffening` (warp and weft ratio, knot strain)."""
    zero_strain = 1.0 / (model.face_stiffness * model.face_area[:, None])
    return np.hstack([zero_strain, model.face_stiffening]).astype(np.float32)


def _stretch_coefficients(model: Model) -> np.ndarray:
    """(F, 4, 3) float32 per-face rows: warp and weft weights of each corner, inverse masses, mass sums."""
    d = model.face_rest_inverse.astype(np.float64)
    warp = np.stack([-d[:, 0, 0] - d[:, 1, 0], d[:, 0, 0], d[:, 1, 0]], axis=1)
    weft = np.stack([-d[:, 0, 1] - d[:, 1, 1], d[:, 0, 1], d[:, 1, 1]], axis=1)
    w = model.inverse_mass[model.faces].astype(np.float64)
    sums = np.stack([(w * warp**2).sum(1), (w * weft**2).sum(1), (w * warp * weft).sum(1)], axis=1)
    return np.stack([warp, weft, w, sums], axis=1).astype(np.float32)


class SolverXPBD:
    """Advance a cloth :class:`State` by one frame of substeps against a body and itself.

    Parameters
    ----------
    model : Model
    collider : BodyCollider, optional
        The body; without one the cloth only meets itself.
    self_collision : bool
        Keep layers of cloth apart.
    gravity : (3,) float
        m/s².
    damping : float
        Velocity damping, 1/s (air drag and internal friction of the fabric together).
    sew_speed : float
        How fast seams close, m/s (each stitch's allowed gap shrinks at this speed from its first gap).
    max_speed : float
        Velocities are clamped to this, m/s (the first line of defence against blow-ups).
    substeps : int
        Substeps per :meth:`step`.
    colored : bool, optional
        Project constraints colour by colour in parallel launches (the CUDA path) rather than in one
        serial launch per frame (the CPU path); by default, by the device Taichi runs on.
    floor_height : float, optional
        Height (y, m) of a floor with the body's friction, e.g. at the soles; by default none.
    """

    def __init__(
        self,
        model: Model,
        collider: BodyCollider | None = None,
        self_collision: bool = True,
        gravity: tuple[float, float, float] = (0.0, -9.81, 0.0),
        damping: float = 1.0,
        sew_speed: float = 0.5,
        max_speed: float = 5.0,
        substeps: int = SUBSTEPS,
        colored: bool | None = None,
        floor_height: float | None = None,
    ):
        self.model = model
        self.floor_height = -1e30 if floor_height is None else float(floor_height)
        self.collider = collider
        self.self_collision = self_collision
        self.gravity = ti.Vector([float(g) for g in gravity])
        self.damping = float(damping)
        self.sew_speed = float(sew_speed)
        self.max_speed = float(max_speed)
        self.substeps = int(substeps)
        # On the CPU a whole frame is one launch of ordered sweeps; on CUDA each colour is a parallel launch.
        self.serial = init_taichi() == "cpu" if colored is None else not colored
        m = model
        # The CPU sweeps constraints in mesh order, which keeps neighbouring vertices in cache; CUDA
        # needs them colour by colour.
        face_order = np.arange(m.face_count) if self.serial else m.stretch_order
        bend_order = np.arange(len(m.bend_stencils)) if self.serial else m.bend_order
        self.arrays = {
            "faces": device_array(m.faces, ti.i32, vector=3),
            "inverse_mass": device_array(m.inverse_mass, ti.f32),
            "stretch_faces": device_array(m.faces[face_order], ti.i32, vector=3),
            "stretch_coefficients": device_array(_stretch_coefficients(m)[face_order], ti.f32, matrix=(4, 3)),
            "stretch_compliance": device_array(_stretch_compliance(m)[face_order], ti.f32, vector=6),
            "bend_stencils": device_array(m.bend_stencils[bend_order], ti.i32, vector=4),
            "bend_weights": device_array(m.bend_weights[bend_order], ti.f32, vector=4),
            "bend_compliance": device_array(m.bend_compliance[bend_order], ti.f32),
            "stitches": device_array(m.stitches, ti.i32, vector=2),
            "representative": device_array(m.representative, ti.i32),
            "neighbour_offsets": device_array(m.neighbour_offsets, ti.i32),
            "neighbours": device_array(np.r_[m.neighbours, -1].astype(np.int32), ti.i32),
        }
        self.x_prev = ti.Vector.ndarray(3, ti.f32, shape=m.vertex_count)
        self.x_next = ti.Vector.ndarray(3, ti.f32, shape=m.vertex_count)
        self.contact_push = ti.ndarray(ti.f32, shape=m.vertex_count)
        self.contact_push.fill(0.0)
        # Self-contact corrections of triangle corners, added to the positions at the end of a substep.
        self.shove = ti.Vector.ndarray(3, ti.f32, shape=m.vertex_count)
        self.shove.fill(0.0)
        # Self-contact separation of each vertex this substep, which moves it without velocity.
        self.separation = ti.Vector.ndarray(3, ti.f32, shape=m.vertex_count)
        self.separation.fill(0.0)
        if collider is None:
            self._body_distance = ti.ndarray(ti.f32, shape=(2, 2, 2))
            self._body_distance.fill(1.0)
            self._body_velocity = ti.Vector.ndarray(3, ti.f32, shape=(2, 2, 2))
            self._body_velocity.fill(0.0)
        self._no_candidates = ti.ndarray(ti.i32, shape=(m.vertex_count, 1))
        self._no_candidate_count = ti.ndarray(ti.i32, shape=m.vertex_count)
        self._no_candidate_count.fill(0)

    def make_contacts(self, reach: float) -> SelfContacts:
        """Self-contact candidate lists for this model, to refresh with :meth:`collide`."""
        return SelfContacts(
            self.model.vertex_count,
            self.model.face_count,
            self.arrays,
            reach=reach,
            cell_size=max(self.model.max_edge, 2.0 * reach),
            serial=self.serial,
        )

    def collide(self, state: State, contacts: SelfContacts) -> SelfContacts:
        """Refresh ``contacts`` for the cloth in ``state`` (once per frame)."""
        contacts.update(state.positions)
        return contacts

    def step(
        self, state_in: State, state_out: State, dt: float, contacts: SelfContacts | None = None
    ) -> None:
        """Advance ``state_in`` by ``dt`` seconds into ``state_out`` in ``substeps`` substeps.

        ``state_out`` may be ``state_in``; nothing but ``state_out`` changes (the solver's own arrays
        are scratch space and the pressure record). Both are states of this solver's model
        (:meth:`sim.model.Model.state`). Self contact uses the candidate lists in ``contacts``
        (refresh them with :meth:`collide` before each call).
        """
        stitches = self.model.stitches
        if state_out.stitch_count != len(stitches) or state_in.stitch_count != len(stitches):
            raise ValueError(
                f"the states have room for {state_in.stitch_count} and {state_out.stitch_count} stitches "
                f"but the model has {len(stitches)}: make them with Model.state"
            )
        if state_out is not state_in:
            state_out.copy_from(state_in)
        if not state_out.sewing_started and len(stitches):
            positions = state_out.positions_numpy()
            gaps = np.linalg.norm(positions[stitches[:, 1]] - positions[stitches[:, 0]], axis=1)
            state_out.stitch_length.from_numpy(gaps.astype(np.float32))
        state_out.sewing_started = True
        a = self.arrays
        x, v = state_out.positions, state_out.velocities
        if self.collider is not None:
            distance, velocity = self.collider.distance, self.collider.velocity
            origin, spacing = ti.Vector(self.collider.origin.tolist()), self.collider.spacing
        else:
            distance, velocity, origin, spacing = (
                self._body_distance,
                self._body_velocity,
                ti.Vector([0.0] * 3),
                1.0,
            )
        if contacts is not None and self.self_collision:
            candidates, counts = contacts.candidates, contacts.candidate_count
        else:
            candidates, counts = self._no_candidates, self._no_candidate_count
        h = dt / self.substeps
        velocity_keep = float(np.exp(-self.damping * h))
        thickness = self.model.thickness
        if self.serial:
            settings = _SUBSTEP_SETTINGS(
                dt=h,
                velocity_keep=velocity_keep,
                max_speed=self.max_speed,
                sew_step=self.sew_speed * h,
                cloth_thickness=thickness,
                body_thickness=thickness,
                friction=self.model.friction,
                spacing=spacing,
                floor_height=self.floor_height,
            )
            _advance_serial(
                x,
                v,
                self.x_prev,
                self.x_next,
                a["inverse_mass"],
                a["faces"],
                a["stretch_faces"],
                a["stretch_coefficients"],
                a["stretch_compliance"],
                a["bend_stencils"],
                a["bend_weights"],
                a["bend_compliance"],
                a["stitches"],
                state_out.stitch_length,
                candidates,
                counts,
                distance,
                velocity,
                self.contact_push,
                self.shove,
                self.separation,
                self.gravity,
                origin,
                settings,
                self.substeps,
            )
            return
        inverse_dt2 = 1.0 / (h * h)
        for _ in range(self.substeps):
            _integrate(x, v, self.x_prev, a["inverse_mass"], self.gravity, h, velocity_keep, self.max_speed)
            for begin, end in self._ranges(self.model.stretch_colors):
                _solve_stretch(
                    x,
                    a["stretch_faces"],
                    a["stretch_coefficients"],
                    a["stretch_compliance"],
                    begin,
                    end,
                    inverse_dt2,
                )
            for begin, end in self._ranges(self.model.bend_colors):
                _solve_bending(
                    x,
                    a["inverse_mass"],
                    a["bend_stencils"],
                    a["bend_weights"],
                    a["bend_compliance"],
                    begin,
                    end,
                    inverse_dt2,
                )
            for begin, end in self._ranges(self.model.stitch_colors):
                _solve_stitches(
                    x,
                    a["inverse_mass"],
                    a["stitches"],
                    state_out.stitch_length,
                    begin,
                    end,
                    self.sew_speed * h,
                )
            _collide(
                self.x_prev,
                x,
                self.x_next,
                a["inverse_mass"],
                a["faces"],
                candidates,
                counts,
                thickness,
                distance,
                velocity,
                origin,
                spacing,
                thickness,
                self.model.friction,
                self.floor_height,
                h,
                self.contact_push,
                self.shove,
                self.separation,
            )
            _collide_face_centres(
                self.x_next, a["inverse_mass"], a["faces"], distance, origin, spacing, thickness
            )
            _finish(x, v, self.x_prev, self.x_next, self.shove, self.separation, h)

    @staticmethod
    def _ranges(offsets: np.ndarray) -> list[tuple[int, int]]:
        return [(int(b), int(e)) for b, e in zip(offsets[:-1], offsets[1:], strict=True)]
