"""Pose presets and the arm-angle control, as SMPL axis-angle pose vectors (72 numbers)."""

import numpy as np

__all__ = ["POSE_PRESETS", "pose_preset", "arm_pose", "rest_arm_angle"]

_LEFT_HIP, _RIGHT_HIP, _LEFT_KNEE = 1, 2, 4
_LEFT_SHOULDER, _RIGHT_SHOULDER = 16, 17

POSE_PRESETS = ("A-pose", "arms down", "one arm raised", "step forward")


def rest_arm_angle(joints: np.ndarray) -> float:
    """Angle (degrees) between the left upper arm and straight down, in the model's rest pose.

    Parameters
    ----------
    joints : (24, 3) float32
        Rest-pose SMPL joints (the body with a zero pose).
    """
    upper_arm = joints[18] - joints[_LEFT_SHOULDER]
    return float(np.degrees(np.arctan2(upper_arm[0], -upper_arm[1])))


def arm_pose(angle_deg: float, rest_angle_deg: float, pose: np.ndarray | None = None) -> np.ndarray:
    """A pose with both arms raised sideways to ``angle_deg`` from straight down (0 = at the sides).

    The body faces +Z, so the person's left arm is on +X and lifting it is a positive rotation about +Z
    at the left shoulder (negative at the right).

    Returns
    -------
    (72,) float32
    """
    pose = np.zeros(72, np.float32) if pose is None else np.array(pose, np.float32)
    lift = np.radians(angle_deg - rest_angle_deg)
    pose[_LEFT_SHOULDER * 3 + 2] = lift
    pose[_RIGHT_SHOULDER * 3 + 2] = -lift
    return pose


def pose_preset(name: str, rest_angle_deg: float) -> np.ndarray:
    """The pose (72,) float32 of a named preset from ``POSE_PRESETS``."""
    from viewer.errors import UnknownPoseError

    if name == "A-pose":
        return np.zeros(72, np.float32)
    if name == "arms down":
        return arm_pose(8.0, rest_angle_deg)
    if name == "one arm raised":
        pose = arm_pose(rest_angle_deg, rest_angle_deg)
        pose[_LEFT_SHOULDER * 3 + 2] = np.radians(150.0 - rest_angle_deg)
        return pose
    if name == "step forward":
        pose = np.zeros(72, np.float32)
        pose[_LEFT_HIP * 3] = np.radians(-25.0)
        pose[_LEFT_KNEE * 3] = np.radians(20.0)
        pose[_RIGHT_HIP * 3] = np.radians(10.0)
        return pose
    raise UnknownPoseError(f"There is no pose preset '{name}'; choose one of: {', '.join(POSE_PRESETS)}.")
