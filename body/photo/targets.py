"""What the fit tries to match in one photo: keypoints, the person's outline and the space outside it.

Masks include hair and clothes. The fit uses them in two ways that treat those differently:

- *inside*: the model's outline must lie inside the mask. Hair and clothes only make the mask
  larger, never smaller, so this holds everywhere and is weighted fully everywhere.
- *cover*: every point of the mask's outline must be reached by the model. A loose shirt or hair
  breaks this, so outline points on the head and neck (hair) and round the hands (whose fingers the
  model does not pose, and which from the side hang over the hips) get a fifth of the weight, and
  the fit applies a robust kernel (:data:`COVER_SCALE_CM`) so an outline standing several
  centimetres off the body pulls with a bounded force. Outline points whose colour is not the face's
  skin colour (clothes, see :mod:`body.photo.colours`) are marked, and the fit gives them a narrower
  kernel: tight clothes lie on the body and pull like skin, a loose shirt's outline hardly pulls.
"""

from dataclasses import dataclass, replace

import numpy as np

from body.photo.colours import skin_likelihood
from body.photo.landmarks import LANDMARK_NAMES, PersonDetection, person_mask

__all__ = ["PhotoTargets", "photo_targets", "KEYPOINT_GROUPS", "COVER_SCALE_CM", "OUTLINE_POINT_COUNT"]

OUTLINE_POINT_COUNT = 480
# Outline points farther than a few times this from the model pull with bounded force (loose cloth).
COVER_SCALE_CM = 2.5
# Outline points on the head and neck count this much: hair widens the head, but the head's outline
# still holds the head upright.
_HEAD_OUTLINE_WEIGHT = 0.2
# Outline points within this many forearm lengths of a wrist landmark are the hand's and count this
# much: they still place the hand, but do not widen the hips they hang beside.
_HAND_REACH = 0.7
_HAND_OUTLINE_WEIGHT = 0.2

# BlazePose's hip landmarks sit lower than the hip joints of SMPL-style models (2.4 cm on the tuning
# people, :data:`body.photo.bench.TUNING_SEEDS`) and vary the most; they only help place the body.
_LANDMARK_TRUST = {"left_hip": 0.25, "right_hip": 0.25}

# Each keypoint the fit matches: BlazePose landmark names whose mean is the target, and the model
# points ("joint:<SMPL joint index>" or "vertex:<smplx landmark>") whose mean is the model's keypoint.
# From the side the left and right landmarks overlap and are easily swapped, so side photos use
# the midpoints of left-right pairs.
KEYPOINT_GROUPS = {
    "front": (
        (("left_shoulder",), ("joint:16",)),
        (("right_shoulder",), ("joint:17",)),
        (("left_elbow",), ("joint:18",)),
        (("right_elbow",), ("joint:19",)),
        (("left_wrist",), ("joint:20",)),
        (("right_wrist",), ("joint:21",)),
        (("left_hip",), ("joint:1",)),
        (("right_hip",), ("joint:2",)),
        (("left_knee",), ("joint:4",)),
        (("right_knee",), ("joint:5",)),
        (("left_ankle",), ("joint:7",)),
        (("right_ankle",), ("joint:8",)),
        (("nose",), ("vertex:nose",)),
        (("left_eye",), ("vertex:leye",)),
        (("right_eye",), ("vertex:reye",)),
        (("left_ear",), ("vertex:lear",)),
        (("right_ear",), ("vertex:rear",)),
        (("left_heel",), ("vertex:LHeel",)),
        (("right_heel",), ("vertex:RHeel",)),
        (("left_foot_index",), ("vertex:LBigToe",)),
        (("right_foot_index",), ("vertex:RBigToe",)),
    ),
    "side": (
        (("left_shoulder", "right_shoulder"), ("joint:16", "joint:17")),
        (("left_hip", "right_hip"), ("joint:1", "joint:2")),
        (("left_knee", "right_knee"), ("joint:4", "joint:5")),
        (("left_ankle", "right_ankle"), ("joint:7", "joint:8")),
        (("left_heel", "right_heel"), ("vertex:LHeel", "vertex:RHeel")),
        (("left_foot_index", "right_foot_index"), ("vertex:LBigToe", "vertex:RBigToe")),
        (("nose",), ("vertex:nose",)),
        (("left_ear", "right_ear"), ("vertex:lear", "vertex:rear")),
    ),
}


@dataclass
class PhotoTargets:
    """One photo, prepared for fitting.

    Attributes
    ----------
    name : str
    view : str
        ``front`` or ``side``.
    facing_left : bool
        For a side photo, whether the person faces the image's left.
    keypoints_px : (G, 2) float32
        Target of each group of ``KEYPOINT_GROUPS[view]``, pixels.
    keypoint_weights : (G,) float32
        Mean BlazePose visibility of the group's landmarks, times how well they correspond to the model.
    outline_px : (N, 2) float32
        Points spaced evenly along the mask's outer outline, pixels.
    outline_weights : (N,) float32
        1 on the body, less on the head and neck (hair) and round the hands.
    outline_skin : (N,) float32
        How much each outline point looks like bare skin, 1, rather than clothes, 0.
    outside_distance_px : (H, W) float32
        Distance of each pixel to the mask (0 inside it).
    person_height_px : float
        Height of the mask from the top of the head to the soles, pixels.
    person_box_px : (4,) float32
        Mask bounding box (left, top, right, bottom), its top at the top of the head even where a
        raised hand reaches higher.
    image_size : (int, int)
        Width, height.
    """

    name: str
    view: str
    facing_left: bool
    keypoints_px: np.ndarray
    keypoint_weights: np.ndarray
    outline_px: np.ndarray
    outline_weights: np.ndarray
    outline_skin: np.ndarray
    outside_distance_px: np.ndarray
    person_height_px: float
    person_box_px: np.ndarray
    image_size: tuple[int, int]


