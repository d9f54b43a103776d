"""Turntable videos: a 360-degree orbit around the body and its draped garment, as MP4 or GIF.

An MP4 is H.264 at full resolution (``MP4_RESOLUTION`` unless asked otherwise). A GIF has at most 256
colours a frame and no inter-frame compression beyond cropping to what changed, so it is drawn smaller
(``GIF_RESOLUTION``) and every frame shares one palette taken from four views round the body, without
dithering: flat areas stay flat and compress well, and 120 frames stay under about 3 MB.
"""

import re
from pathlib import Path

import numpy as np

from fitroom.files import atomic_path
from viewer.errors import OutputFormatError, ResolutionError
from viewer.scene import FitScene, skin_rgb_of

__all__ = [
    "write_turntable",
    "check_turntable_request",
    "parse_resolution",
    "TURNTABLE_FPS",
    "TURNTABLE_FRAMES",
    "MP4_RESOLUTION",
    "GIF_RESOLUTION",
    "GIF_COLOURS",
]

TURNTABLE_FPS = 30
TURNTABLE_FRAMES = 120
# Width x height in pixels: a 4:5 portrait, 1080 px wide for the MP4 (the size social video takes).
MP4_RESOLUTION = (1080, 1350)
GIF_RESOLUTION = (480, 600)
# Colours in the GIF's shared palette.
GIF_COLOURS = 128
_PALETTE_VIEWS_DEG = (0.0, 90.0, 180.0, 270.0)


def parse_resolution(text: str) -> tuple[int, int]:
    """``"1080x1350"`` -> ``(1080, 1350)`` (width, height in pixels).

    Raises
    ------
    ResolutionError
        When ``text`` is not two whole numbers from 64 to 4096 joined by ``x``.
    """
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    size = (int(match[1]), int(match[2])) if match else None
    if size is None or not all(64 <= side <= 4096 for side in size):
        raise ResolutionError(
            f"'--resolution {text}' is not a picture size; give WIDTHxHEIGHT in pixels, each 64 to 4096, "
            "such as 1080x1350."
        )
    return size


def check_turntable_request(path, frames: int, resolution: tuple[int, int] | None = None) -> tuple[int, int]:
    """Refuse a turntable fitroom cannot write, before any work is done; returns the resolution to
    draw at (width, height px: ``resolution``, or the default for the file's format).

    Raises
    ------
    OutputFormatError
        For a file that is neither ``.mp4`` nor ``.gif``, or fewer than 2 frames.
    ResolutionError
        For an MP4 whose width or height is odd (H.264 needs even sides).
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".mp4", ".gif"):
        raise OutputFormatError(f"Turntables are written as .mp4 or .gif; '{path}' is neither.")
    if frames < 2:
        raise OutputFormatError(f"A turntable needs at least 2 frames, not {frames}.")
    if resolution is None:
        return MP4_RESOLUTION if suffix == ".mp4" else GIF_RESOLUTION
    if suffix == ".mp4" and any(side % 2 for side in resolution):
        width, height = resolution
        raise ResolutionError(f"An MP4 needs an even width and height; {width}x{height} has an odd side.")
    return resolution


def write_turntable(
    body, drape, path, frames=TURNTABLE_FRAMES, map_name="strain", resolution=None, progress=None
) -> None:
    """Write an MP4 or GIF orbiting once around ``body`` wearing ``drape``.

    Parameters
    ----------
    body : body.Body
    drape : SizeDrape
    path : str or Path
        ``.mp4`` (H.264, 30 fps) or ``.gif`` (30 fps, one shared palette).
    frames : int
        Frames in the full turn (120 frames = 4 s at 30 fps).
    map_name : str
        Fit map to colour the garment by (``none`` for plain fabric).
    resolution : (int, int) or None
        Width and height in pixels; None for ``MP4_RESOLUTION`` or ``GIF_RESOLUTION``.
    progress : callable or None
        Called with the number of frames written after each frame.
    """
    resolution = check_turntable_request(path, frames, resolution)
    scene = FitScene(
        body.vertices, body.faces, off_screen=True, window_size=resolution, skin_rgb=skin_rgb_of(body)
    )
    scene.show_garment(drape.result.positions, drape.garment.faces, drape.result, map_name)
    scene.caption(f"Size {drape.size}", name="size", size=max(18, resolution[1] // 45))

    def images():
        for index in range(frames):
            scene.front_camera(azimuth_deg=360.0 * index / frames, turning=True)
            yield scene.image()
            if progress is not None:
                progress(index + 1)

    try:
        with atomic_path(path) as tmp:
            if Path(path).suffix.lower() == ".mp4":
                _write_mp4(tmp, images())
            else:
                _write_gif(tmp, images(), _gif_palette(scene))
    finally:
        scene.close()


def _write_mp4(path: Path, images) -> None:
    import imageio.v2 as imageio

    writer = imageio.get_writer(
        str(path), fps=TURNTABLE_FPS, codec="libx264", quality=7, macro_block_size=2, format="FFMPEG"
    )
    with writer:
        for image in images:
            writer.append_data(image)


def _gif_palette(scene: FitScene):
    """A ``P``-mode Pillow image holding ``GIF_COLOURS`` colours picked from four views of ``scene``."""
    from PIL import Image

    views = []
    for azimuth in _PALETTE_VIEWS_DEG:
        scene.front_camera(azimuth_deg=azimuth, turning=True)
        views.append(scene.image())
    return Image.fromarray(np.concatenate(views, axis=1)).quantize(
        colors=GIF_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )


def _write_gif(path: Path, images, palette) -> None:
    """Write (H, W, 3) uint8 ``images`` as a looping GIF, each mapped to ``palette`` without dithering."""
    from PIL import Image

    frames = (Image.fromarray(image).quantize(palette=palette, dither=Image.Dither.NONE) for image in images)
    first = next(frames)
    first.save(
        path,
        format="GIF",
        save_all=True,
        append_images=frames,
        duration=round(1000 / TURNTABLE_FPS),
        loop=0,
        optimize=False,
    )
