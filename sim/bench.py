"""The solver benchmark: drape a garment to rest, time every frame, and compare with a peer solver.

The peer (Newton's XPBD, when the ``newton`` package is installed) runs the same garment mesh, body,
frame rate and substeps in the same process, in blocks of ten frames taking turns with fitroom's, so a
busy machine slows both alike and the ratio between them holds, while neither starts every frame
with caches the other has just emptied. Whatever Newton and Warp print goes to stderr,
leaving stdout to the JSON.
"""

import contextlib
import sys
import time

import numpy as np

from fitroom.defaults import FPS, MAX_FRAMES
from sim.drape import Drape
from sim.materials import material_preset
from sim.peer_newton import NewtonDrape, newton_available

__all__ = ["bench_drape"]

_BLOCK_FRAMES = 10


def _median_ms(seconds: list[float]) -> float:
    return round(1000.0 * float(np.median(seconds)), 2)


def bench_drape(
    body_vertices: np.ndarray,
    body_faces: np.ndarray,
    garment: dict,
    device: str = "auto",
    fps: float = FPS,
    substeps: int | None = None,
    max_frames: int = MAX_FRAMES,
    peer: bool = True,
) -> dict:
    """Drape ``garment`` on the body until it is at rest and report speed and quality as a JSON-ready dict.

    Parameters
    ----------
    body_vertices : (Vb, 3) float32
    body_faces : (Fb, 3) int32
    garment : dict
        ``rest_uv``, ``faces``, ``positions``, ``stitches``, ``grain``, ``face_material``, ``materials``
        (the arrays of :class:`sim.Drape`).
    device : {"auto", "cpu", "cuda"}
    fps : float
    substeps : int, optional
        Substeps per frame; the :class:`~sim.drape.Drape` default when left out.
    max_frames : int
    peer : bool
        Also time Newton's XPBD on the same scene when it is installed.

    Returns
    -------
    dict
        ``vertices``, ``faces``, ``stitches``, ``substeps``, ``fps``, ``device``, ``frames``,
        ``ms_per_frame_median``, ``real_time_factor`` (simulated seconds per wall second at the median
        frame), ``seconds_to_rest`` (wall seconds of stepping until at rest, ``None`` if it never was),
        ``settled``, ``setup_seconds``, ``penetration_pct``, ``seam_gap_mm``, ``strain_pct``, ``recoveries``,
        ``self_contact_lists`` (whether a worker process built them, and how many rebuilds each side made),
        and ``peer`` with Newton's ``ms_per_frame_median`` and ``real_time_factor``, ``ratio`` (Newton's
        median frame time over fitroom's) and its own ``penetration_pct`` and ``seam_gap_mm``, or the
        reason it did not run.
    """
    options = {} if substeps is None else {"substeps": substeps}
    started = time.perf_counter()
    drape = Drape(
        body_vertices,
        body_faces,
        garment["rest_uv"],
        garment["faces"],
        garment["positions"],
        garment["stitches"],
        garment["grain"],
        garment["face_material"],
        list(garment["materials"]),
        device=device,
        fps=fps,
        **options,
    )
    setup_seconds = time.perf_counter() - started

    rival = None
    peer_report: dict = {"solver": "newton.solvers.SolverXPBD"}
    with contextlib.redirect_stdout(sys.stderr):
        missing = newton_available() if peer else "not requested"
        if missing is None:
            fabric = material_preset(list(garment["materials"])[0])
            try:
                rival = NewtonDrape(
                    body_vertices,
                    body_faces,
                    garment["rest_uv"],
                    garment["positions"],
                    garment["faces"],
                    garment["stitches"],
                    fabric.density_kg_m2,
                    drape.model.friction,
                    drape.model.thickness,
                    device=drape.device,
                    fps=fps,
                    substeps=drape.solver.substeps,
                )
                rival.step()
            except Exception as error:
                missing = f"{type(error).__name__}: {error}"
                rival = None
    if rival is None:
        peer_report["skipped"] = missing

    ours: list[float] = []
    theirs: list[float] = []
    seconds_to_rest = None
    while len(ours) < max_frames and seconds_to_rest is None:
        block = min(_BLOCK_FRAMES, max_frames - len(ours))
        ran = 0
        for _ in range(block):
            tick = time.perf_counter()
            drape.step()
            ours.append(time.perf_counter() - tick)
            ran += 1
            if drape.frames >= 30 and drape.settled:
                seconds_to_rest = round(float(np.sum(ours)), 3)
                break
        if rival is not None:
            with contextlib.redirect_stdout(sys.stderr):
                for _ in range(ran):
                    tick = time.perf_counter()
                    rival.step()
                    theirs.append(time.perf_counter() - tick)
    result = drape.result()
    summary = result.summary()
    frame_seconds = 1.0 / fps
    report = {
        "vertices": drape.model.vertex_count,
        "faces": drape.model.face_count,
        "stitches": len(drape.model.stitches),
        "substeps": drape.solver.substeps,
        "fps": fps,
        "device": drape.device,
        "frames": drape.frames,
        "ms_per_frame_median": _median_ms(ours),
        "real_time_factor": round(frame_seconds / float(np.median(ours)), 3),
        "seconds_to_rest": seconds_to_rest,
        "settled": result.settled,
        "setup_seconds": round(setup_seconds, 3),
        "penetration_pct": summary["penetration_pct"],
        "seam_gap_mm": summary["seam_gap_mm"],
        "strain_pct": summary["strain_pct"],
        "recoveries": result.recoveries,
        "self_contact_lists": {"worker_process": drape.contact_worker_used, **drape.contact_lists},
    }
    if rival is not None:
        positions = rival.positions()
        stitches = drape.model.stitches
        finite = bool(np.all(np.isfinite(positions)))
        peer_report.update(
            {
                "ms_per_frame_median": _median_ms(theirs),
                "real_time_factor": round(frame_seconds / float(np.median(theirs)), 3),
                "ratio": round(float(np.median(theirs) / np.median(ours)), 2),
                "finite": finite,
                "penetration_pct": round(
                    100.0 * float(np.mean(drape.collider.signed_distance(positions) < 0)), 3
                )
                if finite
                else None,
                "seam_gap_mm": round(
                    1000.0
                    * float(
                        np.linalg.norm(positions[stitches[:, 0]] - positions[stitches[:, 1]], axis=1).max()
                    ),
                    2,
                )
                if finite and len(stitches)
                else None,
                "spring_stiffness_n_m": round(rival.spring_stiffness_n_m, 3),
            }
        )
    report["peer"] = peer_report
    drape.close()
    return report
