"""Tailor's measurements of a body mesh, after ISO 8559-1 / EN 13402-1 definitions.

The body stands in its rest pose (Y up, facing +Z, arms hanging away from the torso). Every
measurement is a function of a few *measurement points*, each a fixed weighted sum of mesh vertices
and joints: the points where a horizontal plane cuts the mesh's edges, where a vertical line meets a
triangle, or a joint itself. :func:`plan_measurements` finds those points on one mesh (choices that
are not differentiable: which plane, which loop, which hull); :func:`evaluate_plan` turns their
positions into lengths. The same plan, evaluated on a torch tensor by
:func:`body.measure_torch.measure_plan_torch`, gives derivatives for fitting.

Definitions (all horizontal girths are the perimeter of the convex hull of the cross-section, the
way a tape bridges hollows; torso girths take the cross-section loop of the torso only, not the arms):

- ``height``: top of the head to the floor (the lowest vertex).
- ``chest``: maximum torso girth under the armpits (the bust girth for women).
- ``waist``: minimum torso girth between the hip bones and the lower ribs.
- ``hip``: maximum torso girth around the buttocks, between the crotch and the hip bones.
- ``inseam``: crotch to floor.
- ``shoulder_width``: straight distance between the left and right shoulder points, where the
  top of each shoulder turns down into the arm (standing in for the acromion).
- ``neck``: minimum neck girth above the neck joint, below the jaw.
- ``arm_length``: left shoulder point over the elbow joint to the wrist joint.
- ``thigh``: left thigh girth 2 cm below the crotch.
"""

import functools
from dataclasses import dataclass

import numpy as np
import scipy.sparse
from scipy.sparse.csgraph import connected_components
from scipy.spatial import ConvexHull, QhullError

from body.body import SMPL_JOINT_NAMES
from body.model_errors import MeshNotMeasurableError

__all__ = [
    "ALL_MEASUREMENT_KEYS",
    "MeasurementPlan",
    "MeshSlicer",
    "evaluate_plan",
    "girth_heights",
    "measure_body",
    "plan_measurements",
    "torso_girth_cm",
]

ALL_MEASUREMENT_KEYS = (
    "height",
    "chest",
    "waist",
    "hip",
    "inseam",
    "shoulder_width",
    "neck",
    "arm_length",
    "thigh",
)

_SLICE_STEP_M = 0.002
_COARSE_STEP_M = 0.01
_ARMPIT_STEP_M = 0.004
_OUTLINE_STEP_M = 0.005
# Search bands as fractions of the way from the pelvis joint up to the neck joint.
_WAIST_BAND = (0.2, 0.5)
_HIP_BAND_TOP = 0.2
_CHEST_BAND_BOTTOM = 0.45
_ARMPIT_SEARCH_TOP = 0.95
_THIGH_BELOW_CROTCH_M = 0.02
# Neck band as fractions of the way from the neck joint up to the head joint (above it, the jaw).
_NECK_BAND = (0.0, 0.4)
_JOINT = {name: i for i, name in enumerate(SMPL_JOINT_NAMES)}


@dataclass
class MeasurementPlan:
    """Where each measurement is taken on one mesh topology.

    Attributes
    ----------
    weights : scipy.sparse.csr_matrix, (P, V + 24)
        Each row makes one measurement point from the mesh vertices followed by the 24 joints.
    spans : dict[str, tuple[str, list[tuple[int, int]]]]
        Per measurement: its kind and the rows ``start:stop`` of each of its pieces. Kinds:
        ``largest_loop`` / ``smallest_loop``, the longest / shortest of several closed polylines
        (girths searched over a band of levels keep every level looked at, so that a fit sees the
        girth move from one level to another); ``path``, an open polyline's length; ``rise``, the
        height of the second point above the first.
    """

    weights: scipy.sparse.csr_matrix
    spans: dict[str, tuple[str, list[tuple[int, int]]]]


