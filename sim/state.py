"""The changing half of a cloth simulation: everything a drape changes as it runs, on the solver's device."""

import numpy as np

__all__ = ["State"]


class State:
    """Positions, velocities and seam progress of a garment, as Taichi arrays.

    Parameters
    ----------
    positions : (V, 3) float
        m.
    velocities : (V, 3) float, optional
        m/s; zero when left out.
    stitch_count : int
        Stitches of the model this state is of (:meth:`sim.model.Model.state` gives the right count).

    Attributes
    ----------
    positions, velocities : Taichi ndarray (V, 3) float32
    stitch_length : Taichi ndarray (max(S, 1),) float32
        Each stitch's allowed gap, m: it shrinks at the sewing speed from the gap sewing started
        with down to zero, where it then holds the seam shut.
    sewing_started : bool
        Whether ``stitch_length`` has been set from the positions yet (on the first step).

    Taichi starts on the default device (:func:`sim.device.init_taichi`) if it is not running yet.
    """

    def __init__(self, positions: np.ndarray, velocities: np.ndarray | None = None, stitch_count: int = 0):
        import taichi as ti

        from sim.device import init_taichi

        init_taichi()
        positions = np.ascontiguousarray(positions, np.float32)
        self.vertex_count = int(positions.shape[0])
        self.stitch_count = int(stitch_count)
        self.positions = ti.Vector.ndarray(3, ti.f32, shape=self.vertex_count)
        self.velocities = ti.Vector.ndarray(3, ti.f32, shape=self.vertex_count)
        self.positions.from_numpy(positions)
        if velocities is None:
            velocities = np.zeros_like(positions)
        self.velocities.from_numpy(np.ascontiguousarray(velocities, np.float32))
        self.stitch_length = ti.ndarray(ti.f32, shape=max(self.stitch_count, 1))
        self.stitch_length.fill(0.0)
        self.sewing_started = False

    def copy_from(self, other: "State") -> None:
        """Overwrite this state with ``other`` (same vertex and stitch counts)."""
        self.positions.copy_from(other.positions)
        self.velocities.copy_from(other.velocities)
        self.stitch_length.copy_from(other.stitch_length)
        self.sewing_started = other.sewing_started

    def positions_numpy(self) -> np.ndarray:
        """(V, 3) float32 positions, m."""
        return self.positions.to_numpy()

    def velocities_numpy(self) -> np.ndarray:
        """(V, 3) float32 velocities, m/s."""
        return self.velocities.to_numpy()
