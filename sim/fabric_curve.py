"""A fabric's own stretch curve: the tension it carries at a strain, and the strain a tension gives.

The tangent stiffness ``k(ε)`` of :class:`sim.materials.Material` is sampled against strain, linear
between samples and constant past the last, so the tension (N per metre of rest width) is its
integral, ``T(ε) = ∫₀^ε k(s) ds``, piecewise quadratic, and the strain under a tension is found by
inverting it exactly.

Along the bias (45° to the grain) a uniaxial tension ``T`` puts ``T/2`` on the warp, ``T/2`` on the
weft and ``T/2`` of shear on the grain frame (Mohr's circle), so in small-strain kinematics the bias
strain is ``ε₄₅ = (ε_warp(T/2) + ε_weft(T/2) + T / (2 k_shear)) / 2``; with linear warp, weft and
shear this is ``T / k₄₅`` with ``k₄₅ = 4 / (1/k_warp + 1/k_weft + 1/k_shear)``. The Poisson coupling
the data also holds is left out, as the solver leaves it out.
"""

import numpy as np

from sim.materials import Material

__all__ = ["DIRECTIONS", "tension_at", "strain_at"]

DIRECTIONS = ("warp", "weft", "bias")


def _curve(material: Material, direction: str) -> np.ndarray:
    """(S, 2) float64 samples (strain, stiffness N/m) along ``warp`` or ``weft``."""
    return np.asarray(material.stretch_curve_warp if direction == "warp" else material.stretch_curve_weft)


def _tension(curve: np.ndarray, strain: float) -> float:
    """``∫₀^strain k``, N/m, for samples ``curve`` (S, 2)."""
    strains, stiffness = curve[:, 0], curve[:, 1]
    total = 0.0
    for (e0, k0), (e1, k1) in zip(curve[:-1], curve[1:], strict=True):
        if strain <= e0:
            break
        top = min(strain, e1)
        slope = (k1 - k0) / (e1 - e0)
        total += k0 * (top - e0) + 0.5 * slope * (top - e0) ** 2
    if strain > strains[-1]:
        total += stiffness[-1] * (strain - strains[-1])
    return total


def _strain(curve: np.ndarray, tension: float) -> float:
    """The strain at which ``_tension(curve, strain) == tension``."""
    carried = 0.0
    for (e0, k0), (e1, k1) in zip(curve[:-1], curve[1:], strict=True):
        span = k0 * (e1 - e0) + 0.5 * (k1 - k0) * (e1 - e0)
        if carried + span >= tension:
            slope = (k1 - k0) / (e1 - e0)
            rest = tension - carried
            if slope == 0.0:
                return e0 + rest / k0
            # k0 d + slope d² / 2 = rest, the positive root.
            return e0 + (np.sqrt(k0 * k0 + 2.0 * slope * rest) - k0) / slope
        carried += span
    return curve[-1, 0] + (tension - carried) / curve[-1, 1]


def strain_at(material: Material, direction: str, tension: float, linear: bool = False) -> float:
    """Strain (dimensionless) of a strip of ``material`` under ``tension`` N/m along ``direction``.

    Parameters
    ----------
    direction : {"warp", "weft", "bias"}
    linear : bool
        Use only the small-strain stiffnesses (what the solver uses today) instead of the curve.
    """
    if direction == "bias":
        half = 0.5 * tension
        return 0.5 * (
            strain_at(material, "warp", half, linear)
            + strain_at(material, "weft", half, linear)
            + half / material.shear_n_m
        )
    curve = _curve(material, direction)
    if linear:
        return tension / curve[0, 1]
    return float(_strain(curve, tension))


def tension_at(material: Material, direction: str, strain: float) -> float:
    """Tension (N/m) the fabric's curve carries at ``strain`` along ``warp`` or ``weft``."""
    return float(_tension(_curve(material, direction), strain))
