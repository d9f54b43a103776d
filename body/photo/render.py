"""Synthetic photos of a body mesh: offscreen PyVista renders with skin-coloured shading.

The photo benchmark and the tests use these as photos of people whose measurements are known.
"""

import numpy as np

__all__ = ["render_body_photo", "SKIN_RGB", "BACKGROUNDS_RGB"]

# A few skin tones (sRGB, 0-255), light to dark.
SKIN_RGB = ((236, 192, 160), (214, 160, 124), (170, 118, 84), (110, 74, 52))

# Plain backgrounds of the kind people stand against: white wall, grey wall, beige, dark blue.
BACKGROUNDS_RGB = ((245, 245, 242), (170, 172, 176), (212, 200, 178), (48, 58, 84))


def _poly_data(vertices, faces):
    import pyvista as pv

    faces = np.asarray(faces, dtype=np.int64)
    cells = np.hstack([np.full((len(faces), 1), 3, dtype=np.int64), faces]).ravel()
    return pv.PolyData(np.asarray(vertices, dtype=np.float32), cells)


def render_body_photo(
    vertices,
    faces,
    view="front",
    distance_m=3.0,
    camera_height_m=1.1,
    view_angle_deg=45.0,
    skin_rgb=SKIN_RGB[0],
    background_rgb=BACKGROUNDS_RGB[0],
    image_size=(720, 960),
    clothes=(),
):
    """Render ``vertices`` as a photo taken from the front or from the person's left side.

    Parameters
    ----------
    vertices : (V, 3) float array
        Body mesh in metres, Y up, facing +Z, feet on the floor.
    faces : (F, 3) int array
        Triangles.
    view : {"front", "side"}
        ``front`` looks at the person from +Z; ``side`` from +X (the person's left).
    distance_m : float
        Horizontal distance from the camera to the body's vertical axis, metres.
    camera_height_m : float
        Height of the (level) camera above the floor, metres.
    view_angle_deg : float
        Vertical field of view, degrees.
    skin_rgb, background_rgb : tuple of 3 ints
        Colours, 0-255.
    image_size : (int, int)
        Width and height in pixels.
    clothes : sequence of (vertices, faces, rgb)
        Garment meshes worn over the body (the same frame as ``vertices``), each in one colour.

    Returns
    -------
    (H, W, 3) uint8
        The photo.
    """
    import pyvista as pv

    plotter = pv.Plotter(off_screen=True, window_size=list(image_size))
    try:
        plotter.set_background([c / 255 for c in background_rgb])
        for mesh_vertices, mesh_faces, rgb in [(vertices, faces, skin_rgb), *clothes]:
            plotter.add_mesh(
                _poly_data(mesh_vertices, mesh_faces),
                color=[c / 255 for c in rgb],
                smooth_shading=True,
                specular=0.15,
                diffuse=0.85,
            )
        eye_direction = np.array([0.0, 0.0, 1.0]) if view == "front" else np.array([1.0, 0.0, 0.0])
        plotter.camera.position = tuple(eye_direction * distance_m + [0.0, camera_height_m, 0.0])
        plotter.camera.focal_point = (0.0, camera_height_m, 0.0)
        plotter.camera.up = (0.0, 1.0, 0.0)
        plotter.camera.view_angle = view_angle_deg
        plotter.camera.clipping_range = (0.1, distance_m + 10.0)
        image = plotter.screenshot(return_img=True)
    finally:
        plotter.close()
    return np.ascontiguousarray(image[..., :3], dtype=np.uint8)
