"""Whole-or-nothing file writing and the cache folder."""

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "cache_dir"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` only if the block succeeds.

    The temporary name keeps the target's suffix so writers that pick a format by extension
    (PyVista, imageio, trimesh) still do.

    Examples
    --------
    >>> with atomic_path("out.png") as tmp:
    ...     image.save(tmp)
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def cache_dir() -> Path:
    """fitroom's cache folder: ``$FITROOM_CACHE`` or ``~/.cache/fitroom`` (created on demand)."""
    root = Path(os.environ.get("FITROOM_CACHE") or Path.home() / ".cache" / "fitroom")
    root.mkdir(parents=True, exist_ok=True)
    return root
