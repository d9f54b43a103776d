"""Contact as XPBD position projections: cloth against the body's distance grid (at vertices, with
Coulomb friction, and at triangle centres), against the floor, and against itself (vertex against
triangle), and seams drawn shut again after contact pushed them open."""

import taichi as ti

from sim.collision.grid_sampling import sample_distance, sample_velocity
from sim.geometry import REGION_FACE, closest_point_on_triangle, closest_points_on_segments

__all__ = [
    "collide_edge",
    "collide_edges",
    "reclose_stitch",
    "collide_face_centre",
    "collide_face_centres",
    "collide_vertex",
    "collide_vertices",
]

vec3 = ti.math.vec3
_EPSILON = 1e-9
# Edge pairs are kept this share of the cloth thickness apart: between vertices layers need only be
# kept from crossing, the full thickness is the vertex-triangle contact's to keep, and edge pairs held
# at the full thickness fought it at folds (the XL T-shirt at 1.5 cm took 412 frames to rest, 158
# without edge contact, 169 with half).
_EDGE_GAP_SHARE = 0.5


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
def reclose_stitch(
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
def collide_face_centre(
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
def collide_face_centres(
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    faces: ti.types.ndarray(dtype=ti.math.ivec3, ndim=1),
    body_distance: ti.types.ndarray(dtype=ti.f32, ndim=3),
    origin: vec3,
    spacing: ti.f32,
    body_thickness: ti.f32,
):
    for f in range(faces.shape[0]):
        collide_face_centre(f, x, inverse_mass, faces, body_distance, origin, spacing, body_thickness)


@ti.func
def collide_vertex(
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
            separation[v] += push / touching
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
def collide_vertices(
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
        collide_vertex(
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


@ti.func
def collide_edge(
    e,
    x_in: ti.template(),
    x: ti.template(),
    inverse_mass: ti.template(),
    edges: ti.template(),
    edge_candidates: ti.template(),
    edge_candidate_count: ti.template(),
    cloth_thickness,
    separation: ti.template(),
):
    # Edge-edge self contact (Bridson, Fedkiw & Anderson, "Robust treatment of collisions, contact
    # and friction for cloth animation", SIGGRAPH 2002, sec. 7.1): where two edges pass closest at
    # points inside both, those points are kept half the cloth thickness apart on the side they
    # started the substep on, as the constraint C = (p(s) - q(t))·n - thickness / 2 >= 0 whose
    # gradient at the four ends is (1 - s, s, -(1 - t), -t) n. Ends of edges are left to the
    # vertex-triangle contact. As there, the separation moves the cloth without giving it velocity. It
    # runs before the vertex pass, whose body and floor contact then see where it moved the cloth.
    a, b = edges[e][0], edges[e][1]
    for slot in range(edge_candidate_count[e]):
        other = edge_candidates[e, slot]
        c, d = edges[other][0], edges[other][1]
        s, t = closest_points_on_segments(x[a], x[b], x[c], x[d])
        if s > 0.0 and s < 1.0 and t > 0.0 and t < 1.0:
            gap = (x[a] + s * (x[b] - x[a])) - (x[c] + t * (x[d] - x[c]))
            start_gap = (x_in[a] + s * (x_in[b] - x_in[a])) - (x_in[c] + t * (x_in[d] - x_in[c]))
            length = start_gap.norm()
            if length > _EPSILON:
                normal = start_gap / length
                height = gap.dot(normal)
                ends = ti.Vector([a, b, c, d])
                w = ti.Vector([inverse_mass[a], inverse_mass[b], inverse_mass[c], inverse_mass[d]])
                weights = ti.Vector([1.0 - s, s, t - 1.0, -t])
                denominator = (w * weights * weights).sum()
                if height < _EDGE_GAP_SHARE * cloth_thickness and denominator > _EPSILON:
                    share = (_EDGE_GAP_SHARE * cloth_thickness - height) / denominator
                    for q in ti.static(range(4)):
                        # Taichi's += is atomic, so the parallel sweep may share an end between edges.
                        move = w[q] * weights[q] * share * normal
                        x[ends[q]] += move
                        separation[ends[q]] += move


@ti.kernel
def collide_edges(
    x_in: ti.types.ndarray(dtype=vec3, ndim=1),
    x: ti.types.ndarray(dtype=vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    edges: ti.types.ndarray(dtype=ti.math.ivec2, ndim=1),
    edge_candidates: ti.types.ndarray(dtype=ti.i32, ndim=2),
    edge_candidate_count: ti.types.ndarray(dtype=ti.i32, ndim=1),
    cloth_thickness: ti.f32,
    separation: ti.types.ndarray(dtype=vec3, ndim=1),
):
    """Edge-edge self contact of every edge with its candidates, in parallel (the CUDA path)."""
    for e in range(edges.shape[0]):
        collide_edge(
            e,
            x_in,
            x,
            inverse_mass,
            edges,
            edge_candidates,
            edge_candidate_count,
            cloth_thickness,
            separation,
        )
