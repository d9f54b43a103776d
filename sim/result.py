"""The outcome of a drape: final shape and the fit figures the heatmaps and ``fit.json`` show."""

from dataclasses import dataclass, field

import numpy as np

from sim.metrics import weighted_percentile

__all__ = ["DrapeResult"]


@dataclass
class DrapeResult:
    """A garment's drape and how it fits.

    Attributes
    ----------
    positions : (V, 3) float32
        m.
    strain_pct : (F,) float32
        Largest principal stretch against the flat pattern, percent (100 = unstretched).
    strain_angle_deg : (F,) float32
        Its direction from the warp, degrees in [0, 180).
    stress_n_per_m : (F,) float32
        Largest principal membrane stress, N/m.
    contact : (V,) bool
        Vertices touching the body (within the cloth thickness plus 1 mm).
    pressure_pa : (V,) float32
        Contact pressure on the body over the last frame, Pa.
    gap_cm : (V,) float32
        Distance from each garment vertex to the skin, cm (negative inside the body).
    gap_rings_cm : dict
        ``chest``, ``waist``, ``hip`` (the heights asked for): mean gap of the garment vertices at
        that height, cm, or ``None`` where the garment does not reach.
    penetration_pct : float
        Share of garment vertices below the skin, percent.
    seam_gap_mm : float
        Largest distance between two sewn vertices, mm.
    settled : bool
        At most 1.5 % of the vertices moved more than 0.5 mm in the last frame.
    frames : int
    sim_seconds, wall_seconds : float
    recoveries : int
        Frames that blew up and were re-run with more substeps.
    dropped_frames : int
        Frames that blew up even at eight times the substeps and were dropped (the cloth held still).
    floor_height_m : float
        Height (y) of the floor the cloth rests on, m (the body's soles).
    self_intersecting_faces : (P, 2) int64 or None
        Pairs of garment faces that pass through each other (:mod:`sim.collision.self_intersections`); None
        where they were not looked for.
    face_area_m2 : (F,) float32
        Rest area of each face, the weights of the strain statistics.
    wearable_strain_pct : (F,) float32
        The wearable stretch limit of each face's fabric (:attr:`sim.Material.wearable_strain_pct`), %.
    """

    positions: np.ndarray
    strain_pct: np.ndarray
    strain_angle_deg: np.ndarray
    stress_n_per_m: np.ndarray
    contact: np.ndarray
    pressure_pa: np.ndarray
    gap_cm: np.ndarray
    gap_rings_cm: dict
    penetration_pct: float
    seam_gap_mm: float
    settled: bool
    frames: int
    sim_seconds: float
    wall_seconds: float
    recoveries: int
    dropped_frames: int
    floor_height_m: float
    self_intersecting_faces: np.ndarray | None
    face_area_m2: np.ndarray = field(repr=False)
    wearable_strain_pct: np.ndarray = field(repr=False)

    @property
    def wearable_use_pct(self) -> np.ndarray:
        """(F,) float32: each face's stretch as a share of its fabric's wearable limit, % (100 = at the
        limit): the strain map in fabric mode."""
        return (100.0 * (self.strain_pct - 100.0) / self.wearable_strain_pct).astype(np.float32)

    def summary(self) -> dict:
        """The ``fit.json`` figures: strain statistics weighted by rest area, contact share, ease, settling.

        Returns
        -------
        dict
            ``strain_pct`` {``mean``, ``p95``, ``max``}, ``contact_pct``, ``gap_cm`` {``chest``,
            ``waist``, ``hip``} (mean cloth-to-skin distance), ``penetration_pct``, ``seam_gap_mm``,
            ``self_intersections`` (the number of pairs), ``settled``, ``frames``, ``sim_seconds``,
            ``wall_seconds``, ``recoveries``, ``dropped_frames``.
        """
        area = self.face_area_m2.astype(np.float64)
        strain = self.strain_pct.astype(np.float64)
        return {
            "strain_pct": {
                "mean": round(float(np.average(strain, weights=area)), 2),
                "p95": round(weighted_percentile(strain, area, 95.0), 2),
                "max": round(float(strain.max()), 2),
            },
            "contact_pct": round(100.0 * float(self.contact.mean()), 2),
            "gap_cm": {
                name: (None if value is None else round(float(value), 2))
                for name, value in self.gap_rings_cm.items()
            },
            "penetration_pct": round(float(self.penetration_pct), 3),
            "seam_gap_mm": round(float(self.seam_gap_mm), 2),
            "self_intersections": (
                None if self.self_intersecting_faces is None else len(self.self_intersecting_faces)
            ),
            "settled": bool(self.settled),
            "frames": int(self.frames),
            "sim_seconds": round(float(self.sim_seconds), 3),
            "wall_seconds": round(float(self.wall_seconds), 3),
            "recoveries": int(self.recoveries),
            "dropped_frames": int(self.dropped_frames),
        }
