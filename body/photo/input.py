"""Reading a photo from a file into an RGB array fitroom can detect a person in."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from body.photo.errors import PhotoReadError

__all__ = [
    "Photo",
    "load_photo",
    "photo_from_array",
    "MAX_PHOTO_SIDE_PX",
    "MIN_PHOTO_SIDE_PX",
    "MAX_PHOTO_PIXELS",
    "exif_focal_35mm",
]

# Photos larger than this are downscaled: the person mask and the landmarks come from networks
# that see at most 256 pixels a side, so more pixels only cost time.
MAX_PHOTO_SIDE_PX = 1280

# A photo file with more pixels than this is refused before its pixels are decoded (a 50-megapixel
# camera's photo passes; a file whose header claims more would take gigabytes to open).
MAX_PHOTO_PIXELS = 60_000_000

# Below this a standing person is too few pixels tall for a useful silhouette.
MIN_PHOTO_SIDE_PX = 200

# Transparent pixels are shown against this colour (a light wall).
_ALPHA_BACKDROP_RGB = np.array([245.0, 245.0, 242.0], dtype=np.float32)


@dataclass
class Photo:
    """A photo ready for detection.

    Attributes
    ----------
    rgb : (H, W, 3) uint8
        Colour pixels, top row first; at most ``MAX_PHOTO_SIDE_PX`` a side.
    name : str
        The file name (or a label) used in messages and in ``Body.source``.
    downscale : float
        Pixels of ``rgb`` per pixel of the original image (1.0 when the photo was not shrunk).
    """

    rgb: np.ndarray
    name: str
    downscale: float = 1.0


def load_photo(path) -> Photo:
    """Read a photo file (JPEG, PNG, WebP, ...), upright as its EXIF orientation says.

    Greyscale photos become three equal channels; an alpha channel is flattened onto a light backdrop;
    photos larger than ``MAX_PHOTO_SIDE_PX`` a side are downscaled.

    Raises
    ------
    PhotoReadError
        The file does not exist, is not an image, or has more than ``MAX_PHOTO_PIXELS`` pixels.
    """
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise PhotoReadError(f"There is no photo file at {path}; check the path and try again.")
    Image.MAX_IMAGE_PIXELS = MAX_PHOTO_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                _check_pixel_count(path, *image.size)
                image = ImageOps.exif_transpose(image)
                array = _pil_to_array(image)
    except Image.DecompressionBombError:
        raise PhotoReadError(
            f"{path.name} claims more than {2 * MAX_PHOTO_PIXELS / 1e6:.0f} million pixels; fitroom reads "
            f"photos of up to {MAX_PHOTO_PIXELS / 1e6:.0f} million, so save a smaller copy."
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise PhotoReadError(
            f"{path.name} is not an image fitroom can read ({error.__class__.__name__}); "
            "save the photo as JPEG or PNG and try again."
        ) from error
    return photo_from_array(array, path.name)


def _check_pixel_count(path: Path, width: int, height: int) -> None:
    if width * height > MAX_PHOTO_PIXELS:
        raise PhotoReadError(
            f"{path.name} is {width}x{height} pixels; fitroom reads photos of up to "
            f"{MAX_PHOTO_PIXELS / 1e6:.0f} million pixels, so save a smaller copy."
        )


def photo_from_array(array, name="photo") -> Photo:
    """Make a ``Photo`` from pixels: (H, W) grey, (H, W, 3) RGB or (H, W, 4) RGBA, uint8 or float in [0, 1].

    Raises
    ------
    PhotoReadError
        The array is not an image shape, or the image is too small to show a person.
    """
    pixels = np.asarray(array)
    if pixels.ndim == 2:
        pixels = pixels[:, :, None]
    if pixels.ndim != 3 or pixels.shape[2] not in (1, 2, 3, 4):
        raise PhotoReadError(
            f"{name} is not a colour or greyscale image; take the photo with a normal camera."
        )
    pixels = pixels.astype(np.float32)
    if np.issubdtype(np.asarray(array).dtype, np.floating):
        pixels *= 255.0
    elif np.asarray(array).dtype == np.uint16:
        pixels /= 257.0
    if pixels.shape[2] in (2, 4):
        alpha = pixels[:, :, -1:] / 255.0
        pixels = pixels[:, :, :-1] * alpha + _ALPHA_BACKDROP_RGB[: pixels.shape[2] - 1] * (1.0 - alpha)
    if pixels.shape[2] == 1:
        pixels = np.repeat(pixels, 3, axis=2)
    rgb = np.clip(pixels + 0.5, 0, 255).astype(np.uint8)
    height, width = rgb.shape[:2]
    if min(height, width) < MIN_PHOTO_SIDE_PX:
        raise PhotoReadError(
            f"{name} is only {width}x{height} pixels; use a photo at least {MIN_PHOTO_SIDE_PX} pixels "
            "on each side."
        )
    downscale = min(1.0, MAX_PHOTO_SIDE_PX / max(height, width))
    if downscale < 1.0:
        import cv2

        size = (round(width * downscale), round(height * downscale))
        rgb = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    return Photo(rgb=np.ascontiguousarray(rgb), name=name, downscale=float(downscale))


def _pil_to_array(image) -> np.ndarray:
    """Pixels of a PIL image as (H, W, C) with C in 1-4, keeping any transparency as a last channel."""
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return np.asarray(image, dtype=np.float32) / max(float(np.asarray(image).max()), 1.0)
    elif image.mode not in ("L", "LA", "RGB", "RGBA"):
        image = image.convert("RGB")
    return np.asarray(image)


def exif_focal_35mm(path) -> float | None:
    """The 35 mm-equivalent focal length (mm) a photo file's EXIF records, or None."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            exif = image.getexif().get_ifd(0x8769)
    except (OSError, ValueError):
        return None
    focal = exif.get(0xA405)
    return float(focal) if focal else None
