"""Triangle meshes as PyVista ``PolyData``: the one converter the viewer, the photo renderer and the
fabric pictures share. PyVista loads only when it is called."""

import numpy as np

from fitroom.stopping import import_whole

__all__ = ["triangle_polydata"]


def triangle_polydata(vertices: np.ndarray, faces: np.ndarray):
    """A ``pyvista.PolyData`` of a triangle mesh.

    Parameters
    ----------
    vertices : (V, 3) float
        Metres (stored as float32).
    faces : (F, 3) int
        Corner indices into ``vertices``.
    """
    pv = import_whole("pyvista")

    faces = np.asarray(faces, dtype=np.int64)
    cells = np.hstack([np.full((len(faces), 1), 3, dtype=np.int64), faces]).ravel()
    return pv.PolyData(np.asarray(vertices, dtype=np.float32), cells)
