"""Small synthetic scenes the tests drape on: a sewn tube round a cylinder and a sphere."""

import numpy as np

from sim.lab_scenes import cylinder_body, grid_panel

__all__ = ["tube_garment", "sphere_body", "tube_on_cylinder"]


def tube_garment(
    circumference: float,
    length: float,
    bottom: float,
    placed_radius: float,
    columns: int,
    rows: int,
    material: str = "cotton_jersey",
) -> dict:
    """A tube of two rectangular panels (front and back) sewn along both sides, placed open around the Y axis.

    Parameters
    ----------
    circumference : float
        Flat circumference of the sewn tube, m (each panel is half of it wide).
    length : float
        m, along Y (the warp).
    bottom : float
        Height of the hem, m.
    placed_radius : float
        Radius of the arcs the panels start on, m; larger than the sewn radius leaves the side seams open
        for the solver to sew.
    columns, rows : int
        Vertices across and along each panel.
    material : str

    Returns
    -------
    dict
        ``rest_uv`` (V, 2), ``faces`` (F, 3), ``positions`` (V, 3), ``stitches`` (S, 2), ``grain`` (F, 2),
        ``face_material`` (F,), ``materials`` [material].
    """
    panel_uv, panel_faces = grid_panel(circumference / 2.0, length, columns, rows)
    count = len(panel_uv)
    # Each panel is bent, unstretched, onto an arc of the placing radius centred on the front (+Z) or
    # the back (-Z); the side seams start open wherever that radius exceeds the sewn one.
    span = (panel_uv[:, 0] - circumference / 4.0) / placed_radius
    positions = []
    for angle in (0.5 * np.pi - span, -0.5 * np.pi + span):
        positions.append(
            np.stack(
                [placed_radius * np.cos(angle), bottom + panel_uv[:, 1], placed_radius * np.sin(angle)],
                axis=1,
            )
        )
    back_faces = panel_faces[:, ::-1] + count
    faces = np.concatenate([panel_faces, back_faces])
    rest_uv = np.concatenate([panel_uv, panel_uv])
    row = np.arange(rows) * columns
    stitches = np.concatenate(
        [
            np.stack([row, row + count], axis=1),
            np.stack([row + columns - 1, row + columns - 1 + count], axis=1),
        ]
    )
    return {
        "rest_uv": rest_uv.astype(np.float32),
        "faces": faces.astype(np.int32),
        "positions": np.concatenate(positions).astype(np.float32),
        "stitches": stitches.astype(np.int32),
        "grain": np.tile(np.array([[0.0, 1.0]], np.float32), (len(faces), 1)),
        "face_material": np.zeros(len(faces), np.int32),
        "materials": [material],
    }


def sphere_body(radius: float, center: tuple[float, float, float], subdivisions: int = 4) -> tuple:
    """An icosphere, (V, 3) float32 m and (F, 3) int32, seen from outside."""
    import trimesh

    mesh = trimesh.creation.icosphere(subdivisions=subdivisions, radius=radius)
    return (np.asarray(mesh.vertices) + np.asarray(center)).astype(np.float32), np.asarray(
        mesh.faces, np.int32
    )


def tube_on_cylinder(circumference: float = 0.7, **options):
    """A :class:`sim.drape.Drape` of a sewn tube (0.3 m long, ``circumference`` m round) around a
    cylinder of radius 0.12 m, on the CPU; ``options`` go to the ``Drape``."""
    from sim.drape import Drape

    body_vertices, body_faces = cylinder_body(0.12, 0.0, 1.4)
    tube = tube_garment(circumference, 0.3, 0.8, 0.16, 25, 10)
    keys = ("rest_uv", "faces", "positions", "stitches", "grain", "face_material", "materials")
    arrays = [tube[k] for k in keys]
    return Drape(body_vertices, body_faces, *arrays, **{"device": "cpu", **options})
