"""Synthetic photos of a body mesh: offscreen PyVista renders with skin-coloured shading.

The photo benchmark and the tests use these as photos of people whose measurements are known.
"""

import numpy as np

from fitroom.pyvista_mesh import triangle_polydata

__all__ = ["render_body_photo", "SKIN_RGB", "BACKGROUNDS_RGB"]

# A few skin tones (sRGB, 0-255), light to dark.
SKIN_RGB = ((236, 192, 160), (214, 160, 124), (170, 118, 84), (110, 74, 52))

# Plain backgrounds of the kind people stand against: white wall, grey wall, beige, dark blue.
BACKGROUNDS_RGB = ((245, 245, 242), (170, 172, 176), (212, 200, 178), (48, 58, 84))


def _wall_texture(rgb, seed: int) -> np.ndarray:
    """(512, 512, 3) uint8 picture of a room's wall in colour ``rgb``: blotchy paint and a few
    darker rectangles (a door, a picture, a shelf)."""
    import cv2

    rng = np.random.default_rng(seed)
    noise = cv2.GaussianBlur(rng.normal(0.0, 1.0, (512, 512)).astype(np.float32), (0, 0), 12.0)
    shade = 1.0 + 0.08 * noise / max(float(np.abs(noise).max()), 1e-6)
    picture = np.clip(np.asarray(rgb, dtype=np.float32) * shade[..., None], 0, 255)
    for _ in range(3):
        x, y = rng.integers(0, 400, 2)
        w, h = rng.integers(60, 160, 2)
        picture[y : y + h, x : x + w] *= rng.uniform(0.45, 0.8, 3)
    return picture.astype(np.uint8)


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
    vertex_rgb=None,
    aim_height_m=None,
    yaw_deg=0.0,
    light_direction=None,
    room_seed=None,
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
        Height of the camera above the floor, metres.
    view_angle_deg : float
        Vertical field of view, degrees.
    skin_rgb, background_rgb : tuple of 3 ints
        Colours, 0-255.
    image_size : (int, int)
        Width and height in pixels.
    clothes : sequence of (vertices, faces, rgb)
        Garment meshes worn over the body (the same frame as ``vertices``), each in one colour.
    vertex_rgb : (V, 3) uint8 array, optional
        A colour per body vertex (painted clothes and hair) instead of ``skin_rgb`` everywhere.
    aim_height_m : float, optional
        Height the camera is aimed at (it tilts); by default it looks level.
    yaw_deg : float
        The camera turned this far round the person from the ideal view, degrees.
    light_direction : (3,) float, optional
        Towards the key light (a fill light stays at the camera); by default VTK's light kit.
    room_seed : int, optional
        Stand the person in a room: a floor and a textured wall in ``background_rgb`` behind them
        (the texture drawn with this seed); by default a plain background.

    Returns
    -------
    (H, W, 3) uint8
        The photo.
    """
    import pyvista as pv

    plotter = pv.Plotter(off_screen=True, window_size=list(image_size))
    try:
        plotter.set_background([c / 255 for c in background_rgb])
        body = triangle_polydata(vertices, faces)
        shading = {"smooth_shading": True, "specular": 0.15, "diffuse": 0.85}
        if vertex_rgb is None:
            plotter.add_mesh(body, color=[c / 255 for c in skin_rgb], **shading)
        else:
            body.point_data["rgb"] = np.asarray(vertex_rgb, dtype=np.uint8)
            plotter.add_mesh(body, scalars="rgb", rgb=True, **shading)
        for mesh_vertices, mesh_faces, rgb in clothes:
            cloth = triangle_polydata(mesh_vertices, mesh_faces)
            plotter.add_mesh(cloth, color=[c / 255 for c in rgb], **shading)
        ideal = 0.0 if view == "front" else 90.0
        turn = np.radians(ideal + yaw_deg)
        eye_direction = np.array([np.sin(turn), 0.0, np.cos(turn)])
        if room_seed is not None:
            _add_room(plotter, eye_direction, background_rgb, room_seed)
        position = eye_direction * distance_m + [0.0, camera_height_m, 0.0]
        plotter.camera.position = tuple(position)
        aim = camera_height_m if aim_height_m is None else aim_height_m
        plotter.camera.focal_point = (0.0, aim, 0.0)
        plotter.camera.up = (0.0, 1.0, 0.0)
        plotter.camera.view_angle = view_angle_deg
        plotter.camera.clipping_range = (0.1, distance_m + 10.0)
        if light_direction is not None:
            plotter.remove_all_lights()
            key = np.asarray(light_direction, dtype=float) / np.linalg.norm(light_direction)
            plotter.add_light(pv.Light(position=tuple(key * 10.0), focal_point=(0, 1, 0), intensity=0.8))
            plotter.add_light(pv.Light(light_type="headlight", intensity=0.35))
        image = plotter.screenshot(return_img=True)
    finally:
        plotter.close()
    return np.ascontiguousarray(image[..., :3], dtype=np.uint8)


def _add_room(plotter, eye_direction, wall_rgb, seed: int) -> None:
    """A floor and a textured wall 1.5 m behind the person, facing the camera along ``eye_direction``."""
    import pyvista as pv

    floor = pv.Plane(center=(0.0, 0.0, 0.0), direction=(0.0, 1.0, 0.0), i_size=12.0, j_size=12.0)
    plotter.add_mesh(floor, color=[0.55, 0.45, 0.36], diffuse=0.9)
    wall = pv.Plane(
        center=tuple(-1.5 * eye_direction + [0.0, 1.5, 0.0]),
        direction=tuple(eye_direction),
        i_size=8.0,
        j_size=8.0,
    )
    wall.texture_map_to_plane(inplace=True)
    plotter.add_mesh(wall, texture=pv.Texture(_wall_texture(wall_rgb, seed)), diffuse=0.9, ambient=0.2)
