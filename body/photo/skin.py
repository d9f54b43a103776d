"""Which parts of a person's outline are skin and which are clothes, from the colour of the face.

A loose shirt or a skirt widens the person mask, so its outline is only an upper bound on the body
there, while bare arms, legs and neck show the body's own edge. The face is bare in any photo the
estimator accepts, so its colour is the person's skin colour under this photo's light. Colours are
compared by chromaticity (each channel over their sum), which shading changes little, with a
Mahalanobis distance against the face's own spread.
"""

import numpy as np

from body.photo.landmarks import LANDMARK_NAMES

__all__ = ["skin_likelihood", "skin_model", "SKIN_DISTANCE"]

# Outline colours within this many standard deviations of the face's chromaticity count as skin;
# beyond twice that, as clothes; in between, partly.
SKIN_DISTANCE = 3.0
# The least spread a skin chromaticity is given: the face is lit from one side, a leg from another.
_MIN_SPREAD = 0.012
# How far inside the outline its colour is read, pixels (the outline pixel itself blends into the
# background).
_INSET_PX = 3
_FACE_POINTS = ("nose", "left_eye", "right_eye", "mouth_left", "mouth_right")


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
