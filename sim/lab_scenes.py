"""The scenes of the fabric lab (:mod:`sim.fabric_lab`): a flat grid panel, a cylinder to rest it on,
and an unsewn sheet draped on a body."""

import numpy as np

__all__ = ["grid_panel", "cylinder_body", "sheet_drape"]


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
