"""The live fitting room: a PyVista window where the garment sews itself shut and drapes in real time.

Every control is a method (``switch_size``, ``cycle_map``, ``toggle_pause``, ``restart``,
``screenshot``, ``write_turntable``, ``pick``, ``set_arm_angle``, ``set_pose``); keys and sliders call
the same methods, so tests drive the viewer offscreen exactly as a person does.
"""

import textwrap
import time
from pathlib import Path

import numpy as np

from fitroom.defaults import EDGE_LENGTH_M, MAX_FRAMES
from viewer.fit_maps import MAP_CYCLE, fit_map
from viewer.poses import POSE_PRESETS, arm_pose, pose_preset, rest_arm_angle
from viewer.ring_heights import ring_heights
from viewer.scene import FitScene, skin_rgb_of
from viewer.size_drape import SizeDrape, judged_summary, start_drape

__all__ = ["LiveViewer", "CONTROLS"]

CONTROLS = (
    "1-9 / slider: size    h: map    space: pause    r: restart\n"
    "s: screenshot    t: turntable    right-click or p: value there    mouse: rotate / zoom"
)
# Map values need a metric pass over the whole garment; refresh them this often while draping.
_METRIC_EVERY_FRAMES = 15
# Largest joint rotation applied to the body per frame (radians), so cloth is never left inside a
# limb that moved further in one frame than the collision thickness.
_MAX_POSE_STEP = np.radians(1.5)


