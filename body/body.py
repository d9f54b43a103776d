"""The ``Body`` data object every later stage drapes on."""

from dataclasses import dataclass, field

import numpy as np

from body.skeleton import SMPL_JOINT_NAMES

__all__ = ["Body", "MEASUREMENT_KEYS"]

# The measurement keys BODY.json always holds (cm).
MEASUREMENT_KEYS = ("height", "chest", "waist", "hip", "inseam", "shoulder_width")


@dataclass
class Body:
    """A posed body mesh with its parameters and tailor's measurements.

    Attributes
    ----------
    vertices : (V, 3) float32
        Posed mesh in metres, Y up, facing +Z, feet on the floor (min y = 0).
    faces : (F, 3) int32
        Triangles, counter-clockwise seen from outside.
    joints : (24, 3) float32
        SMPL joints in metres, order ``SMPL_JOINT_NAMES``, same frame as ``vertices``.
    betas : (K,) float32
        Shape coefficients of ``model``.
    pose : (72,) float32
        SMPL axis-angle pose (global orientation then 23 body joints), radians.
    gender : str
        ``female``, ``male`` or ``neutral``.
    model : str
        ``fitroom-anny`` for the default model, else the path of the user's model file.
    measurements_cm : dict[str, float]
        At least ``MEASUREMENT_KEYS``; girths and lengths in cm.
    source : str
        Where the body came from (``measurements``, ``photos: front.jpg, side.jpg``, ``default``).
    appearance : dict, optional
        From photos: ``skin_rgb`` and ``hair_rgb`` (sRGB 0-255, hair None when none shows); pictures
        show the body in this skin tone, a default one without.

    The levels its girths are taken at (``girth_heights``) are measured once, on first use, and kept, so
    garments placed at the waist and the fit read at chest, waist and hip use the same levels.
    """

    vertices: np.ndarray
    faces: np.ndarray
    joints: np.ndarray
    betas: np.ndarray
    pose: np.ndarray
    gender: str
    model: str
    measurements_cm: dict[str, float] = field(default_factory=dict)
    source: str = ""
    appearance: dict | None = None
    _girth_heights: dict | None = field(default=None, init=False, repr=False, compare=False)

    def joint(self, name: str) -> np.ndarray:
        """Position (3,) float32 of the SMPL joint called ``name``."""
        return self.joints[SMPL_JOINT_NAMES.index(name)]

    def girth_heights(self) -> dict[str, float]:
        """The level (y, metres above the floor) at which each girth is taken on this body as it stands,
        the ISO 8559-1 definitions of :func:`body.measure.girth_heights`: ``chest``, ``waist``, ``hip``,
        ``neck``, ``thigh``. Measured on the first call; later calls return the same levels."""
        if self._girth_heights is None:
            from body.measure import evaluation

            self._girth_heights = evaluation.girth_heights(self.vertices, self.faces, self.joints)
        return dict(self._girth_heights)

    def to_dict(self) -> dict:
        """The BODY.json contract: model, gender, betas, pose, measurements_cm, source (and appearance
        when known)."""
        data = {
            "model": self.model,
            "gender": self.gender,
            "betas": [round(float(b), 6) for b in self.betas],
            "pose": [round(float(p), 6) for p in self.pose],
            "measurements_cm": {k: round(float(v), 2) for k, v in self.measurements_cm.items()},
            "source": self.source,
        }
        if self.appearance is not None:
            data["appearance"] = self.appearance
        return data
