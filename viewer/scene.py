"""A PyVista scene of a body and a draped garment coloured by a fit map.

The same scene serves the interactive window and every picture fitroom writes: construct it with
``off_screen=True`` to render without a display.
"""

import numpy as np

from fitroom.pyvista_mesh import triangle_polydata
from fitroom.stopping import import_whole
from viewer.fit_maps import FitMap, fit_map

__all__ = [
    "FitScene",
    "skin_rgb_of",
    "SKIN_COLOUR",
    "FABRIC_COLOUR",
    "FRAME_MARGIN_M",
    "garment_polydata",
    "vertex_values",
]

_DISPLAY = "displayed_map"
# vtkCornerAnnotation's corner numbers for PyVista's named text positions.
_CORNERS = {
    "lower_left": 0,
    "lower_right": 1,
    "upper_left": 2,
    "upper_right": 3,
    "lower_edge": 4,
    "right_edge": 5,
    "left_edge": 6,
    "upper_edge": 7,
}

SKIN_COLOUR = "#d8a88a"
FABRIC_COLOUR = "#c9d3e6"
BACKGROUND = "#f4f4f2"
# Cloth this far outside the body's box is not framed (it fell and slid away over the floor).
FRAME_MARGIN_M = 0.3


def skin_rgb_of(body):
    """The skin tone (3 ints, 0-255) estimated from ``body``'s photos, or None for the default one."""
    return (body.appearance or {}).get("skin_rgb")


def _quiet_vtk() -> None:
    """Silence VTK's harmless 'bad X server connection' warning on headless machines."""
    import vtk

    vtk.vtkLogger.SetStderrVerbosity(vtk.vtkLogger.VERBOSITY_OFF)
    vtk.vtkObject.GlobalWarningDisplayOff()


def garment_polydata(positions: np.ndarray, faces: np.ndarray, result=None):
    """A ``pv.PolyData`` of the garment carrying every fit map present on ``result``.

    Parameters
    ----------
    positions : (V, 3) float32, metres
    faces : (F, 3) int
    result : DrapeResult or None
        When given, its per-face maps become cell arrays and its per-vertex maps point arrays,
        named after their ``DrapeResult`` fields (``strain_pct``, ``gap_cm``, ...).
    """
    from viewer.fit_maps import FIT_MAPS

    mesh = triangle_polydata(positions, faces)
    if result is not None:
        for spec in FIT_MAPS.values():
            target = mesh.cell_data if spec.on_cells else mesh.point_data
            target[spec.field] = spec.values(result)
    return mesh


def vertex_values(values: np.ndarray, faces: np.ndarray, vertex_count: int) -> np.ndarray:
    """Per-face values (F,) averaged onto vertices (V,) float32, so a map reads as a smooth field
    instead of a speckle of single triangles (each panel keeps its own values: seams are not blurred)."""
    faces = np.asarray(faces, dtype=np.int64)
    total = np.zeros(vertex_count, np.float64)
    count = np.zeros(vertex_count, np.float64)
    for corner in range(3):
        np.add.at(total, faces[:, corner], values)
        np.add.at(count, faces[:, corner], 1.0)
    return (total / np.maximum(count, 1.0)).astype(np.float32)


def _displayed(spec: FitMap, result, faces: np.ndarray, vertex_count: int) -> np.ndarray:
    values = spec.values(result)
    return vertex_values(values, faces, vertex_count) if spec.on_cells else values


