"""A body from photos keeps the photo's pose when asked, and a garment drapes on it in that pose."""

import numpy as np
import pytest
from PIL import Image

from body.model import load_body_model
from body.photo.conditions import typical_conditions
from body.photo.estimate import body_from_photos
from body.photo.paint import paint_person
from body.photo.render import render_body_photo
from viewer.poses import pose_preset, rest_arm_angle
from viewer.size_drape import start_drape

# Renders, fits and drapes: tens of seconds.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def raised_arm_photo(tmp_path_factory):
    """A front photo of the default man with his left arm raised high, and his true height (cm)."""
    model = load_body_model("male")
    betas = np.zeros(model.shape_count, dtype=np.float32)
    rest = model.body(betas)
    posed = model.body(betas, pose_preset("one arm raised", rest_arm_angle(rest.joints)))
    conditions = typical_conditions()
    colours = paint_person(model, rest, "bare", conditions.skin_rgb, conditions.hair_rgb)
    picture = render_body_photo(
        posed.vertices,
        posed.faces,
        distance_m=3.6,
        camera_height_m=1.2,
        aim_height_m=1.05,
        view_angle_deg=conditions.vertical_view_angle_deg(),
        vertex_rgb=colours,
        image_size=conditions.image_size,
    )
    path = tmp_path_factory.mktemp("photos") / "front.png"
    Image.fromarray(picture).save(path)
    return path, rest.measurements_cm["height"]


@pytest.fixture(scope="module")
def kept(raised_arm_photo):
    path, height_cm = raised_arm_photo
    return body_from_photos(path, height_cm=height_cm, gender="male", keep_pose=True)


def test_keep_pose_raises_the_arm_the_photo_shows_raised(kept):
    # The body faces +Z: the person's left is +X, and the left arm is the one raised.
    assert kept.joint("left_wrist")[1] > kept.joint("head")[1]
    assert kept.joint("right_wrist")[1] < kept.joint("right_shoulder")[1]


def test_a_shirt_drapes_on_the_kept_pose_with_its_sleeve_on_the_raised_arm(kept):
    garment, drape = start_drape(kept, "tshirt_men", "L", edge_length=0.03)
    try:
        draped = drape.run(max_frames=200)
    finally:
        drape.close()
    sleeve = np.unique(garment.faces[garment.face_panel == garment.panel_names.index("left_sleeve")])
    shoulder, elbow = kept.joint("left_shoulder"), kept.joint("left_elbow")
    along = (elbow - shoulder) / np.linalg.norm(elbow - shoulder)
    offset = draped.positions[sleeve] - shoulder
    distance_from_arm = np.linalg.norm(offset - np.outer(offset @ along, along), axis=1)
    # The sleeve goes round the raised upper arm, above the shoulder, not hanging down the side.
    assert np.median(distance_from_arm) < 0.12
    assert np.median(draped.positions[sleeve, 1]) > shoulder[1]
