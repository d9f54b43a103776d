"""Why a body from photos needs the person's height: a photo does not show how large the person is."""

import numpy as np

from body import load_body_model
from body.photo.estimate import assumed_height
from body.photo.render import BACKGROUNDS_RGB, render_body_photo


def _photo(vertices, faces, scale):
    """A front photo of ``vertices`` grown by ``scale``, taken from ``scale`` times as far and as high."""
    height_m = float(vertices[:, 1].max())
    return render_body_photo(
        vertices * scale,
        faces,
        distance_m=3.0 * scale,
        camera_height_m=1.2 * scale,
        aim_height_m=0.5 * height_m * scale,
        view_angle_deg=40.0,
        image_size=(360, 480),
    )


def test_a_taller_person_farther_away_gives_the_same_photo_so_the_height_is_assumed():
    model = load_body_model("female")
    body = model.body(np.zeros(model.shape_count, dtype=np.float32))
    photos = [_photo(body.vertices, body.faces, scale).astype(np.int16) for scale in (1.0, 1.1)]
    wall = np.asarray(BACKGROUNDS_RGB[0], dtype=np.int16)
    person = [np.abs(photo - wall).sum(axis=-1) > 30 for photo in photos]
    # 10 % taller (17 cm for her), and the same pixels to within shading.
    assert (person[0] & person[1]).sum() >= 0.99 * (person[0] | person[1]).sum()
    assert np.abs(photos[0] - photos[1]).mean() < 1.0
    height_cm, how = assumed_height("female")
    assert height_cm == 168.0 and how == "the typical height of a woman"
