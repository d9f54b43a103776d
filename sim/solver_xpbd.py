"""Extended position-based dynamics for cloth, in Taichi.

Each substep predicts positions under gravity, projects every constraint family once, resolves body
contact (at vertices and at triangle centres) and self contact, and derives velocities from the
change in position. Following Macklin, Storey, Lu,
Terdiman, Chentanez, Jeschke & Müller ("Small steps in physics simulation", SCA 2019) the solver takes
many substeps of one iteration each, so the Lagrange multipliers start at zero every substep and one
XPBD update per constraint is the whole solve (Macklin, Müller & Chentanez, "XPBD: position-based
simulation of compliant constrained dynamics", MIG 2016, eq. 18):

    Δλ = (-C - α̃ λ) / (Σ_i w_i |∇_i C|² + α̃),   α̃ = α / Δt²,   Δx_i = w_i ∇_i C Δλ

with α the compliance (inverse stiffness) of the constraint. The constraint families are in-plane
stretch and shear per triangle (warp, weft and shear of the deformation gradient against the flat
pattern, solved together from the same positions), isometric bending per interior edge, and stitches.
On the CPU a whole frame is one launch: each family is a serial Gauss-Seidel sweep in mesh order. On
CUDA each colour of a family (no two constraints of a colour share a vertex) is one parallel launch.
Both orders are fixed, so a drape is the same on every run.

Known bias: with one iteration per substep, cloth hanging under its own weight settles stretched
by about ``3 n g h² / edge`` more than it should (``n`` vertices hanging below, ``h`` the substep), a
consequence of Gauss-Seidel passing the load down only partly each sweep; the test of a hanging strip
and :class:`sim.drape.Drape`'s default of 20 substeps per 60 Hz frame are sized by it.
"""

import numpy as np
import taichi as ti

from fitroom.defaults import SUBSTEPS
from sim.collision.body_collider import BodyCollider
from sim.collision.self_contacts import SelfContacts
from sim.device import device_array, init_taichi
from sim.girth_stop import GirthStop, lift_waistline
from sim.model import Model
from sim.state import State
from sim.waistline_limit import WaistlineLoop, solve_waistline
from sim.xpbd_constraints import (
    solve_bending,
    solve_stitches,
    solve_stretch,
    stretch_coefficients,
    stretch_compliance,
)
from sim.xpbd_contact import (
    collide_edges,
    collide_face_centres,
    collide_vertices,
)
from sim.xpbd_frame import SUBSTEP_SETTINGS, advance_serial, finish, integrate

__all__ = ["SolverXPBD"]