class LiveViewer:
    """A window (or offscreen plotter) showing a body, a draping garment and its fit map.

    Parameters
    ----------
    body_model : body.BodyModel
        Used to re-pose the body (arm angle, presets) through smplx.
    body : body.Body
        The body to dress; its betas and pose are the starting point.
    pattern : garments.Pattern or str
        The loaded pattern (as drawn; each size switch grades it again), a bundled pattern name or a
        pattern file.
    sizes : list[str]
        Sizes offered by the number keys and the slider.
    start_size : str or None
        The size the drape starts in (the recommended one); None for the first of ``sizes``.
    material : str, sim.Material or None
        A fabric for every panel, or None for the pattern's own.
    off_screen : bool
        Render without a window (tests, headless machines).
    heights : dict or None
        :func:`viewer.ring_heights.ring_heights` of ``body`` when the caller has measured them.

    Closing the window (or calling ``close``) stops the drape and its contact worker process before
    the plotter goes, so nothing is left writing to a pipe nobody reads.
    """

    def __init__(
        self,
        body_model,
        body,
        pattern,
        sizes,
        material=None,
        device="auto",
        off_screen=False,
        edge_length=EDGE_LENGTH_M,
        out_dir=".",
        window_size=(860, 960),
        start_size=None,
        heights=None,
    ):
        self.body_model = body_model
        self.body = body
        self.pattern = pattern
        self.sizes = list(sizes)
        self.material = material
        self.device = device
        self.edge_length = edge_length
        self.out_dir = Path(out_dir)
        self.rest_angle = rest_arm_angle(body_model.body(body.betas).joints)
        self.pose = np.asarray(body.pose, np.float32).copy()
        self.target_pose = self.pose.copy()
        self.scene = FitScene(
            body.vertices,
            body.faces,
            off_screen=off_screen,
            window_size=window_size,
            skin_rgb=skin_rgb_of(body),
        )
        self.map_name = "strain"
        self.paused = False
        self.frame = 0
        self.fps = 0.0
        self._last_frame_time = None
        self.last_pick = ""
        self.size_index = 0
        self.drape = None
        self._size_slider = None
        self._heights = heights or ring_heights(self.body)
        self._start(0 if start_size is None else self.sizes.index(start_size))
        self.scene.front_camera()

    @property
    def size(self) -> str:
        """Label of the size being draped (``as drawn`` for an ungraded file)."""
        return self.garment.size

    def _start(self, size_index: int) -> None:
        self.size_index = size_index
        if self.drape is not None:
            self.drape.close()
        self.garment, self.drape = start_drape(
            self.body,
            self.pattern,
            self.sizes[size_index],
            self.material,
            self.device,
            self.edge_length,
            self._heights,
        )
        self.verdict = None
        self.frame = 0
        self.result = self.drape.result()
        self.scene.show_garment(self.garment.positions, self.garment.faces, self.result, self.map_name)
        self._update_text()
        self._update_size_slider()

    def _update_size_slider(self) -> None:
        """Put the size slider on the size being draped, titled with its name (the slider's own
        number, an index into ``sizes``, is hidden)."""
        if self._size_slider is None:
            return
        representation = self._size_slider.GetRepresentation()
        representation.SetValue(self.size_index)
        representation.SetTitleText(f"size {self.size}   ({' '.join(self.sizes)})")

    def _slide_size(self, value: float) -> None:
        """The size slider moved to ``value``: snap to the nearest size and drape it if it changed."""
        index = round(value)
        if index != self.size_index:
            self.switch_size(index)
        else:
            self._update_size_slider()

    def _update_text(self) -> None:
        spec = fit_map(self.map_name)
        legend = "fabric colour" if spec is None else f"{spec.title}: {spec.clim[0]:g} to {spec.clim[1]:g}"
        state = "paused" if self.paused else f"{self.fps:4.0f} fps"
        judged = "draping" if self.verdict is None else self.verdict["verdict"]
        status = (
            f"Size {self.size} ({judged})   map: {self.map_name} ({legend})   frame {self.frame}   {state}"
        )
        self.scene.caption(status.replace("\n", " "), name="status", size=12)
        failed = self.verdict is not None and self.verdict["verdict"] == "failed"
        reasons = "; ".join(self.verdict["verdict_reasons"]) if failed else ""
        self.scene.caption(
            "\n".join(textwrap.wrap(f"FAILED: {reasons}", 50)) if failed else "",
            name="verdict",
            position="upper_right",
            size=11,
            color="red",
        )
        self.scene.caption(CONTROLS, name="controls", position="lower_left", size=9)
        self.scene.caption(self.last_pick, name="pick", position="lower_right", size=11)

    def advance(self) -> None:
        """Draw one more frame: move the body toward its target pose, step the cloth, refresh the picture."""
        if self.paused:
            return
        now = time.perf_counter()
        if self._last_frame_time is not None:
            self.fps = 0.8 * self.fps + 0.2 / max(now - self._last_frame_time, 1e-6)
        self._last_frame_time = now
        self._step_pose()
        positions = self.drape.step()
        self.frame += 1
        if self.verdict is None and (self.drape.settled or self.frame >= MAX_FRAMES):
            # Judged once, when the drape comes to rest (or gives up), as fitroom fit judges it.
            self.result = self.drape.result(self._heights, count_intersections=True)
            self.verdict = judged_summary(self.garment, self.drape, self.result, self.body, self._heights)
        elif self.frame % _METRIC_EVERY_FRAMES == 0:
            self.result = self.drape.result()
        self.scene.update_garment(positions, self.result)
        self._update_text()

    def _step_pose(self) -> None:
        delta = self.target_pose - self.pose
        if not np.any(delta):
            return
        self.pose = self.pose + np.clip(delta, -_MAX_POSE_STEP, _MAX_POSE_STEP)
        posed = self.body_model.body(self.body.betas, self.pose)
        self.drape.set_body(posed.vertices)
        self.scene.set_body(posed.vertices)
        self.body = posed

    def switch_size(self, size: int | str) -> None:
        """Re-drape from the flat pattern in another size (index into ``sizes`` or its label)."""
        index = self.sizes.index(size) if isinstance(size, str) else int(size)
        self._start(index)

    def cycle_map(self) -> str:
        """Show the next map of ``none, strain, stress, pressure, ease``; returns its name."""
        self.map_name = MAP_CYCLE[(MAP_CYCLE.index(self.map_name) + 1) % len(MAP_CYCLE)]
        self.result = self.drape.result()
        self.scene.show_garment(self.result.positions, self.garment.faces, self.result, self.map_name)
        self._update_text()
        return self.map_name

    def toggle_pause(self) -> bool:
        """Pause or resume the drape; returns True when paused."""
        self.paused = not self.paused
        self._last_frame_time = None
        if self.paused:
            self.result = self.drape.result()
            self.scene.update_garment(self.result.positions, self.result)
        self._update_text()
        return self.paused

    def restart(self) -> None:
        """Start the drape of the current size again from the flat pattern."""
        self._start(self.size_index)

    def set_arm_angle(self, degrees: float) -> None:
        """Raise both arms to ``degrees`` from straight down; the body moves there over the next frames."""
        self.target_pose = arm_pose(float(degrees), self.rest_angle, self.target_pose)

    def set_pose(self, name: str) -> None:
        """Move the body to a preset from ``POSE_PRESETS`` over the next frames."""
        self.target_pose = pose_preset(name, self.rest_angle)

    def pick(self, point) -> str:
        """Describe the fit at the garment point nearest ``point`` (3,) metres; also shown on screen."""
        positions = np.asarray(self.result.positions)
        vertex = int(np.argmin(np.linalg.norm(positions - np.asarray(point, np.float32), axis=1)))
        face = int(np.nonzero((self.garment.faces == vertex).any(axis=1))[0][0])
        strain = float(self.result.strain_pct[face])
        angle = float(self.result.strain_angle_deg[face])
        gap = float(self.result.gap_cm[vertex])
        self.last_pick = f"strain {strain:.1f} % at {angle:.0f} deg to grain\ngap to skin {gap:+.1f} cm"
        self._update_text()
        return self.last_pick

    def screenshot(self, path=None) -> Path:
        """Save what the window shows as a PNG (default ``fitroom_<size>_<frame>.png`` in ``out_dir``)."""
        from fitroom.files import atomic_path

        path = Path(path or self.out_dir / f"fitroom_{self.size}_{self.frame:05d}.png")
        with atomic_path(path) as tmp:
            self.scene.plotter.screenshot(str(tmp))
        return path

    def write_turntable(self, path=None, frames=120) -> Path:
        """Write a turntable MP4 of the current drape (default ``turntable_<size>.mp4`` in ``out_dir``)."""
        from viewer.turntable import write_turntable

        path = Path(path or self.out_dir / f"turntable_{self.size}.mp4")
        self.result = self.drape.result()
        drape = SizeDrape(self.size, self.garment, self.result, self.result.summary())
        write_turntable(self.body, drape, path, frames=frames, map_name=self.map_name)
        return path

    def close(self) -> None:
        """Stop the drape (and its contact worker process) and close the plotter."""
        self.drape.close()
        self.scene.close()

    def show(self) -> None:
        """Open the window: keys, sliders, picking and a timer that advances the drape; returns, with
        everything closed, when the window is closed."""
        try:
            self._open_window()
        finally:
            self.close()

    def _open_window(self) -> None:
        plotter = self.scene.plotter
        for number, _ in enumerate(self.sizes[:9], start=1):
            plotter.add_key_event(str(number), lambda i=number - 1: self.switch_size(i))
        plotter.add_key_event("h", self.cycle_map)
        plotter.add_key_event("space", self.toggle_pause)
        plotter.add_key_event("r", self.restart)
        plotter.add_key_event("s", self.screenshot)
        plotter.add_key_event("t", self.write_turntable)
        if len(self.sizes) > 1:
            self._size_slider = plotter.add_slider_widget(
                self._slide_size,
                rng=(0, len(self.sizes) - 1),
                value=self.size_index,
                title="size",
                pointa=(0.05, 0.92),
                pointb=(0.35, 0.92),
            )
            self._size_slider.GetRepresentation().SetShowSliderLabel(False)
            self._update_size_slider()
        plotter.add_slider_widget(
            self.set_arm_angle,
            rng=(0, 170),
            value=self.rest_angle,
            title="arm angle (deg)",
            pointa=(0.65, 0.92),
            pointb=(0.95, 0.92),
            fmt="%.0f",
        )
        for row, preset in enumerate(POSE_PRESETS):
            plotter.add_checkbox_button_widget(
                lambda _state, p=preset: self.set_pose(p), position=(10, 140 + 40 * row), size=30
            )
            plotter.add_text(preset, position=(48, 144 + 40 * row), font_size=9, color="black")
        plotter.enable_surface_point_picking(callback=self.pick, show_message=False, show_point=True)
        plotter.add_timer_event(max_steps=10**9, duration=1, callback=lambda _step: self.advance())
        plotter.show(title="fitroom")
