"""A mannequin made of prisms whose tailor's measurements are known exactly, for the body tests.

Every part is a closed prism (regular polygons for round parts, rectangles for boxes), Y up, facing
+Z, standing on y = 0. ``MANNEQUIN_CM`` holds what a tape would read on it.
"""

import math

import numpy as np
from scipy.optimize import nnls

from body.skeleton import SMPL_JOINT_NAMES

SIDES = 96


def polygon_perimeter(radius: float, sides: int = SIDES) -> float:
    """Perimeter of a regular polygon with corners at ``radius``."""
    return 2.0 * sides * radius * math.sin(math.pi / sides)


def prism(outline_xz: np.ndarray, bottom: float, top: float) -> tuple[np.ndarray, np.ndarray]:
    """Closed prism over a star-shaped outline (N, 2) (fan caps from its centroid); outward faces."""
    count = len(outline_xz)
    centre = outline_xz.mean(axis=0)
    ring = lambda y, xz: np.column_stack([xz[:, 0], np.full(len(xz), y), xz[:, 1]])  # noqa: E731
    vertices = np.vstack(
        [ring(bottom, outline_xz), ring(top, outline_xz), ring(bottom, centre[None]), ring(top, centre[None])]
    )
    faces = []
    for i in range(count):
        j = (i + 1) % count
        faces += [[i, count + j, j], [i, count + i, count + j]]
        faces += [[2 * count, i, j], [2 * count + 1, count + j, count + i]]
    return vertices, np.array(faces)


def round_outline(x: float, z: float, radius: float) -> np.ndarray:
    angles = np.linspace(0.0, 2.0 * math.pi, SIDES, endpoint=False)
    return np.column_stack([x + radius * np.cos(angles), z + radius * np.sin(angles)])


def box_outline(half_x: float, half_z: float) -> np.ndarray:
    return np.array([[-half_x, -half_z], [half_x, -half_z], [half_x, half_z], [-half_x, half_z]])


def star_outline(outer: float, inner: float, points: int = 12) -> np.ndarray:
    """A star whose tips lie on a circle of radius ``outer``: its convex hull is a regular polygon."""
    angles = np.linspace(0.0, 2.0 * math.pi, 2 * points, endpoint=False)
    radii = np.where(np.arange(2 * points) % 2 == 0, outer, inner)
    return np.column_stack([radii * np.cos(angles), radii * np.sin(angles)])


# Part: (outline, bottom y, top y), metres.
_PARTS = [
    (round_outline(0.09, 0.0, 0.07), 0.0, 0.80),  # left leg
    (round_outline(-0.09, 0.0, 0.07), 0.0, 0.80),  # right leg
    (star_outline(0.16, 0.13), 0.80, 0.951),  # hips: a star, so the tape bridges the hollows
    (round_outline(0.0, 0.0, 0.12), 0.951, 1.101),  # waist
    (round_outline(0.0, 0.0, 0.15), 1.101, 1.40),  # chest
    (box_outline(0.22, 0.08), 1.40, 1.45),  # shoulders
    (round_outline(0.0, 0.0, 0.06), 1.45, 1.55),  # neck
    (box_outline(0.09, 0.1), 1.55, 1.75),  # head
    (round_outline(0.30, 0.0, 0.04), 0.85, 1.38),  # left arm, apart from the torso
    (round_outline(-0.30, 0.0, 0.04), 0.85, 1.38),  # right arm
]

_JOINTS = {
    "pelvis": (0.0, 0.90, 0.0),
    "left_hip": (0.09, 0.82, 0.0),
    "right_hip": (-0.09, 0.82, 0.0),
    "spine1": (0.0, 1.0, 0.0),
    "left_knee": (0.09, 0.45, 0.0),
    "right_knee": (-0.09, 0.45, 0.0),
    "spine2": (0.0, 1.15, 0.0),
    "left_ankle": (0.09, 0.08, 0.0),
    "right_ankle": (-0.09, 0.08, 0.0),
    "spine3": (0.0, 1.30, 0.0),
    "left_foot": (0.09, 0.02, 0.05),
    "right_foot": (-0.09, 0.02, 0.05),
    "neck": (0.0, 1.45, 0.0),
    "left_collar": (0.08, 1.42, 0.0),
    "right_collar": (-0.08, 1.42, 0.0),
    "head": (0.0, 1.60, 0.0),
    "left_shoulder": (0.20, 1.40, 0.0),
    "right_shoulder": (-0.20, 1.40, 0.0),
    "left_elbow": (0.30, 1.10, 0.0),
    "right_elbow": (-0.30, 1.10, 0.0),
    "left_wrist": (0.30, 0.88, 0.0),
    "right_wrist": (-0.30, 0.88, 0.0),
    "left_hand": (0.30, 0.86, 0.0),
    "right_hand": (-0.30, 0.86, 0.0),
}

