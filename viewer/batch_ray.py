"""Running a batch's tasks on Ray: a local cluster on this machine by default, or an existing one.

Each task (:func:`viewer.batch_task.run_task`: one person x one pattern, every size) is a Ray task of
one CPU, or of ``GPU_SHARE`` of a GPU where the cluster has GPUs and the device allows. A Ray worker
is a long-lived process: it starts Taichi once (one CPU runtime, one thread) and loads the body model
once, and its drapes build their self-contact lists themselves (``FITROOM_CONTACT_WORKER=0``: no
contact-worker subprocess per drape, the worker's CPU is the task's). A task whose worker dies is run
once more by Ray (``max_retries=1``); if that worker dies too, the task is recorded as failed with the
reason. Taichi 1.7 frees no field while its runtime lives, so a drape's fields stay allocated after it
ends (about 70 MB per drape at 3 cm edges, measured): a worker is replaced after
``TASKS_PER_WORKER`` tasks, which bounds its memory at the cost of one more start-up. The driver
commits each task's part (:class:`viewer.batch_store.BatchStore`) the moment it finishes, so killing
the driver loses only what was still running.
"""

import os
import time
from dataclasses import dataclass, field

from viewer.batch_people import Person
from viewer.batch_settings import BatchSettings
from viewer.batch_store import BatchStore
from viewer.batch_task import failed_task, run_task, task_key

__all__ = [
    "BatchRun",
    "run_batch",
    "local_cores",
    "WORKER_ENV",
    "GPU_SHARE",
    "TASK_RETRIES",
    "TASKS_PER_WORKER",
]

# What a Ray worker's environment must say (see the module docstring).
WORKER_ENV = {"FITROOM_CONTACT_WORKER": "0"}
# The share of one GPU a task takes on a cluster with GPUs: four drapes share a GPU.
GPU_SHARE = 0.25
# How many times Ray runs a task again after its worker died.
TASK_RETRIES = 1
# Tasks a worker runs before Ray replaces it with a fresh process (see the module docstring).
TASKS_PER_WORKER = 4
# Tasks handed to Ray ahead of those running, per worker, so a worker never waits for the driver.
_AHEAD_PER_WORKER = 2


@dataclass
class BatchRun:
    """What one run of a batch did.

    Attributes
    ----------
    tasks : int
        Tasks run now (person x pattern).
    skipped : int
        Tasks already committed by an earlier run, not run again.
    drapes : int
        Drapes done now (a failed task drapes nothing).
    failed_drapes : int
        Of those, drapes whose verdict is ``failed``.
    failed_tasks : list[str]
        ``id / pattern: reason`` of each task recorded as failed now.
    workers : int
        Tasks running at once (CPUs given to the batch).
    seconds : float
        Wall time on Ray, from the cluster being ready to the last task committed (worker start-up,
        Taichi's kernel compiling and the body model's loading included).
    """

    tasks: int = 0
    skipped: int = 0
    drapes: int = 0
    failed_drapes: int = 0
    failed_tasks: list[str] = field(default_factory=list)
    workers: int = 1
    seconds: float = 0.0

    def drapes_per_core_minute(self) -> float | None:
        """Drapes done per minute per worker core, or None when nothing was draped."""
        if not self.drapes or self.seconds <= 0:
            return None
        return self.drapes / (self.seconds / 60.0) / self.workers


def local_cores() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _start_ray(address: str | None, workers: int | None) -> tuple[bool, int]:
    """Join the cluster at ``address``, or start a local one of ``workers`` CPUs (default: every core
    this process may use). Returns whether a cluster was started here and how many tasks run at once."""
    import logging

    import ray

    common = {
        "include_dashboard": False,
        "logging_level": logging.ERROR,
        "log_to_driver": False,
        "runtime_env": {"env_vars": WORKER_ENV},
    }
    if ray.is_initialized():
        started = False
    elif address is None:
        ray.init(num_cpus=workers or local_cores(), **common)
        started = True
    else:
        ray.init(address=address, **common)
        started = True
    cpus = int(ray.cluster_resources().get("CPU", 1))
    return started, max(1, min(cpus, workers or cpus))


def _task_device(settings: BatchSettings) -> tuple[str, dict]:
    """The device the tasks drape on and the Ray resources each asks for.

    Raises
    ------
    sim.errors.DeviceError
        ``cuda`` was asked for and the cluster has no GPU.
    """
    import ray

    from sim.errors import DeviceError

    gpus = ray.cluster_resources().get("GPU", 0)
    if settings.device != "cpu" and gpus > 0:
        return "cuda", {"num_cpus": 1, "num_gpus": GPU_SHARE}
    if settings.device == "cuda":
        raise DeviceError(
            "--device cuda was asked for but the Ray cluster has no GPU; use --device auto or cpu."
        )
    return "cpu", {"num_cpus": 1}


