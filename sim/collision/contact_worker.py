"""The self-contact search on a second CPU core, running one frame behind the solver.

On the CPU a frame of the solver is one serial sweep on one core, and rebuilding the self-contact
candidate lists (:mod:`sim.collision.self_contacts`) costs another two thirds of a frame at 8,000 vertices.
A worker process holds its own copy of the garment's topology and, while the solver advances frame
``N``, builds the lists for the positions frame ``N`` started from, which frame ``N + 1`` then uses
when its lists are due for a rebuild (:class:`sim.drape.Drape` decides). The worker is a plain
``python -c`` child talking over its stdin and stdout, so it never re-runs the caller's script. The
two processes work in lockstep: a frame first takes the worker's answer to the previous request and
then sends the next, so the lists a frame uses, and the drape, never depend on how fast either
process runs. If the worker dies, the drape warns and builds the lists itself from then on.
"""

import contextlib
import io
import os
import struct
import subprocess
import sys
import weakref
from pathlib import Path

import numpy as np

from sim.collision.self_contacts import CANDIDATES, EDGE_CANDIDATES

__all__ = ["ContactWorker", "contact_worker_available", "CONTACT_WORKER_MIN_VERTICES"]

# The worker's answers travel on its real stdout; anything else it prints (Taichi's banner on import)
# is sent to stderr before a module loads. Ctrl-C reaches the whole process group, but the drape that
# started the worker decides when to stop it, so the worker ignores SIGINT; on Linux it is also killed
# when its parent dies, however that happens.
_LAUNCH = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    "answers = os.fdopen(os.dup(1), 'wb'); os.dup2(2, 1); "
    "from sim.collision.contact_worker import _die_with_parent, _serve; _die_with_parent(); "
    "_serve(sys.stdin.buffer, answers)"
)
# prctl(PR_SET_PDEATHSIG, SIGKILL): the kernel kills this process when its parent thread ends.
_PR_SET_PDEATHSIG = 1
# The solver's device arrays a worker copies (see :class:`sim.collision.self_contacts.SelfContacts`).
_TOPOLOGY = (
    "faces",
    "edges",
    "face_edges",
    "rest_uv",
    "vertex_piece",
    "representative",
    "neighbour_offsets",
    "neighbours",
)
_VECTOR_WIDTH = {"faces": 3, "edges": 2, "face_edges": 3, "rest_uv": 2}
# Below this many vertices a rebuild costs less than a process is worth.
CONTACT_WORKER_MIN_VERTICES = 2000


def _source_root() -> str:
    """The folder holding the ``sim`` package, so the worker imports this same copy of it."""
    return str(Path(__file__).resolve().parent.parent)


def contact_worker_available() -> bool:
    """Whether this process may run a worker: at least two CPU cores it can use, and
    ``$FITROOM_CONTACT_WORKER`` not set to ``0``."""
    if os.environ.get("FITROOM_CONTACT_WORKER", "1") == "0":
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return cores >= 2


def _die_with_parent() -> None:
    """Have the kernel kill this process when the process that started it ends (Linux; elsewhere the
    worker still ends at the end of its input)."""
    import ctypes
    import signal

    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _write(stream, payload: bytes) -> None:
    stream.write(struct.pack("<Q", len(payload)))
    stream.write(payload)
    stream.flush()


def _read(stream) -> bytes:
    header = stream.read(8)
    if len(header) < 8:
        raise EOFError("the contact worker's pipe closed")
    (size,) = struct.unpack("<Q", header)
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError("the contact worker's pipe closed")
    return payload


