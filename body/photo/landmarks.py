"""Finding the person in a photo: MediaPipe BlazePose landmarks and the person mask, checked for use.

``detect_person`` runs ``mediapipe`` 0.10.21's ``mp.solutions.pose`` (BlazePose full, ``model_complexity=1``,
whose models ship inside the wheel: nothing is downloaded and the photo never leaves the machine) and
turns every way a photo can fail into a ``PhotoError`` that says what photo to take instead.
"""

import functools
import logging
from dataclasses import dataclass, field

import numpy as np

from body.photo.errors import (
    NoPersonError,
    NotFrontViewError,
    NotSideViewError,
    PersonCutOffError,
    SeveralPeopleError,
)

__all__ = ["PersonDetection", "detect_person", "check_view", "torso_spread", "LANDMARK_NAMES"]

_log = logging.getLogger(__name__)

# BlazePose's 33 landmarks, in its order (Bazarevsky et al. 2020).
LANDMARK_NAMES = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye", "right_eye_outer",
    "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder", "right_shoulder", "left_elbow",
    "right_elbow", "left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index", "right_index",
    "left_thumb", "right_thumb", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
    "right_ankle", "left_heel", "right_heel", "left_foot_index", "right_foot_index",
)  # fmt: skip

_HEAD = [LANDMARK_NAMES.index(n) for n in ("nose", "left_eye", "right_eye", "left_ear", "right_ear")]
_FEET = [LANDMARK_NAMES.index(n) for n in ("left_heel", "right_heel", "left_foot_index", "right_foot_index")]
_SHOULDERS = [LANDMARK_NAMES.index(n) for n in ("left_shoulder", "right_shoulder")]
_HIPS = [LANDMARK_NAMES.index(n) for n in ("left_hip", "right_hip")]

# A landmark MediaPipe gives less visibility than this is taken as not seen.
_VISIBLE = 0.5
# Mask probability above which a pixel is the person.
_MASK_PERSON = 0.5
# A second person whose mask is at least this fraction of the first's is as prominent: refuse the photo.
_EQUALLY_PROMINENT = 0.7
# A second detection smaller than this fraction of the first is noise, not a person worth mentioning.
_SECOND_PERSON_MIN = 0.1
# The crop around the person for the second, closer look: this fraction of their height on each side.
_CROP_MARGIN = 0.12
# Horizontal shoulder and hip spread over torso length: about 0.7 from the front, under 0.2 from the side.
_SIDE_VIEW_MAX_SPREAD = 0.35


@dataclass
class PersonDetection:
    """One person found in a photo.

    Attributes
    ----------
    landmarks_px : (33, 2) float32
        BlazePose landmarks in pixels (x right, y down), order ``LANDMARK_NAMES``; may lie outside the image.
    visibility : (33,) float32
        MediaPipe's visibility in [0, 1] for each landmark.
    world_m : (33, 3) float32
        MediaPipe's metric estimate of the landmarks, metres, origin between the hips.
    mask : (H, W) float32
        Probability that each pixel belongs to the person (hair and clothes included).
    image_size : (int, int)
        Width and height of the photo in pixels.
    notes : list[str]
        Things the user should know (e.g. another person was ignored).
    """

    landmarks_px: np.ndarray
    visibility: np.ndarray
    world_m: np.ndarray
    mask: np.ndarray
    image_size: tuple[int, int]
    notes: list[str] = field(default_factory=list)

    @property
    def mask_area_px(self) -> int:
        """Number of pixels in the person mask."""
        return int((self.mask > _MASK_PERSON).sum())

    @property
    def facing_left(self) -> bool:
        """Whether the person's nose points to the image's left of their ears (side photos)."""
        ears = self.landmarks_px[[LANDMARK_NAMES.index("left_ear"), LANDMARK_NAMES.index("right_ear")]]
        return bool(self.landmarks_px[0, 0] < ears[:, 0].mean())


@functools.cache
def _pose_estimator():
    """The one BlazePose estimator of this process (building it takes about a second)."""
    import mediapipe as mp

    return mp.solutions.pose.Pose(
        static_image_mode=True, model_complexity=1, enable_segmentation=True, min_detection_confidence=0.5
    )


def _run_blazepose(rgb: np.ndarray) -> PersonDetection | None:
    """BlazePose on one (H, W, 3) uint8 image; None when it finds nobody."""
    result = _pose_estimator().process(rgb)
    if result.pose_landmarks is None or result.segmentation_mask is None:
        return None
    height, width = rgb.shape[:2]
    points = result.pose_landmarks.landmark
    landmarks = np.array([[p.x * width, p.y * height] for p in points], dtype=np.float32)
    visibility = np.array([p.visibility for p in points], dtype=np.float32)
    world = np.array([[p.x, p.y, p.z] for p in result.pose_world_landmarks.landmark], dtype=np.float32)
    mask = np.asarray(result.segmentation_mask, dtype=np.float32)
    return PersonDetection(landmarks, visibility, world, mask, (width, height))


def _blank_out(rgb: np.ndarray, detection: PersonDetection) -> np.ndarray:
    """A copy of ``rgb`` with the detected person's (enlarged) bounding box painted in the border colour."""
    rows, cols = np.nonzero(detection.mask > _MASK_PERSON)
    height, width = rgb.shape[:2]
    margin = int(0.05 * (rows.max() - rows.min() + 1))
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    blanked = rgb.copy()
    blanked[
        max(rows.min() - margin, 0) : min(rows.max() + margin + 1, height),
        max(cols.min() - margin, 0) : min(cols.max() + margin + 1, width),
    ] = np.median(border, axis=0).astype(np.uint8)
    return blanked