def _head_top_px(person: np.ndarray, detection: PersonDetection, index: dict) -> int:
    """Top row of the mask over the head: in the columns nearer the nose than about a head's length
    (0.6 of the nose's height over the shoulders, front or side), so that a hand raised beside the head
    is not taken for it."""
    nose = detection.landmarks_px[index["nose"]]
    shoulders_y = detection.landmarks_px[[index["left_shoulder"], index["right_shoulder"]], 1].mean()
    reach = max(0.6 * float(shoulders_y - nose[1]), 2.0)
    left = int(np.clip(nose[0] - reach, 0, person.shape[1] - 1))
    right = int(np.clip(nose[0] + reach, left + 1, person.shape[1]))
    rows = np.nonzero(person[:, left:right].any(axis=1))[0]
    return int(rows.min()) if len(rows) else int(np.nonzero(person.any(axis=1))[0].min())


def _mirrored_index() -> np.ndarray:
    """(33,) index that maps each BlazePose landmark to its left-right twin (the nose to itself)."""
    swapped = {"left": "right", "right": "left"}
    twins = ["_".join(swapped.get(word, word) for word in name.split("_")) for name in LANDMARK_NAMES]
    return np.array([LANDMARK_NAMES.index(twin) for twin in twins])


def _facing_the_camera(detection: PersonDetection, view: str) -> PersonDetection:
    """The detection with left and right landmarks swapped where BlazePose took a front photo for one
    from behind.

    A person facing the camera shows their left shoulder and hip on the image's right. BlazePose
    sometimes labels the sides as if it saw the person's back (one of the eleven tuning people); the fit
    then started the arms crossed over the body, pulled each side towards the other's landmarks and
    ended with the model's arms off the photo's. Side photos average the pairs and are left as they are.
    """
    if view != "front":
        return detection
    index = {n: i for i, n in enumerate(LANDMARK_NAMES)}
    points = detection.landmarks_px
    pairs = [(index[f"left_{part}"], index[f"right_{part}"]) for part in ("shoulder", "hip")]
    if sum(points[left, 0] - points[right, 0] for left, right in pairs) >= 0.0:
        return detection
    twins = _mirrored_index()
    return replace(detection, landmarks_px=points[twins], visibility=detection.visibility[twins])


def photo_targets(
    detection: PersonDetection, view: str, name: str = "photo", rgb: np.ndarray | None = None
) -> PhotoTargets:
    """Prepare a checked detection for fitting.

    Parameters
    ----------
    detection : PersonDetection
    view : {"front", "side"}
    name : str
    rgb : (H, W, 3) uint8, optional
        The photo; with it, outline points on clothes are told from those on skin.
    """
    import cv2

    detection = _facing_the_camera(detection, view)
    person = person_mask(detection)
    rows, cols = np.nonzero(person)
    index = {n: i for i, n in enumerate(LANDMARK_NAMES)}
    # The box's sides run along the outer pixels' outer edges, half a pixel beyond their centres.
    box = np.array([cols.min(), _head_top_px(person, detection, index), cols.max(), rows.max()])
    box = box.astype(np.float32) + np.array([-0.5, -0.5, 0.5, 0.5], dtype=np.float32)

    outside = cv2.distanceTransform(1 - person, cv2.DIST_L2, 5).astype(np.float32)
    contours, _ = cv2.findContours(person, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    outline = max(contours, key=len)[:, 0, :].astype(np.float32)
    step = max(len(outline) / OUTLINE_POINT_COUNT, 1.0)
    outline = outline[(np.arange(min(OUTLINE_POINT_COUNT, len(outline))) * step).astype(int)]

    shoulders_y = detection.landmarks_px[[index["left_shoulder"], index["right_shoulder"]], 1].mean()
    nose_y = detection.landmarks_px[index["nose"], 1]
    neck_top_y = 0.5 * (shoulders_y + nose_y)
    outline_weights = np.where(outline[:, 1] > neck_top_y, 1.0, _HEAD_OUTLINE_WEIGHT).astype(np.float32)
    # Hands: their fingers' pose is not the model's, and from the side they hang over the hips.
    for side in ("left", "right"):
        elbow, wrist = detection.landmarks_px[[index[f"{side}_elbow"], index[f"{side}_wrist"]]]
        reach = _HAND_REACH * float(np.linalg.norm(wrist - elbow))
        outline_weights[np.linalg.norm(outline - wrist, axis=1) < reach] *= _HAND_OUTLINE_WEIGHT
    outline_skin = np.ones(len(outline), dtype=np.float32)
    if rgb is not None:
        outline_skin = skin_likelihood(rgb, person, outline, detection.landmarks_px)

    groups = KEYPOINT_GROUPS[view]
    keypoints = np.zeros((len(groups), 2), dtype=np.float32)
    weights = np.zeros(len(groups), dtype=np.float32)
    for g, (landmark_names, _) in enumerate(groups):
        members = [index[n] for n in landmark_names]
        keypoints[g] = detection.landmarks_px[members].mean(axis=0)
        weights[g] = detection.visibility[members].mean() * _LANDMARK_TRUST.get(landmark_names[0], 1.0)
    return PhotoTargets(
        name=name,
        view=view,
        facing_left=detection.facing_left,
        keypoints_px=keypoints,
        keypoint_weights=weights,
        outline_px=outline,
        outline_weights=outline_weights,
        outline_skin=outline_skin,
        outside_distance_px=outside,
        person_height_px=float(box[3] - box[1]),
        person_box_px=box,
        image_size=detection.image_size,
    )
