"""The pinhole camera of a photo: where a point of the body lands in the image.

The body is placed in front of the camera by a rotation ``R`` and a translation ``t`` (``p = R v + t``,
still Y up) and seen by a camera at the origin looking along -Z, so image x follows +X, image y
follows -Y and depth is -Z. A front photo starts from ``R = I`` (the person faces the camera); a side
photo from a quarter turn about Y.
"""

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["PhotoCamera", "focal_length_px", "project", "DEFAULT_FOCAL_35MM"]

# Focal length assumed when a photo does not record one: between a phone's main camera (about 26 mm
# equivalent) and its 2x camera (about 52 mm); the fit is insensitive to it because depth varies little
# across a standing person seen from a few metres.
DEFAULT_FOCAL_35MM = 35.0
# Diagonal of the 36 x 24 mm frame that 35 mm-equivalent focal lengths refer to.
_FULL_FRAME_DIAGONAL_MM = math.hypot(36.0, 24.0)


def focal_length_px(image_size, focal_35mm=None) -> float:
    """Focal length in pixels of a (width, height) photo from its 35 mm-equivalent focal length."""
    width, height = image_size
    return (focal_35mm or DEFAULT_FOCAL_35MM) / _FULL_FRAME_DIAGONAL_MM * math.hypot(width, height)


@dataclass
class PhotoCamera:
    """Where the body stands in one photo.

    Attributes
    ----------
    rotation : (3, 3) float32
        Body frame to camera-aligned frame.
    translation : (3,) float32
        Metres; ``-translation[2]`` is roughly the distance to the camera.
    focal_px : float
    principal_px : (2,) float32
        Image centre, pixels.
    """

    rotation: np.ndarray
    translation: np.ndarray
    focal_px: float
    principal_px: np.ndarray

    def project(self, points) -> np.ndarray:
        """Pixels (N, 2) float32 of body-frame points (N, 3) in metres."""
        import torch

        with torch.no_grad():
            pixels = project(
                torch.as_tensor(np.asarray(points, dtype=np.float32)),
                torch.as_tensor(self.rotation),
                torch.as_tensor(self.translation),
                self.focal_px,
                torch.as_tensor(self.principal_px),
            )
        return pixels.numpy().astype(np.float32)


def project(points, rotation, translation, focal_px, principal_px):
    """Pinhole projection, differentiable in all tensors.

    Parameters
    ----------
    points : (..., N, 3) tensor
        Body-frame points, metres.
    rotation : (..., 3, 3) tensor
    translation : (..., 3) tensor
    focal_px : float
    principal_px : (2,) tensor

    Returns
    -------
    (..., N, 2) tensor
        Pixels, x right and y down.
    """
    placed = points @ rotation.transpose(-1, -2) + translation[..., None, :]
    depth = (-placed[..., 2:3]).clamp(min=0.1)
    image_xy = placed[..., :2] * placed.new_tensor([1.0, -1.0])
    return focal_px * image_xy / depth + principal_px
