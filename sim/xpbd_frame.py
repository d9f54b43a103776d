"""The substep of the XPBD solver as one launch per frame on the CPU, and the vertex steps that begin and
end every substep on both paths (see :mod:`sim.solver_xpbd` for the method).

A substep predicts positions under gravity, projects stretch, bending, stitches and the waistline's
length limit once each in mesh order (Gauss-Seidel), resolves edge-edge and vertex self contact and
body contact, pushes triangle centres out of the body, closes seams contact pushed open, lifts a
waistline that sank below its stop, and derives velocities from the change in position.
"""

import taichi as ti

from sim.girth_stop import stop_waistline
from sim.waistline_limit import limit_waistline
from sim.xpbd_constraints import (
    STRETCH_COEFFICIENTS,
    STRETCH_COMPLIANCE,
    project_bending,
    project_stitch,
    project_stretch,
)
from sim.xpbd_contact import collide_edge, collide_face_centre, collide_vertex, reclose_stitch

__all__ = ["SUBSTEP_SETTINGS", "advance_serial", "integrate", "finish"]

vec3 = ti.math.vec3
# What every substep of a frame needs besides the arrays (seconds, metres, m/s).
SUBSTEP_SETTINGS = ti.types.struct(
    dt=ti.f32,
    velocity_keep=ti.f32,
    max_speed=ti.f32,
    sew_step=ti.f32,
    cloth_thickness=ti.f32,
    body_thickness=ti.f32,
    friction=ti.f32,
    spacing=ti.f32,
    floor_height=ti.f32,
    waist_longest=ti.f32,
    waist_lowest=ti.f32,
    waist_vertex_count=ti.i32,
    waist_edge_count=ti.i32,
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
def integrate(
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
def finish(
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


@ti.kernel
def advance_serial(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    v: ti.types.ndarray(dtype=vec3, ndim=1),
    x_prev: ti.types.ndarray(dtype=vec3, ndim=1),
    x_next: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    stretch_faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    stretch_coefficients: ti.types.ndarray(dtype=STRETCH_COEFFICIENTS, ndim=1),
    stretch_compliance: ti.types.ndarray(dtype=STRETCH_COMPLIANCE, ndim=1),
    bend_stencils: ti.types.ndarray(dtype=ti.math.ivec4, ndim=1),
    bend_weights: ti.types.ndarray(dtype=ti.math.vec4, ndim=1),
    bend_compliance: ti.types.ndarray(dtype=ti.f32, ndim=1),
    stitches: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    stitch_length: ti.types.ndarray(dtype=ti.f32, ndim=1),
    candidates: ti.types.ndarray(dtype=ti.i32, ndim=2),
    candidate_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    edges: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    edge_candidates: ti.types.ndarray(dtype=ti.i32, ndim=2),
    edge_candidate_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    body_distance: ti.types.ndarray(dtype=ti.f32, ndim=3),
    body_velocity: ti.types.ndarray(dtype=vec3, ndim=3),
    contact_push: ti.types.ndarray(dtype=ti.f32, ndim=1),
    shove: ti.types.ndarray(dtype=vec3, ndim=1),
    separation: ti.types.ndarray(dtype=vec3, ndim=1),
    waist_vertices: ti.types.ndarray(dtype=ti.i32, ndim=1),
    waist_edges: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    waist_stitch: ti.types.ndarray(dtype=ti.i32, ndim=1),
    waist_gradient: ti.types.ndarray(dtype=vec3, ndim=1),
    gravity: vec3,
    origin: vec3,
    settings: SUBSTEP_SETTINGS,
    substeps: ti.i32,
    has_waistline: ti.template(),
):
    """All substeps of a frame in one launch, as one ordered sweep (the CPU path); the waistline's
    limit and stop are compiled in only for garments that have one."""
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
            project_stretch(x, f, stretch_faces, stretch_coefficients, stretch_compliance, inverse_dt2)
        for e in range(bend_stencils.shape[0]):
            project_bending(x, inverse_mass, e, bend_stencils, bend_weights, bend_compliance, inverse_dt2)
        for s in range(stitches.shape[0]):
            project_stitch(x, inverse_mass, s, stitches, stitch_length, sew_step)
        if ti.static(has_waistline):
            limit_waistline(
                x,
                inverse_mass,
                stitch_length,
                waist_vertices,
                waist_edges,
                waist_stitch,
                waist_gradient,
                settings.waist_vertex_count,
                settings.waist_edge_count,
                settings.waist_longest,
            )
        for e in range(edges.shape[0]):
            collide_edge(
                e,
                x_prev,
                x,
                inverse_mass,
                edges,
                edge_candidates,
                edge_candidate_count,
                cloth_thickness,
                separation,
            )
        for i in range(x.shape[0]):
            collide_vertex(
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
            collide_face_centre(
                f, x_next, inverse_mass, faces, body_distance, origin, spacing, body_thickness
            )
        for s in range(stitches.shape[0]):
            reclose_stitch(
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
        if ti.static(has_waistline):
            stop_waistline(
                x_next, inverse_mass, waist_vertices, settings.waist_vertex_count, settings.waist_lowest
            )
        for i in range(x.shape[0]):
            _finish_vertex(i, x, v, x_prev, x_next, separation, dt)
