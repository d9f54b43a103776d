"""Finding the person in a photo: MediaPipe BlazePose landmarks and the person mask, checked for use.

``detect_person`` runs ``mediapipe`` 0.10.21's ``mp.solutions.pose`` (BlazePose full, ``model_complexity=1``,
whose models ship inside the wheel: nothing is downloaded and the photo never leaves the machine) and
turns every way a photo can fail into a ``PhotoError`` that says what photo to take instead.
"""

import functools
import logging
from dataclasses import dataclass, field, replace

import numpy as np

from body.photo.errors import (
    NoPersonError,
    NotFrontViewError,
    NotSideViewError,
    PersonCutOffError,
    PhotoError,
    SeveralPeopleError,
)

__all__ = [
    "PersonDetection",
    "detect_person",
    "check_view",
    "torso_spread",
    "person_mask",
    "LANDMARK_NAMES",
    "PERSON_MASK_THRESHOLD",
]

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
_KNEES = [LANDMARK_NAMES.index(n) for n in ("left_knee", "right_knee")]
_ANKLES = [LANDMARK_NAMES.index(n) for n in ("left_ankle", "right_ankle")]
_SHOULDERS = [LANDMARK_NAMES.index(n) for n in ("left_shoulder", "right_shoulder")]
_HIPS = [LANDMARK_NAMES.index(n) for n in ("left_hip", "right_hip")]

# A landmark MediaPipe gives less visibility than this is taken as not seen.
_VISIBLE = 0.5
# Mask probability above which a pixel is the person (the one threshold every stage uses: on the
# rendered benchmark people its outline lies within 0.1 cm of the true one on average).
PERSON_MASK_THRESHOLD = 0.5
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
        return int((self.mask > PERSON_MASK_THRESHOLD).sum())

    @property
    def prominence(self) -> float:
        """Mask area (pixels) weighed by how central the person stands: full in the middle of the
        photo, half at its left or right edge."""
        columns = np.nonzero((self.mask > PERSON_MASK_THRESHOLD).any(axis=0))[0]
        half_width = self.image_size[0] / 2.0
        offset = abs(0.5 * (columns.min() + columns.max() + 1) - half_width) / half_width
        return self.mask_area_px * (1.0 - 0.5 * min(offset, 1.0))

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


def _run_blazepose_with_floor(rgb: np.ndarray) -> PersonDetection | None:
    """BlazePose on the photo with as much again of its bottom row's colour added below it, which lets
    it find a person whose legs the photo cuts off; the result in the photo's own pixels (landmarks
    below the photo keep their place there, so the cut-off check can name them)."""
    height = rgb.shape[0]
    extended = np.concatenate([rgb, np.repeat(rgb[-1:], height, axis=0)])
    found = _run_blazepose(np.ascontiguousarray(extended))
    if found is None:
        return None
    width = rgb.shape[1]
    return PersonDetection(
        found.landmarks_px, found.visibility, found.world_m, found.mask[:height], (width, height)
    )


def _blank_out(rgb: np.ndarray, detection: PersonDetection) -> np.ndarray:
    """A copy of ``rgb`` with the detected person's (enlarged) bounding box painted in the border colour."""
    rows, cols = np.nonzero(detection.mask > PERSON_MASK_THRESHOLD)
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

    When the photo as taken shows nobody, or a person cut off, it is read again with its local
    contrast equalised (:mod:`body.photo.backlight`): a person lit from behind stands dark against a
    dark floor, where BlazePose loses them or their legs. The second reading is used when it shows the
    whole person; otherwise the photo is refused for what the first reading found.

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
    from body.photo.backlight import equalise_local_contrast

    try:
        return _detect_whole_person(rgb, name)
    except (NoPersonError, PersonCutOffError) as as_taken:
        try:
            return _detect_whole_person(equalise_local_contrast(rgb), name, grow_to_feet=True)
        except PersonCutOffError as equalised:
            # A person found only in the equalised photo is cut off: say so, not that nobody is there.
            raise (equalised if isinstance(as_taken, NoPersonError) else as_taken) from None
        except PhotoError:
            raise as_taken from None


