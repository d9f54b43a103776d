"""Draped garments as mesh files a designer can send on: PLY with fit arrays, glTF binary with colours.

The GLB carries per-vertex normals and colours (glTF ``NORMAL`` and ``COLOR_0``), so any glTF viewer
shades it smooth and shows the fit map without fitroom's own renderer.
"""

import numpy as np

from fitroom.files import atomic_path
from viewer.fit_maps import FIT_MAPS
from viewer.scene import SKIN_COLOUR, vertex_values

__all__ = ["write_garment_ply", "write_garment_glb"]


def write_garment_ply(path, drape) -> None:
    """Write the draped garment as PLY, with every fit map as a vertex or face property.

    Per-face maps (``strain_pct``, ``stress_n_per_m``) are face properties; per-vertex maps
    (``gap_cm``, ``pressure_pa``) vertex properties, named after the ``DrapeResult`` fields.
    """
    import trimesh

    mesh = trimesh.Trimesh(drape.result.positions, drape.garment.faces, process=False)
    for spec in FIT_MAPS.values():
        values = spec.values(drape.result)
        (mesh.face_attributes if spec.on_cells else mesh.vertex_attributes)[spec.field] = values
    with atomic_path(path) as tmp:
        tmp.write_bytes(trimesh.exchange.ply.export_ply(mesh, encoding="binary", include_attributes=True))


def _smooth_mesh(vertices: np.ndarray, faces: np.ndarray, colours: np.ndarray):
    """A trimesh with vertex colours (V, 4) uint8 RGBA; its area-weighted vertex normals are written
    when it is exported with ``include_normals``."""
    import trimesh

    mesh = trimesh.Trimesh(vertices, faces, process=False)
    mesh.visual = trimesh.visual.ColorVisuals(mesh, vertex_colors=colours)
    return mesh


def write_garment_glb(path, drape, body=None, map_name="strain") -> None:
    """Write the draped garment (and the body, when given) as glTF binary, coloured by ``map_name``
    per vertex (per-face maps averaged onto the vertices), with vertex normals."""
    import matplotlib
    import trimesh
    from matplotlib.colors import to_rgba

    spec = FIT_MAPS[map_name]
    faces = np.asarray(drape.garment.faces)
    positions = np.asarray(drape.result.positions)
    values = spec.values(drape.result)
    if spec.on_cells:
        values = vertex_values(values, faces, len(positions))
    low, high = spec.clim
    colours = matplotlib.colormaps[spec.cmap](np.clip((values - low) / (high - low), 0.0, 1.0))
    scene = trimesh.Scene()
    scene.add_geometry(
        _smooth_mesh(positions, faces, (colours * 255).astype(np.uint8)), node_name=f"garment_{drape.size}"
    )
    if body is not None:
        skin = np.tile((np.array(to_rgba(SKIN_COLOUR)) * 255).astype(np.uint8), (len(body.vertices), 1))
        scene.add_geometry(_smooth_mesh(body.vertices, body.faces, skin), node_name="body")
    with atomic_path(path) as tmp:
        tmp.write_bytes(scene.export(file_type="glb", include_normals=True))
