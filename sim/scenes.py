"""Small synthetic scenes for tests and the benchmark: flat panels, a sewn tube, cylinder and sphere."""

import numpy as np

__all__ = ["grid_panel", "tube_garment", "cylinder_body", "sphere_body", "tube_on_cylinder", "sheet_drape"]


def grid_panel(width: float, height: float, columns: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """A flat rectangle of ``columns`` x ``rows`` vertices.

    Returns
    -------
    rest_uv : (columns * rows, 2) float32
        m, from (0, 0) to (width, height); vertex ``r * columns + c`` sits at column c, row r.
    faces : (2 * (columns - 1) * (rows - 1), 3) int32
        Counter-clockwise in ``rest_uv``.
    """
    u, v = np.meshgrid(np.linspace(0.0, width, columns), np.linspace(0.0, height, rows))
    rest_uv = np.stack([u.ravel(), v.ravel()], axis=1).astype(np.float32)
    corner = (np.arange(rows - 1)[:, None] * columns + np.arange(columns - 1)[None, :]).ravel()
    lower = np.stack([corner, corner + 1, corner + columns + 1], axis=1)
    upper = np.stack([corner, corner + columns + 1, corner + columns], axis=1)
    return rest_uv, np.concatenate([lower, upper]).astype(np.int32)


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


def cylinder_body(radius: float, bottom: float, top: float, segments: int = 48, rings: int = 40) -> tuple:
    """A closed vertical cylinder around the Y axis, as a triangle mesh seen from outside.

    Returns
    -------
    vertices : (segments * (rings + 1) + 2, 3) float32
        m; the last two are the centres of the bottom and top caps.
    faces : (F, 3) int32
    """
    angle = 2.0 * np.pi * np.arange(segments) / segments
    heights = np.linspace(bottom, top, rings + 1)
    ring_x, ring_y = np.meshgrid(angle, heights)
    side = np.stack([radius * np.cos(ring_x), ring_y, radius * np.sin(ring_x)], axis=-1).reshape(-1, 3)
    vertices = np.concatenate([side, [[0.0, bottom, 0.0], [0.0, top, 0.0]]])
    base = (np.arange(rings)[:, None] * segments + np.arange(segments)[None, :]).ravel()
    after = (np.arange(rings)[:, None] * segments + (np.arange(segments)[None, :] + 1) % segments).ravel()
    faces = [
        np.stack([base, base + segments, after], axis=1),
        np.stack([after, base + segments, after + segments], axis=1),
    ]
    ring = np.arange(segments)
    bottom_centre, top_centre = len(side), len(side) + 1
    faces.append(np.stack([np.full(segments, bottom_centre), ring, (ring + 1) % segments], axis=1))
    top_ring = rings * segments + ring
    faces.append(
        np.stack([np.full(segments, top_centre), rings * segments + (ring + 1) % segments, top_ring], axis=1)
    )
    return vertices.astype(np.float32), np.concatenate(faces).astype(np.int32)


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


def sheet_drape(body_vertices, body_faces, rest_uv, faces, positions, material, **options):
    """A :class:`sim.drape.Drape` of one unsewn sheet of ``material`` (a preset name or
    :class:`sim.materials.Material`), warp along the pattern's u axis, on the CPU; ``options`` go to
    the ``Drape``.

    Parameters
    ----------
    body_vertices : (Vb, 3) float32
    body_faces : (Fb, 3) int32
    rest_uv : (V, 2) float32
        Flat sheet, m.
    faces : (F, 3) int32
    positions : (V, 3) float32
        Where it starts, m.
    """
    from sim.drape import Drape

    return Drape(
        body_vertices,
        body_faces,
        rest_uv,
        faces,
        positions,
        np.zeros((0, 2), np.int32),
        np.tile([[1.0, 0.0]], (len(faces), 1)),
        np.zeros(len(faces), np.int32),
        [material],
        **{"device": "cpu", **options},
    )
