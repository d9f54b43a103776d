"""The meshes and colour scales a fit page draws, as JSON-ready data with base64 typed arrays.

The page's script decodes each array with ``atob`` into a ``Float32Array`` / ``Uint32Array`` /
``Uint8Array`` (little-endian, as every browser is) and colours the garment itself from the raw map
values and a 256-step ramp per map, so one copy of the mesh serves every map.
"""

import base64

import numpy as np

from viewer.fit_maps import FIT_MAPS, MAP_CYCLE
from viewer.scene import BACKGROUND, FABRIC_COLOUR, SKIN_COLOUR, vertex_values

__all__ = ["page_data"]

_RAMP_STEPS = 256


def _encode(array: np.ndarray, dtype) -> str:
    """``array`` cast to ``dtype`` (little-endian), flattened, as base64 text."""
    return base64.b64encode(
        np.ascontiguousarray(array, dtype=np.dtype(dtype).newbyteorder("<")).tobytes()
    ).decode("ascii")


def _map_scales() -> dict[str, dict]:
    """Each fit map's title, colour range, tick count and colour ramp, as the live viewer draws it.

    Returns
    -------
    dict[str, dict]
        Map name -> ``title`` (str), ``clim`` [low, high] (the map's units), ``ticks`` (int) and
        ``ramp``: base64 of (_RAMP_STEPS, 3) uint8 sRGB colours from ``low`` to ``high``.
    """
    import matplotlib

    scales = {}
    for name, spec in FIT_MAPS.items():
        colours = matplotlib.colormaps[spec.cmap](np.linspace(0.0, 1.0, _RAMP_STEPS))[:, :3]
        scales[name] = {
            "title": spec.title,
            "clim": [float(spec.clim[0]), float(spec.clim[1])],
            "ticks": spec.ticks,
            "ramp": _encode(np.round(colours * 255), np.uint8),
        }
    return scales


def _size_data(drape) -> dict:
    """One draped size: positions (V, 3) float32 m, indices (F, 3) uint32, per-vertex map values (V,)."""
    positions = np.asarray(drape.result.positions, dtype=np.float32)
    faces = np.asarray(drape.garment.faces)
    maps = {}
    for name, spec in FIT_MAPS.items():
        values = spec.values(drape.result)
        if spec.on_cells:
            values = vertex_values(values, faces, positions.shape[0])
        maps[name] = _encode(values, np.float32)
    return {
        "size": drape.size,
        "positions": _encode(positions, np.float32),
        "indices": _encode(faces, np.uint32),
        "maps": maps,
    }


def page_data(body, drapes, recommended: str | None) -> dict:
    """Everything the page's script needs, JSON-ready.

    Parameters
    ----------
    body : body.Body
        Its ``vertices`` (Vb, 3) float32 m and ``faces`` (Fb, 3).
    drapes : list[SizeDrape]
        Smallest size first.
    recommended : str or None
        The size shown first (the first size when None); the strain map is shown first.

    Returns
    -------
    dict
        ``body`` {``positions``, ``indices``}, ``sizes`` (list, each with ``size``, ``positions``,
        ``indices``, ``maps`` {name: values}), ``scales`` (see ``_map_scales``), ``map_order``,
        ``initial_size``, ``initial_map`` and the ``colours`` of skin, fabric and background.
    """
    sizes = [drape.size for drape in drapes]
    return {
        "body": {
            "positions": _encode(body.vertices, np.float32),
            "indices": _encode(body.faces, np.uint32),
        },
        "sizes": [_size_data(drape) for drape in drapes],
        "scales": _map_scales(),
        "map_order": list(MAP_CYCLE),
        "initial_size": sizes.index(recommended) if recommended in sizes else 0,
        "initial_map": "strain",
        "colours": {"skin": SKIN_COLOUR, "fabric": FABRIC_COLOUR, "background": BACKGROUND},
    }