class MeshSlicer:
    """Horizontal cross-sections and vertical-line hits of one triangle mesh.

    Parameters
    ----------
    vertices : (V, 3) float
        Metres, Y up.
    faces : (F, 3) int
    """

    def __init__(self, vertices: np.ndarray, faces: np.ndarray):
        self.vertices = np.asarray(vertices, dtype=np.float64)
        self.faces = np.asarray(faces, dtype=np.int64)
        self.edges, self.face_edges = _mesh_edges(self.faces.tobytes(), len(self.faces))
        self._face_xz = None

    def section_loops(self, height: float) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """The closed loops where the plane ``y = height`` cuts the mesh.

        Returns
        -------
        list of (edges (N, 2) int, t (N,) float, points (N, 3) float)
            Per loop: the cut edges, where along each edge the cut lies (0 at its first vertex,
            1 at its second), and the cut points.
        """
        below = self.vertices[:, 1] < height
        cut = below[self.edges[:, 0]] != below[self.edges[:, 1]]
        cut_ids = np.flatnonzero(cut)
        if cut_ids.size == 0:
            return []
        cut_edges = self.edges[cut_ids]
        start = self.vertices[cut_edges[:, 0]]
        end = self.vertices[cut_edges[:, 1]]
        t = (height - start[:, 1]) / (end[:, 1] - start[:, 1])
        points = start + t[:, None] * (end - start)
        node_of_edge = np.full(len(self.edges), -1)
        node_of_edge[cut_ids] = np.arange(cut_ids.size)
        face_nodes = node_of_edge[self.face_edges]
        crossing = face_nodes[(face_nodes >= 0).sum(axis=1) == 2]
        crossing.sort(axis=1)
        links = crossing[:, 1:]
        graph = scipy.sparse.coo_matrix(
            (np.ones(len(links)), (links[:, 0], links[:, 1])), shape=(cut_ids.size, cut_ids.size)
        )
        loop_count, labels = connected_components(graph, directed=False)
        loops = []
        for loop in range(loop_count):
            members = np.flatnonzero(labels == loop)
            loops.append((cut_edges[members], t[members], points[members]))
        return loops

    def vertical_hits(self, x: float, z: float) -> list[tuple[np.ndarray, np.ndarray, float]]:
        """Where the vertical line through ``(x, z)`` meets the mesh.

        Returns
        -------
        list of (corners (3,) int, barycentric (3,) float, y float)
        """
        if self._face_xz is None:
            self._face_xz = self.vertices[self.faces][:, :, [0, 2]]
            self._face_xz_low, self._face_xz_high = self._face_xz.min(axis=1), self._face_xz.max(axis=1)
        spanning = ((self._face_xz_low <= (x, z)) & ((x, z) <= self._face_xz_high)).all(axis=1)
        faces = self.faces[spanning]
        corners = self._face_xz[spanning]
        a, b, c = corners[:, 0], corners[:, 1], corners[:, 2]
        denominator = (b[:, 1] - c[:, 1]) * (a[:, 0] - c[:, 0]) + (c[:, 0] - b[:, 0]) * (a[:, 1] - c[:, 1])
        valid = np.abs(denominator) > 1e-14
        safe = np.where(valid, denominator, 1.0)
        w0 = ((b[:, 1] - c[:, 1]) * (x - c[:, 0]) + (c[:, 0] - b[:, 0]) * (z - c[:, 1])) / safe
        w1 = ((c[:, 1] - a[:, 1]) * (x - c[:, 0]) + (a[:, 0] - c[:, 0]) * (z - c[:, 1])) / safe
        w2 = 1.0 - w0 - w1
        inside = valid & (w0 >= 0) & (w1 >= 0) & (w2 >= 0)
        hits = []
        for face in np.flatnonzero(inside):
            barycentric = np.array([w0[face], w1[face], w2[face]])
            y = float(barycentric @ self.vertices[faces[face], 1])
            hits.append((faces[face], barycentric, y))
        return hits


def _hull_order(points_xz: np.ndarray) -> np.ndarray | None:
    """Indices of the convex hull of (N, 2) points, counter-clockwise; None when degenerate."""
    if len(points_xz) < 3:
        return None
    try:
        return ConvexHull(points_xz).vertices
    except QhullError:
        return None


