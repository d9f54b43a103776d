"""Interrupted commands: SIGINT and SIGTERM stop ``drape``, ``fit`` and ``turntable`` within a second or
two, with one line, no traceback, exit 130 or 143, the contact worker gone and no partial output; a
SIGKILLed run leaves only ``.fitroom-tmp-*`` temporaries, which the next run removes."""

import json
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fitroom.files import TEMPORARY_PREFIX
from fitroom.stopping import Stopped, signals_held, stops_on_signals
from sim.collision.contact_worker import contact_worker_available
from viewer.cli import main

ROOT = Path(__file__).resolve().parent.parent
# Seconds a signalled command may take to end.
STOP_WITHIN_S = 3.0
_START_TIMEOUT_S = 120.0
# Seconds after the last drape's line by which pictures or video frames are being written.
_WRITING_S = 3.0


@pytest.fixture(scope="module")
def body_file(tmp_path_factory) -> Path:
    import body

    path = tmp_path_factory.mktemp("body") / "body.json"
    path.write_text(json.dumps(body.default_body().to_dict()))
    return path


def _start(argv: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from viewer.cli import console_main; console_main()", *argv],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_line(process: subprocess.Popen, words: str) -> str:
    """What the command wrote on stderr up to its first line holding ``words``."""
    seen = ""
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 1.0)
        if ready:
            line = process.stderr.readline()
            assert line, f"the command ended before printing {words!r}:\n{seen}"
            seen += line
            if words in line:
                return seen
    raise AssertionError(f"no {words!r} on stderr within {_START_TIMEOUT_S:.0f} s:\n{seen}")


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _stop(process: subprocess.Popen, signal_number: int) -> tuple[int, str, float]:
    """Send ``signal_number``; the exit status, the rest of stderr and the seconds it took to end."""
    sent = time.monotonic()
    process.send_signal(signal_number)
    try:
        _, rest = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return process.returncode, rest, time.monotonic() - sent


def _temporaries(folder: Path) -> list[str]:
    return (
        [p.name for p in folder.iterdir() if p.name.startswith(TEMPORARY_PREFIX)] if folder.exists() else []
    )


def _assert_stopped_cleanly(status, error, seconds, expected_status, signal_name):
    assert status == expected_status, error
    assert seconds < STOP_WITHIN_S, f"took {seconds:.1f} s to stop"
    assert "Traceback" not in error
    assert error.strip().splitlines()[-1].endswith(f"stopped by {signal_name}; nothing was written.")


# Seconds after the start at which a command is still reading its arguments, body and pattern.
_LOADING_S = (0.5, 1.5)


def _drape_argv(command: str, body_file: Path, target: Path) -> list[str]:
    """``command`` on the bundled T-shirt at a coarse mesh, writing ``target``."""
    argv = [command, "--body", str(body_file), "--edge-length", "4", "--device", "cpu", "--max-frames", "60"]
    return [*argv, "-o" if command == "turntable" else "--out", str(target)]


@pytest.mark.parametrize("after_s", _LOADING_S)
@pytest.mark.parametrize(
    ("command", "signal_number", "status"),
    [("drape", signal.SIGINT, 130), ("fit", signal.SIGTERM, 143), ("turntable", signal.SIGINT, 130)],
)
def test_a_command_stopped_while_loading_writes_nothing(
    tmp_path, body_file, command, signal_number, status, after_s
):
    out = tmp_path / "out"
    target = out / "spin.mp4" if command == "turntable" else out
    process = _start(_drape_argv(command, body_file, target))
    time.sleep(after_s)
    assert process.poll() is None, "the command ended before it was stopped"
    returned, error, seconds = _stop(process, signal_number)
    _assert_stopped_cleanly(returned, error, seconds, status, signal.Signals(signal_number).name)
    assert not out.exists() and not _temporaries(tmp_path)


@pytest.mark.slow
def test_drape_stopped_while_writing_leaves_no_output(tmp_path, body_file):
    out = tmp_path / "drape"
    process = _start(_drape_argv("drape", body_file, out))
    # The drape's line comes when it has ended: its picture, meshes and fit.json are being written.
    _wait_for_line(process, "Draping tshirt size M")
    time.sleep(0.3)
    returned, error, seconds = _stop(process, signal.SIGINT)
    _assert_stopped_cleanly(returned, error, seconds, 130, "SIGINT")
    assert not out.exists() and not _temporaries(tmp_path)


