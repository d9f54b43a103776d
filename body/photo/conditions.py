"""The ways a shopper's photos get taken, drawn at random for the photo benchmark.

Each benchmark person is photographed under one :class:`PhotoConditions`, drawn by
:func:`draw_conditions` from ranges that cover phones and rooms as people use them:

- camera: 24-52 mm equivalent focal length (phone main and tele lenses), 1.5-4 m away (stepping back
  when the whole body would not fit), held 0.7-1.7 m above the floor and tilted to aim at the body's
  middle, up to 10 degrees of yaw off the ideal view, image sizes from 720 x 1280 to 3024 x 4032 in
  portrait or landscape; the EXIF focal length recorded or stripped;
- stance: arms 10-45 degrees from the body, feet together to hip-width apart, a slight lean;
- scene: a plain wall or a room (floor, textured wall), the key light from one of several directions,
  skin tones across the Fitzpatrick range;
- clothing: bare, tight (leggings and a tight top) or loose (a T-shirt two sizes up), set by the
  benchmark so that every group gets people.
"""

from dataclasses import dataclass

import numpy as np

__all__ = [
    "PhotoConditions",
    "draw_conditions",
    "typical_conditions",
    "standing_pose",
    "CLOTHING",
    "SKIN_TONES_RGB",
    "HAIR_RGB",
    "IMAGE_SIZES_PX",
]

CLOTHING = ("bare", "tight", "loose")

# The ten swatches of the Monk Skin Tone scale (Monk 2019; as published by Google, skintone.google),
# sRGB, lightest to darkest: they span the range the six Fitzpatrick types describe.
SKIN_TONES_RGB = (
    (246, 237, 228), (243, 231, 219), (247, 234, 208), (234, 218, 186), (215, 189, 150),
    (160, 126, 86), (130, 92, 67), (96, 65, 52), (58, 49, 42), (41, 36, 32),
)  # fmt: skip

# Hair colours (sRGB): black, dark brown, brown, dark blond, grey.
HAIR_RGB = ((28, 24, 22), (58, 40, 28), (102, 70, 44), (160, 128, 86), (150, 148, 144))

# Phone photo sizes (width, height) in portrait; half the people are photographed in landscape.
IMAGE_SIZES_PX = ((720, 1280), (1080, 1920), (1536, 2048), (2268, 4032), (3024, 4032))

# Key-light directions the scene is lit from (towards the light, in the person's frame: +Y up,
# +Z in front of the person): above the camera, upper left, upper right, overhead, low front.
LIGHT_DIRECTIONS = ((0.0, 0.6, 1.0), (-1.0, 0.8, 0.6), (1.0, 0.8, 0.6), (0.0, 1.0, 0.15), (0.3, 0.1, 1.0))

# The 35 x 24 mm frame's diagonal, which 35 mm-equivalent focal lengths refer to.
_FULL_FRAME_DIAGONAL_MM = float(np.hypot(36.0, 24.0))
# Head and feet stay this far (fraction of the body's height) inside the frame.
_FRAME_MARGIN = 0.06


@dataclass
class PhotoConditions:
    """How one person's front and side photos are taken.

    Attributes
    ----------
    focal_35mm : float
        35 mm-equivalent focal length, mm.
    exif : bool
        Whether the photo records its focal length (EXIF) for the estimator to read.
    distance_m : float
        Horizontal distance from the camera to the person's vertical axis.
    camera_height_m : float
        Height of the camera above the floor; it tilts to aim at the body's middle.
    yaw_deg : float
        Horizontal angle of the camera off the ideal view (front or left side), degrees.
    image_size : (int, int)
        Width and height of the photo as the phone takes it, pixels.
    arm_angle_deg : float
        Angle of each arm from the body (0 hanging straight down).
    feet_apart : float
        0 feet together to 1 feet hip-width apart.
    lean_deg : (float, float)
        Whole-body lean forward and sideways, degrees.
    room : bool
        A room (floor and textured wall) behind the person instead of a plain wall.
    background_rgb : (int, int, int)
        The wall's colour.
    light_direction : (3,) float
        Towards the key light, the person's frame.
    skin_rgb, hair_rgb : (int, int, int)
    clothing : str
        One of :data:`CLOTHING`.
    texture_seed : int
        Seed of the room's wall texture.
    """

    focal_35mm: float
    exif: bool
    distance_m: float
    camera_height_m: float
    yaw_deg: float
    image_size: tuple[int, int]
    arm_angle_deg: float
    feet_apart: float
    lean_deg: tuple[float, float]
    room: bool
    background_rgb: tuple[int, int, int]
    light_direction: tuple[float, float, float]
    skin_rgb: tuple[int, int, int]
    hair_rgb: tuple[int, int, int]
    clothing: str
    texture_seed: int

    def vertical_view_angle_deg(self, image_size=None) -> float:
        """Vertical field of view of the camera, degrees, for ``image_size`` (default: the photo's)."""
        width, height = image_size or self.image_size
        focal_px = self.focal_35mm / _FULL_FRAME_DIAGONAL_MM * np.hypot(width, height)
        return float(np.degrees(2.0 * np.arctan(height / 2.0 / focal_px)))


