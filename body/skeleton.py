"""SMPL's skeleton: its 24 joints in kinematic-tree order and the parent of each (Loper et al. 2015)."""

__all__ = ["SMPL_JOINT_NAMES", "SMPL_PARENTS"]

SMPL_JOINT_NAMES = (
    "pelvis", "left_hip", "right_hip", "spine1", "left_knee", "right_knee", "spine2",
    "left_ankle", "right_ankle", "spine3", "left_foot", "right_foot", "neck",
    "left_collar", "right_collar", "head", "left_shoulder", "right_shoulder",
    "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hand", "right_hand",
)  # fmt: skip

# Index of each joint's parent in ``SMPL_JOINT_NAMES``; -1 for the root.
SMPL_PARENTS = (-1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19, 20, 21)
