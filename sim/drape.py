"""Drape a garment on a body: the high-level object the viewer and the command line use.

A :class:`Drape` owns a :class:`~sim.model.Model`, a :class:`~sim.state.State`, the body collider and a
:class:`~sim.solver_xpbd.SolverXPBD`. Each :meth:`Drape.step` advances one frame, watches for blow-ups
(a non-finite position or a jump no fabric makes in a frame), and re-runs a bad frame from its start
(positions and the seams' progress) with the velocities zeroed and twice the substeps, which it keeps
from then on.
"""

import time

import numpy as np
import taichi as ti

from fitroom.defaults import FPS, MAX_FRAMES, SUBSTEPS
from sim.collision.body_collider import BodyCollider
from sim.collision.contact_worker import CONTACT_WORKER_MIN_VERTICES, contact_worker_available
from sim.collision.self_intersections import self_intersecting_pairs
from sim.contact_schedule import ContactSchedule
from sim.device import init_taichi
from sim.errors import DrapeInputError
from sim.girth_stop import GirthStop
from sim.height_hold import HeightHold
from sim.metrics import face_deformation, principal_strain, principal_stress, ring_gap
from sim.model import Model
from sim.result import DrapeResult
from sim.solver_xpbd import SolverXPBD
from sim.waistline_limit import WaistlineLoop

__all__ = ["Drape", "SETTLE_MOVE_M", "SETTLE_SHARE"]

SETTLE_MOVE_M = 0.5e-3
SETTLE_SHARE = 0.015
_BLOW_UP_JUMP_M = 0.25
_GRID_MARGIN_M = 0.12
_CONTACT_SLACK_M = 1e-3
_RING_HALF_WIDTH_M = 0.01
_LONGEST_SUBSTEP_S = 1.0 / 200.0


@ti.kernel
def _frame_motion(
    x: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    x_start: ti.types.ndarray(dtype=ti.math.vec3, ndim=1),
    moved_threshold: ti.f32,
    jump_threshold: ti.f32,
) -> ti.math.ivec3:
    moved = 0
    broken = 0
    largest_um = 0
    for i in x:
        step = (x[i] - x_start[i]).norm()
        if not (step <= jump_threshold):
            broken += 1
        else:
            ti.atomic_max(largest_um, ti.cast(step * 1e6, ti.i32) + 1)
            if step > moved_threshold:
                moved += 1
    return ti.Vector([moved, broken, largest_um])


def _array(values, shape_tail: tuple, dtype, name: str) -> np.ndarray:
    values = np.asarray(values)
    if values.ndim != 1 + len(shape_tail) or values.shape[1:] != shape_tail:
        raise DrapeInputError(
            f"{name} must have shape (N, {', '.join(map(str, shape_tail))}), not {values.shape}."
        )
    if np.issubdtype(dtype, np.floating) and not np.all(np.isfinite(values)):
        raise DrapeInputError(f"{name} holds NaN or infinite values.")
    return np.ascontiguousarray(values, dtype)


