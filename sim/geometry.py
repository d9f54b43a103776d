"""Taichi geometry helpers shared by body and self collision."""

import taichi as ti

__all__ = ["closest_point_on_triangle", "closest_points_on_segments", "REGION_FACE"]

REGION_FACE = 0


@ti.func
def closest_point_on_triangle(p, a, b, c):
    """Barycentric weights of the point of triangle ``abc`` nearest to ``p``, and which feature it lies on.

    Follows the Voronoi-region walk of Ericson, "Real-Time Collision Detection" (2005), section 5.1.5.

    Returns
    -------
    weights : vec3
        Barycentric weights of ``a``, ``b``, ``c``.
    region : int
        0 inside the face, 1..3 at vertex a, b, c, 4 on edge ab, 5 on edge bc, 6 on edge ca.
    """
    ab = b - a
    ac = c - a
    ap = p - a
    d1 = ab.dot(ap)
    d2 = ac.dot(ap)
    bp = p - b
    d3 = ab.dot(bp)
    d4 = ac.dot(bp)
    cp = p - c
    d5 = ab.dot(cp)
    d6 = ac.dot(cp)
    vc = d1 * d4 - d3 * d2
    vb = d5 * d2 - d1 * d6
    va = d3 * d6 - d5 * d4
    weights = ti.Vector([1.0, 0.0, 0.0])
    region = 1
    if d1 <= 0.0 and d2 <= 0.0:
        weights = ti.Vector([1.0, 0.0, 0.0])
        region = 1
    elif d3 >= 0.0 and d4 <= d3:
        weights = ti.Vector([0.0, 1.0, 0.0])
        region = 2
    elif d6 >= 0.0 and d5 <= d6:
        weights = ti.Vector([0.0, 0.0, 1.0])
        region = 3
    elif vc <= 0.0 and d1 >= 0.0 and d3 <= 0.0:
        t = d1 / (d1 - d3)
        weights = ti.Vector([1.0 - t, t, 0.0])
        region = 4
    elif va <= 0.0 and d4 - d3 >= 0.0 and d5 - d6 >= 0.0:
        t = (d4 - d3) / ((d4 - d3) + (d5 - d6))
        weights = ti.Vector([0.0, 1.0 - t, t])
        region = 5
    elif vb <= 0.0 and d2 >= 0.0 and d6 <= 0.0:
        t = d2 / (d2 - d6)
        weights = ti.Vector([1.0 - t, 0.0, t])
        region = 6
    else:
        inverse = 1.0 / (va + vb + vc)
        v = vb * inverse
        w = vc * inverse
        weights = ti.Vector([1.0 - v - w, v, w])
        region = REGION_FACE
    return weights, region


@ti.func
def closest_points_on_segments(p1, p2, q1, q2):
    """Parameters (s, t) in [0, 1] of the closest points p1 + s (p2 - p1) and q1 + t (q2 - q1) of two
    segments (Ericson, "Real-time collision detection", 2005, sec. 5.1.9); parallel segments take
    the point nearest the first one's start."""
    d1 = p2 - p1
    d2 = q2 - q1
    r = p1 - q1
    a = d1.dot(d1)
    e = d2.dot(d2)
    f = d2.dot(r)
    s = 0.0
    t = 0.0
    if a > 1e-12 and e > 1e-12:
        c = d1.dot(r)
        b = d1.dot(d2)
        denominator = a * e - b * b
        if denominator > 1e-12 * a * e:
            s = ti.math.clamp((b * f - c * e) / denominator, 0.0, 1.0)
        t = (b * s + f) / e
        if t < 0.0:
            t = 0.0
            s = ti.math.clamp(-c / a, 0.0, 1.0)
        elif t > 1.0:
            t = 1.0
            s = ti.math.clamp((b - c) / a, 0.0, 1.0)
    return s, t
