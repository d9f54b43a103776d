"""The avatar wears the person's colours: skin and hair read from a photo, kept in BODY.json, shown."""

import numpy as np
import pytest

from body import load_body_model
from body.photo.bench import render_bench_person
from body.photo.colours import estimate_appearance
from body.photo.conditions import HAIR_RGB, SKIN_TONES_RGB, typical_conditions
from body.photo.landmarks import detect_person


def _lab(rgb) -> np.ndarray:
    """CIE L*a*b* (D65) of an sRGB colour (3 values 0-255), by the sRGB (IEC 61966-2-1) and CIE formulas."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _delta_e_2000(rgb_1, rgb_2) -> float:
    """CIEDE2000 difference of two sRGB colours."""
    return _delta_e_2000_lab(_lab(rgb_1), _lab(rgb_2))


def _delta_e_2000_lab(lab_1, lab_2) -> float:
    """CIEDE2000 colour difference of two L*a*b* colours (Sharma, Wu and Dalal 2005, eq. 1-22;
    kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = lab_1, lab_2
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p, h2p = np.degrees(np.arctan2(b1, a1p)) % 360, np.degrees(np.arctan2(b2, a2p)) % 360
    dlp, dcp = l2 - l1, c2p - c1p
    dhp = 0.0 if c1p * c2p == 0 else ((h2p - h1p + 180) % 360) - 180
    dhp_big = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dhp / 2))
    lp, cp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp = (h1p + h2p) / 2
    else:
        hp = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * np.cos(np.radians(hp - 30))
        + 0.24 * np.cos(np.radians(2 * hp))
        + 0.32 * np.cos(np.radians(3 * hp + 6))
        - 0.20 * np.cos(np.radians(4 * hp - 63))
    )
    d_theta = 30 * np.exp(-(((hp - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp**7 / (cp**7 + 25.0**7))
    s_l = 1 + 0.015 * (lp - 50) ** 2 / np.sqrt(20 + (lp - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp, 1 + 0.015 * cp * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return float(
        np.sqrt(
            (dlp / s_l) ** 2 + (dcp / s_c) ** 2 + (dhp_big / s_h) ** 2 + r_t * (dcp / s_c) * (dhp_big / s_h)
        )
    )


def test_the_colour_difference_is_ciede2000():
    # Sharma, Wu and Dalal (2005), table 1: pairs 1, 7 and 17.
    assert _delta_e_2000_lab((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert _delta_e_2000_lab((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert _delta_e_2000_lab((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
    assert _delta_e_2000((0, 0, 0), (255, 255, 255)) == pytest.approx(100.0, abs=0.1)


@pytest.mark.parametrize("tone", [1, 8], ids=["light", "dark"])
def test_a_rendered_persons_skin_tone_comes_back_within_delta_e_10(tone):
    model = load_body_model("female")
    conditions = typical_conditions(skin_rgb=SKIN_TONES_RGB[tone], hair_rgb=HAIR_RGB[0])
    _, photos = render_bench_person(model, np.zeros(model.shape_count, np.float32), conditions)
    front = photos[0]
    appearance = estimate_appearance(front.rgb, detect_person(front.rgb, front.name))
    assert _delta_e_2000(appearance["skin_rgb"], SKIN_TONES_RGB[tone]) <= 10.0, appearance
    assert appearance["hair_rgb"] is not None
    assert _delta_e_2000(appearance["hair_rgb"], HAIR_RGB[0]) <= 15.0, appearance


def test_pictures_show_a_body_from_photos_in_its_own_skin_tone():
    from body import default_body
    from viewer.scene import FitScene, skin_rgb_of

    body = default_body()
    assert skin_rgb_of(body) is None  # no photo: the default tone
    body.appearance = {"skin_rgb": list(SKIN_TONES_RGB[8]), "hair_rgb": None}
    centres = []
    for skin in (None, skin_rgb_of(body)):
        scene = FitScene(body.vertices, body.faces, window_size=(200, 300), skin_rgb=skin)
        scene.front_camera()
        picture = scene.image()
        scene.close()
        centres.append(picture[130:170, 90:110].reshape(-1, 3).mean(axis=0))
    default, own = centres
    assert own.sum() < 0.5 * default.sum()  # the dark-skinned body is drawn dark, not in the default tone
