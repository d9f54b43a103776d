"""Whole-or-nothing file and folder writing, and the cache folder.

Temporaries are named ``.fitroom-tmp-<pid>-...`` beside what they become, so they can never be taken
for output; those of a process that is no longer running (a killed run) are removed by the next write
into the same folder.
"""

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fitroom.stopping import raise_if_stopped, signals_held

__all__ = ["atomic_path", "staged_folder", "remove_stale_temporaries", "cache_dir", "TEMPORARY_PREFIX"]

TEMPORARY_PREFIX = ".fitroom-tmp-"


def _owner_running(name: str) -> bool:
    """Whether the process whose id a temporary's name carries still runs."""
    pid_text = name.removeprefix(TEMPORARY_PREFIX).split("-", 1)[0]
    if not pid_text.isdigit():
        return True
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: str | os.PathLike) -> None:
    """Remove the fitroom temporaries in ``folder`` whose process has ended."""
    with contextlib.suppress(OSError):
        for entry in Path(folder).iterdir():
            if entry.name.startswith(TEMPORARY_PREFIX) and not _owner_running(entry.name):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)


def _temporary_prefix(target: Path) -> str:
    return f"{TEMPORARY_PREFIX}{os.getpid()}-{target.stem}."


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
    remove_stale_temporaries(target.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        raise_if_stopped()
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextlib.contextmanager
def staged_folder(path: str | os.PathLike) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``path``; only if the block succeeds do its files appear
    in ``path``, all together.

    A ``path`` that does not exist (or is empty) becomes the temporary folder by one rename; into an
    existing folder the files are moved one by one with interrupts held, so a command's set of files is
    never seen in part. Nothing is left behind when the block fails or is interrupted.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent)
    stage = Path(tempfile.mkdtemp(prefix=_temporary_prefix(target), dir=target.parent))
    try:
        yield stage
        raise_if_stopped()
        with signals_held():
            if target.is_dir() and not any(target.iterdir()):
                target.rmdir()
            if not target.exists():
                os.chmod(stage, 0o777 & ~_umask())
                os.rename(stage, target)
            else:
                for entry in sorted(stage.iterdir()):
                    os.replace(entry, target / entry.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def cache_dir() -> Path:
    """fitroom's cache folder: ``$FITROOM_CACHE`` or ``~/.cache/fitroom`` (created on demand)."""
    root = Path(os.environ.get("FITROOM_CACHE") or Path.home() / ".cache" / "fitroom")
    root.mkdir(parents=True, exist_ok=True)
    return root
