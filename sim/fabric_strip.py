"""Strip tensile test: a strip hung from its top edge with a load on its bottom edge, against the
extension the fabric's own stretch curve gives.

A strip ``width`` × ``length`` m of the fabric, cut along the warp, the weft or the bias (45°), hangs
in the solver with its top row of vertices held; the bottom row carries a mass whose weight is
``load`` N per metre of width. The tension at rest height ``s`` above the bottom edge is the load plus
the weight of the strip below, ``T(s) = load + ρ g s``, so the extension the fabric's curve predicts is
``∫₀^L ε(T(s)) ds`` with ``ε`` from :func:`sim.fabric_curve.strain_at` (and the same with the linear
stiffness alone, the model the solver uses today). The measured extension is the mean drop of the
bottom row.
"""

from dataclasses import dataclass

import numpy as np

from sim.fabric_curve import strain_at
from sim.fabric_rest import LAB_SUBSTEPS, run_to_rest
from sim.lab_scenes import grid_panel
from sim.materials import Material
from sim.model import Model

__all__ = [
    "GRAVITY",
    "STRIP_LOADS_N_M",
    "STRIP_WIDTH_M",
    "STRIP_LENGTH_M",
    "StripResult",
    "strip_reference",
    "strip_test",
]

GRAVITY = 9.81
# The loads of the lab's strip test, N/m: light, wearing and firm pulls (1 N/m ≈ 1 gf/cm).
STRIP_LOADS_N_M = (1.0, 5.0, 20.0)
# The strip: 5 cm x 20 cm.
STRIP_WIDTH_M = 0.05
STRIP_LENGTH_M = 0.20
_GRAIN = {"warp": (0.0, 1.0), "weft": (1.0, 0.0), "bias": (np.sqrt(0.5), np.sqrt(0.5))}
# Points of the integral over the strip's length.
_SAMPLES = 401


@dataclass(frozen=True)
class StripResult:
    """One strip under one load.

    Attributes
    ----------
    direction : str
        ``warp``, ``weft`` or ``bias``.
    load_n_m : float
        Load on the bottom edge, N per metre of width.
    extension_m : float
        Measured drop of the bottom edge at rest, m.
    curve_extension_m : float
        Extension the fabric's stretch curve gives, m (the target).
    linear_extension_m : float
        Extension the linear stiffness alone gives, m (the solver's model).
    frames : int
    at_rest : bool
    """

    direction: str
    load_n_m: float
    extension_m: float
    curve_extension_m: float
    linear_extension_m: float
    frames: int
    at_rest: bool

    @property
    def error_pct(self) -> float:
        """Measured against the curve, % (positive: stretched more than the fabric does)."""
        return 100.0 * (self.extension_m / self.curve_extension_m - 1.0)

    @property
    def linear_error_pct(self) -> float:
        """Measured against the linear model the solver uses, %."""
        return 100.0 * (self.extension_m / self.linear_extension_m - 1.0)


def strip_reference(
    material: Material, direction: str, load: float, length: float, linear: bool = False
) -> float:
    """Extension (m) of a hanging strip of ``length`` m under ``load`` N/m plus its own weight."""
    heights = np.linspace(0.0, length, _SAMPLES)
    tension = load + material.density_kg_m2 * GRAVITY * heights
    strain = np.array([strain_at(material, direction, t, linear) for t in tension])
    return float((0.5 * (strain[1:] + strain[:-1]) * np.diff(heights)).sum())


def strip_test(
    material: Material,
    direction: str,
    load: float,
    width: float = STRIP_WIDTH_M,
    length: float = STRIP_LENGTH_M,
    edge: float = 0.01,
    substeps: int = LAB_SUBSTEPS,
    max_frames: int = 900,
) -> StripResult:
    """Hang a strip of ``material`` cut along ``direction`` with ``load`` N/m and measure its extension.

    Parameters
    ----------
    width, length, edge : float
        m.
    substeps : int
        Solver substeps per 60 Hz frame.
    """
    from sim.solver_xpbd import SolverXPBD

    columns, rows = int(round(width / edge)) + 1, int(round(length / edge)) + 1
    rest_uv, faces = grid_panel(width, length, columns, rows)
    top = np.flatnonzero(rest_uv[:, 1] > length - 1e-6)
    bottom = np.flatnonzero(rest_uv[:, 1] < 1e-6)
    grain = np.tile([_GRAIN[direction]], (len(faces), 1))
    model = Model.from_arrays(rest_uv, faces, None, grain, np.zeros(len(faces), int), [material], pins=top)
    # The load's mass, shared along the bottom edge as the width each vertex stands for.
    share = np.full(columns, 1.0)
    share[[0, -1]] = 0.5
    load_mass = load * width / GRAVITY * share / share.sum()
    model.inverse_mass[bottom] = 1.0 / (1.0 / model.inverse_mass[bottom] + load_mass)
    state = model.state(np.c_[rest_uv, np.zeros(len(rest_uv))])
    solver = SolverXPBD(model, None, self_collision=False, damping=8.0, substeps=substeps)
    frames, at_rest = run_to_rest(solver, state, max_frames)
    extension = -float(state.positions_numpy()[bottom, 1].mean())
    return StripResult(
        direction=direction,
        load_n_m=float(load),
        extension_m=extension,
        curve_extension_m=strip_reference(material, direction, load, length),
        linear_extension_m=strip_reference(material, direction, load, length, linear=True),
        frames=frames,
        at_rest=at_rest,
    )
