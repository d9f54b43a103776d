"""Checking, before any work starts, that the files and folders a command will write can be written.

A file must not be an existing folder and a folder not an existing file; the nearest folder that
exists on the way must let fitroom create files in it (tried by creating and removing an unnamed
temporary file, so the check also holds for root and for read-only file systems).
"""

import os
import tempfile
from pathlib import Path

from fitroom.errors import OutputPathError

__all__ = ["check_output_file", "check_output_folder"]


def _nearest_existing(path: Path) -> Path:
    for folder in (path, *path.parents):
        if folder.exists():
            return folder
    return Path.cwd()


def _check_writable(path: Path, what: str) -> None:
    folder = _nearest_existing(path.parent if what == "file" else path)
    if not folder.is_dir():
        raise OutputPathError(
            f"{path} cannot be written: {folder} is a file, not a folder; choose another path."
        )
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise OutputPathError(
            f"{path} cannot be written: {folder} does not let fitroom create files "
            f"({error.strerror or error.__class__.__name__}); choose a folder you can write to."
        ) from None


def check_output_file(path: str | os.PathLike, suffixes: tuple[str, ...] | None = None) -> Path:
    """``path`` as a ``Path`` once it is known to be writable as a file with one of ``suffixes``
    (lower case, with the dot; any suffix when None).

    Raises
    ------
    OutputPathError
        ``path`` is a folder, has another suffix, or lies where no file can be created.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputPathError(
            f"{target} is an existing folder; give a file name to write, such as {target}/out."
        )
    if suffixes is not None and target.suffix.lower() not in suffixes:
        raise OutputPathError(
            f"{target} has the suffix '{target.suffix}'; fitroom writes {', '.join(suffixes)} here, so "
            "name the file with one of them."
        )
    _check_writable(target, "file")
    return target


def check_output_folder(path: str | os.PathLike) -> Path:
    """``path`` as a ``Path`` once it is known to be a folder fitroom can create files in (made later).

    Raises
    ------
    OutputPathError
        ``path`` is an existing file, or lies where no folder can be created.
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise OutputPathError(f"{target} is an existing file; give a folder to write into.")
    _check_writable(target, "folder")
    return target