def _serve(requests, answers) -> None:
    """The worker's loop: the topology first, then positions in and candidate lists out, until an
    empty message or the end of input."""
    import taichi as ti

    from sim.collision.self_contacts import SelfContacts
    from sim.device import device_array, init_taichi

    init_taichi("cpu")
    with np.load(io.BytesIO(_read(requests))) as topology:
        arrays = {}
        for name in _TOPOLOGY:
            dtype = ti.f32 if topology[name].dtype.kind == "f" else ti.i32
            arrays[name] = device_array(topology[name], dtype, _VECTOR_WIDTH.get(name, 0))
        reach, cell_size = (float(v) for v in topology["reach_and_cell"])
    vertex_count = arrays["representative"].shape[0]
    face_count = arrays["faces"].shape[0]
    contacts = SelfContacts(vertex_count, face_count, arrays, reach=reach, cell_size=cell_size, serial=True)
    positions = ti.Vector.ndarray(3, ti.f32, shape=vertex_count)
    while True:
        try:
            message = _read(requests)
        except EOFError:
            break
        if not message:
            break
        positions.from_numpy(np.frombuffer(message, dtype=np.float32).reshape(vertex_count, 3))
        contacts.update(positions)
        try:
            _write(answers, b"".join(part.tobytes() for part in contacts.lists))
        except BrokenPipeError:
            # The drape that asked has gone (its process ended or closed the pipe): so does the worker,
            # dropping the answer nobody will read.
            with contextlib.suppress(BrokenPipeError):
                answers.close()
            break


def _stop(process) -> None:
    try:
        _write(process.stdin, b"")
        process.stdin.close()
    except (OSError, ValueError):
        pass
    # An answer still waiting may be larger than the pipe holds: closing our end lets the worker's
    # write fail at once instead of blocking until it is killed.
    process.stdout.close()
    try:
        process.wait(timeout=2.0)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class ContactWorker:
    """A process that builds self-contact candidate lists for positions sent to it, in order.

    Parameters
    ----------
    contacts : sim.collision.self_contacts.SelfContacts
        The lists it stands in for: the worker builds its own copy from their topology, reach and
        cell size.

    Examples
    --------
    >>> worker = ContactWorker(solver.make_contacts(reach))
    >>> worker.send(positions)          # lists for these positions are built while the caller works
    >>> candidates, counts, edge_candidates, edge_counts = worker.receive()
    """

    def __init__(self, contacts):
        topology = {name: contacts.arrays[name].to_numpy() for name in _TOPOLOGY}
        self.vertex_count = len(topology["representative"])
        self.edge_count = max(len(topology["edges"]), 1)
        self._process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": _source_root() + os.pathsep + os.environ.get("PYTHONPATH", "")},
        )
        blob = io.BytesIO()
        reach_and_cell = np.array([contacts.reach, contacts.cell_size], dtype=np.float64)
        np.savez(blob, reach_and_cell=reach_and_cell, **topology)
        _write(self._process.stdin, blob.getvalue())
        self._waiting = False
        self._finalizer = weakref.finalize(self, _stop, self._process)

    @property
    def waiting(self) -> bool:
        """Whether a request has been sent and its answer not yet received."""
        return self._waiting

    def send(self, positions: np.ndarray) -> None:
        """Ask for the lists of cloth at ``positions`` ((V, 3) float32, m); :meth:`receive` them first
        if a request is still waiting."""
        if self._waiting:
            raise RuntimeError("receive the previous answer before sending positions again")
        _write(self._process.stdin, np.ascontiguousarray(positions, dtype=np.float32).tobytes())
        self._waiting = True

    def receive(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Wait for the answer to the last request (:attr:`SelfContacts.lists
        <sim.collision.self_contacts.SelfContacts.lists>`): vertex candidates (V, CANDIDATES), their
        counts (V,), edge candidates (E, EDGE_CANDIDATES) and theirs (E,), int32."""
        if not self._waiting:
            raise RuntimeError("no positions were sent")
        message = np.frombuffer(_read(self._process.stdout), dtype=np.int32)
        self._waiting = False
        shapes = (
            (self.vertex_count, CANDIDATES),
            (self.vertex_count,),
            (self.edge_count, EDGE_CANDIDATES),
            (self.edge_count,),
        )
        parts, start = [], 0
        for shape in shapes:
            size = int(np.prod(shape))
            parts.append(message[start : start + size].reshape(shape))
            start += size
        return tuple(parts)

    def close(self) -> None:
        """Stop the process (also done when the worker is garbage-collected or Python exits)."""
        self._finalizer()
