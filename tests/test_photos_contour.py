"""The body's outline as the photo fit sees it lies on the true outline, not inside it."""

import numpy as np
import torch
import trimesh

from body.photo.camera import project
from body.photo.contour import contour_segments, distance_to_segments, vertex_normals


def _seen_sphere(radius=0.3, distance=3.0):
    """An icosphere (about 2.5 cm edges) 3 m in front of a camera at the origin, and its true outline's
    radius in pixels for a 1000 px focal length."""
    sphere = trimesh.creation.icosphere(subdivisions=4, radius=radius)
    vertices = torch.as_tensor(sphere.vertices, dtype=torch.float32) + torch.tensor([0.0, 0.0, -distance])
    faces = torch.as_tensor(sphere.faces, dtype=torch.int64)
    # The tangent cone from the camera touches the sphere at an angle asin(r / d) off the axis.
    outline_radius_px = 1000.0 * np.tan(np.arcsin(radius / distance))
    return vertices, faces, outline_radius_px


def _to_pixels(points):
    return project(points, torch.eye(3), torch.zeros(3), 1000.0, torch.zeros(2))


def test_the_contour_of_a_sphere_lies_on_its_outline():
    vertices, faces, outline_radius_px = _seen_sphere()
    ends = contour_segments(vertices, vertex_normals(vertices, faces), faces, torch.zeros(3))
    radii = _to_pixels(ends.reshape(-1, 3)).norm(dim=-1)
    assert len(ends) > 50
    # Within 0.3 %: about a millimetre on the sphere, whose edges are 2 cm long.
    assert torch.allclose(radii, torch.full_like(radii, outline_radius_px), rtol=3e-3)


def test_an_outline_point_finds_its_distance_to_the_nearest_contour_segment():
    vertices, faces, outline_radius_px = _seen_sphere()
    ends = contour_segments(vertices, vertex_normals(vertices, faces), faces, torch.zeros(3))
    ends_px = _to_pixels(ends.reshape(-1, 3)).reshape(-1, 2, 2).clone().requires_grad_(True)
    angles = torch.linspace(0.0, 2.0 * np.pi, 37)[:-1]
    ring = torch.stack([torch.cos(angles), torch.sin(angles)], dim=1)
    outside = ring * (outline_radius_px + 4.0)
    gaps = distance_to_segments(outside, ends_px[:, 0], ends_px[:, 1])
    assert torch.allclose(gaps, torch.full_like(gaps, 4.0), atol=0.3)
    # The gap is differentiable in the segments: moving them outwards closes it.
    gaps.sum().backward()
    assert ends_px.grad.abs().sum() > 0