class Drape:
    """A garment being sewn and draped on a body, advanced frame by frame.

    Parameters
    ----------
    body_vertices : (Vb, 3) float32
        Body mesh, m, Y up.
    body_faces : (Fb, 3) int32
    rest_uv : (V, 2) float32
        Flat pattern coordinates, m.
    faces : (F, 3) int32
    positions : (V, 3) float32
        Initial 3D positions around the body, m.
    stitches : (S, 2) int32
        Vertex pairs to sew.
    grain : (F, 2) float32
        Warp direction of each face in ``rest_uv``.
    face_material : (F,) int32
        Index into ``materials``.
    materials : list[str]
        Material preset names (:data:`sim.MATERIALS`).
    pins : (P,) int, optional
        Vertices held where they start.
    device : {"auto", "cpu", "cuda"}
    fps : float
        Frames per simulated second; each :meth:`step` is ``1 / fps`` s.
    substeps : int
        Solver substeps per frame, raised for slow frame rates so that no substep exceeds 5 ms.
        XPBD with one iteration per substep lets fabric that hangs under its own weight settle
        over-stretched by roughly ``3 n g h² / edge`` (``n`` vertices hanging below, ``h`` the
        substep); 20 substeps at 60 fps keep a T-shirt's strain within about two points of a run at
        80, while 10 read about twenty points high at the 95th percentile. Finer meshes need more in
        proportion (:func:`fitroom.defaults.substeps_for_edge`). Pass 10 where interactivity matters
        more than the strain figures.
    self_collision : bool
    hold : (H,) int, optional
        Vertices (a skirt's or trousers' waistline) held at their starting height while the garment is
        sewn, then lowered until the body carries them (:mod:`sim.height_hold`); the drape is not at
        rest before the hold has ended. Their edges along the top opening are a waistline that
        cannot grow, as a whole, past its flat length (:mod:`sim.waistline_limit`).
    hold_lowest : float, optional
        Height (y, m) at which the lowered hold lets go whatever it carries; by default the floor.
    hold_girths : (N, 2) float, optional
        The body's trunk girths below the held waistline: rows of (height m, convex-hull girth m). The
        waistline is then kept from sinking below the level where the body is as wide round as it is
        long (:mod:`sim.girth_stop`).
    contact_worker : bool, optional
        Build self-contact lists one frame ahead in a second process (:mod:`sim.collision.contact_worker`). By
        default, on the CPU for garments of at least 2,000 vertices when two cores are free to use.

    Examples
    --------
    >>> drape = Drape(body.vertices, body.faces, g.rest_uv, g.faces, g.positions, g.stitches,
    ...               g.grain, g.face_material, g.materials)
    >>> result = drape.run(max_frames=600, ring_heights={"chest": 1.30, "waist": 1.08, "hip": 0.92})
    >>> result.summary()["strain_pct"]
    """

    def __init__(
        self,
        body_vertices: np.ndarray,
        body_faces: np.ndarray,
        rest_uv: np.ndarray,
        faces: np.ndarray,
        positions: np.ndarray,
        stitches: np.ndarray,
        grain: np.ndarray,
        face_material: np.ndarray,
        materials: list[str],
        pins: np.ndarray | None = None,
        device: str = "auto",
        fps: float = FPS,
        substeps: int = SUBSTEPS,
        self_collision: bool = True,
        hold: np.ndarray | None = None,
        hold_lowest: float | None = None,
        hold_girths: np.ndarray | None = None,
        contact_worker: bool | None = None,
    ):
        if not fps > 0:
            raise DrapeInputError(f"fps must be positive, not {fps}.")
        self.device = init_taichi(device)
        body_vertices = _array(body_vertices, (3,), np.float32, "body_vertices")
        positions = _array(positions, (3,), np.float32, "positions")
        rest_uv = _array(rest_uv, (2,), np.float32, "rest_uv")
        if len(positions) != len(rest_uv):
            raise DrapeInputError(f"positions has {len(positions)} vertices but rest_uv has {len(rest_uv)}.")
        self.model = Model.from_arrays(rest_uv, faces, stitches, grain, face_material, materials, pins=pins)
        self.fps = float(fps)
        # However long a frame, no substep is longer than _LONGEST_SUBSTEP_S.
        self.base_substeps = max(int(substeps), int(np.ceil(1.0 / (self.fps * _LONGEST_SUBSTEP_S))))
        # The grid reaches below the garment by half its size: room for it to fall and drape.
        low = positions.min(0) - _GRID_MARGIN_M - [0.0, 0.5 * np.ptp(positions, axis=0).max(), 0.0]
        high = positions.max(0) + _GRID_MARGIN_M
        body_low = body_vertices.min(0) - _GRID_MARGIN_M
        body_high = body_vertices.max(0) + _GRID_MARGIN_M
        if np.all(np.maximum(low, body_low) < np.minimum(high, body_high)):
            low, high = np.maximum(low, body_low), np.minimum(high, body_high)
        self.collider = BodyCollider(body_vertices, body_faces, low, high)
        # The floor is where the body stands: the soles of its feet.
        floor = float(body_vertices[:, 1].min())
        held = np.zeros(0, np.int64) if hold is None else np.asarray(hold, np.int64).ravel()
        if held.size and (held.min() < 0 or held.max() >= len(positions)):
            raise DrapeInputError("hold names vertices that do not exist.")
        waistline = WaistlineLoop.of_waistline(self.model, held, positions)
        self.solver = SolverXPBD(
            self.model,
            self.collider,
            self_collision,
            substeps=self.base_substeps,
            floor_height=floor,
            waistline=waistline,
            girth_stop=None
            if hold_girths is None
            else GirthStop.of_body(waistline, hold_girths, self.model.thickness),
        )
        # Velocities are clamped, so a frame moves no vertex further than this unless it blew up.
        self._jump_limit = _BLOW_UP_JUMP_M + self.solver.max_speed / self.fps
        self.state = self.model.state(positions)
        self.hold = HeightHold(held, positions[held, 1], floor if hold_lowest is None else hold_lowest, fps)
        self._frame_start = self.model.state(positions)
        use_worker = contact_worker
        if use_worker is None:
            use_worker = (
                self.device == "cpu"
                and self_collision
                and self.model.vertex_count >= CONTACT_WORKER_MIN_VERTICES
                and contact_worker_available()
            )
        self.contact_schedule = ContactSchedule(
            self.solver, self.model, positions, use_worker and self_collision
        )
        self._body_moving = False
        self.frames = 0
        self.wall_seconds = 0.0
        self.recoveries = 0
        self.dropped_frames = 0
        self.last_moved_share = 1.0

    @property
    def sim_seconds(self) -> float:
        return self.frames / self.fps

    @property
    def settled(self) -> bool:
        """Nothing is held any more, and at most 1.5 % of the vertices moved more than 0.5 mm in the
        last frame."""
        return self.frames > 0 and self.hold.released and self.last_moved_share <= SETTLE_SHARE

    def set_body(self, vertices: np.ndarray) -> None:
        """Move the body (same topology) before the next frame; cloth in contact is carried by friction.

        Only the part of the body's distance grid that the cloth can reach in the coming frame is
        recomputed; the rest is brought up to date if the cloth later comes near it.
        """
        self.collider.update(
            _array(vertices, (3,), np.float32, "body vertices"),
            dt=1.0 / self.fps,
            near=self.state.positions_numpy(),
        )
        self._body_moving = True

    def step(self) -> np.ndarray:
        """Advance one frame (``1 / fps`` s) and return the garment positions, (V, 3) float32 m."""
        started = time.perf_counter()
        # Once the body has stopped, the rest of its grid is brought up to date only if the cloth
        # comes near a part that still holds an earlier pose.
        stale = self.collider.stale_away_from_cloth
        if stale and not self._body_moving and not self.collider.covers(self.state.positions_numpy()):
            self.collider.update(self.collider.vertices, dt=1.0 / self.fps)
            self.collider.stop()
        # The whole state is kept (seams included): a frame that is run again starts from it, at rest.
        self._frame_start.copy_from(self.state)
        self.solver.contact_push.fill(0.0)
        self.contact_schedule.refresh(self.state)
        while True:
            self.solver.step(self.state, self.state, 1.0 / self.fps, self.contacts)
            motion = _frame_motion(
                self.state.positions, self._frame_start.positions, SETTLE_MOVE_M, self._jump_limit
            )
            moved, broken, largest_um = (int(n) for n in motion)
            if broken == 0:
                break
            self.recoveries += 1
            self.state.copy_from(self._frame_start)
            self.state.velocities.fill(0.0)
            self.solver.contact_push.fill(0.0)
            if self.solver.substeps >= 8 * self.base_substeps:
                # Even eight times the substeps blow up: the frame is dropped, the cloth held where
                # it was, and the drape reported as still moving.
                moved, largest_um = self.model.vertex_count, int(1e6 * self._jump_limit)
                self.dropped_frames += 1
                break
            self.solver.substeps *= 2
        self.hold.apply(self.state, self.frames)
        self.contact_schedule.moved(largest_um * 1e-6)
        if self._body_moving:
            self.collider.stop()
            self._body_moving = False
        self.frames += 1
        self.last_moved_share = moved / self.model.vertex_count
        self.wall_seconds += time.perf_counter() - started
        return self.state.positions_numpy()

    @property
    def contacts(self):
        """The self-contact candidate lists in use (:class:`sim.collision.self_contacts.SelfContacts`)."""
        return self.contact_schedule.contacts

    @property
    def contact_lists(self) -> dict:
        """How many times the self-contact lists were built here, ahead or by the worker."""
        return self.contact_schedule.counts

    @property
    def contact_worker_used(self) -> bool:
        """Whether a worker process builds the self-contact lists."""
        return self.contact_schedule.worker is not None

    def close(self) -> None:
        """Stop the contact worker, if any (also done when the drape is garbage-collected)."""
        self.contact_schedule.close()

    def run(
        self,
        max_frames: int = MAX_FRAMES,
        ring_heights: dict | None = None,
        min_frames: int = 30,
        on_frame=None,
    ) -> DrapeResult:
        """Step until the garment is at rest or ``max_frames`` frames have passed; return the fit.

        Parameters
        ----------
        max_frames : int
        ring_heights : dict, optional
            Name -> height (m) of horizontal rings to measure the cloth-to-skin gap on (``chest``,
            ``waist``, ``hip``).
        min_frames : int
            Frames to run before testing for rest (sewing starts every garment in motion).
        on_frame : callable, optional
            ``on_frame(drape)`` after every frame (progress: ``drape.frames``, ``drape.last_moved_share``).
        """
        for _ in range(max_frames):
            self.step()
            if on_frame is not None:
                on_frame(self)
            if self.frames >= min_frames and self.settled:
                break
        return self.result(ring_heights, count_intersections=True)

    def result(self, ring_heights: dict | None = None, count_intersections: bool = False) -> DrapeResult:
        """Fit metrics of the current state; with ``count_intersections``, also the self-intersections
        (about a second for a garment of 10,000 faces, so not for every frame of the live viewer)."""
        model = self.model
        positions = self.state.positions_numpy()
        warp, weft = face_deformation(positions, model.faces, model.face_rest_inverse)
        strain, angle = principal_strain(warp, weft)
        stress = principal_stress(warp, weft, model.face_stiffness)
        skin_distance = self.collider.signed_distance(positions)
        gap_cm = 100.0 * skin_distance
        contact = skin_distance <= model.thickness + _CONTACT_SLACK_M
        mass = 1.0 / np.where(model.inverse_mass > 0, model.inverse_mass, np.inf)
        frame = 1.0 / self.fps
        substep = frame / self.solver.substeps
        pushed = self.solver.contact_push.to_numpy()
        pressure = mass * pushed / (substep * frame) / model.vertex_area
        rings = {
            name: ring_gap(positions, gap_cm, float(height), _RING_HALF_WIDTH_M)
            for name, height in (ring_heights or {}).items()
        }
        if len(model.stitches):
            gaps = np.linalg.norm(positions[model.stitches[:, 0]] - positions[model.stitches[:, 1]], axis=1)
            seam_gap_mm = 1000.0 * float(gaps.max())
        else:
            seam_gap_mm = 0.0
        return DrapeResult(
            positions=positions,
            strain_pct=strain.astype(np.float32),
            strain_angle_deg=angle.astype(np.float32),
            stress_n_per_m=stress.astype(np.float32),
            contact=contact,
            pressure_pa=pressure.astype(np.float32),
            gap_cm=gap_cm.astype(np.float32),
            gap_rings_cm=rings,
            penetration_pct=100.0 * float(np.mean(skin_distance < 0.0)),
            seam_gap_mm=seam_gap_mm,
            settled=self.settled,
            frames=self.frames,
            sim_seconds=self.sim_seconds,
            wall_seconds=self.wall_seconds,
            recoveries=self.recoveries,
            dropped_frames=self.dropped_frames,
            floor_height_m=self.solver.floor_height,
            self_intersecting_faces=(
                self_intersecting_pairs(positions, model.faces, model.representative)
                if count_intersections
                else None
            ),
            face_area_m2=model.face_area,
            wearable_strain_pct=np.array([m.wearable_strain_pct for m in model.materials], np.float32)[
                model.face_material
            ],
        )
