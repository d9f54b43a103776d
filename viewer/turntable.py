"""Turntable videos: a 360-degree orbit around the body and its draped garment."""

from pathlib import Path

from fitroom.files import atomic_path
from viewer.errors import OutputFormatError
from viewer.scene import FitScene

__all__ = ["write_turntable", "check_turntable_request", "TURNTABLE_FPS"]

TURNTABLE_FPS = 30


def check_turntable_request(path, frames: int) -> str:
    """Refuse a turntable fitroom cannot write, before any work is done; returns the file suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".mp4", ".gif"):
        raise OutputFormatError(f"Turntables are written as .mp4 or .gif; '{path}' is neither.")
    if frames < 2:
        raise OutputFormatError(f"A turntable needs at least 2 frames, not {frames}.")
    return suffix


def write_turntable(body, drape, path, frames=120, map_name="strain", window_size=(640, 800), progress=None):
    """Write an MP4 or GIF orbiting once around ``body`` wearing ``drape``.

    Parameters
    ----------
    body : body.Body
    drape : SizeDrape
    path : str or Path
        ``.mp4`` (H.264, 30 fps) or ``.gif``.
    frames : int
        Frames in the full turn (120 frames = 4 s at 30 fps).
    map_name : str
        Fit map to colour the garment by (``none`` for plain fabric).
    progress : callable or None
        Called with the number of frames written after each frame.
    """
    import imageio.v2 as imageio

    suffix = check_turntable_request(path, frames)
    scene = FitScene(body.vertices, body.faces, off_screen=True, window_size=window_size)
    scene.show_garment(drape.result.positions, drape.garment.faces, drape.result, map_name)
    scene.caption(f"Size {drape.size}", name="size", size=18)
    with atomic_path(path) as tmp:
        if suffix == ".mp4":
            writer = imageio.get_writer(
                str(tmp), fps=TURNTABLE_FPS, codec="libx264", quality=7, macro_block_size=16, format="FFMPEG"
            )
        else:
            writer = imageio.get_writer(str(tmp), duration=1000 / TURNTABLE_FPS, loop=0, format="GIF")
        with writer:
            for index in range(frames):
                scene.front_camera(azimuth_deg=360.0 * index / frames, turning=True)
                writer.append_data(scene.image())
                if progress is not None:
                    progress(index + 1)
    scene.close()
