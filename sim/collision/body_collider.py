"""The body as a collider: a signed distance grid of its mesh, rebuilt whenever the body moves.

Inside a band around the skin the grid holds exact distances to the nearest triangle, signed with
angle-weighted pseudonormals (Bærentzen & Aanæs, "Signed distance computation using the angle weighted
pseudonormal", IEEE TVCG 11(3), 2005); further out it holds the distance to the skin point nearest
to the closest band node (a close upper bound). The grid also stores the body's velocity at the
nearest skin point, so cloth in contact is carried along by friction when the body moves.

A new pose splats every triangle into the band around it. A small move between frames instead
updates only the blocks of nodes near the cloth, and each node there re-measures the triangle it
and its six neighbours were nearest to, refined across the nearest edge or around the nearest
vertex: a few triangles per node instead of every triangle's whole neighbourhood of nodes.
"""

import numpy as np
import taichi as ti
from scipy import ndimage

from sim.collision.grid_blocks import (
    BLOCK,
    clear_blocks,
    list_marked_blocks,
    mark_blocks_near,
    marked_are_fresh,
)
from sim.collision.grid_sampling import sample_points
from sim.collision.nearest_triangle import splat_nearest_triangle
from sim.collision.pseudonormals import face_normals, gathered_normals, normal_topology, triangles_across
from sim.collision.signed_distance import resolve_signed_distance
from sim.device import init_taichi
from sim.errors import DrapeInputError

__all__ = ["BodyCollider"]

# A move refreshes the blocks within a block (2.4 cm) of the cloth; once the body is still, the cloth
# stays on the current pose while every point within this of it is on a refreshed block.
_COVERED_REACH_M = 0.01


