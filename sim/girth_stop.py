"""The lowest a waistline can sit: where the body is as wide round as the waistline is long.

A waistline is a loop that cannot grow past its length limit (:mod:`sim.waistline_limit`). Down a body
from its waist the trunk widens to the hips, so a loop of length ``L`` cannot pass below the first level
under the waist at which the body, measured where contact holds cloth off the skin, is ``L`` round
(with the little a band stretches, ``BAND_STRETCH``; a band tighter than the waist, that little more
than at the waist).

XPBD does not find that level by itself. Each substep the length limit draws the loop in and body
contact pushes it back out; the last projection wins, so the band ends every substep as long as the
body is wide wherever it is, and the skirt's weight draws it down past the hips. The bundled skirt's
XL (a 99 cm band) on the size-M default body (hips 101 cm) went over them 3.7 % longer than its limit,
and fell to the floor. So every substep, after contact, the loop's vertices are lifted together until
their mean height is no lower than that level; the cloth below follows them as from a hand. The
body's girth there is the perimeter of the convex hull of its trunk's cross-section (a taut loop
bridges hollows, as a tape measure does), plus 2π times the contact distance: the perimeter of the
hull's offset curve, where the loop's vertices lie when they touch the skin. A loop longer than every
girth down to the hips has no such level, and falls.
"""

from dataclasses import dataclass

import numpy as np
import taichi as ti

from sim.waistline_limit import WaistlineLoop

__all__ = ["GirthStop", "BAND_STRETCH", "lift_waistline", "stop_waistline"]

# How far a band may stretch round the body before the stop holds it: the most a real band stretches
# under its garment's weight (about 2 % for a cotton waistband, see :mod:`sim.waistline_limit`). A band
# that holds itself up at its waist never comes near it, and is left alone.
BAND_STRETCH = 0.02


@dataclass
class GirthStop:
    """The lowest level a waistline may sit at, for each length it may have.

    Attributes
    ----------
    loop : WaistlineLoop
    heights : (N,) float
        Levels down the body from the waistline, m, falling.
    round_lengths : (N,) float
        The length (m) a loop touching the skin all round has at each of ``heights``; NaN where the
        level misses the trunk.
    """

    loop: WaistlineLoop
    heights: np.ndarray
    round_lengths: np.ndarray

    @classmethod
    def of_body(cls, loop: WaistlineLoop, girths: np.ndarray, contact_distance: float) -> "GirthStop":
        """The stop of ``loop`` on a body whose trunk ``girths`` (N, 2) are (height m, hull girth m)
        rows, held ``contact_distance`` (m) off the skin by contact."""
        girths = np.asarray(girths, np.float64).reshape(-1, 2)
        order = np.argsort(-girths[:, 0])
        return cls(loop, girths[order, 0], girths[order, 1] + 2.0 * np.pi * float(contact_distance))

    def lowest(self, length: float) -> float | None:
        """The lowest level (y, m) a loop ``length`` m long can sit at, interpolated: the first level
        below the body's narrowest at which the loop would be stretched by ``BAND_STRETCH`` more than
        its length, or than it is at the narrowest where it is tighter than that; None where there is
        none (the loop falls)."""
        known = np.flatnonzero(np.isfinite(self.round_lengths))
        if len(self.loop.vertices) == 0 or len(known) == 0:
            return None
        narrowest = known[np.argmin(self.round_lengths[known])]
        reach = max(length, self.round_lengths[narrowest]) * (1.0 + BAND_STRETCH)
        below = known[known >= narrowest]
        reaching = below[self.round_lengths[below] >= reach]
        if len(reaching) == 0:
            return None
        k = reaching[0]
        j = below[below < k][-1]
        share = (reach - self.round_lengths[j]) / (self.round_lengths[k] - self.round_lengths[j])
        return float(self.heights[j] + share * (self.heights[k] - self.heights[j]))

    def lowest_now(self, stitch_length: np.ndarray) -> float:
        """The stop (y, m) for the length the loop may have now, its limit plus the stitches' allowed
        gaps ``stitch_length`` (S,) m; ``-inf`` where nothing stops it."""
        loop = self.loop
        gaps = np.asarray(stitch_length)[loop.stitch[loop.stitch >= 0]]
        stop = self.lowest(loop.longest + float(gaps.sum()))
        return -np.inf if stop is None else stop


@ti.func
def stop_waistline(
    x: ti.template(), inverse_mass: ti.template(), loop_vertices: ti.template(), vertex_count, lowest
):
    # The loop's vertices are lifted together until their mean height is back at the stop.
    mean = 0.0
    for k in range(vertex_count):
        mean += x[loop_vertices[k]][1]
    mean /= ti.max(vertex_count, 1)
    if mean < lowest:
        for k in range(vertex_count):
            v = loop_vertices[k]
            if inverse_mass[v] > 0.0:
                x[v][1] += lowest - mean


@ti.kernel
def lift_waistline(
    x: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    inverse_mass: ti.types.ndarray(dtype=ti.f32, ndim=1),
    loop_vertices: ti.types.ndarray(dtype=ti.i32, ndim=1),
    vertex_count: ti.i32,
    lowest: ti.f32,
):
    """The waistline's stop in one serial launch (the CUDA path; the loop is short)."""
    ti.loop_config(serialize=True)
    for _ in range(1):
        stop_waistline(x, inverse_mass, loop_vertices, vertex_count, lowest)
