"""anny's skeleton as SMPL's: its bones mapped onto SMPL's 24 joints, the skinning weights summed onto
them, a joint regressor fitted to anny's own joints, and smplx's landmark vertices found on its mesh
(used by :func:`body.anny_build.build_body_model`)."""

import numpy as np

from body.skeleton import SMPL_PARENTS

__all__ = [
    "smpl_joints_from_bone_heads",
    "joint_matrix",
    "bone_to_joint",
    "skinning_weights",
    "fit_joint_regressor",
    "landmark_vertex_ids",
]

REGRESSOR_CANDIDATE_COUNT = 600
# Ridge weight (m²) of the joint regressor fit: held-out joint error 0.2 mm at 1e-6, 0.9 mm at 1e-4,
# with smaller weights, 1.8 mm at 1e-3 (measured on anny's knee, the hardest joint).
REGRESSOR_RIDGE = 1e-4

# Each SMPL joint sits at the mean of these anny bone heads.
_JOINT_BONES = {
    "pelvis": ("root",),
    "left_hip": ("upperleg01.L",),
    "right_hip": ("upperleg01.R",),
    "spine1": ("spine04",),
    "left_knee": ("lowerleg01.L",),
    "right_knee": ("lowerleg01.R",),
    "spine2": ("spine02",),
    "left_ankle": ("foot.L",),
    "right_ankle": ("foot.R",),
    "spine3": ("spine01",),
    "left_foot": tuple(f"toe{i}-1.L" for i in range(1, 6)),
    "right_foot": tuple(f"toe{i}-1.R" for i in range(1, 6)),
    "neck": ("neck01",),
    "left_collar": ("clavicle.L",),
    "right_collar": ("clavicle.R",),
    "head": ("head",),
    "left_shoulder": ("upperarm01.L",),
    "right_shoulder": ("upperarm01.R",),
    "left_elbow": ("lowerarm01.L",),
    "right_elbow": ("lowerarm01.R",),
    "left_wrist": ("wrist.L",),
    "right_wrist": ("wrist.R",),
    "left_hand": tuple(f"finger{i}-1.L" for i in range(2, 6)),
    "right_hand": tuple(f"finger{i}-1.R" for i in range(2, 6)),
}

# anny's finger bones are named finger1 (thumb) to finger5 (little finger); smplx's tip names.
_FINGER_TIP_NAMES = ("thumb", "index", "middle", "ring", "pinky")
# smplx's face and foot landmark names and the COCO keypoints anny ships for them.
_COCO_LANDMARKS = {
    "nose": "nose",
    "reye": "right_eye",
    "leye": "left_eye",
    "rear": "right_ear",
    "lear": "left_ear",
    "LBigToe": "left_big_toe",
    "LSmallToe": "left_small_toe",
    "LHeel": "left_heel",
    "RBigToe": "right_big_toe",
    "RSmallToe": "right_small_toe",
    "RHeel": "right_heel",
}


def smpl_joints_from_bone_heads(bone_labels: list[str], bone_heads: np.ndarray) -> np.ndarray:
    """anny's own positions of SMPL's 24 joints: each the mean of the anny bone heads it stands for.

    Parameters
    ----------
    bone_labels : list[str]
        anny's bone names (``anny.bone_labels``).
    bone_heads : (N, B, 3) float
        Bone heads, as :func:`anny_rest_bodies` gives them.

    Returns
    -------
    (N, 24, 3) float64
    """
    return np.einsum("jb,nbc->njc", joint_matrix(bone_labels), bone_heads)


def joint_matrix(bone_labels: list[str]) -> np.ndarray:
    """(24, B) averaging matrix from anny bone heads to SMPL joints."""
    from body.skeleton import SMPL_JOINT_NAMES

    matrix = np.zeros((len(SMPL_JOINT_NAMES), len(bone_labels)))
    for j, name in enumerate(SMPL_JOINT_NAMES):
        bones = _JOINT_BONES[name]
        for bone in bones:
            matrix[j, bone_labels.index(bone)] = 1.0 / len(bones)
    return matrix


def bone_to_joint(bone_labels: list[str], bone_parents: list[int]) -> np.ndarray:
    """(B,) SMPL joint index that carries each anny bone's skinning weight.

    A bone goes to the SMPL joint placed at its own head, else to its nearest such ancestor; finger
    bones go to the hand joint and toe bones to the foot joint.
    """
    from body.skeleton import SMPL_JOINT_NAMES

    head_joint = {}
    for j, name in enumerate(SMPL_JOINT_NAMES):
        bones = _JOINT_BONES[name]
        if len(bones) == 1:
            head_joint[bones[0]] = j
    side_joint = {"L": "left_", "R": "right_"}
    mapping = np.zeros(len(bone_labels), dtype=np.int64)
    for b, label in enumerate(bone_labels):
        if label.startswith("finger"):
            mapping[b] = SMPL_JOINT_NAMES.index(side_joint[label[-1]] + "hand")
        elif label.startswith("toe"):
            mapping[b] = SMPL_JOINT_NAMES.index(side_joint[label[-1]] + "foot")
        else:
            ancestor = b
            while bone_labels[ancestor] not in head_joint:
                ancestor = bone_parents[ancestor]
            mapping[b] = head_joint[bone_labels[ancestor]]
    return mapping