@functools.lru_cache(maxsize=4)
def _mesh_edges(faces_bytes: bytes, face_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Unique edges (E, 2) of a triangle mesh and each face's three edge indices (F, 3).

    Keyed by the faces' bytes so that measuring many bodies of one topology finds them once.
    """
    faces = np.frombuffer(faces_bytes, dtype=np.int64).reshape(face_count, 3)
    corner_pairs = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    corner_pairs.sort(axis=1)
    edges, inverse = np.unique(corner_pairs, axis=0, return_inverse=True)
    return edges, inverse.reshape(3, -1).T


def _hull_contains(hull_xz: np.ndarray, x: float, z: float) -> bool:
    """Whether ``(x, z)`` lies inside the counter-clockwise convex polygon (N, 2)."""
    edge = np.roll(hull_xz, -1, axis=0) - hull_xz
    to_point = np.array([x, z]) - hull_xz
    return bool(np.all(edge[:, 0] * to_point[:, 1] - edge[:, 1] * to_point[:, 0] >= 0))


def _loop_perimeter(points_xz: np.ndarray) -> float:
    """Perimeter (m) of the closed polygon (N, 2)."""
    return float(np.linalg.norm(np.roll(points_xz, -1, axis=0) - points_xz, axis=1).sum())


class _Girth:
    """A torso or limb girth found at one height: hull rows of the cut edges."""

    def __init__(self, edges: np.ndarray, t: np.ndarray, points: np.ndarray, height: float = 0.0):
        self.height = height
        order = _hull_order(points[:, [0, 2]])
        self.valid = order is not None
        if self.valid:
            self.edges = edges[order]
            self.t = t[order]
            self.points_xz = points[order][:, [0, 2]]
            self.length = _loop_perimeter(self.points_xz)


class _Planner:
    """Collects measurement points while the definitions are worked out on one mesh."""

    def __init__(self, vertices: np.ndarray, faces: np.ndarray, joints: np.ndarray):
        self.slicer = MeshSlicer(vertices, faces)
        self.vertices = self.slicer.vertices
        self.joints = np.asarray(joints, dtype=np.float64)
        self.vertex_count = len(self.vertices)
        self.rows: list[np.ndarray] = []
        self.columns: list[np.ndarray] = []
        self.values: list[np.ndarray] = []
        self.spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        self.point_count = 0

    def joint(self, name: str) -> np.ndarray:
        return self.joints[_JOINT[name]]

    def _add_points(self, columns: list[np.ndarray], values: list[np.ndarray]) -> tuple[int, int]:
        """Add points ``i = sum(values[i] * points[columns[i]])``; returns their rows ``start, stop``."""
        start = self.point_count
        for column, value in zip(columns, values, strict=True):
            self.rows.append(np.full(len(column), self.point_count))
            self.columns.append(np.asarray(column))
            self.values.append(np.asarray(value, dtype=np.float64))
            self.point_count += 1
        return start, self.point_count

    def add(self, name: str, kind: str, columns: list[np.ndarray], values: list[np.ndarray]) -> None:
        """Record a ``path`` or ``rise`` measurement through the given points."""
        self.spans[name] = (kind, [self._add_points(columns, values)])

    def add_girths(self, name: str, girths: list[_Girth], largest: bool) -> None:
        """Record a girth: the largest (or smallest) hull loop of ``girths``."""
        girths = [girth for girth in girths if girth is not None]
        if not girths:
            raise MeshNotMeasurableError(
                f"The mesh has no cross-section where its {name} should be; measure a body standing Y up "
                "in its rest pose."
            )
        pieces = [
            self._add_points(list(girth.edges), [np.array([1.0 - t, t]) for t in girth.t]) for girth in girths
        ]
        self.spans[name] = ("largest_loop" if largest else "smallest_loop", pieces)

    def joint_point(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        return np.array([self.vertex_count + _JOINT[name]]), np.array([1.0])

    def girth_near(self, height: float, x: float, z: float) -> _Girth | None:
        """Hull girth of the largest cross-section loop around ``(x, z)``, else of the loop nearest it.

        The largest loop is taken because a mesh may hold inner loops there (mouth, eyes).
        """
        loops = [_Girth(*loop) for loop in self.slicer.section_loops(height)]
        loops = [girth for girth in loops if girth.valid]
        if not loops:
            return None
        around = [girth for girth in loops if _hull_contains(girth.points_xz, x, z)]
        if around:
            return max(around, key=lambda girth: girth.length)
        return min(loops, key=lambda girth: np.hypot(*(girth.points_xz.mean(axis=0) - (x, z))))

    def torso_girth(self, height: float) -> _Girth | None:
        """Hull girth of the loop around the spine at ``height`` (None where the legs are apart)."""
        x, z = self._spine_at(height)
        spanning = [
            loop
            for loop in self.slicer.section_loops(height)
            if loop[2][:, 0].min() < x < loop[2][:, 0].max()
        ]
        girths = [_Girth(*loop, height=height) for loop in spanning]
        around = [girth for girth in girths if girth.valid and _hull_contains(girth.points_xz, x, z)]
        return max(around, key=lambda girth: girth.length) if around else None

    def _spine_at(self, height: float) -> tuple[float, float]:
        chain = [self.joint(name) for name in ("pelvis", "spine1", "spine2", "spine3", "neck")]
        ys = np.array([j[1] for j in chain])
        return float(np.interp(height, ys, [j[0] for j in chain])), float(
            np.interp(height, ys, [j[2] for j in chain])
        )

    def torso_level(self, fraction: float) -> float:
        pelvis_y, neck_y = self.joint("pelvis")[1], self.joint("neck")[1]
        return float(pelvis_y + fraction * (neck_y - pelvis_y))

    def torso_girths(self, low: float, high: float, largest: bool) -> list[_Girth]:
        """Torso girths between two levels, in search of the largest (or smallest): a coarse scan,
        then a fine one around the best coarse level."""
        coarse = self._torso_girths(np.arange(low, high, _COARSE_STEP_M))
        if not coarse:
            raise MeshNotMeasurableError(
                f"The mesh has no torso between heights {low:.2f} and {high:.2f} m; measure a body standing "
                "Y up in its rest pose, arms away from the torso."
            )
        pick = max if largest else min
        best = pick(coarse, key=lambda girth: girth.length)
        fine_low = max(low, best.height - _COARSE_STEP_M)
        fine_high = min(high, best.height + _COARSE_STEP_M)
        return coarse + self._torso_girths(np.arange(fine_low, fine_high, _SLICE_STEP_M))

    def _torso_girths(self, heights: np.ndarray) -> list[_Girth]:
        girths = [self.torso_girth(height) for height in heights]
        return [girth for girth in girths if girth is not None]

    def armpit_height(self) -> float:
        """Highest level, below the shoulder joints, where the arms are loops apart from the torso."""
        low, high = self.torso_level(_CHEST_BAND_BOTTOM), self.torso_level(_ARMPIT_SEARCH_TOP)
        for height in np.arange(high, low, -_ARMPIT_STEP_M):
            x, _ = self._spine_at(height)
            centres = [points[:, 0].mean() for _, _, points in self.slicer.section_loops(height)]
            if any(c < x - 0.05 for c in centres) and any(c > x + 0.05 for c in centres):
                return float(height)
        return high

    def crotch(self) -> tuple[np.ndarray, np.ndarray, float]:
        """Lowest point of the torso between the legs: edges cut by the plane ``x = pelvis x``."""
        pelvis = self.joint("pelvis")
        knee_y = 0.5 * (self.joint("left_knee")[1] + self.joint("right_knee")[1])
        x = pelvis[0]
        edges = self.slicer.edges
        left = self.vertices[:, 0] < x
        cut = edges[left[edges[:, 0]] != left[edges[:, 1]]]
        start, end = self.vertices[cut[:, 0]], self.vertices[cut[:, 1]]
        t = (x - start[:, 0]) / (end[:, 0] - start[:, 0])
        points = start + t[:, None] * (end - start)
        between = (
            (points[:, 1] > knee_y) & (points[:, 1] < pelvis[1]) & (np.abs(points[:, 2] - pelvis[2]) < 0.2)
        )
        candidates = np.flatnonzero(between)
        if candidates.size == 0:
            raise MeshNotMeasurableError(
                "The mesh has no crotch between the knees and the pelvis; measure a body standing Y up "
                "in its rest pose."
            )
        lowest = candidates[np.argmin(points[candidates, 1])]
        return cut[lowest], np.array([1.0 - t[lowest], t[lowest]]), float(points[lowest, 1])

    def shoulder_point(self, side: str) -> tuple[np.ndarray, np.ndarray]:
        """Where the top of the ``side`` shoulder turns down into the arm (standing in for the acromion).

        Along the top outline of the frontal plane through the shoulder joint, from half-way out
        to the shoulder joint as far as the elbow, it is the point farthest from the chord joining
        the outline's ends: found every 5 mm, then every 1 mm around the best.
        """
        joint, elbow, neck = self.joint(f"{side}_shoulder"), self.joint(f"{side}_elbow"), self.joint("neck")
        start, end = 0.5 * (neck[0] + joint[0]), elbow[0]
        outline = self._top_outline(
            np.linspace(start, end, 1 + int(abs(end - start) / _OUTLINE_STEP_M)), joint[2]
        )
        if len(outline) < 3:
            raise MeshNotMeasurableError(
                f"The mesh has no shoulder outline between the neck and the {side} elbow; measure a body "
                "standing Y up in its rest pose, arms away from the torso."
            )
        first, last = outline[0], outline[-1]
        chord = np.array([last[0] - first[0], last[3] - first[3]])
        normal = np.array([-chord[1], chord[0]]) / np.linalg.norm(chord)

        def farthest(points):
            return max(
                points, key=lambda p: abs((p[0] - first[0]) * normal[0] + (p[3] - first[3]) * normal[1])
            )

        coarse = farthest(outline)
        near = np.arange(coarse[0] - _OUTLINE_STEP_M, coarse[0] + _OUTLINE_STEP_M, _SLICE_STEP_M / 2)
        best = farthest([coarse] + self._top_outline(near, joint[2]))
        return best[1], best[2]

    def _top_outline(self, xs: np.ndarray, z: float) -> list[tuple[float, np.ndarray, np.ndarray, float]]:
        """(x, triangle corners, barycentric, y) of the highest surface point above each ``(x, z)``."""
        outline = []
        for x in xs:
            hits = self.slicer.vertical_hits(x, z)
            if hits:
                corners, barycentric, y = max(hits, key=lambda hit: hit[2])
                outline.append((float(x), corners, barycentric, y))
        return outline


def plan_measurements(vertices: np.ndarray, faces: np.ndarray, joints: np.ndarray) -> MeasurementPlan:
    """Find where each measurement of ``ALL_MEASUREMENT_KEYS`` is taken on this body.

    Parameters
    ----------
    vertices : (V, 3) float
        Rest-pose mesh, metres, Y up, facing +Z.
    faces : (F, 3) int
    joints : (24, 3) float
        SMPL joints of the same mesh.

    Returns
    -------
    MeasurementPlan
    """
    planner = _Planner(vertices, faces, joints)
    vertices = planner.vertices
    top, floor = int(np.argmax(vertices[:, 1])), int(np.argmin(vertices[:, 1]))
    planner.add("height", "rise", [np.array([floor]), np.array([top])], [np.array([1.0]), np.array([1.0])])

    crotch_edge, crotch_weights, crotch_y = planner.crotch()
    planner.add("inseam", "rise", [np.array([floor]), crotch_edge], [np.array([1.0]), crotch_weights])

    waist_low, waist_high = planner.torso_level(_WAIST_BAND[0]), planner.torso_level(_WAIST_BAND[1])
    planner.add_girths("waist", planner.torso_girths(waist_low, waist_high, largest=False), largest=False)
    hip_top = planner.torso_level(_HIP_BAND_TOP)
    planner.add_girths(
        "hip", planner.torso_girths(crotch_y + _SLICE_STEP_M, hip_top, largest=True), largest=True
    )
    armpit = planner.armpit_height()
    chest_low = planner.torso_level(_CHEST_BAND_BOTTOM)
    planner.add_girths("chest", planner.torso_girths(chest_low, armpit, largest=True), largest=True)

    left_shoulder, right_shoulder = planner.shoulder_point("left"), planner.shoulder_point("right")
    planner.add(
        "shoulder_width",
        "path",
        [left_shoulder[0], right_shoulder[0]],
        [left_shoulder[1], right_shoulder[1]],
    )
    neck, head = planner.joint("neck"), planner.joint("head")
    neck_levels = neck[1] + np.array(_NECK_BAND) * (head[1] - neck[1])
    neck_girths = [planner.girth_near(y, neck[0], neck[2]) for y in np.arange(*neck_levels, _ARMPIT_STEP_M)]
    planner.add_girths("neck", neck_girths, largest=False)
    elbow, wrist = planner.joint_point("left_elbow"), planner.joint_point("left_wrist")
    planner.add(
        "arm_length", "path", [left_shoulder[0], elbow[0], wrist[0]], [left_shoulder[1], elbow[1], wrist[1]]
    )
    hip_joint = planner.joint("left_hip")
    thigh = planner.girth_near(crotch_y - _THIGH_BELOW_CROTCH_M, hip_joint[0], hip_joint[2])
    planner.add_girths("thigh", [thigh], largest=True)

    weights = scipy.sparse.csr_matrix(
        (
            np.concatenate(planner.values),
            (np.concatenate(planner.rows), np.concatenate(planner.columns)),
        ),
        shape=(planner.point_count, planner.vertex_count + len(SMPL_JOINT_NAMES)),
    )
    return MeasurementPlan(weights=weights, spans=planner.spans)


def evaluate_plan(plan: MeasurementPlan, vertices: np.ndarray, joints: np.ndarray) -> dict[str, float]:
    """Measurements (cm) of a mesh from a plan made on the same topology.

    Parameters
    ----------
    plan : MeasurementPlan
    vertices : (V, 3) float
    joints : (24, 3) float

    Returns
    -------
    dict[str, float]
        ``ALL_MEASUREMENT_KEYS`` in cm.
    """
    points = plan.weights @ np.concatenate([vertices, joints]).astype(np.float64)
    measurements = {}
    for name, (kind, pieces) in plan.spans.items():
        if kind == "path":
            (start, stop), *_ = pieces
            length = float(np.linalg.norm(np.diff(points[start:stop], axis=0), axis=1).sum())
        elif kind == "rise":
            (start, _), *_ = pieces
            length = float(points[start + 1, 1] - points[start, 1])
        else:
            loops = [_loop_perimeter(points[start:stop][:, [0, 2]]) for start, stop in pieces]
            length = max(loops) if kind == "largest_loop" else min(loops)
        measurements[name] = 100.0 * length
    return measurements


def girth_heights(vertices: np.ndarray, faces: np.ndarray, joints: np.ndarray) -> dict[str, float]:
    """The level (y, metres, same frame as ``vertices``) at which each girth is taken.

    Parameters
    ----------
    vertices : (V, 3) float
        Rest-pose mesh, metres, Y up, facing +Z.
    faces : (F, 3) int
    joints : (24, 3) float

    Returns
    -------
    dict[str, float]
        ``chest``, ``waist``, ``hip``, ``neck``, ``thigh``.
    """
    plan = plan_measurements(vertices, faces, joints)
    points = plan.weights @ np.concatenate([vertices, joints]).astype(np.float64)
    heights = {}
    for name, (kind, pieces) in plan.spans.items():
        if kind in ("largest_loop", "smallest_loop"):
            loops = [points[start:stop] for start, stop in pieces]
            perimeters = [_loop_perimeter(loop[:, [0, 2]]) for loop in loops]
            pick = np.argmax if kind == "largest_loop" else np.argmin
            heights[name] = float(loops[int(pick(perimeters))][:, 1].mean())
    return heights


def measure_body(vertices: np.ndarray, faces: np.ndarray, joints: np.ndarray) -> dict[str, float]:
    """Tailor's measurements of a rest-pose body.

    Parameters
    ----------
    vertices : (V, 3) float
        Metres, Y up, facing +Z, arms away from the torso (the model's rest pose).
    faces : (F, 3) int
    joints : (24, 3) float
        SMPL joints.

    Returns
    -------
    dict[str, float]
        ``ALL_MEASUREMENT_KEYS`` in cm, rounded to 0.01 cm.
    """
    plan = plan_measurements(vertices, faces, joints)
    measured = evaluate_plan(plan, vertices, joints)
    return {key: round(measured[key], 2) for key in ALL_MEASUREMENT_KEYS}


def torso_girth_cm(
    vertices: np.ndarray, faces: np.ndarray, joints: np.ndarray, height: float
) -> float | None:
    """Torso girth (cm) at ``height`` (y, m), as a tape round the trunk reads it (the convex hull of the
    torso's cross-section, arms left out); None where the plane misses the torso (between the legs).

    Parameters
    ----------
    vertices : (V, 3) float
        Rest-pose mesh, metres, Y up.
    faces : (F, 3) int
    joints : (24, 3) float
    height : float
        m.
    """
    girth = _Planner(vertices, faces, joints).torso_girth(float(height))
    return None if girth is None else 100.0 * girth.length
