"""Counting cloth that passes through itself: crossing sheets are found, stacked and sewn ones are not."""

import numpy as np

from sim.collision.self_intersections import self_intersecting_pairs


def _sheet(n: int = 12, size: float = 0.3):
    """(V, 3) points of a flat n x n grid in the XY plane, and its (F, 3) triangles."""
    xs, ys = np.meshgrid(np.linspace(0.0, size, n), np.linspace(0.0, size, n))
    points = np.stack([xs.ravel(), ys.ravel(), np.zeros(n * n)], axis=1)
    faces = []
    for i in range(n - 1):
        for j in range(n - 1):
            a = i * n + j
            faces += [[a, a + 1, a + n], [a + 1, a + n + 1, a + n]]
    return points, np.array(faces)


def test_two_sheets_crossing_each_other_are_found_along_their_crossing_line():
    points, faces = _sheet()
    tilted = points.copy()
    tilted[:, 2] = points[:, 0] - 0.15  # the second sheet cuts the first along x = 0.15
    both = np.vstack([points, tilted])
    pairs = self_intersecting_pairs(both, np.vstack([faces, faces + len(points)]))
    assert len(pairs) > 0
    assert np.all((pairs[:, 0] < len(faces)) != (pairs[:, 1] < len(faces))), (
        "every pair is one from each sheet"
    )


def test_a_flat_sheet_two_layers_5_mm_apart_and_a_sewn_seam_do_not_count():
    points, faces = _sheet()
    assert len(self_intersecting_pairs(points, faces)) == 0
    layer = points + [0.0, 0.0, 0.005]
    both = np.vstack([points, layer])
    assert len(self_intersecting_pairs(both, np.vstack([faces, faces + len(points)]))) == 0
    # Two panels meeting edge to edge at a seam, the seam's vertices sewn to each other.
    right = points + [0.3, 0.0, 0.0]
    seam_left = np.flatnonzero(np.isclose(points[:, 0], 0.3))
    seam_right = np.flatnonzero(np.isclose(points[:, 0], 0.0)) + len(points)
    representative = np.arange(2 * len(points))
    representative[seam_right] = seam_left
    pairs = self_intersecting_pairs(
        np.vstack([points, right]), np.vstack([faces, faces + len(points)]), representative
    )
    assert len(pairs) == 0
