"""Peirce cantilever (ASTM D1388): the overhang at which a strip bends down to 41.5° at its tip.

A strip ``width`` m wide sticks out ``overhang`` m from a clamp (its first columns of vertices held
flat) and bends under its own weight. Peirce ("The 'handle' of cloth as a measurable quantity",
J. Textile Institute 15, 1930) solved the elastica: the chord from the clamp's edge to the tip falls
``θ`` below horizontal where ``c = l (cos(θ/2) / (8 tan θ))^(1/3)``, with the bending length
``c = (B / w)^(1/3)``, ``B`` the bending rigidity per width (N·m) and ``w`` the weight per area (N/m²).
At θ = 41.5°, the angle of ASTM D1388's inclined plane, the bracket is 0.509, so the overhang there is
twice the bending length.

The test finds that overhang as an instrument operator does, pushing the strip out step by step:
overhangs from 0.4 to 2 times ``2c`` in steps of 0.05, each run to rest, until the tip reaches 41.5°;
the overhang is then read between the last two steps (linear in the tip angle).
"""

from dataclasses import dataclass

import numpy as np

from sim.fabric_rest import LAB_SUBSTEPS, run_to_rest
from sim.fabric_strip import GRAVITY
from sim.lab_scenes import grid_panel
from sim.materials import Material
from sim.model import Model

__all__ = ["TIP_ANGLE_DEG", "CantileverResult", "bending_length", "peirce_factor", "cantilever_test"]

TIP_ANGLE_DEG = 41.5
# Overhangs tried, as multiples of twice the bending length.
_OVERHANGS = np.arange(0.4, 2.0001, 0.05)
_CLAMP_COLUMNS = 3


@dataclass(frozen=True)
class CantileverResult:
    """The overhang found and the analytic one.

    Attributes
    ----------
    overhang_m : float
        Overhang at which the simulated tip reached ``tip_angle_deg``, m.
    twice_bending_length_m : float
        ``2 (B / w)^(1/3)``, m (the target).
    tip_angle_deg : float
        Tip angle at the first overhang tried that reached 41.5°, degrees below horizontal.
    tries : int
        Overhangs tried.
    at_rest : bool
        Whether the last overhang tried came to rest.
    """

    overhang_m: float
    twice_bending_length_m: float
    tip_angle_deg: float
    tries: int
    at_rest: bool

    @property
    def error_pct(self) -> float:
        """Overhang against twice the bending length, %."""
        return 100.0 * (self.overhang_m / self.twice_bending_length_m - 1.0)


def bending_length(material: Material) -> float:
    """``(B / w)^(1/3)``, m."""
    return float((material.bending_n_m / (material.density_kg_m2 * GRAVITY)) ** (1.0 / 3.0))


def peirce_factor(angle_rad: float) -> float:
    """``(cos(θ/2) / (8 tan θ))^(1/3)``: bending length over overhang at tip angle θ."""
    return float((np.cos(angle_rad / 2.0) / (8.0 * np.tan(angle_rad))) ** (1.0 / 3.0))


def _tip_angle(
    material: Material, overhang: float, width: float, edge: float, substeps: int, max_frames: int
):
    """Tip angle (rad) of a strip sticking out ``overhang`` m, and whether it came to rest."""
    from sim.solver_xpbd import SolverXPBD

    # Columns an exact spacing apart, so that the clamp's last column sits at x = 0.
    steps = max(int(round(overhang / edge)), 2)
    clamp = (_CLAMP_COLUMNS - 1) * overhang / steps
    columns = _CLAMP_COLUMNS + steps
    rows = max(int(round(width / edge)), 1) + 1
    rest_uv, faces = grid_panel(clamp + overhang, width, columns, rows)
    rest_uv[:, 0] -= clamp
    held = np.flatnonzero(rest_uv[:, 0] < 1e-6)
    tip = np.flatnonzero(rest_uv[:, 0] > overhang - 1e-6)
    grain = np.tile([[1.0, 0.0]], (len(faces), 1))
    model = Model.from_arrays(rest_uv, faces, None, grain, np.zeros(len(faces), int), [material], pins=held)
    state = model.state(np.c_[rest_uv[:, 0], np.zeros(len(rest_uv)), rest_uv[:, 1]])
    solver = SolverXPBD(model, None, self_collision=False, damping=4.0, substeps=substeps)
    _, at_rest = run_to_rest(solver, state, max_frames)
    positions = state.positions_numpy()[tip]
    return float(np.arctan2(-positions[:, 1].mean(), positions[:, 0].mean())), at_rest


def cantilever_test(
    material: Material,
    width: float = 0.025,
    edge: float = 0.005,
    substeps: int = LAB_SUBSTEPS,
    max_frames: int = 600,
) -> CantileverResult:
    """Find the overhang (m) at which a strip of ``material`` bends to 41.5° at its tip.

    Parameters
    ----------
    width, edge : float
        Strip width and mesh edge, m (ASTM D1388's strip is 25 mm wide).
    substeps : int
        Solver substeps per 60 Hz frame.
    """
    twice = 2.0 * bending_length(material)
    previous = (0.0, 0.0)
    tries = 0
    for factor in _OVERHANGS:
        tries += 1
        overhang = factor * twice
        angle, at_rest = _tip_angle(material, overhang, width, edge, substeps, max_frames)
        angle = float(np.degrees(angle))
        if angle >= TIP_ANGLE_DEG:
            # Linear between the last overhang short of 41.5° and this one.
            low, low_angle = previous
            overhang = low + (overhang - low) * (TIP_ANGLE_DEG - low_angle) / (angle - low_angle)
            break
        previous = (overhang, angle)
    return CantileverResult(
        overhang_m=float(overhang),
        twice_bending_length_m=twice,
        tip_angle_deg=angle,
        tries=tries,
        at_rest=at_rest,
    )
