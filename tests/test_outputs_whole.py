"""Outputs appear whole or not at all: staged folders, temporaries that cannot pass for output and are
cleaned up after a killed run."""

import os
import subprocess
import sys

import pytest

from fitroom.files import TEMPORARY_PREFIX, atomic_path, remove_stale_temporaries, staged_folder


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_staged_folder_appears_with_all_its_files_at_once(tmp_path):
    target = tmp_path / "fit"
    with staged_folder(target) as stage:
        (stage / "fit.json").write_text("{}")
        (stage / "drape_M.png").write_bytes(b"png")
        assert not target.exists()
    assert sorted(p.name for p in target.iterdir()) == ["drape_M.png", "fit.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["fit"]


def test_a_failed_or_interrupted_block_leaves_nothing(tmp_path):
    target = tmp_path / "fit"
    for stop in (RuntimeError, KeyboardInterrupt):
        with pytest.raises(stop), staged_folder(target) as stage:
            (stage / "drape_M.png").write_bytes(b"png")
            raise stop()
    assert list(tmp_path.iterdir()) == []


def test_files_move_into_an_existing_folder_and_keep_its_other_files(tmp_path):
    target = tmp_path / "fit"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    (target / "fit.json").write_text("old")
    with staged_folder(target) as stage:
        (stage / "fit.json").write_text("new")
    assert (target / "notes.txt").read_text() == "mine" and (target / "fit.json").read_text() == "new"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMPORARY_PREFIX)]


def test_temporaries_of_a_killed_run_are_removed_by_the_next_write(tmp_path):
    dead = _dead_pid()
    stale_file = tmp_path / f"{TEMPORARY_PREFIX}{dead}-spin.abc123.mp4"
    stale_folder = tmp_path / f"{TEMPORARY_PREFIX}{dead}-fit.xyz"
    live_file = tmp_path / f"{TEMPORARY_PREFIX}{os.getpid()}-other.mp4"
    stale_file.write_bytes(b"half a video")
    stale_folder.mkdir()
    (stale_folder / "drape_M.png").write_bytes(b"png")
    live_file.write_bytes(b"being written")
    with atomic_path(tmp_path / "spin.mp4") as tmp:
        assert tmp.name.startswith(f"{TEMPORARY_PREFIX}{os.getpid()}-spin.")
        tmp.write_bytes(b"video")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live_file.name, "spin.mp4"])


def test_cleaning_leaves_other_files_alone(tmp_path):
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / f"{TEMPORARY_PREFIX}notapid").write_text("x")
    remove_stale_temporaries(tmp_path)
    assert len(list(tmp_path.iterdir())) == 2