def skinning_weights(anny, bone_to_joint: np.ndarray) -> np.ndarray:
    """(V, 24) anny's per-bone skinning weights summed onto SMPL joints; rows sum to one."""
    bone_weights = anny.vertex_bone_weights.numpy()
    bone_indices = anny.vertex_bone_indices.numpy()
    weights = np.zeros((bone_weights.shape[0], 24))
    rows = np.repeat(np.arange(bone_weights.shape[0]), bone_weights.shape[1])
    np.add.at(weights, (rows, bone_to_joint[bone_indices.ravel()]), bone_weights.ravel())
    return weights / weights.sum(axis=1, keepdims=True)


def fit_joint_regressor(vertices: np.ndarray, joints: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Fit a (24, V) joint regressor whose rows sum to one.

    Each joint is regressed from the vertices near it that its own or its neighbouring segments
    carry, by ridge-regularised least squares over the bodies given; a heavily weighted extra
    equation holds the row sum at one so the joints move with the mesh. Weights may be negative:
    non-negative weights cannot follow anny's knees (which slide along the leg with the
    ``proportions`` phenotype while the surface around them barely changes) closer than 25 mm.

    Parameters
    ----------
    vertices : (N, V, 3) float64
    joints : (N, 24, 3) float64
        anny's joint positions for the same bodies.
    weights : (V, 24) float64
        Skinning weights, used to choose candidate vertices.
    """
    row_sum_weight = 10.0
    mean_vertices = vertices.mean(axis=0)
    mean_joints = joints.mean(axis=0)
    regressor = np.zeros((24, vertices.shape[1]))
    for j in range(24):
        segments = [j] + [c for c, p in enumerate(SMPL_PARENTS) if p == j]
        if SMPL_PARENTS[j] >= 0:
            segments.append(SMPL_PARENTS[j])
        near = np.flatnonzero(weights[:, segments].sum(axis=1) > 0.1)
        distance = np.linalg.norm(mean_vertices[near] - mean_joints[j], axis=1)
        candidates = near[np.argsort(distance)[:REGRESSOR_CANDIDATE_COUNT]]
        design = vertices[:, candidates, :].transpose(0, 2, 1).reshape(-1, len(candidates))
        target = joints[:, j, :].reshape(-1)
        design = np.vstack([design, np.full((1, len(candidates)), row_sum_weight)])
        target = np.append(target, row_sum_weight)
        normal = design.T @ design + REGRESSOR_RIDGE * np.eye(len(candidates))
        solution = np.linalg.solve(normal, design.T @ target)
        regressor[j, candidates] = solution / solution.sum()
    return regressor


def landmark_vertex_ids(anny, coco: dict, vertices: np.ndarray, joints: np.ndarray) -> dict[str, int]:
    """smplx's landmark vertex ids (nose, eyes, ears, toes, heels, finger tips) on anny's mesh.

    Face and foot landmarks are the vertices with the largest weight in anny's COCO keypoint
    regressor; a finger tip is the vertex of the finger's last bone farthest from the wrist.

    Parameters
    ----------
    anny : anny.Anny
    coco : dict
        anny's COCO keypoint regressor (``data/keypoints/coco.pth``): keypoint name -> (V,) weights.
    vertices : (V, 3) float64
        A rest mesh.
    joints : (24, 3) float64
        Its SMPL joints.
    """
    from body.skeleton import SMPL_JOINT_NAMES

    base_indices = anny.base_mesh_vertex_indices.numpy()
    ids = {name: int(np.argmax(coco[label].numpy()[base_indices])) for name, label in _COCO_LANDMARKS.items()}
    labels = list(anny.bone_labels)
    bone_weights = anny.vertex_bone_weights.numpy()
    bone_indices = anny.vertex_bone_indices.numpy()
    for side, hand, joint_side in (("L", "l", "left"), ("R", "r", "right")):
        wrist = joints[SMPL_JOINT_NAMES.index(f"{joint_side}_wrist")]
        for finger, tip_name in enumerate(_FINGER_TIP_NAMES, start=1):
            last_bone = labels.index(f"finger{finger}-3.{side}")
            carried = np.flatnonzero(_bone_weight(bone_weights, bone_indices, last_bone) > 0.5)
            ids[f"{hand}{tip_name}"] = int(
                carried[np.argmax(np.linalg.norm(vertices[carried] - wrist, axis=1))]
            )
    return ids


def _bone_weight(bone_weights: np.ndarray, bone_indices: np.ndarray, bone: int) -> np.ndarray:
    """(V,) skinning weight of one anny bone."""
    return np.where(bone_indices == bone, bone_weights, 0.0).sum(axis=1)