@pytest.mark.parametrize(("signal_number", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_fit_stopped_between_drapes_writes_nothing(tmp_path, body_file, signal_number, status):
    out = tmp_path / "fit"
    argv = ["fit", "--body", str(body_file), "--sizes", "S,M", "--edge-length", "4", "--device", "cpu"]
    process = _start([*argv, "--max-frames", "600", "--out", str(out)])
    _wait_for_line(process, "Draping tshirt size S")
    returned, error, seconds = _stop(process, signal_number)
    _assert_stopped_cleanly(returned, error, seconds, status, signal.Signals(signal_number).name)
    assert not out.exists() and not _temporaries(tmp_path)


@pytest.mark.skipif(not contact_worker_available(), reason="the contact worker needs two CPU cores")
def test_drape_stopped_mid_drape_ends_its_contact_worker(tmp_path, body_file):
    out = tmp_path / "drape"
    argv = ["drape", "--body", str(body_file), "--edge-length", "1.5", "--device", "cpu", "--out", str(out)]
    process = _start(argv)
    deadline = time.monotonic() + _START_TIMEOUT_S
    while not _children(process.pid) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    workers = _children(process.pid)
    assert workers, "the drape started no contact worker"
    time.sleep(1.0)
    returned, error, seconds = _stop(process, signal.SIGTERM)
    _assert_stopped_cleanly(returned, error, seconds, 143, "SIGTERM")
    time.sleep(0.5)
    assert not [pid for pid in workers if _running(pid)]
    assert not out.exists() and not _temporaries(tmp_path)


@pytest.mark.slow
def test_turntable_stopped_while_rendering_leaves_no_video(tmp_path, body_file):
    video = tmp_path / "videos" / "spin.mp4"
    argv = [
        "turntable",
        "--body",
        str(body_file),
        "--edge-length",
        "4",
        "--device",
        "cpu",
        "--max-frames",
        "60",
    ]
    process = _start([*argv, "--frames", "240", "-o", str(video)])
    _wait_for_line(process, "Draping tshirt size M")
    time.sleep(_WRITING_S)
    returned, error, seconds = _stop(process, signal.SIGINT)
    _assert_stopped_cleanly(returned, error, seconds, 130, "SIGINT")
    assert not video.exists() and not _temporaries(video.parent)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "moment"),
    [("turntable", "writing"), ("fit", "writing"), ("drape", "writing"), ("drape", "draping")],
)
def test_a_killed_run_leaves_only_temporaries_that_the_next_run_removes(tmp_path, body_file, command, moment):
    """SIGKILL cannot be caught: what it leaves is whole or named as a temporary, and the next write into
    the same folder removes the temporaries."""
    out = tmp_path / "out"
    target = out / "spin.mp4" if command == "turntable" else out / command
    argv = _drape_argv(command, body_file, target)
    process = _start([*argv, "--frames", "240"] if command == "turntable" else argv)
    if moment == "draping":
        time.sleep(_LOADING_S[-1] + 2.0)
    else:
        # The last drape has ended: the pictures, meshes or video frames are being written.
        _wait_for_line(process, "Draping tshirt size " + ("L" if command == "fit" else "M"))
        time.sleep(_WRITING_S if command == "turntable" else 1.0)
    process.kill()
    process.communicate(timeout=30)
    if target.exists():
        # The run finished before the kill: then its output is whole.
        assert (target / "fit.json").exists() if command != "turntable" else target.stat().st_size > 0
    leftovers = [p.name for p in out.iterdir() if p != target] if out.exists() else []
    assert all(name.startswith(TEMPORARY_PREFIX) for name in leftovers), leftovers
    assert main(["pattern", "tshirt", "-o", str(out / "tshirt.svg")]) == 0
    assert sorted(p.name for p in out.iterdir() if p != target) == ["tshirt.svg"]


def test_a_signal_during_a_held_block_arrives_when_it_ends():
    """A native import is never cut in half (matplotlib's font module failed to initialise under a
    Ctrl-C while the first picture loaded pyvista, and the process aborted): the signal waits."""
    reached = []
    with pytest.raises(Stopped) as stop, stops_on_signals():
        with signals_held():
            signal.raise_signal(signal.SIGINT)
            reached.append("the end of the block")
    assert reached == ["the end of the block"]
    assert stop.value.signal_number == signal.SIGINT


def test_a_stop_that_a_library_swallowed_still_stops_the_command(tmp_path, body_file, monkeypatch, capsys):
    """A Ctrl-C caught by library code (an optional import's ``except ImportError`` round a native module
    that failed to initialise under it) let the drape run on and write its outputs; the next progress
    update stops it."""
    import garments.make

    meshed = garments.make.mesh_pattern

    def swallowing(*args, **kwargs):
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:
            pass
        return meshed(*args, **kwargs)

    monkeypatch.setattr(garments.make, "mesh_pattern", swallowing)
    out = tmp_path / "drape"
    argv = ["drape", "--body", str(body_file), "--edge-length", "4", "--device", "cpu", "--max-frames", "5"]
    assert main([*argv, "--out", str(out)]) == 130
    assert capsys.readouterr().err.strip().endswith("stopped by SIGINT; nothing was written.")
    assert not out.exists() and not _temporaries(tmp_path)
