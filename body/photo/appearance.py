"""The person's own colours from a photo: skin tone from the face and bare forearms, hair colour from the
crown of the head.

A photo shows skin as its colour times the light falling on it, darker where the surface turns away.
The well-lit pixels are the closest to the skin's own colour, so the tone is the mean of the pixels
whose lightness lies between two upper percentiles (:data:`_LIT_PERCENTILES`; the very brightest are
highlights). Forearm pixels count only when their chromaticity is the face's (a sleeve is not skin).
"""

import numpy as np

from body.photo.landmarks import LANDMARK_NAMES, PersonDetection, person_mask
from body.photo.skin import SKIN_DISTANCE, skin_model

__all__ = ["estimate_appearance"]

# Lightness percentiles of skin pixels averaged for the tone.
_LIT_PERCENTILES = (70.0, 95.0)
# The crown read for the hair colour: this share of the way from the top of the head to the eyes.
_CROWN_SHARE = 0.35
# Fewer crown pixels than this and the hair is not read.
_MIN_HAIR_PIXELS = 30
# A crown of the face's chromaticity and at least this share of the skin's lightness is bare scalp.
_BALD_LIGHTNESS = 0.6
# How far inside the person mask colours are read, pixels.
_COLOUR_INSET_PX = 4
_INDEX = {name: i for i, name in enumerate(LANDMARK_NAMES)}


def _lit_mean(pixels: np.ndarray) -> list[int]:
    """Mean colour of the pixels (N, 3) between the :data:`_LIT_PERCENTILES` of their lightness."""
    lightness = pixels.astype(np.float32).sum(axis=1)
    low, high = np.percentile(lightness, _LIT_PERCENTILES)
    chosen = pixels[(lightness >= low) & (lightness <= high)]
    return [int(round(float(c))) for c in chosen.astype(np.float32).mean(axis=0)]


def _segment_pixels(rgb, person, start, end, radius) -> np.ndarray:
    """Pixels (N, 3) of the person within ``radius`` pixels of the segment from ``start`` to ``end``."""
    height, width = person.shape
    low = np.maximum(np.floor(np.minimum(start, end) - radius), 0).astype(int)
    high = np.minimum(np.ceil(np.maximum(start, end) + radius) + 1, [width, height]).astype(int)
    if np.any(high <= low):
        return np.zeros((0, 3), dtype=np.uint8)
    rows, cols = np.mgrid[low[1] : high[1], low[0] : high[0]]
    points = np.stack([cols, rows], axis=-1).astype(np.float32)
    direction = end - start
    t = np.clip(((points - start) @ direction) / max(float(direction @ direction), 1e-6), 0.0, 1.0)
    near = np.linalg.norm(points - (start + t[..., None] * direction), axis=-1) <= radius
    keep = near & (person[low[1] : high[1], low[0] : high[0]] > 0)
    return rgb[low[1] : high[1], low[0] : high[0]][keep]


def estimate_appearance(rgb: np.ndarray, detection: PersonDetection) -> dict | None:
    """Skin and hair colours of the person in a front photo.

    Parameters
    ----------
    rgb : (H, W, 3) uint8
        The photo.
    detection : PersonDetection

    Returns
    -------
    dict or None
        ``skin_rgb`` and ``hair_rgb``, sRGB 0-255 each (``hair_rgb`` None when the head shows no
        hair); None when the face shows too few pixels to read a tone from.
    """
    import cv2

    # Colours are read well inside the mask, whose edge blends into (or halos over) the background.
    inset = 2 * _COLOUR_INSET_PX + 1
    person = cv2.erode(person_mask(detection), np.ones((inset, inset), np.uint8))
    face = skin_model(rgb, person, detection.landmarks_px)
    if face is None:
        return None
    pixels, distance_to_face = face
    landmarks = detection.landmarks_px
    shoulder_width = float(
        np.linalg.norm(landmarks[_INDEX["left_shoulder"]] - landmarks[_INDEX["right_shoulder"]])
    )
    samples = [pixels]
    for side in ("left", "right"):
        forearm = _segment_pixels(
            rgb,
            person,
            landmarks[_INDEX[f"{side}_elbow"]],
            landmarks[_INDEX[f"{side}_wrist"]],
            0.06 * shoulder_width,
        )
        if len(forearm):
            samples.append(forearm[distance_to_face(forearm) <= SKIN_DISTANCE])
    skin_rgb = _lit_mean(np.concatenate(samples))

    # Hair: the top of the head, from the top of the mask a third of the way down to the eyes.
    eyes_y = landmarks[[_INDEX["left_eye"], _INDEX["right_eye"]], 1].mean()
    ears_x = landmarks[[_INDEX["left_ear"], _INDEX["right_ear"]], 0]
    half = 0.5 * max(abs(ears_x[0] - ears_x[1]), 0.25 * shoulder_width)
    top = int(np.nonzero(person.any(axis=1))[0][0])
    bottom = max(int(top + _CROWN_SHARE * (eyes_y - top)), top + 1)
    window = (slice(top, bottom), slice(max(int(ears_x.mean() - half), 0), int(ears_x.mean() + half) + 1))
    crown = rgb[window][person[window] > 0]
    if len(crown) < _MIN_HAIR_PIXELS:
        return {"skin_rgb": skin_rgb, "hair_rgb": None}
    hair = np.median(crown, axis=0)
    lightness_ratio = float(hair.sum()) / max(float(sum(skin_rgb)), 1.0)
    if distance_to_face(hair[None])[0] <= SKIN_DISTANCE and lightness_ratio > _BALD_LIGHTNESS:
        return {"skin_rgb": skin_rgb, "hair_rgb": None}
    hair_rgb = [int(round(float(c))) for c in hair]
    return {"skin_rgb": skin_rgb, "hair_rgb": hair_rgb}
