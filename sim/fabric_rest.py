"""Run a fabric-lab specimen until it is at rest: the solver stepped frame by frame at 60 Hz."""

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the solver loads Taichi, which the command line must not import to build its help
    from sim.solver_xpbd import SolverXPBD
    from sim.state import State

__all__ = ["LAB_FPS", "LAB_SUBSTEPS", "STILL_M", "run_to_rest"]

LAB_FPS = 60.0
# The substeps a garment drape takes per 60 Hz frame (sim.drape.Drape's default): the lab measures
# the solver as garments get it.
LAB_SUBSTEPS = 20
# A specimen is at rest when no vertex moves more than this in a frame, m (0.6 mm/s).
STILL_M = 1e-5


def run_to_rest(
    solver: "SolverXPBD", state: "State", max_frames: int, min_frames: int = 30
) -> tuple[int, bool]:
    """Step ``solver`` on ``state`` (no body contact) until no vertex moves more than ``STILL_M`` in a
    frame, or ``max_frames`` frames; return (frames run, at rest)."""
    before = state.positions_numpy()
    for frame in range(1, max_frames + 1):
        solver.step(state, state, 1.0 / LAB_FPS)
        after = state.positions_numpy()
        largest = float(np.linalg.norm(after - before, axis=1).max())
        before = after
        if frame >= min_frames and largest <= STILL_M:
            return frame, True
    return max_frames, False