def _detect_whole_person(rgb: np.ndarray, name: str, grow_to_feet: bool = False) -> PersonDetection:
    """:func:`detect_person` on one version of the photo; with ``grow_to_feet`` the legs' mask is grown
    to the feet (:func:`body.photo.backlight.mask_to_the_feet`) before the whole body is checked."""
    first = _run_blazepose(rgb) or _run_blazepose_with_floor(rgb)
    if first is None or first.mask_area_px < 0.002 * rgb.shape[0] * rgb.shape[1]:
        raise NoPersonError(
            f"No person was found in {name}; take a photo of one person standing, head to feet, "
            "against a plain background in good light."
        )
    detection = first
    second = _run_blazepose(_blank_out(rgb, first))
    if second is not None and second.mask_area_px >= _SECOND_PERSON_MIN * first.mask_area_px:
        ratio = min(first.prominence, second.prominence) / max(first.prominence, second.prominence)
        if ratio >= _EQUALLY_PROMINENT:
            raise SeveralPeopleError(
                f"{name} shows two or more people as large and as central as each other; take a photo "
                "with only the person to measure in it."
            )
        detection = first if first.prominence >= second.prominence else second
        note = f"{name} shows more than one person; fitroom used the largest, most central one."
        detection.notes.append(note)
        _log.warning(note)
    detection = _refine_on_crop(rgb, detection)
    if grow_to_feet:
        from body.photo.backlight import mask_to_the_feet

        knee_y = float(detection.landmarks_px[_KNEES, 1].min())
        detection = replace(detection, mask=mask_to_the_feet(rgb, detection.mask, knee_y))
    _check_whole_body(detection, name)
    return detection


def _refine_on_crop(rgb: np.ndarray, detection: PersonDetection) -> PersonDetection:
    """BlazePose again on a crop around the person, which it reads more reliably when the person is
    small in the photo; the crop's result in photo coordinates, or ``detection`` if it finds nobody."""
    rows, cols = np.nonzero(detection.mask > PERSON_MASK_THRESHOLD)
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
    """Raise ``PersonCutOffError`` naming what is outside the photo (head, legs above or below the knees,
    feet) and how to take it instead."""
    width, height = detection.image_size
    person = detection.mask > PERSON_MASK_THRESHOLD
    edge_rows = max(2, height // 200)
    head = detection.landmarks_px[_HEAD]
    head_visible = (detection.visibility[_HEAD] >= _VISIBLE) & (head[:, 1] >= 0)
    if not head_visible.any() or person[:edge_rows].sum() > 0.02 * width * edge_rows:
        raise PersonCutOffError(
            f"The head is cut off at the top of {name}; tilt the camera up or step back so that the "
            "top of the head is in the photo, with a little space above it."
        )
    lowest_seen = None
    # From the side the far knee and ankle are hidden: one of each pair seen is enough.
    for part, points, needed in (("knees", _KNEES, 1), ("ankles", _ANKLES, 1), ("feet", _FEET, 2)):
        inside = (detection.visibility[points] >= _VISIBLE) & (detection.landmarks_px[points, 1] < height)
        if inside.sum() < needed:
            break
        lowest_seen = part
    if lowest_seen != "feet" or person[-edge_rows:].sum() > 0.02 * width * edge_rows:
        where = {
            None: "The legs are cut off above the knees",
            "knees": "The legs are cut off below the knees",
            "ankles": "The feet are cut off",
            "feet": "The feet are cut off",
        }[lowest_seen]
        raise PersonCutOffError(
            f"{where} at the bottom of {name}; step back or hold the camera lower (about waist height) "
            "so the whole body, head to feet, is in the photo, with a little floor below the feet."
        )


def person_mask(detection: PersonDetection) -> np.ndarray:
    """(H, W) uint8 mask, 1 on the person: the largest connected region above the threshold."""
    import cv2

    person = (detection.mask > PERSON_MASK_THRESHOLD).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(person, connectivity=8)
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    return (labels == largest).astype(np.uint8)


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
