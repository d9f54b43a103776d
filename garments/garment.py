"""The ``Garment`` data object: a meshed, sized pattern placed around a body, ready to sew."""

from dataclasses import dataclass

import numpy as np

__all__ = ["Garment"]


@dataclass
class Garment:
    """Panels meshed into one triangle soup, placed in 3D, with the stitches that sew it shut.

    Every panel owns its vertices; a seam's two sides are separate vertices paired by ``stitches``.

    Attributes
    ----------
    rest_uv : (V, 2) float32
        Flat (pattern-space) coordinates in metres; each panel in its own frame.
    positions : (V, 3) float32
        Initial 3D positions in metres around the body (Y up, body faces +Z).
    faces : (F, 3) int32
        Triangles, counter-clockwise in ``rest_uv``; seen from outside the garment once placed.
    face_panel : (F,) int32
        Index into ``panel_names`` of each face's panel.
    panel_names : list[str]
    stitches : (S, 2) int32
        Vertex pairs to sew together (one vertex from each side of a seam).
    boundary : (V,) bool
        True for vertices on a panel outline.
    grain : (F, 2) float32
        Unit warp (lengthwise grain) direction of each face, in ``rest_uv`` coordinates.
    face_material : (F,) int32
        Index into ``materials`` of each face's fabric.
    materials : list[str]
        Material preset names (see ``sim.MATERIALS``).
    name : str
        Pattern name.
    size : str
        Size label (``M``), ``made-to-measure`` or ``as drawn``.
    panel_parts : list[str]
        The body part each panel wraps (``torso``, ``neck``, ``left_arm``, ... see ``garments.PARTS``).
    """

    rest_uv: np.ndarray
    positions: np.ndarray
    faces: np.ndarray
    face_panel: np.ndarray
    panel_names: list[str]
    stitches: np.ndarray
    boundary: np.ndarray
    grain: np.ndarray
    face_material: np.ndarray
    materials: list[str]
    name: str
    size: str
    panel_parts: list[str]

    @property
    def vertex_count(self) -> int:
        return int(self.rest_uv.shape[0])

    @property
    def face_count(self) -> int:
        return int(self.faces.shape[0])