class SolverXPBD:
    """Advance a cloth :class:`State` by one frame of substeps against a body and itself.

    Parameters
    ----------
    model : Model
    collider : BodyCollider, optional
        The body; without one the cloth only meets itself.
    self_collision : bool
        Keep layers of cloth apart.
    gravity : (3,) float
        m/s².
    damping : float
        Velocity damping, 1/s (air drag and internal friction of the fabric together).
    sew_speed : float
        How fast seams close, m/s (each stitch's allowed gap shrinks at this speed from its first gap).
    max_speed : float
        Velocities are clamped to this, m/s (the first line of defence against blow-ups).
    substeps : int
        Substeps per :meth:`step`.
    colored : bool, optional
        Project constraints colour by colour in parallel launches (the CUDA path) rather than in one
        serial launch per frame (the CPU path); by default, by the device Taichi runs on.
    floor_height : float, optional
        Height (y, m) of a floor with the body's friction, e.g. at the soles; by default none.
    waistline : WaistlineLoop, optional
        A skirt's or trousers' waistline, held to its fabric's wearable length every substep
        (:mod:`sim.waistline_limit`); by default none.
    girth_stop : GirthStop, optional
        The lowest that waistline can sit on the body (:mod:`sim.girth_stop`); by default none.
    """

    def __init__(
        self,
        model: Model,
        collider: BodyCollider | None = None,
        self_collision: bool = True,
        gravity: tuple[float, float, float] = (0.0, -9.81, 0.0),
        damping: float = 1.0,
        sew_speed: float = 0.5,
        max_speed: float = 5.0,
        substeps: int = SUBSTEPS,
        colored: bool | None = None,
        floor_height: float | None = None,
        waistline: WaistlineLoop | None = None,
        girth_stop: GirthStop | None = None,
    ):
        self.model = model
        self.waistline = waistline or WaistlineLoop(
            np.zeros(0, np.int32), np.zeros((0, 2), np.int32), np.zeros(0, np.int32), 0.0
        )
        self.girth_stop = girth_stop
        self.floor_height = -1e30 if floor_height is None else float(floor_height)
        self.collider = collider
        self.self_collision = self_collision
        self.gravity = ti.Vector([float(g) for g in gravity])
        self.damping = float(damping)
        self.sew_speed = float(sew_speed)
        self.max_speed = float(max_speed)
        self.substeps = int(substeps)
        # On the CPU a whole frame is one launch of ordered sweeps; on CUDA each colour is a parallel launch.
        self.serial = init_taichi() == "cpu" if colored is None else not colored
        self._waist = self.waistline.device_arrays()
        m = model
        # The CPU sweeps constraints in mesh order, which keeps neighbouring vertices in cache; CUDA
        # needs them colour by colour.
        face_order = np.arange(m.face_count) if self.serial else m.stretch_order
        bend_order = np.arange(len(m.bend_stencils)) if self.serial else m.bend_order
        self.arrays = {
            "faces": device_array(m.faces, ti.i32, vector=3),
            "inverse_mass": device_array(m.inverse_mass, ti.f32),
            "stretch_faces": device_array(m.faces[face_order], ti.i32, vector=3),
            "stretch_coefficients": device_array(stretch_coefficients(m)[face_order], ti.f32, matrix=(4, 3)),
            "stretch_compliance": device_array(stretch_compliance(m)[face_order], ti.f32, vector=6),
            "bend_stencils": device_array(m.bend_stencils[bend_order], ti.i32, vector=4),
            "bend_weights": device_array(m.bend_weights[bend_order], ti.f32, vector=4),
            "bend_compliance": device_array(m.bend_compliance[bend_order], ti.f32),
            "stitches": device_array(m.stitches, ti.i32, vector=2),
            "representative": device_array(m.representative, ti.i32),
            "neighbour_offsets": device_array(m.neighbour_offsets, ti.i32),
            "neighbours": device_array(np.r_[m.neighbours, -1].astype(np.int32), ti.i32),
            "edges": device_array(m.edges, ti.i32, vector=2),
            "face_edges": device_array(m.face_edges, ti.i32, vector=3),
            "rest_uv": device_array(m.rest_uv, ti.f32, vector=2),
            "vertex_piece": device_array(m.vertex_piece, ti.i32),
        }
        self.x_prev = ti.Vector.ndarray(3, ti.f32, shape=m.vertex_count)
        self.x_next = ti.Vector.ndarray(3, ti.f32, shape=m.vertex_count)
        self.contact_push = ti.ndarray(ti.f32, shape=m.vertex_count)
        self.contact_push.fill(0.0)
        # Self-contact corrections of triangle corners, added to the positions at the end of a substep.
        self.shove = ti.Vector.ndarray(3, ti.f32, shape=m.vertex_count)
        self.shove.fill(0.0)
        # Self-contact separation of each vertex this substep, which moves it without velocity.
        self.separation = ti.Vector.ndarray(3, ti.f32, shape=m.vertex_count)
        self.separation.fill(0.0)
        if collider is None:
            self._body_distance = ti.ndarray(ti.f32, shape=(2, 2, 2))
            self._body_distance.fill(1.0)
            self._body_velocity = ti.Vector.ndarray(3, ti.f32, shape=(2, 2, 2))
            self._body_velocity.fill(0.0)
        self._no_candidates = ti.ndarray(ti.i32, shape=(m.vertex_count, 1))
        self._no_candidate_count = ti.ndarray(ti.i32, shape=m.vertex_count)
        self._no_candidate_count.fill(0)
        self._no_edge_candidates = ti.ndarray(ti.i32, shape=(len(m.edges), 1))
        self._no_edge_candidate_count = ti.ndarray(ti.i32, shape=len(m.edges))
        self._no_edge_candidate_count.fill(0)

    def make_contacts(self, reach: float) -> SelfContacts:
        """Self-contact candidate lists for this model, to refresh with :meth:`collide`."""
        return SelfContacts(
            self.model.vertex_count,
            self.model.face_count,
            self.arrays,
            reach=reach,
            cell_size=max(self.model.max_edge, 2.0 * reach),
            serial=self.serial,
        )

    def collide(self, state: State, contacts: SelfContacts) -> SelfContacts:
        """Refresh ``contacts`` for the cloth in ``state`` (once per frame)."""
        contacts.update(state.positions)
        return contacts

    def step(
        self, state_in: State, state_out: State, dt: float, contacts: SelfContacts | None = None
    ) -> None:
        """Advance ``state_in`` by ``dt`` seconds into ``state_out`` in ``substeps`` substeps.

        ``state_out`` may be ``state_in``; nothing but ``state_out`` changes (the solver's own arrays
        are scratch space and the pressure record). Both are states of this solver's model
        (:meth:`sim.model.Model.state`). Self contact uses the candidate lists in ``contacts``
        (refresh them with :meth:`collide` before each call).
        """
        stitches = self.model.stitches
        if state_out.stitch_count != len(stitches) or state_in.stitch_count != len(stitches):
            raise ValueError(
                f"the states have room for {state_in.stitch_count} and {state_out.stitch_count} stitches "
                f"but the model has {len(stitches)}: make them with Model.state"
            )
        if state_out is not state_in:
            state_out.copy_from(state_in)
        if not state_out.sewing_started and len(stitches):
            positions = state_out.positions_numpy()
            gaps = np.linalg.norm(positions[stitches[:, 1]] - positions[stitches[:, 0]], axis=1)
            state_out.stitch_length.from_numpy(gaps.astype(np.float32))
        state_out.sewing_started = True
        a = self.arrays
        x, v = state_out.positions, state_out.velocities
        if self.collider is not None:
            distance, velocity = self.collider.distance, self.collider.velocity
            origin, spacing = ti.Vector(self.collider.origin.tolist()), self.collider.spacing
        else:
            distance, velocity, origin, spacing = (
                self._body_distance,
                self._body_velocity,
                ti.Vector([0.0] * 3),
                1.0,
            )
        if contacts is not None and self.self_collision:
            candidates, counts = contacts.candidates, contacts.candidate_count
            edge_candidates, edge_counts = contacts.edge_candidates, contacts.edge_candidate_count
        else:
            candidates, counts = self._no_candidates, self._no_candidate_count
            edge_candidates, edge_counts = self._no_edge_candidates, self._no_edge_candidate_count
        h = dt / self.substeps
        velocity_keep = float(np.exp(-self.damping * h))
        waist_lowest = -1e30
        if self.girth_stop is not None and self._waist["edge_count"]:
            waist_lowest = max(self.girth_stop.lowest_now(state_out.stitch_length.to_numpy()), -1e30)
        thickness = self.model.thickness
        if self.serial:
            settings = SUBSTEP_SETTINGS(
                dt=h,
                velocity_keep=velocity_keep,
                max_speed=self.max_speed,
                sew_step=self.sew_speed * h,
                cloth_thickness=thickness,
                body_thickness=thickness,
                friction=self.model.friction,
                spacing=spacing,
                floor_height=self.floor_height,
                waist_longest=self.waistline.longest,
                waist_lowest=waist_lowest,
                waist_vertex_count=self._waist["vertex_count"],
                waist_edge_count=self._waist["edge_count"],
            )
            advance_serial(
                x,
                v,
                self.x_prev,
                self.x_next,
                a["inverse_mass"],
                a["faces"],
                a["stretch_faces"],
                a["stretch_coefficients"],
                a["stretch_compliance"],
                a["bend_stencils"],
                a["bend_weights"],
                a["bend_compliance"],
                a["stitches"],
                state_out.stitch_length,
                candidates,
                counts,
                a["edges"],
                edge_candidates,
                edge_counts,
                distance,
                velocity,
                self.contact_push,
                self.shove,
                self.separation,
                self._waist["vertices"],
                self._waist["edges"],
                self._waist["stitch"],
                self._waist["gradient"],
                self.gravity,
                origin,
                settings,
                self.substeps,
                self._waist["edge_count"] > 0,
            )
            return
        inverse_dt2 = 1.0 / (h * h)
        for _ in range(self.substeps):
            integrate(x, v, self.x_prev, a["inverse_mass"], self.gravity, h, velocity_keep, self.max_speed)
            for begin, end in self._ranges(self.model.stretch_colors):
                solve_stretch(
                    x,
                    a["stretch_faces"],
                    a["stretch_coefficients"],
                    a["stretch_compliance"],
                    begin,
                    end,
                    inverse_dt2,
                )
            for begin, end in self._ranges(self.model.bend_colors):
                solve_bending(
                    x,
                    a["inverse_mass"],
                    a["bend_stencils"],
                    a["bend_weights"],
                    a["bend_compliance"],
                    begin,
                    end,
                    inverse_dt2,
                )
            for begin, end in self._ranges(self.model.stitch_colors):
                solve_stitches(
                    x,
                    a["inverse_mass"],
                    a["stitches"],
                    state_out.stitch_length,
                    begin,
                    end,
                    self.sew_speed * h,
                )
            if self._waist["edge_count"]:
                solve_waistline(
                    x,
                    a["inverse_mass"],
                    state_out.stitch_length,
                    self._waist["vertices"],
                    self._waist["edges"],
                    self._waist["stitch"],
                    self._waist["gradient"],
                    self._waist["vertex_count"],
                    self._waist["edge_count"],
                    self.waistline.longest,
                )
            collide_edges(
                self.x_prev,
                x,
                a["inverse_mass"],
                a["edges"],
                edge_candidates,
                edge_counts,
                thickness,
                self.separation,
            )
            collide_vertices(
                self.x_prev,
                x,
                self.x_next,
                a["inverse_mass"],
                a["faces"],
                candidates,
                counts,
                thickness,
                distance,
                velocity,
                origin,
                spacing,
                thickness,
                self.model.friction,
                self.floor_height,
                h,
                self.contact_push,
                self.shove,
                self.separation,
            )
            collide_face_centres(
                self.x_next, a["inverse_mass"], a["faces"], distance, origin, spacing, thickness
            )
            if self._waist["edge_count"]:
                lift_waistline(
                    self.x_next,
                    a["inverse_mass"],
                    self._waist["vertices"],
                    self._waist["vertex_count"],
                    waist_lowest,
                )
            finish(x, v, self.x_prev, self.x_next, self.shove, self.separation, h)

    @staticmethod
    def _ranges(offsets: np.ndarray) -> list[tuple[int, int]]:
        return [(int(b), int(e)) for b, e in zip(offsets[:-1], offsets[1:], strict=True)]
