"""The benchmark's peer: the same garment mesh and body run through NVIDIA Newton's XPBD solver.

Newton (``pip install newton``, Apache-2.0, on NVIDIA Warp) is optional; :func:`newton_available`
says whether it imports. Newton has no sewing constraint, so each stitch becomes a spring whose rest
length shrinks at the sewing speed from the first gap to zero, as fitroom's stitches do; the cloth is
edge springs as in Newton's own hanging-cloth example, and the body a static triangle-mesh shape.

Newton's XPBD projects particle constraints Jacobi-style, which diverges once ``w k h²`` (inverse
mass times stiffness times substep squared) nears one. Garment particles weigh tens of milligrams, so
at a fabric's measured stiffness (jersey: 16.6 N/m) it blows up; the peer therefore runs with springs
softened to ``w k h² = 0.1`` at the lightest particle, the stiffest it keeps stable, and the benchmark
compares speed on the same mesh, body and substeps, not drape quality.
"""

import numpy as np

__all__ = ["NewtonDrape", "newton_available"]


def newton_available() -> str | None:
    """``None`` when Newton imports, else the reason it does not."""
    try:
        import warp

        warp.config.quiet = True
        import newton  # noqa: F401
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return None


class NewtonDrape:
    """A garment on a body in Newton, advanced one frame per :meth:`step`.

    Parameters
    ----------
    body_vertices : (Vb, 3) float32
    body_faces : (Fb, 3) int32
    rest_uv : (V, 2) float32
        Flat pattern coordinates, m: Newton takes its rest shape from these.
    positions : (V, 3) float32
        Where the garment starts, m.
    faces : (F, 3) int32
    stitches : (S, 2) int32
    density : float
        kg/m².
    friction, thickness : float
    device : {"cpu", "cuda"}
    fps : float
    substeps : int
    sew_speed : float
        m/s.
    """

    def __init__(
        self,
        body_vertices: np.ndarray,
        body_faces: np.ndarray,
        rest_uv: np.ndarray,
        positions: np.ndarray,
        faces: np.ndarray,
        stitches: np.ndarray,
        density: float,
        friction: float,
        thickness: float,
        device: str = "cpu",
        fps: float = 60,
        substeps: int = 10,
        sew_speed: float = 0.5,
    ):
        import warp as wp

        wp.config.quiet = True
        import newton

        self._wp = wp
        builder = newton.ModelBuilder(up_axis=newton.Axis.Y)
        builder.add_shape_mesh(
            body=-1, mesh=newton.Mesh(np.asarray(body_vertices, np.float32), np.asarray(body_faces).ravel())
        )
        builder.add_cloth_mesh(
            pos=wp.vec3(0.0, 0.0, 0.0),
            rot=wp.quat_identity(),
            scale=1.0,
            vel=wp.vec3(0.0, 0.0, 0.0),
            vertices=[wp.vec3(u, v, 0.0) for u, v in np.asarray(rest_uv, float)],
            indices=np.asarray(faces).ravel().tolist(),
            density=density,
            tri_ke=0.0,
            tri_ka=0.0,
            tri_kd=0.0,
            edge_ke=0.0,
            edge_kd=0.0,
            add_springs=True,
            spring_ke=1.0,
            spring_kd=0.0,
            particle_radius=thickness,
        )
        first_stitch_spring = len(builder.spring_indices) // 2
        for a, b in np.asarray(stitches).tolist():
            builder.add_spring(int(a), int(b), 1.0, 0.0, 0.0)
        self.model = builder.finalize(device=device)
        h = 1.0 / fps / substeps
        stable_stiffness = 0.1 / (float(self.model.particle_inv_mass.numpy().max()) * h * h)
        self.model.spring_stiffness.fill_(stable_stiffness)
        self.spring_stiffness_n_m = stable_stiffness
        start = np.ascontiguousarray(positions, np.float32)
        self._rest_length = self.model.spring_rest_length.numpy()
        stitches = np.asarray(stitches).reshape(-1, 2)
        self._rest_length[first_stitch_spring:] = np.linalg.norm(
            start[stitches[:, 0]] - start[stitches[:, 1]], axis=1
        )
        self._first_stitch_spring = first_stitch_spring
        self._sew_step = sew_speed / fps
        self.model.soft_contact_mu = friction
        self.solver = newton.solvers.SolverXPBD(self.model, iterations=1)
        self.state_in = self.model.state()
        self.state_out = self.model.state()
        for state in (self.state_in, self.state_out):
            state.particle_q.assign(start)
        self.control = self.model.control()
        self.pipeline = newton.CollisionPipeline(self.model)
        self.contacts = self.pipeline.contacts()
        self.dt = 1.0 / fps / substeps
        self.substeps = substeps

    def step(self) -> None:
        """Advance one frame."""
        stitches = self._rest_length[self._first_stitch_spring :]
        stitches[:] = np.maximum(stitches - self._sew_step, 0.0)
        self.model.spring_rest_length.assign(self._rest_length)
        for _ in range(self.substeps):
            self.state_in.clear_forces()
            self.pipeline.collide(self.state_in, self.contacts)
            self.solver.step(self.state_in, self.state_out, self.control, self.contacts, self.dt)
            self.state_in, self.state_out = self.state_out, self.state_in
        self._wp.synchronize()

    def positions(self) -> np.ndarray:
        """(V, 3) float32 garment positions, m."""
        return self.state_in.particle_q.numpy().astype(np.float32)