def detect_person(rgb: np.ndarray, name: str = "photo") -> PersonDetection:
    """Landmarks and mask of the one person in a photo, checked to show the whole body.

    Parameters
    ----------
    rgb : (H, W, 3) uint8
        The photo.
    name : str
        The photo's name, used in error messages.

    Returns
    -------
    PersonDetection
        The most prominent person. When a clearly smaller second person is also in the photo,
        ``notes`` says so and that person is ignored.

    Raises
    ------
    NoPersonError, SeveralPeopleError, PersonCutOffError
        With a sentence saying what photo to take instead.
    """
    first = _run_blazepose(rgb)
    if first is None or first.mask_area_px < 0.002 * rgb.shape[0] * rgb.shape[1]:
        raise NoPersonError(
            f"No person was found in {name}; take a photo of one person standing, head to feet, "
            "against a plain background in good light."
        )
    detection = first
    second = _run_blazepose(_blank_out(rgb, first))
    if second is not None and second.mask_area_px >= _SECOND_PERSON_MIN * first.mask_area_px:
        ratio = min(first.mask_area_px, second.mask_area_px) / max(first.mask_area_px, second.mask_area_px)
        if ratio >= _EQUALLY_PROMINENT:
            raise SeveralPeopleError(
                f"{name} shows two or more people of the same size; take a photo with only the person "
                "to measure in it."
            )
        detection = first if first.mask_area_px >= second.mask_area_px else second
        note = f"{name} shows more than one person; fitroom used the largest one."
        detection.notes.append(note)
        _log.warning(note)
    detection = _refine_on_crop(rgb, detection)
    _check_whole_body(detection, name)
    return detection


def _refine_on_crop(rgb: np.ndarray, detection: PersonDetection) -> PersonDetection:
    """BlazePose again on a crop around the person, which it reads more reliably when the person is
    small in the photo; the crop's result in photo coordinates, or ``detection`` if it finds nobody."""
    rows, cols = np.nonzero(detection.mask > _MASK_PERSON)
    height, width = rgb.shape[:2]
    margin = int(_CROP_MARGIN * (rows.max() - rows.min() + 1))
    top, bottom = max(rows.min() - margin, 0), min(rows.max() + margin + 1, height)
    left, right = max(cols.min() - margin, 0), min(cols.max() + margin + 1, width)
    refined = _run_blazepose(np.ascontiguousarray(rgb[top:bottom, left:right]))
    if refined is None:
        return detection
    mask = np.zeros((height, width), dtype=np.float32)
    mask[top:bottom, left:right] = refined.mask
    landmarks = refined.landmarks_px + np.array([left, top], dtype=np.float32)
    return PersonDetection(
        landmarks, refined.visibility, refined.world_m, mask, (width, height), detection.notes
    )


def _check_whole_body(detection: PersonDetection, name: str) -> None:
    """Raise ``PersonCutOffError`` when the head or the feet are outside the photo or unseen."""
    width, height = detection.image_size
    person = detection.mask > _MASK_PERSON
    edge_rows = max(2, height // 200)
    advice = "step back or hold the camera further away so the whole body, head to feet, is in the photo"
    head = detection.landmarks_px[_HEAD]
    head_visible = (detection.visibility[_HEAD] >= _VISIBLE) & (head[:, 1] >= 0)
    if not head_visible.any() or person[:edge_rows].sum() > 0.02 * width * edge_rows:
        raise PersonCutOffError(f"The head is cut off at the top of {name}; {advice}.")
    feet = detection.landmarks_px[_FEET]
    feet_visible = (detection.visibility[_FEET] >= _VISIBLE) & (feet[:, 1] < height)
    if feet_visible.sum() < 2 or person[-edge_rows:].sum() > 0.02 * width * edge_rows:
        raise PersonCutOffError(f"The feet are cut off at the bottom of {name}; {advice}.")


def torso_spread(detection: PersonDetection) -> float:
    """Horizontal shoulder and hip spread over the torso's image length: about 0.7 front, under 0.2 side."""
    points = detection.landmarks_px
    shoulders, hips = points[_SHOULDERS], points[_HIPS]
    torso_length = np.linalg.norm(shoulders.mean(axis=0) - hips.mean(axis=0))
    spread = 0.5 * (abs(shoulders[0, 0] - shoulders[1, 0]) + abs(hips[0, 0] - hips[1, 0]))
    return float(spread / max(torso_length, 1.0))


def check_view(detection: PersonDetection, view: str, name: str = "photo") -> None:
    """Raise when a ``front`` photo is taken from the side or a ``side`` photo from the front or back."""
    spread = torso_spread(detection)
    if view == "side" and spread > _SIDE_VIEW_MAX_SPREAD:
        raise NotSideViewError(
            f"{name} does not look like a side view (the shoulders are side by side); turn 90 degrees so "
            "one shoulder faces the camera, arms slightly away from the body, and take the side photo again."
        )
    if view == "front" and spread <= _SIDE_VIEW_MAX_SPREAD:
        raise NotFrontViewError(
            f"{name} looks like a side view; for the front photo face the camera, arms slightly away from "
            "the body."
        )
