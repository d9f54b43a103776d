"""Holding a garment's waistline while it is sewn, then lowering it gently until the body carries it.

GarmentCode's simulator attaches the waistline of skirts and trousers to the body while they settle
(its attachment constraints): without that, the panels fall under gravity before the seams have
closed, and the garment arrives at the hips with the speed of a drop, which no waistband survives.
Here the held vertices keep their starting height for ``HOLD_FRAMES`` (they stay free to move round
the body, so the seams close). Then the hold is lowered at ``LOWER_SPEED_M_S``, supporting only what
would fall faster, as a hand lets a skirt slide down: a band smaller than the hips comes to rest on
them, at the speed of a hand, and once every held vertex is carried ``CARRIED_CLEARANCE_M`` above the
hold, the hold ends. A band larger than the hips is lowered to ``lowest`` and let go there: it falls.
"""

import numpy as np

from fitroom.defaults import FPS

__all__ = ["HeightHold", "HOLD_FRAMES", "LOWER_SPEED_M_S", "CARRIED_CLEARANCE_M"]

# At 60 fps sewing closes a 30 cm gap in about 40 frames (0.5 m/s); the hanging panels are still by 80.
HOLD_FRAMES = 80
LOWER_SPEED_M_S = 0.25
CARRIED_CLEARANCE_M = 0.01


class HeightHold:
    """Vertices held at their height while a garment is sewn, then lowered until the body carries them.

    Parameters
    ----------
    vertices : (H,) int
        Garment vertices to hold (a waistline).
    heights : (H,) float
        Their starting heights (y, m).
    lowest : float
        Height (y, m) below which the hold is let go whatever it carries.
    fps : float
        Frames per second of the drape.
    """

    def __init__(self, vertices: np.ndarray, heights: np.ndarray, lowest: float, fps: float = FPS):
        self.vertices = np.asarray(vertices, np.int64)
        self.heights = np.asarray(heights, np.float32)
        self.lowest = float(lowest)
        self.fps = float(fps)
        self.released = len(self.vertices) == 0

    def _lowered(self, frame: int) -> float:
        """How far (m) the hold has been lowered after ``frame`` frames."""
        return LOWER_SPEED_M_S * max(frame - HOLD_FRAMES, 0) / self.fps

    def apply(self, state, frame: int) -> None:
        """Hold the vertices of ``state`` (a :class:`sim.State`) after ``frame`` frames: at their heights
        while sewn, then no lower than the lowered hold, taking the vertical velocity they lose."""
        if self.released:
            return
        positions, velocities = state.positions_numpy(), state.velocities_numpy()
        held = self.vertices
        if frame < HOLD_FRAMES:
            positions[held, 1] = self.heights
            velocities[held, 1] = 0.0
        else:
            target = self.heights - self._lowered(frame)
            if float(target.max()) < self.lowest:
                self.released = True
                return
            if bool(np.all(positions[held, 1] > target + CARRIED_CLEARANCE_M)):
                self.released = True
                return
            below = positions[held, 1] < target
            positions[held[below], 1] = target[below]
            velocities[held, 1] = np.maximum(velocities[held, 1], -LOWER_SPEED_M_S)
        state.positions.from_numpy(positions)
        state.velocities.from_numpy(velocities)
