"""Photo files: what fitroom reads, how it normalises them, and the sentence it gives for bad files."""

import numpy as np
import pytest
from PIL import Image

from body.photo.errors import PhotoReadError
from body.photo.input import MAX_PHOTO_SIDE_PX, exif_focal_35mm, load_photo, photo_from_array


def _gradient(height, width):
    rows = np.linspace(0, 255, height, dtype=np.float32)[:, None]
    cols = np.linspace(0, 255, width, dtype=np.float32)[None, :]
    return np.stack([rows + 0 * cols, 0 * rows + cols, (rows + cols) / 2], axis=2).astype(np.uint8)


def test_a_text_file_named_like_a_photo_is_refused_with_advice(tmp_path):
    path = tmp_path / "front.jpg"
    path.write_text("this is not a picture")
    with pytest.raises(PhotoReadError, match="front.jpg is not an image.*JPEG or PNG"):
        load_photo(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(PhotoReadError, match="no photo file"):
        load_photo(tmp_path / "nowhere.png")


def test_a_greyscale_photo_becomes_three_equal_channels(tmp_path):
    path = tmp_path / "grey.png"
    Image.fromarray(_gradient(300, 240)[:, :, 0]).save(path)
    photo = load_photo(path)
    assert photo.rgb.shape == (300, 240, 3) and photo.rgb.dtype == np.uint8
    assert np.array_equal(photo.rgb[:, :, 0], photo.rgb[:, :, 2])
    assert photo.rgb[-1, 0, 0] == 255


def test_a_transparent_background_is_flattened_onto_a_light_backdrop(tmp_path):
    rgba = np.zeros((300, 240, 4), dtype=np.uint8)
    rgba[100:200, 80:160] = (200, 20, 20, 255)
    path = tmp_path / "cutout.png"
    Image.fromarray(rgba, mode="RGBA").save(path)
    photo = load_photo(path)
    assert photo.rgb.shape == (300, 240, 3)
    assert tuple(photo.rgb[150, 120]) == (200, 20, 20)
    assert photo.rgb[10, 10].min() > 230


def test_a_huge_photo_is_downscaled_not_refused(tmp_path):
    path = tmp_path / "huge.jpg"
    Image.fromarray(_gradient(4000, 3000)).save(path, quality=80)
    photo = load_photo(path)
    assert max(photo.rgb.shape[:2]) == MAX_PHOTO_SIDE_PX
    assert photo.rgb.shape[:2] == (1280, 960)
    assert photo.downscale == pytest.approx(0.32)


def test_exif_rotation_is_applied(tmp_path):
    path = tmp_path / "rotated.jpg"
    image = Image.fromarray(_gradient(240, 320))
    exif = image.getexif()
    exif[0x0112] = 6  # stored sideways; shown rotated 90 degrees clockwise
    image.save(path, exif=exif)
    assert load_photo(path).rgb.shape[:2] == (320, 240)


def test_a_thumbnail_is_too_small():
    with pytest.raises(PhotoReadError, match="at least 200 pixels"):
        photo_from_array(np.zeros((120, 90, 3), dtype=np.uint8), "thumb.jpg")


def test_float_pixels_are_taken_as_zero_to_one():
    photo = photo_from_array(np.full((240, 240, 3), 0.5, dtype=np.float32))
    assert photo.rgb[0, 0, 0] == 128


def test_a_phone_photo_stored_sideways_is_read_upright_and_its_person_found(tmp_path):
    from body import load_body_model
    from body.photo.landmarks import check_view, detect_person
    from body.photo.render import render_body_photo

    model = load_body_model("female")
    person = model.body(np.zeros(model.shape_count, dtype=np.float32))
    upright = render_body_photo(person.vertices, person.faces, distance_m=3.2)
    path = tmp_path / "front.jpg"
    stored = Image.fromarray(np.rot90(upright).copy())  # the sensor's landscape pixels
    exif = stored.getexif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to show"
    stored.save(path, exif=exif, quality=92)
    photo = load_photo(path)
    assert photo.rgb.shape == upright.shape
    check_view(detect_person(photo.rgb, photo.name), "front", photo.name)


def test_the_exif_focal_length_is_read(tmp_path):
    path = tmp_path / "front.jpg"
    image = Image.fromarray(_gradient(240, 320))
    exif = image.getexif()
    exif.get_ifd(0x8769)[0xA405] = 26  # FocalLengthIn35mmFilm, as a phone's main camera records it
    image.save(path, exif=exif)
    assert exif_focal_35mm(path) == 26.0
    Image.fromarray(_gradient(240, 320)).save(tmp_path / "stripped.jpg")
    assert exif_focal_35mm(tmp_path / "stripped.jpg") is None
