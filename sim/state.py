"""The changing half of a cloth simulation: vertex positions and velocities on the solver's device."""

import numpy as np

__all__ = ["State"]


class State:
    """Positions and velocities of every garment vertex, as Taichi arrays.

    Parameters
    ----------
    positions : (V, 3) float
        m.
    velocities : (V, 3) float, optional
        m/s; zero when left out.

    Taichi starts on the default device (:func:`sim.device.init_taichi`) if it is not running yet.
    """

    def __init__(self, positions: np.ndarray, velocities: np.ndarray | None = None):
        import taichi as ti

        from sim.device import init_taichi

        init_taichi()
        positions = np.ascontiguousarray(positions, np.float32)
        self.vertex_count = int(positions.shape[0])
        self.positions = ti.Vector.ndarray(3, ti.f32, shape=self.vertex_count)
        self.velocities = ti.Vector.ndarray(3, ti.f32, shape=self.vertex_count)
        self.positions.from_numpy(positions)
        if velocities is None:
            velocities = np.zeros_like(positions)
        self.velocities.from_numpy(np.ascontiguousarray(velocities, np.float32))

    def copy_from(self, other: "State") -> None:
        """Overwrite this state with ``other`` (same vertex count)."""
        self.positions.copy_from(other.positions)
        self.velocities.copy_from(other.velocities)

    def positions_numpy(self) -> np.ndarray:
        """(V, 3) float32 positions, m."""
        return self.positions.to_numpy()

    def velocities_numpy(self) -> np.ndarray:
        """(V, 3) float32 velocities, m/s."""
        return self.velocities.to_numpy()
