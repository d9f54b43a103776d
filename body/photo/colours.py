"""The person's colours in a photo: which parts of their outline are skin and which are clothes, and the
skin and hair colours their avatar wears.

A loose shirt or a skirt widens the person mask, so its outline is only an upper bound on the body
there, while bare arms, legs and neck show the body's own edge. The face is bare in any photo the
estimator accepts, so its colour is the person's skin colour under this photo's light. Colours are
compared by chromaticity (each channel over their sum), which shading changes little, with a
Mahalanobis distance against the face's own spread.

A photo shows skin as its colour times the light falling on it, darker where the surface turns away.
The well-lit pixels are the closest to the skin's own colour, so the avatar's tone is the mean of
the face and bare forearm pixels whose lightness lies between two upper percentiles
(:data:`_LIT_PERCENTILES`; the very brightest are highlights); forearm pixels count only when their
chromaticity is the face's (a sleeve is not skin). The hair colour is read from the crown of the head.
"""

import numpy as np

from body.photo.landmarks import LANDMARK_NAMES, PersonDetection, person_mask

__all__ = ["skin_likelihood", "skin_model", "SKIN_DISTANCE", "estimate_appearance"]

# Outline colours within this many standard deviations of the face's chromaticity count as skin;
# beyond twice that, as clothes; in between, partly.
SKIN_DISTANCE = 3.0
# The least spread a skin chromaticity is given: the face is lit from one side, a leg from another.
_MIN_SPREAD = 0.012
# How far inside the outline its colour is read, pixels (the outline pixel itself blends into the
# background).
_INSET_PX = 3
_FACE_POINTS = ("nose", "left_eye", "right_eye", "mouth_left", "mouth_right")
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


def _chromaticity(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) colours to (..., 2) red and green shares of their sum."""
    rgb = rgb.astype(np.float32)
    return rgb[..., :2] / np.maximum(rgb.sum(axis=-1, keepdims=True), 1.0)


def skin_model(rgb: np.ndarray, person: np.ndarray, landmarks_px: np.ndarray):
    """The face's skin colour in this photo, as its pixels and a distance to it.

    Parameters
    ----------
    rgb : (H, W, 3) uint8
        The photo.
    person : (H, W) uint8
        The person mask, 1 on the person.
    landmarks_px : (33, 2) float32
        BlazePose landmarks, pixels.

    Returns
    -------
    (pixels, distance) or None
        ``pixels`` (N, 3) uint8: the face's pixels; ``distance(colours (M, 3)) -> (M,)``: the
        Mahalanobis distance of colours' chromaticity from the face's. None when the face shows too
        few pixels to tell.
    """
    height, width = person.shape
    index = {n: i for i, n in enumerate(LANDMARK_NAMES)}
    face = landmarks_px[[index[n] for n in _FACE_POINTS]]
    centre = face.mean(axis=0)
    radius = max(float(np.linalg.norm(face - centre, axis=1).max()), 3.0)
    # Only the face's bounding square is searched for pixels within the disc.
    top, left = (max(int(c - radius), 0) for c in centre[::-1])
    bottom, right = min(int(centre[1] + radius) + 1, height), min(int(centre[0] + radius) + 1, width)
    window = (slice(top, bottom), slice(left, right))
    rows, cols = np.mgrid[window]
    disc = ((cols - centre[0]) ** 2 + (rows - centre[1]) ** 2 <= radius**2) & (person[window] > 0)
    pixels = rgb[window][disc]
    if len(pixels) < 20:
        return None
    samples = _chromaticity(pixels)
    mean = np.median(samples, axis=0)
    covariance = np.cov((samples - mean).T) + np.eye(2) * _MIN_SPREAD**2
    inverse = np.linalg.inv(covariance)

    def distance(colours):
        offset = _chromaticity(np.asarray(colours)) - mean
        return np.sqrt(np.einsum("ni,ij,nj->n", offset, inverse, offset))

    return pixels, distance


def skin_likelihood(
    rgb: np.ndarray, person: np.ndarray, outline_px: np.ndarray, landmarks_px: np.ndarray
) -> np.ndarray:
    """How much each outline point looks like the skin of the face, 1 (skin) to 0 (clothes).

    Parameters
    ----------
    outline_px : (N, 2) float32
        Outline points, pixels (x, y).

    ``rgb``, ``person`` and ``landmarks_px`` are those of :func:`skin_model`.

    Returns
    -------
    (N,) float32
        1 where the outline's colour is within :data:`SKIN_DISTANCE` of the face's, falling to 0 at
        twice that; all ones when the face shows too few pixels to tell.
    """
    import cv2

    model = skin_model(rgb, person, landmarks_px)
    if model is None:
        return np.ones(len(outline_px), dtype=np.float32)
    _, distance_to_face = model
    height, width = person.shape
    kernel = np.ones((2 * _INSET_PX + 1, 2 * _INSET_PX + 1), np.uint8)
    inner = cv2.erode(person, kernel).astype(np.float32)
    size = (4 * _INSET_PX + 1, 4 * _INSET_PX + 1)
    weight = cv2.blur(inner, size)
    colour = cv2.blur(rgb.astype(np.float32) * inner[..., None], size)
    x = np.clip(np.round(outline_px[:, 0]).astype(int), 0, width - 1)
    y = np.clip(np.round(outline_px[:, 1]).astype(int), 0, height - 1)
    covered = weight[y, x] > 1e-3
    local = colour[y, x] / np.maximum(weight[y, x], 1e-3)[:, None]
    distance = distance_to_face(local)
    likelihood = np.clip(2.0 - distance / SKIN_DISTANCE, 0.0, 1.0)
    return np.where(covered, likelihood, 1.0).astype(np.float32)


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