def _closest_fitting_distance(height_m: float, camera_height_m: float, half_angle: float) -> float:
    """The nearest distance (m) at which a camera at ``camera_height_m``, aimed at the body's middle,
    sees head and feet inside a vertical half field of view ``half_angle`` (radians), with a margin."""
    top, bottom = height_m * (1.0 + _FRAME_MARGIN), -height_m * _FRAME_MARGIN
    for distance in np.arange(0.8, 12.0, 0.05):
        aim = np.arctan2(camera_height_m - height_m / 2.0, distance)
        # Toes and the nose stand about 15 cm nearer the camera than the body's axis.
        near = distance - 0.15
        up = np.arctan2(top - camera_height_m, near) + aim
        down = np.arctan2(camera_height_m - bottom, near) - aim
        if max(up, down) <= half_angle:
            return float(distance)
    return 12.0


def draw_conditions(rng, height_m: float, clothing: str) -> PhotoConditions:
    """Random photo conditions for a person ``height_m`` tall wearing ``clothing``.

    Parameters
    ----------
    rng : numpy.random.Generator
    height_m : float
    clothing : str
        One of :data:`CLOTHING`.
    """
    from body.photo.render import BACKGROUNDS_RGB

    size = IMAGE_SIZES_PX[rng.integers(len(IMAGE_SIZES_PX))]
    landscape = bool(rng.random() < 0.5)
    image_size = (size[1], size[0]) if landscape else size
    conditions = PhotoConditions(
        focal_35mm=float(rng.uniform(24.0, 52.0)),
        exif=bool(rng.random() < 0.5),
        distance_m=float(rng.uniform(1.5, 4.0)),
        camera_height_m=float(rng.uniform(0.7, 1.7)),
        yaw_deg=float(rng.uniform(-10.0, 10.0)),
        image_size=image_size,
        arm_angle_deg=float(rng.uniform(10.0, 45.0)),
        feet_apart=float(rng.uniform(0.0, 1.0)),
        lean_deg=(float(rng.uniform(-3.0, 3.0)), float(rng.uniform(-2.0, 2.0))),
        room=bool(rng.random() < 0.5),
        background_rgb=BACKGROUNDS_RGB[rng.integers(len(BACKGROUNDS_RGB))],
        light_direction=LIGHT_DIRECTIONS[rng.integers(len(LIGHT_DIRECTIONS))],
        skin_rgb=SKIN_TONES_RGB[rng.integers(len(SKIN_TONES_RGB))],
        hair_rgb=HAIR_RGB[rng.integers(len(HAIR_RGB))],
        clothing=clothing,
        texture_seed=int(rng.integers(2**31)),
    )
    half_angle = np.radians(conditions.vertical_view_angle_deg()) / 2.0
    # Whoever takes the photo steps back until the whole body is in it.
    conditions.distance_m = max(
        conditions.distance_m, _closest_fitting_distance(height_m, conditions.camera_height_m, half_angle)
    )
    return conditions


def typical_conditions(**changes) -> PhotoConditions:
    """The photo fitroom's instructions ask for, as :class:`PhotoConditions`: a phone's main camera
    (26 mm equivalent, EXIF stripped) held level at chest height 3 m away, portrait, arms 30 degrees
    from the body, feet a little apart, against a plain light wall; ``changes`` override any field."""
    from dataclasses import replace

    from body.photo.render import BACKGROUNDS_RGB

    typical = PhotoConditions(
        focal_35mm=26.0,
        exif=False,
        distance_m=3.0,
        camera_height_m=1.2,
        yaw_deg=0.0,
        image_size=(720, 960),
        arm_angle_deg=30.0,
        feet_apart=0.5,
        lean_deg=(0.0, 0.0),
        room=False,
        background_rgb=BACKGROUNDS_RGB[0],
        light_direction=LIGHT_DIRECTIONS[0],
        skin_rgb=SKIN_TONES_RGB[4],
        hair_rgb=HAIR_RGB[1],
        clothing="bare",
        texture_seed=0,
    )
    return replace(typical, **changes)


def standing_pose(rest_joints: np.ndarray, conditions: PhotoConditions) -> np.ndarray:
    """(72,) SMPL pose of a person standing for the photo as ``conditions`` say.

    Parameters
    ----------
    rest_joints : (24, 3) float array
        The body's joints in the model's rest pose (an A-pose), metres.
    conditions : PhotoConditions

    Returns
    -------
    (72,) float32
        Shoulders turned so each arm hangs ``arm_angle_deg`` from the body, elbows a little bent, hips
        turned so the ankles stand between together and hip-width apart.
    """
    from body.body import SMPL_JOINT_NAMES

    joint = {name: i for i, name in enumerate(SMPL_JOINT_NAMES)}
    pose = np.zeros(72, dtype=np.float32)
    for side, sign in (("left", 1.0), ("right", -1.0)):
        arm = rest_joints[joint[f"{side}_wrist"]] - rest_joints[joint[f"{side}_shoulder"]]
        rest_angle = np.arctan2(abs(arm[0]), -arm[1])
        pose[joint[f"{side}_shoulder"] * 3 + 2] = -sign * (rest_angle - np.radians(conditions.arm_angle_deg))
        pose[joint[f"{side}_elbow"] * 3 + 0] = 0.3
        hip, ankle = rest_joints[joint[f"{side}_hip"]], rest_joints[joint[f"{side}_ankle"]]
        leg_length = hip[1] - ankle[1]
        rest_leg = np.arctan2(abs(ankle[0]) - abs(hip[0]), leg_length)
        # Feet together: the ankle joints about 9 cm apart; hip width: under the hip joints.
        together = np.arctan2(0.045 - abs(hip[0]), leg_length)
        wanted = together + conditions.feet_apart * (0.0 - together)
        pose[joint[f"{side}_hip"] * 3 + 2] = -sign * (rest_leg - wanted)
    return pose
