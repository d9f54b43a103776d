"""``fitroom batch`` on a local Ray cluster: results, bad rows, resuming after SIGKILL, a killed worker.

Every batch here is small (coarse 3 cm meshes, 90 frames, two sizes) and Ray gets 2 CPUs and no
dashboard. What the tests wait for is a file or a process appearing, never a length of time, so their
outcome does not depend on how fast the machine is.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from viewer.batch_people import PeopleFileError, read_people
from viewer.cli import main

# What every batch here drapes: coarse and short, so a task takes seconds.
_FAST = ["--sizes", "S,M", "--edge-length", "3", "--max-frames", "90", "--workers", "2", "--device", "cpu"]
_HEADER = "id,gender,height,chest,waist,hip\n"
_PEOPLE = (
    "p1,female,165,88,72,96",
    "p2,female,170,100,84,108",
    "p3,female,160,84,68,92",
    "p4,male,180,98,86,100",
    "p5,male,175,106,94,108",
    "p6,female,172,94,78,102",
)
# Patience for a process or a file to appear; only a hung run ever waits this long.
_PATIENCE_S = 600


def _people(tmp_path, rows) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(_HEADER + "\n".join(rows) + "\n")
    return path


def _batch_command(people: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "viewer.cli",
        "batch",
        "--people",
        str(people),
        "--pattern",
        "tshirt",
        "--out",
        str(out),
        *_FAST,
        *extra,
    ]


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` now (children, their children, ...)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _end(pids: set[int]) -> None:
    """Stop what is left of processes this test started (Ray's agents outlive a SIGKILLed driver)."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _wait_for(condition, what: str):
    deadline = time.monotonic() + _PATIENCE_S
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def _task_workers(driver: int) -> set[int]:
    """The driver's Ray workers now running a task (their title is ``ray::run_task``)."""
    running = set()
    for pid in _descendants(driver):
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if title.startswith(b"ray::run_task"):
            running.add(pid)
    return running


def _tables(out: Path):
    return pq.read_table(out / "drapes.parquet").to_pylist(), pq.read_table(
        out / "recommendations.parquet"
    ).to_pylist()


def test_a_people_file_without_an_id_column_is_refused_before_any_work(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text("name,gender,height\nann,female,165\n")
    status = main(["batch", "--people", str(people), "--pattern", "tshirt", "--out", str(tmp_path / "out")])
    assert status == 2
    assert "no 'id' column" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_unknown_column_and_a_missing_file_are_one_sentence_each(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("id,gender,heigth\nann,female,165\n")
    with pytest.raises(PeopleFileError, match="'heigth'"):
        read_people(people)
    with pytest.raises(PeopleFileError, match="does not exist"):
        read_people(tmp_path / "nobody.csv")


def test_bad_rows_are_kept_with_their_sentence(tmp_path):
    people = _people(
        tmp_path,
        [
            "ok,female,165,88,72,96",
            ",female,170,90,74,98",
            "tall,female,400,90,74,98",
            "word,female,tall,90,74,98",
            "ok,female,165,88,72,96",
        ],
    )
    found = read_people(people)
    assert [person.problem is None for person in found] == [True, False, True, False, False]
    assert "no id" in found[1].problem and "not a number" in found[3].problem and "row 1" in found[4].problem


def test_bad_rows_are_recorded_as_failed_and_the_batch_goes_on(tmp_path):
    people = _people(tmp_path, ["ok,female,165,88,72,96", ",female,170,90,74,98", "tall,female,400,90,74,98"])
    out = tmp_path / "out"
    assert main(["batch", "--people", str(people), "--pattern", "tshirt", "--out", str(out), *_FAST]) == 0
    drapes, recommendations = _tables(out)
    by_id = {row["id"]: row for row in recommendations}
    assert by_id["ok"]["status"] == "ok" and by_id["ok"]["recommended_size"] in ("S", "M")
    assert by_id["row 2"]["status"] == "failed" and "no id" in by_id["row 2"]["reason"]
    assert by_id["tall"]["status"] == "failed" and "400 cm" in by_id["tall"]["reason"]
    assert sorted((row["id"], row["size"]) for row in drapes) == [("ok", "M"), ("ok", "S")]


def test_a_batch_killed_with_sigkill_resumes_with_every_row_exactly_once(tmp_path):
    people = _people(tmp_path, _PEOPLE[:4])
    out = tmp_path / "out"
    driver = subprocess.Popen(
        _batch_command(people, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    started = set()
    try:
        first = _wait_for(
            lambda: sorted((out / "parts").glob("[!.]*.parquet")) if (out / "parts").is_dir() else [],
            "the first committed part",
        )
        started = _descendants(driver.pid)
        driver.kill()
        driver.wait()
        kept = {path.name: path.stat().st_mtime_ns for path in (out / "parts").glob("[!.]*.parquet")}
        assert len(kept) >= len(first) and not (out / "drapes.parquet").exists()
        resumed = subprocess.run(
            _batch_command(people, out), capture_output=True, text=True, timeout=_PATIENCE_S
        )
        assert resumed.returncode == 0, resumed.stderr
        assert f"{len(kept)} tasks were done before" in resumed.stdout
    finally:
        _end(started | _descendants(driver.pid))
    for name, mtime in kept.items():
        assert (out / "parts" / name).stat().st_mtime_ns == mtime, "a committed task was run again"
    drapes, recommendations = _tables(out)
    assert sorted(row["id"] for row in recommendations) == ["p1", "p2", "p3", "p4"]
    keys = [(row["id"], row["pattern"], row["size"], row["material"]) for row in drapes]
    assert len(keys) == len(set(keys)) == 8


@pytest.mark.parametrize("kills", [1, 2])
def test_a_task_whose_worker_is_killed_is_run_once_more_then_recorded_as_failed(tmp_path, kills):
    people = _people(tmp_path, _PEOPLE[:1])
    out = tmp_path / "out"
    driver = subprocess.Popen(
        _batch_command(people, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    seen = set()
    try:
        for _ in range(kills):
            worker = _wait_for(lambda: _task_workers(driver.pid) - seen, "a worker running the task").pop()
            seen.add(worker)
            os.kill(worker, signal.SIGKILL)
        stdout, stderr = driver.communicate(timeout=_PATIENCE_S)
    finally:
        _end(_descendants(driver.pid))
    assert driver.returncode == 0, stderr
    drapes, recommendations = _tables(out)
    (row,) = recommendations
    if kills == 1:
        assert row["status"] == "ok" and len(drapes) == 2
    else:
        assert row["status"] == "failed" and "died 2 times" in row["reason"] and not drapes
        assert "died 2 times" in stdout


@pytest.mark.slow
def test_six_people_in_two_patterns_on_local_ray(tmp_path):
    people = _people(tmp_path, _PEOPLE)
    out = tmp_path / "out"
    command = [
        "batch",
        "--people",
        str(people),
        "--pattern",
        "tshirt",
        "--pattern",
        "tank_top",
        "--out",
        str(out),
        *_FAST,
    ]
    assert main(command) == 0
    drapes, recommendations = _tables(out)
    assert len(recommendations) == 12 and len(drapes) == 24
    assert all(row["status"] == "ok" for row in recommendations)
    assert {row["worker_pid"] for row in recommendations} and all(
        row["worker_peak_memory_mb"] > 100 for row in recommendations
    )
    assert [row["id"] for row in recommendations[:2]] == ["p1", "p1"]
    assert main(command) == 0
    assert _tables(out)[1] == recommendations


def test_a_corrupted_or_unfinished_part_is_never_read_as_a_result(tmp_path):
    from viewer.batch_store import BatchStore

    store = BatchStore(tmp_path)
    row = {"id": "a", "row": 1, "pattern": "tshirt", "size": "S", "size_index": 0, "verdict": "ok"}
    recommendation = {"id": "a", "row": 1, "pattern": "tshirt", "status": "ok", "recommended_size": "S"}
    store.commit("good", {"drapes": [row], "recommendation": recommendation, "picture": None})
    (tmp_path / "parts" / "torn.parquet").write_bytes(b"PAR1 half a file")
    (tmp_path / "parts" / ".fitroom-tmp-1-x.parquet").write_bytes(b"")
    assert store.done_keys() == {"good"}
    drapes, recommendations = store.compact(["tshirt"])
    assert pq.read_table(drapes).to_pylist() == [row]
    assert pq.read_table(recommendations).to_pylist() == [recommendation]


def test_a_parquet_people_file_reads_as_the_csv_does(tmp_path):
    import pyarrow as pa

    rows = [{"id": "a", "gender": "female", "height": 165.0, "chest": 88.0, "waist": 72.0, "hip": 96.0}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "people.parquet")
    (person,) = read_people(tmp_path / "people.parquet")
    assert person.problem is None and person.measurements_cm == {
        k: v for k, v in rows[0].items() if k not in ("id", "gender")
    }