MANNEQUIN_CM = {
    "height": 175.0,
    "inseam": 80.0,
    "hip": 100.0 * polygon_perimeter(0.16, 12),
    "waist": 100.0 * polygon_perimeter(0.12),
    "chest": 100.0 * polygon_perimeter(0.15),
    "shoulder_width": 44.0,  # the shoulder box's outer top edges, x = +-0.22
    "neck": 100.0 * polygon_perimeter(0.06),
    "arm_length": 100.0 * (math.hypot(0.08, 0.35) + 0.22),  # (0.22, 1.45) -> elbow -> wrist
    "thigh": 100.0 * polygon_perimeter(0.07),
}


def mannequin() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vertices (V, 3), faces (F, 3) and SMPL joints (24, 3) of the mannequin."""
    vertices, faces, offset = [], [], 0
    for outline, bottom, top in _PARTS:
        part_vertices, part_faces = prism(outline, bottom, top)
        vertices.append(part_vertices)
        faces.append(part_faces + offset)
        offset += len(part_vertices)
    joints = np.array([_JOINTS[name] for name in SMPL_JOINT_NAMES])
    return np.vstack(vertices), np.vstack(faces), joints


def mannequin_smpl_file(path, hands: bool = False) -> None:
    """Write the mannequin as a tiny SMPL-layout ``.npz`` model with two shape directions.

    Beta 0 scales the body about the floor (taller and wider); beta 1 widens it. Each vertex is
    skinned to its nearest joint; each joint is a convex combination of the vertices nearest it.
    With ``hands`` the file has SMPL-H's layout: SMPL's first 22 joints, then 15 joints per hand
    (all at the hand, in chains of three from the wrist) and hand pose components.
    """
    vertices, faces, joints = mannequin()
    parents = [-1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19, 20, 21]
    if hands:
        hand_parents = []
        for wrist, first in ((20, 22), (21, 37)):
            for root in range(first, first + 15, 3):
                hand_parents += [wrist, root, root + 1]
        joints = np.vstack([joints[:22], np.repeat(joints[22:24], 15, axis=0)])
        parents = parents[:22] + hand_parents
    joint_count = len(joints)
    vertex_count = len(vertices)
    shapedirs = np.zeros((vertex_count, 3, 2))
    shapedirs[:, :, 0] = 0.05 * vertices
    shapedirs[:, [0, 2], 1] = 0.05 * vertices[:, [0, 2]]
    distances = np.linalg.norm(vertices[:, None] - joints[None], axis=2)
    weights = np.zeros((vertex_count, joint_count))
    weights[np.arange(vertex_count), distances.argmin(axis=1)] = 1.0
    regressor = np.zeros((joint_count, vertex_count))
    for j in range(joint_count):
        nearest = np.argsort(distances[:, j])[:40]
        design = np.vstack([vertices[nearest].T, np.ones(len(nearest))])
        regressor[j, nearest] = nnls(design, np.append(joints[j], 1.0))[0]
    arrays = {
        "v_template": vertices,
        "shapedirs": shapedirs,
        "posedirs": np.zeros((vertex_count, 3, 9 * (joint_count - 1))),
        "J_regressor": regressor,
        "weights": weights,
        "kintree_table": np.array([[4294967295] + parents[1:], list(range(joint_count))], dtype=np.int64),
        "f": faces,
    }
    if hands:
        for side in "lr":
            arrays[f"hands_components{side}"] = np.eye(45)
            arrays[f"hands_mean{side}"] = np.zeros(45)
    np.savez(path, **arrays)