class BodyCollider:
    """Signed distance grid of a body mesh over a box, on the solver's device.

    Parameters
    ----------
    vertices : (Vb, 3) float
        Body vertices, m.
    faces : (Fb, 3) int
        Body triangles, counter-clockwise seen from outside.
    box_min, box_max : (3,) float
        The region (m) the grid covers; cloth outside it does not collide.
    spacing : float
        Grid spacing, m.
    band : float
        Distance from the skin (m) within which distances are exact.

    Attributes
    ----------
    distance : Taichi ndarray (nx, ny, nz) float32
        Signed distance, m; negative inside the body.
    velocity : Taichi ndarray (nx, ny, nz, 3) float32
        Body velocity near the skin, m/s.
    origin : (3,) float32
    """

    def __init__(
        self,
        vertices: np.ndarray,
        faces: np.ndarray,
        box_min: np.ndarray,
        box_max: np.ndarray,
        spacing: float = 6e-3,
        band: float = 12e-3,
    ):
        init_taichi()
        faces = np.asarray(faces)
        if faces.ndim != 2 or faces.shape[1] != 3 or len(faces) == 0:
            raise DrapeInputError("body_faces must be a (F, 3) array of triangles.")
        self.faces = np.ascontiguousarray(faces, np.int32)
        self.vertex_count = int(np.asarray(vertices).shape[0])
        if self.faces.min() < 0 or self.faces.max() >= self.vertex_count:
            raise DrapeInputError("body_faces index vertices that do not exist.")
        self.spacing = float(spacing)
        self.band = float(band)
        self.origin = np.asarray(box_min, np.float32)
        self.shape = tuple(
            int(n) for n in np.ceil((np.asarray(box_max) - self.origin) / spacing).astype(int) + 1
        )
        self.distance = ti.ndarray(ti.f32, shape=self.shape)
        self.velocity = ti.Vector.ndarray(3, ti.f32, shape=self.shape)
        self.velocity.fill(0.0)
        self._nearest = ti.ndarray(ti.i64, shape=self.shape)
        self._skin_point = ti.Vector.ndarray(3, ti.f32, shape=self.shape)
        self._triangles = ti.Vector.ndarray(3, ti.i32, shape=len(self.faces))
        self._triangles.from_numpy(self.faces)
        self._topology = {}
        self._normal_topology_numpy = normal_topology(self.vertex_count, self.faces)
        for name, values in self._normal_topology_numpy.items():
            self._topology[name] = ti.ndarray(ti.i32, shape=len(values))
            self._topology[name].from_numpy(values)
        face_count, vertex_count = len(self.faces), self.vertex_count
        self._skin = {
            "vertices": ti.Vector.ndarray(3, ti.f32, shape=vertex_count),
            "vertex_velocity": ti.Vector.ndarray(3, ti.f32, shape=vertex_count),
            "face_normal": ti.Vector.ndarray(3, ti.f32, shape=face_count),
            "corner_angle": ti.Vector.ndarray(3, ti.f32, shape=face_count),
            "vertex_normal": ti.Vector.ndarray(3, ti.f32, shape=vertex_count),
            "edge_normal": ti.Vector.ndarray(3, ti.f32, shape=(face_count, 3)),
        }
        self._nearest_previous = ti.ndarray(ti.i64, shape=self.shape)
        self._across = ti.Vector.ndarray(3, ti.i32, shape=face_count)
        self._across.from_numpy(triangles_across(self._normal_topology_numpy))
        block_shape = tuple(-(-n // BLOCK) for n in self.shape)
        self._marked = ti.ndarray(ti.i32, shape=block_shape)
        # Blocks that hold the current pose (all after a full rebuild, those near the cloth after a move).
        self._fresh = ti.ndarray(ti.i32, shape=block_shape)
        self._blocks = ti.Vector.ndarray(3, ti.i32, shape=int(np.prod(block_shape)))
        self._block_count = 0
        self._moving_blocks = 0
        self.stale_away_from_cloth = False
        self.vertices = np.zeros((self.vertex_count, 3), np.float32)
        self.update(vertices)

    def update(self, vertices: np.ndarray, dt: float | None = None, near: np.ndarray | None = None) -> None:
        """Rebuild the grid for the body at ``vertices``.

        Parameters
        ----------
        vertices : (Vb, 3) float
            New body vertices, same topology, m.
        dt : float, optional
            Seconds since the previous pose; the body velocity is the change over ``dt``. With it,
            the body is taken to have moved a little: only the band near the skin is recomputed
            and nodes further out keep their distances, which keeps a moving avatar cheap. Without it
            (a new pose) the whole grid is rebuilt and the velocity is zero.
        near : (N, 3) float, optional
            With ``dt``: the cloth's positions, m. Only the band within a block of ``BLOCK``
            nodes (2.4 cm at 6 mm spacing) of them is recomputed, more than the cloth moves in a
            frame; elsewhere the grid keeps an earlier pose
            (:attr:`stale_away_from_cloth`, see :meth:`covers`) until an update without ``near``.
        """
        vertices = np.ascontiguousarray(vertices, np.float32)
        if vertices.shape != (self.vertex_count, 3) or not np.all(np.isfinite(vertices)):
            raise DrapeInputError(f"body vertices must be a finite ({self.vertex_count}, 3) array of metres.")
        velocity = np.zeros_like(vertices) if dt is None else (vertices - self.vertices) / np.float32(dt)
        self.vertices = vertices
        skin = self._skin
        skin["vertices"].from_numpy(vertices)
        skin["vertex_velocity"].from_numpy(velocity)
        face_normals(skin["vertices"], self._triangles, skin["face_normal"], skin["corner_angle"])
        topology = self._topology
        gathered_normals(
            self._triangles,
            skin["face_normal"],
            skin["corner_angle"],
            topology["vertex_corner_offsets"],
            topology["vertex_corners"],
            topology["edge_side_offsets"],
            topology["edge_sides"],
            topology["edge_slots"],
            skin["vertex_normal"],
            skin["edge_normal"],
        )
        origin = ti.Vector(self.origin.tolist())
        tracking = dt is not None and near is not None
        if tracking:
            points = np.ascontiguousarray(near, np.float32).reshape(-1, 3)
            device_points = ti.Vector.ndarray(3, ti.f32, shape=len(points))
            device_points.from_numpy(points)
            mark_blocks_near(device_points, self._marked, origin, BLOCK * self.spacing, BLOCK * self.spacing)
        else:
            self._marked.fill(1)
        self._fresh.copy_from(self._marked)
        self.stale_away_from_cloth = tracking
        # The previous update's blocks lose their velocity along with the ones refreshed now.
        clear_blocks(self._nearest, self.velocity, self._blocks, self._moving_blocks, 0)
        self._block_count = list_marked_blocks(self._marked, self._blocks)
        if tracking:
            self._nearest, self._nearest_previous = self._nearest_previous, self._nearest
        else:
            clear_blocks(self._nearest, self.velocity, self._blocks, self._block_count, 1)
            splat_nearest_triangle(
                skin["vertices"],
                self._triangles,
                self._nearest,
                self._marked,
                origin,
                self.spacing,
                self.band,
            )
        resolve_signed_distance(
            skin["vertices"],
            skin["vertex_velocity"],
            self._triangles,
            skin["face_normal"],
            skin["edge_normal"],
            skin["vertex_normal"],
            self._nearest,
            self.distance,
            self.velocity,
            self._skin_point,
            self._blocks,
            self._block_count,
            origin,
            self.spacing,
            int(dt is not None),
            self._nearest_previous,
            self._across,
            topology["vertex_corner_offsets"],
            topology["vertex_corners"],
            self.band,
            tracking,
        )
        if not tracking:
            self._nearest_previous.copy_from(self._nearest)
        self._moving_blocks = self._block_count if dt is not None else 0
        if dt is None:
            self.distance.from_numpy(self._fill_far_field(self.distance.to_numpy()))

    def covers(self, points: np.ndarray) -> bool:
        """Whether the grid holds the current pose everywhere within 1 cm of ``points`` (N, 3), m."""
        if not self.stale_away_from_cloth:
            return True
        points = np.ascontiguousarray(points, np.float32).reshape(-1, 3)
        device_points = ti.Vector.ndarray(3, ti.f32, shape=len(points))
        device_points.from_numpy(points)
        origin = ti.Vector(self.origin.tolist())
        mark_blocks_near(device_points, self._marked, origin, BLOCK * self.spacing, _COVERED_REACH_M)
        return bool(marked_are_fresh(self._marked, self._fresh))

    def stop(self) -> None:
        """The body has stopped: zero its velocity where the last update set one."""
        clear_blocks(self._nearest, self.velocity, self._blocks, self._moving_blocks, 0)
        self._moving_blocks = 0

    def _fill_far_field(self, distance: np.ndarray) -> np.ndarray:
        """Give nodes beyond the band a distance and the sign of the side they are on."""
        far = ~np.isfinite(distance)
        if not far.any():
            return distance
        if far.all():
            return np.ones_like(distance)
        inside_band = ~far & (distance < 0)
        inside = ndimage.binary_propagation(inside_band, mask=far | inside_band)
        nearest = ndimage.distance_transform_edt(far, return_distances=False, return_indices=True)
        skin_point = self._skin_point.to_numpy()[tuple(nearest)]
        nodes = self.origin + np.moveaxis(np.indices(distance.shape, np.float32), 0, -1) * np.float32(
            self.spacing
        )
        beyond = np.linalg.norm(nodes - skin_point, axis=-1)
        filled = np.where(far, np.where(inside, -beyond, beyond), distance)
        return filled.astype(np.float32)

    def signed_distance(self, points: np.ndarray) -> np.ndarray:
        """Trilinear signed distance (m) at ``points`` (N, 3) m, as the solver sees it; 1 m off the grid."""
        points = np.ascontiguousarray(points, np.float32).reshape(-1, 3)
        device_points = ti.Vector.ndarray(3, ti.f32, shape=len(points))
        device_points.from_numpy(points)
        values = ti.ndarray(ti.f32, shape=len(points))
        sample_points(self.distance, device_points, values, ti.Vector(self.origin.tolist()), self.spacing)
        return values.to_numpy()
