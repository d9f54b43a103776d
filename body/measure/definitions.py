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

import numpy as np
import scipy.sparse

from body.measure.plan import MeasurementPlan
from body.measure.slicing import Girth, MeshSlicer, hull_contains
from body.model_errors import MeshNotMeasurableError
from body.skeleton import SMPL_JOINT_NAMES

__all__ = ["ALL_MEASUREMENT_KEYS", "plan_measurements", "torso_girth_cm", "torso_girths_m"]

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

    def add_girths(self, name: str, girths: list[Girth], largest: bool) -> None:
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

    def girth_near(self, height: float, x: float, z: float) -> Girth | None:
        """Hull girth of the largest cross-section loop around ``(x, z)``, else of the loop nearest it.

        The largest loop is taken because a mesh may hold inner loops there (mouth, eyes).
        """
        loops = [Girth(*loop) for loop in self.slicer.section_loops(height)]
        loops = [girth for girth in loops if girth.valid]
        if not loops:
            return None
        around = [girth for girth in loops if hull_contains(girth.points_xz, x, z)]
        if around:
            return max(around, key=lambda girth: girth.length)
        return min(loops, key=lambda girth: np.hypot(*(girth.points_xz.mean(axis=0) - (x, z))))

    def torso_girth(self, height: float) -> Girth | None:
        """Hull girth of the loop around the spine at ``height`` (None where the legs are apart)."""
        x, z = self._spine_at(height)
        spanning = [
            loop
            for loop in self.slicer.section_loops(height)
            if loop[2][:, 0].min() < x < loop[2][:, 0].max()
        ]
        girths = [Girth(*loop, height=height) for loop in spanning]
        around = [girth for girth in girths if girth.valid and hull_contains(girth.points_xz, x, z)]
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

    def torso_girths(self, low: float, high: float, largest: bool) -> list[Girth]:
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

    def _torso_girths(self, heights: np.ndarray) -> list[Girth]:
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
    girth_m = torso_girths_m(vertices, faces, joints, np.array([height]))[0]
    return None if np.isnan(girth_m) else 100.0 * float(girth_m)


def torso_girths_m(
    vertices: np.ndarray, faces: np.ndarray, joints: np.ndarray, heights: np.ndarray
) -> np.ndarray:
    """Torso girths (m) at each of ``heights`` (N,) m, as :func:`torso_girth_cm` reads them, from one
    slicing of the mesh: (N,) float64, NaN where the plane misses the torso."""
    planner = _Planner(vertices, faces, joints)
    girths = [planner.torso_girth(float(height)) for height in np.asarray(heights, np.float64)]
    return np.array([np.nan if girth is None else girth.length for girth in girths])
