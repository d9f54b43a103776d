"""Draped garments as mesh files a designer can send on: PLY with fit arrays, glTF binary with colours."""

import numpy as np

from fitroom.files import atomic_path
from viewer.fit_maps import FIT_MAPS

__all__ = ["write_garment_ply", "write_garment_glb"]


def write_garment_ply(path, drape) -> None:
    """Write the draped garment as PLY, with every fit map as a vertex or face property.

    Per-face maps (``strain_pct``, ``stress_n_per_m``) are face properties; per-vertex maps
    (``ease_cm``, ``pressure_pa``) vertex properties, named after the ``DrapeResult`` fields.
    """
    import trimesh

    mesh = trimesh.Trimesh(drape.result.positions, drape.garment.faces, process=False)
    for spec in FIT_MAPS.values():
        values = spec.values(drape.result)
        (mesh.face_attributes if spec.on_cells else mesh.vertex_attributes)[spec.field] = values
    with atomic_path(path) as tmp:
        tmp.write_bytes(trimesh.exchange.ply.export_ply(mesh, encoding="binary", include_attributes=True))


def write_garment_glb(path, drape, body=None, map_name="strain") -> None:
    """Write the draped garment (and the body, when given) as glTF binary, coloured by ``map_name``."""
    import matplotlib
    import trimesh

    spec = FIT_MAPS[map_name]
    values = spec.values(drape.result)
    low, high = spec.clim
    colours = matplotlib.colormaps[spec.cmap](np.clip((values - low) / (high - low), 0.0, 1.0))
    colours = (colours * 255).astype(np.uint8)
    garment = trimesh.Trimesh(drape.result.positions, drape.garment.faces, process=False)
    if spec.on_cells:
        garment.visual.face_colors = colours
    else:
        garment.visual.vertex_colors = colours
    scene = trimesh.Scene()
    scene.add_geometry(garment, node_name=f"garment_{drape.size}")
    if body is not None:
        skin = trimesh.Trimesh(body.vertices, body.faces, process=False)
        skin.visual.face_colors = np.array([216, 168, 138, 255], dtype=np.uint8)
        scene.add_geometry(skin, node_name="body")
    with atomic_path(path) as tmp:
        tmp.write_bytes(scene.export(file_type="glb"))