def _died_reason(error) -> str:
    return (
        f"the worker draping it died {TASK_RETRIES + 1} times (it was run again once): "
        f"{type(error).__name__}; see the Ray logs for why (often memory)"
    )


def _progress_detail(done: int, total: int, failed: int, started: float) -> str:
    minutes = (time.perf_counter() - started) / 60.0
    rate = done / minutes if minutes > 0 else 0.0
    eta = (total - done) / rate if rate > 0 else None
    eta_text = "?" if eta is None else f"{eta:.0f} min" if eta >= 1 else f"{eta * 60:.0f} s"
    return f"{failed} failed, {rate:.1f} drapes/min, ETA {eta_text}"


def run_batch(
    people: list[Person],
    settings: BatchSettings,
    store: BatchStore,
    address: str | None = None,
    workers: int | None = None,
    quiet: bool = False,
) -> BatchRun:
    """Run every task of ``people`` x ``settings.patterns`` not yet committed in ``store``.

    Parameters
    ----------
    people : list[Person]
        From :func:`viewer.batch_people.read_people`; bad rows are committed as failed without Ray.
    settings : BatchSettings
    store : BatchStore
    address : str, optional
        An existing Ray cluster (``auto``, ``ray://HOST:PORT``); default: a local cluster.
    workers : int, optional
        Tasks at once (local: the cluster's CPUs); default: every core (or every cluster CPU).
    quiet : bool
        Show no progress.

    Returns
    -------
    BatchRun
    """
    from fitroom.progress import Progress

    done = store.done_keys()
    tasks = [(person, pattern) for person in people for pattern in settings.patterns]
    todo = [(person, pattern) for person, pattern in tasks if task_key(person, pattern) not in done]
    run = BatchRun(skipped=len(tasks) - len(todo))
    total = sum(len(settings.patterns[pattern]) for _, pattern in todo)
    with Progress(enabled=not quiet) as progress:
        step = progress.step(f"Batch of {len(todo)} tasks ({run.skipped} done before)", total=total)
        started = time.perf_counter()

        counted = 0

        def commit(person: Person, pattern: str, result: dict) -> None:
            nonlocal counted
            store.commit(task_key(person, pattern), result)
            run.tasks += 1
            run.drapes += len(result["drapes"])
            run.failed_drapes += result["recommendation"]["failed_drapes"]
            if result["recommendation"]["status"] == "failed":
                run.failed_tasks.append(f"{person.id} / {pattern}: {result['recommendation']['reason']}")
            counted += len(settings.patterns[pattern])
            failures = run.failed_drapes + len(run.failed_tasks)
            step.update(counted, _progress_detail(counted, total, failures, started))

        for person, pattern in [task for task in todo if task[0].problem is not None]:
            commit(person, pattern, failed_task(person, pattern, settings, person.problem))
        ready = [task for task in todo if task[0].problem is None]
        if ready:
            run.workers, run.seconds = _run_on_ray(ready, settings, address, workers, commit)
        step.finish(f"{run.tasks} tasks, {run.drapes} drapes, {run.failed_drapes} failed drapes")
    return run


def _run_on_ray(tasks, settings: BatchSettings, address, workers, commit) -> tuple[int, float]:
    """Hand ``tasks`` to Ray, a few ahead of the workers, and ``commit`` each as it finishes; returns
    how many ran at once and the seconds from the cluster being ready to the last commit."""
    import ray

    started, parallel = _start_ray(address, workers)
    ready = time.perf_counter()
    try:
        device, resources = _task_device(settings)
        remote = ray.remote(max_retries=TASK_RETRIES, max_calls=TASKS_PER_WORKER, **resources)(run_task)
        shared = ray.put(settings)
        waiting = list(reversed(tasks))
        running = {}
        while waiting or running:
            while waiting and len(running) < parallel * _AHEAD_PER_WORKER:
                person, pattern = waiting.pop()
                running[remote.remote(person, pattern, shared, device)] = (person, pattern)
            finished, _ = ray.wait(list(running), num_returns=1)
            person, pattern = running.pop(finished[0])
            try:
                result = ray.get(finished[0])
            except ray.exceptions.RayTaskError as error:
                result = failed_task(person, pattern, settings, f"the drape raised {error.cause!r}")
            except ray.exceptions.RayError as error:
                result = failed_task(person, pattern, settings, _died_reason(error))
            commit(person, pattern, result)
        return parallel, time.perf_counter() - ready
    finally:
        if started:
            ray.shutdown()
