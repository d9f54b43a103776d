"""Pictures that show how well the fitted body matches each photo."""

import numpy as np

from body.photo.landmarks import PERSON_MASK_THRESHOLD
from fitroom.files import atomic_path

__all__ = ["draw_fit_overlay", "write_fit_overlay", "model_silhouette"]

_MODEL_OUTLINE_RGB = (0, 200, 255)
_PERSON_OUTLINE_RGB = (255, 80, 40)
_LANDMARK_RGB = (255, 230, 0)
_MODEL_KEYPOINT_RGB = (0, 90, 255)


def model_silhouette(pixels, faces, image_size) -> np.ndarray:
    """Filled silhouette (H, W) uint8 (0 or 1) of a mesh whose vertices project to ``pixels`` (V, 2)."""
    import cv2

    width, height = image_size
    silhouette = np.zeros((height, width), dtype=np.uint8)
    triangles = np.round(np.asarray(pixels)[np.asarray(faces)] * 4).astype(np.int32)
    for triangle in triangles:
        cv2.fillConvexPoly(silhouette, triangle, 1, lineType=cv2.LINE_8, shift=2)
    return silhouette


def draw_fit_overlay(
    rgb, model_pixels, faces, landmarks_px=None, model_keypoints_px=None, person_mask=None, appearance=None
):
    """The photo with the fitted body's outline and keypoints drawn over it.

    Parameters
    ----------
    rgb : (H, W, 3) uint8
        The photo.
    model_pixels : (V, 2) float array
        The fitted mesh's vertices projected into the photo, pixels.
    faces : (F, 3) int array
    landmarks_px : (G, 2) float array, optional
        Keypoints found in the photo (yellow dots).
    model_keypoints_px : (G, 2) float array, optional
        The fitted model's keypoints (blue crosses), same order.
    person_mask : (H, W) float array, optional
        The person mask; its outline is drawn in orange.
    appearance : dict, optional
        ``skin_rgb`` and ``hair_rgb`` (either may be None): drawn as labelled swatches, top left.

    Returns
    -------
    (H, W, 3) uint8
    """
    import cv2

    height, width = rgb.shape[:2]
    picture = (0.75 * rgb.astype(np.float32) + 0.25 * 255).astype(np.uint8)
    thickness = max(1, round(max(height, width) / 500))
    if person_mask is not None:
        contours, _ = cv2.findContours(
            (np.asarray(person_mask) > PERSON_MASK_THRESHOLD).astype(np.uint8),
            cv2.RETR_EXTERNAL,
            cv2.CHAIN_APPROX_NONE,
        )
        cv2.drawContours(picture, contours, -1, _PERSON_OUTLINE_RGB, thickness, lineType=cv2.LINE_AA)
    silhouette = model_silhouette(model_pixels, faces, (width, height))
    contours, _ = cv2.findContours(silhouette, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    cv2.drawContours(picture, contours, -1, _MODEL_OUTLINE_RGB, thickness, lineType=cv2.LINE_AA)
    radius = 2 * thickness + 1
    if landmarks_px is not None:
        for x, y in np.asarray(landmarks_px):
            cv2.circle(picture, (round(x), round(y)), radius, _LANDMARK_RGB, -1, lineType=cv2.LINE_AA)
    if model_keypoints_px is not None:
        for x, y in np.asarray(model_keypoints_px):
            cv2.drawMarker(
                picture, (round(x), round(y)), _MODEL_KEYPOINT_RGB, cv2.MARKER_CROSS, 3 * radius, thickness
            )
    if appearance is not None:
        _draw_swatches(picture, appearance, thickness)
    return picture


def _draw_swatches(picture, appearance: dict, thickness: int) -> None:
    """Squares of the estimated skin and hair colours, each with its name, in the picture's top left."""
    import cv2

    side = max(24, picture.shape[0] // 16)
    for row, key in enumerate(("skin_rgb", "hair_rgb")):
        if appearance.get(key) is None:
            continue
        top = side // 2 + row * (side + side // 3)
        corner, far = (side // 2, top), (side // 2 + side, top + side)
        cv2.rectangle(picture, corner, far, tuple(int(c) for c in appearance[key]), -1)
        cv2.rectangle(picture, corner, far, (0, 0, 0), thickness)
        label = f"{key.split('_')[0]} {tuple(appearance[key])}"
        origin = (far[0] + side // 4, top + 2 * side // 3)
        cv2.putText(picture, label, origin, cv2.FONT_HERSHEY_SIMPLEX, side / 60, (0, 0, 0), thickness)


def write_fit_overlay(path, picture) -> None:
    """Write an overlay picture (H, W, 3) uint8 as PNG, whole or not at all."""
    import imageio.v3 as iio

    with atomic_path(path) as tmp:
        iio.imwrite(tmp, picture, extension=".png")
