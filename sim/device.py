"""Taichi start-up: one initialisation per process, on the device the caller or the environment asks for."""

import contextlib
import io
import os

from fitroom.quiet import verbose
from sim.errors import DeviceError

__all__ = ["init_taichi", "device_array", "DEVICES"]

DEVICES = ("auto", "cpu", "cuda")

_active_device: str | None = None


def init_taichi(device: str | None = "auto") -> str:
    """Initialise Taichi once for this process and return the device it runs on.

    Parameters
    ----------
    device : {"auto", "cpu", "cuda"} or None
        ``None`` or ``"auto"`` reads ``$FITROOM_DEVICE`` and otherwise takes CUDA when present, else the CPU.

    Returns
    -------
    str
        ``"cpu"`` or ``"cuda"``. Once Taichi is running, later calls return the device it already runs
        on (Taichi cannot switch device without discarding every solver in the process); asking for CUDA
        while it runs on the CPU raises.

    Raises
    ------
    DeviceError
        If the device name is unknown, or CUDA is asked for and is not available.
    """
    requested = device or "auto"
    if requested == "auto":
        requested = os.environ.get("FITROOM_DEVICE", "auto") or "auto"
    if requested not in DEVICES:
        raise DeviceError(f"Unknown device '{requested}': use one of {', '.join(DEVICES)}.")
    if _active_device is not None:
        if requested == "cuda" and _active_device != "cuda":
            raise DeviceError("CUDA was asked for but this process already runs the solver on the CPU.")
        return _active_device

    import taichi as ti

    # Every per-frame CPU kernel is one ordered serial sweep, so a single worker thread loses nothing
    # and avoids thread-pool stalls when other processes share the cores.
    options = {"default_fp": ti.f32, "random_seed": 0, "log_level": ti.WARN, "cpu_max_num_threads": 1}
    # ti.init prints "[Taichi] Starting on arch=..." on every call, whatever its log level.
    start_line = contextlib.nullcontext() if verbose() else contextlib.redirect_stdout(io.StringIO())
    with start_line:
        return _start(requested, options)


def _start(requested: str, options: dict) -> str:
    """``ti.init`` on CUDA when asked for (or ``auto``) and present, else on the CPU."""
    global _active_device
    import taichi as ti

    if requested in ("auto", "cuda"):
        try:
            ti.init(arch=ti.cuda, **{**options, "log_level": ti.ERROR})
        except Exception as error:
            if requested == "cuda":
                raise DeviceError(f"CUDA is not available here ({error}); use --device cpu.") from None
        else:
            if ti.lang.impl.current_cfg().arch == ti.cuda:
                ti.set_logging_level(ti.WARN)
                _active_device = "cuda"
                return _active_device
            if requested == "cuda":
                raise DeviceError("CUDA is not available here; use --device cpu.")
    ti.init(arch=ti.cpu, **options)
    _active_device = "cpu"
    return _active_device


def device_array(values, dtype, vector: int = 0, matrix: tuple[int, int] | None = None):
    """A Taichi ndarray holding ``values``: of ``vector``-long vectors or ``matrix``-shaped matrices
    along the first axis when given, else of scalars in the shape of ``values``."""
    import numpy as np
    import taichi as ti

    values = np.ascontiguousarray(values)
    if matrix:
        array = ti.Matrix.ndarray(matrix[0], matrix[1], dtype, shape=values.shape[0])
    elif vector:
        array = ti.Vector.ndarray(vector, dtype, shape=values.shape[0])
    else:
        array = ti.ndarray(dtype, shape=values.shape)
    if values.size:
        array.from_numpy(values)
    return array