class FitScene:
    """Body plus garment in one renderer, with a fit-map colour bar and captions.

    Parameters
    ----------
    body_vertices : (Vb, 3) float32, metres, Y up, facing +Z
    body_faces : (Fb, 3) int
    off_screen : bool
        Render without a window (tests, headless machines, files).
    window_size : (int, int)
        Pixels, width by height.
    plotter : pyvista.Plotter, optional
        Draw into this plotter's active renderer instead of making one (side-by-side sizes).
    skin_rgb : (3,) ints 0-255, optional
        The body's skin tone (:func:`skin_rgb_of` a body from photos); by default ``SKIN_COLOUR``.

    Examples
    --------
    >>> scene = FitScene(body.vertices, body.faces)
    >>> scene.show_garment(result.positions, garment.faces, result, "strain")
    >>> scene.front_camera()
    >>> picture = scene.image()  # (H, W, 3) uint8
    """

    def __init__(
        self, body_vertices, body_faces, off_screen=True, window_size=(800, 1000), plotter=None, skin_rgb=None
    ):
        pv = import_whole("pyvista", "plotting")

        _quiet_vtk()
        self.plotter = plotter or pv.Plotter(off_screen=off_screen, window_size=window_size)
        self.plotter.set_background(BACKGROUND)
        self.body_mesh = triangle_polydata(body_vertices, body_faces)
        self.body_actor = self.plotter.add_mesh(
            self.body_mesh,
            color=SKIN_COLOUR if skin_rgb is None else [c / 255 for c in skin_rgb],
            smooth_shading=True,
            specular=0.15,
            name="body",
        )
        self.garment_mesh = None
        self.garment_actor = None
        self._captions = {}
        self.map_name = "none"
        self._bar_title = None

    def set_body(self, vertices: np.ndarray) -> None:
        """Move the body to new vertex positions (V, 3), same topology."""
        self.body_mesh.points = np.asarray(vertices, dtype=np.float32)

    def show_garment(self, positions, faces, result=None, map_name="strain", show_bar=True) -> None:
        """Draw the garment, coloured by ``map_name`` (``none`` for the plain fabric colour)."""
        spec = fit_map(map_name)
        self.map_name = map_name
        self.garment_mesh = garment_polydata(positions, faces, result)
        self._remove_bar()
        kwargs = dict(smooth_shading=True, split_sharp_edges=True, name="garment", specular=0.1)
        if spec is None or result is None:
            self.garment_actor = self.plotter.add_mesh(self.garment_mesh, color=FABRIC_COLOUR, **kwargs)
            return
        self._bar_title = spec.title if show_bar else None
        self.garment_mesh.point_data[_DISPLAY] = _displayed(spec, result, faces, self.garment_mesh.n_points)
        self.garment_actor = self.plotter.add_mesh(
            self.garment_mesh,
            scalars=_DISPLAY,
            preference="point",
            clim=spec.clim,
            cmap=spec.cmap,
            below_color=None,
            above_color=None,
            show_scalar_bar=show_bar,
            scalar_bar_args=self._bar_args(spec),
            **kwargs,
        )

    def update_garment(self, positions: np.ndarray, result=None) -> None:
        """Move the drawn garment to ``positions`` (V, 3) and refresh its map values in place."""
        self.garment_mesh.points = np.asarray(positions, dtype=np.float32)
        spec = fit_map(self.map_name)
        if spec is not None and result is not None:
            faces = self.garment_mesh.regular_faces
            self.garment_mesh.point_data[_DISPLAY] = _displayed(
                spec, result, faces, self.garment_mesh.n_points
            )

    def add_colour_bar_panel(self, spec: FitMap, plotter) -> None:
        """Draw this scene's colour bar alone in ``plotter``'s active renderer (a side panel)."""
        args = self._bar_args(spec) | dict(position_x=0.15, width=0.35, height=0.7, position_y=0.15)
        plotter.add_scalar_bar(mapper=self.garment_actor.mapper, **args)

    @staticmethod
    def _bar_args(spec: FitMap) -> dict:
        return dict(
            title=spec.title,
            vertical=True,
            position_x=0.86,
            position_y=0.2,
            height=0.6,
            width=0.06,
            n_labels=spec.ticks,
            fmt="%.0f",
            color="black",
            title_font_size=18,
            label_font_size=15,
        )

    def _remove_bar(self) -> None:
        if self._bar_title and self._bar_title in self.plotter.scalar_bars:
            self.plotter.remove_scalar_bar(self._bar_title)
        self._bar_title = None

    def caption(
        self,
        text: str,
        name: str = "caption",
        position: str = "upper_left",
        size: int = 14,
        color: str = "black",
    ) -> None:
        """Write a text label on the picture, or change the text of the label called ``name``.

        Changing text in place keeps the live viewer fast: making a new text actor costs a font
        layout on every frame.
        """
        actor = self._captions.get(name)
        if actor is None:
            actor = self.plotter.add_text(text, position=position, font_size=size, color=color, name=name)
            self._captions[name] = actor
        elif hasattr(actor, "SetInput"):
            actor.SetInput(text)
        else:
            actor.SetText(_CORNERS[position], text)

    def framed_points(self, garments: list[np.ndarray] | None = None) -> np.ndarray:
        """(N, 3) points a camera frames: the body, and the garment cloth near it.

        Cloth further than ``FRAME_MARGIN_M`` from the body's box (a garment that fell and slid away
        over the floor) is left out of the frame, so the body keeps its size in the picture.
        ``garments`` (each (V, 3) m) replaces this scene's own garment, to frame several sizes alike.
        """
        body = np.asarray(self.body_mesh.points)
        if garments is None:
            garments = [] if self.garment_mesh is None else [np.asarray(self.garment_mesh.points)]
        low, high = body.min(axis=0) - FRAME_MARGIN_M, body.max(axis=0) + FRAME_MARGIN_M
        near = [g[np.all((g >= low) & (g <= high), axis=1)] for g in garments]
        return np.vstack([body, *near])

    def front_camera(
        self,
        azimuth_deg: float = 0.0,
        elevation_deg: float = 8.0,
        turning: bool = False,
        points: np.ndarray | None = None,
    ) -> None:
        """Frame the whole body (head to feet, hand to hand), turned by ``azimuth_deg`` about Y.

        With ``turning``, the distance fits the body at every azimuth, so no frame of a turntable
        cuts off the hands or feet and the camera does not bob in and out. ``points`` (N, 3) m, by
        default :meth:`framed_points`, are what the frame holds: pass the same ones to several
        scenes to show them with one camera and scale.
        """
        if points is None:
            points = self.framed_points()
        low, high = points.min(axis=0), points.max(axis=0)
        centre = (low + high) / 2
        azimuth, elevation = np.radians(azimuth_deg), np.radians(elevation_deg)
        right = np.array([np.cos(azimuth), 0.0, -np.sin(azimuth)])
        forward = np.array([np.sin(azimuth), 0.0, np.cos(azimuth)])
        offsets = points - centre
        if turning:
            radius = float(np.hypot(offsets[:, 0], offsets[:, 2]).max())
            half_width, half_depth = radius, radius
        else:
            half_width = float(np.abs(offsets @ right).max())
            half_depth = float(np.abs(offsets @ forward).max())
        width, tall = self.plotter.renderer.GetSize()
        aspect = width / max(tall, 1)
        view_angle = 30.0
        half_tan = np.tan(np.radians(view_angle / 2))
        half_height = float(high[1] - low[1]) / 2
        distance = 1.08 * max(half_height / half_tan, half_width / (half_tan * aspect)) + half_depth
        direction = np.cos(elevation) * forward + np.array([0.0, np.sin(elevation), 0.0])
        camera = self.plotter.camera
        camera.view_angle = view_angle
        camera.focal_point = tuple(centre)
        camera.position = tuple(centre + distance * direction)
        camera.up = (0.0, 1.0, 0.0)
        self.plotter.renderer.ResetCameraClippingRange()

    def image(self) -> np.ndarray:
        """The rendered picture, (H, W, 3) uint8."""
        self.plotter.render()
        return np.asarray(self.plotter.screenshot(return_img=True))[..., :3]

    def close(self) -> None:
        self.plotter.close()
