"""Fitting the body model to photos: shape, pose and a camera per photo, by gradient descent in torch.

The objective, in centimetres at the person so its weights do not depend on image size:

- keypoints: BlazePose landmarks against the model's joints and face/foot vertices, robust
  (Geman-McClure) and weighted by BlazePose's visibility;
- silhouette, split as :mod:`body.photo.targets` explains: *inside* (the model's contour outside the
  mask, squared distance, trusted everywhere) and *cover* (mask outline points away from the model's
  contour, robust, a fifth of the weight on head, neck and hands; on clothes a narrower kernel, so
  tight clothes pull and a loose shirt's outline, centimetres off the body, hardly does). The
  model's contour is its smooth contour (:mod:`body.photo.contour`), which lies on the outline
  itself: matched against vertices near the rim instead, the fit read waists and hips 1.5-3 cm large
  on the benchmark's tuning people. Together they match the body's width at every height in each
  photo; the side photo gives the depths that make chest, waist and hip ellipses rather than circles;
- extent: the top of the head and the soles at the top and bottom of the mask (hair may add a
  centimetre or two; the height term below outweighs it when the height is given);
- height: the unposed model's height, to half a centimetre, at the given height or, when none is given,
  at the mean adult stature of the sex (:func:`typical_height_m`): no photo fixes the scale;
- priors: betas are standard normal over the model's sample of bodies (more firmly with one photo,
  which says nothing of depth); the body pose stays near rest, the arms of a front photo start where
  its keypoints show them.
"""

from dataclasses import dataclass

import numpy as np

from body.photo.camera import PhotoCamera, focal_length_px, project
from body.photo.contour import contour_segments, distance_to_segments, vertex_normals
from body.photo.skinning import LeanSkinning
from body.photo.targets import COVER_SCALE_CM, KEYPOINT_GROUPS, PhotoTargets

__all__ = ["PhotoFit", "fit_photos", "FIT_STEPS", "typical_height_m"]

# Adam steps: the first ones move only the cameras, the rest everything.
CAMERA_STEPS = 30
FIT_STEPS = 600

_KEYPOINT_SCALE_CM = 12.0
_HEIGHT_TOLERANCE_CM = 0.5
# Without a given height nothing in a photo fixes the scale (a body twice as large, twice as far, looks
# the same through any lens, whatever its focal length), so the model is held at the mean adult stature
# of the sex: the size chart's regular height (EN 13402-3: women 168, men 180 cm, within 2-3 cm of the
# European means of NCD Risk Factor Collaboration 2016, eLife 5:e13410). Only the body's proportions
# could say more, and on the tuning people (:data:`body.photo.bench.TUNING_SEEDS`) they said worse:
# held near that stature with its 7 cm spread instead, the fit moved heights away from it by the
# proportions and read them 5.4 cm off on average (bias +4.0) against 4.6 cm held at it. Held at the
# model's own mean shape (174 and 185 cm: its sample of bodies is drawn uniformly over anny's height
# phenotype) every height read about 6 cm tall.
_WEIGHTS = {
    "keypoints": 0.3,
    "inside": 20.0,
    "cover": 20.0,
    "extent": 5.0,
    "betas": 0.01,
    "pose": 1.0,
    "turn": 5.0,
}
# How firmly each of SMPL's 23 body joints is held at rest: the arms move freely, legs a little; the
# spine, neck and head (which nothing in a photo pins down well) and the hands and feet are held firmly.
_JOINT_STIFFNESS = np.array([
    20, 20, 400, 20, 20, 400, 200, 200, 400, 200, 200, 400, 400, 400, 400,  # hips .. head
    5, 5, 5, 5, 100, 100, 200, 200,  # shoulders, elbows, wrists, hands
], dtype=np.float32)  # fmt: skip
# Outline points on clothes: their weight against bare skin's, and their robust kernel's scale (cm).
_CLOTHES_WEIGHT = 1.0
_CLOTHES_COVER_SCALE_CM = 0.5
# From the front alone nothing in the photo holds the body's depth, and a heavy woman with her arms
# against her sides read 44 cm of chest (arms grown deep enough to join the torso) on a tuning person;
# the shape prior weighs this many times more with one photo.
_ONE_PHOTO_SHAPE_PRIOR = 5.0
# Vertex normals, which only decide where the contour runs, are recomputed every this many steps.
_NORMALS_EVERY = 10
# smplx's extra landmark vertices, in the order its VertexJointSelector lists them.
_SMPLX_LANDMARK_ORDER = ("nose", "reye", "leye", "rear", "lear", "LBigToe", "LSmallToe", "LHeel", "RBigToe")
_SMPLX_LANDMARK_ORDER += ("RSmallToe", "RHeel")


@dataclass
class PhotoFit:
    """The fitted body and cameras.

    Attributes
    ----------
    betas : (K,) float32
    poses : (P, 72) float32
        SMPL pose in each photo, with zero global orientation (the camera rotation holds the turn).
    cameras : list[PhotoCamera]
        One per photo.
    loss : float
        Final objective, cm².
    vertices_px : list of (V, 2) float32
        The fitted mesh projected into each photo, pixels.
    keypoints_px : list of (G, 2) float32
        The fitted model's keypoints (``KEYPOINT_GROUPS[view]``) in each photo, pixels.
    """

    betas: np.ndarray
    poses: np.ndarray
    cameras: list[PhotoCamera]
    loss: float
    vertices_px: list[np.ndarray]
    keypoints_px: list[np.ndarray]


def _landmark_vertices(model) -> dict[str, int]:
    """Names to vertex indices of the model's smplx landmarks (nose, eyes, ears and, when present, feet)."""
    indices = model.layer.vertex_joint_selector.extra_joints_idxs.tolist()
    face_and_feet = 11 if len(indices) in (11, 21) else 5
    return dict(zip(_SMPLX_LANDMARK_ORDER[:face_and_feet], indices[:face_and_feet], strict=True))


def _keypoint_matrix(view: str, landmark_vertices: dict[str, int], joint_count: int):
    """(G, J + L) averaging matrix from model joints and landmark vertices to the view's keypoints,
    and the (G,) mask of groups the model can express."""
    names = list(landmark_vertices)
    groups = KEYPOINT_GROUPS[view]
    matrix = np.zeros((len(groups), joint_count + len(names)), dtype=np.float32)
    usable = np.ones(len(groups), dtype=bool)
    for g, (_, model_points) in enumerate(groups):
        for point in model_points:
            kind, key = point.split(":")
            if kind == "joint":
                matrix[g, int(key)] += 1.0 / len(model_points)
            elif key in landmark_vertices:
                matrix[g, joint_count + names.index(key)] += 1.0 / len(model_points)
            else:
                usable[g] = False
    return matrix, usable


def _quarter_turn(targets: PhotoTargets) -> np.ndarray:
    """Starting rotation (3, 3): none for a front photo, 90 degrees about Y for a side photo."""
    if targets.view == "front":
        return np.eye(3, dtype=np.float32)
    sign = -1.0 if targets.facing_left else 1.0
    return np.array([[0.0, 0.0, sign], [0.0, 1.0, 0.0], [-sign, 0.0, 0.0]], dtype=np.float32)


def _arms_from_keypoints(targets: PhotoTargets, rest_joints: np.ndarray) -> np.ndarray:
    """Starting body pose (69,) for one photo: in a front photo, shoulders and elbows turned in the
    image plane so the upper arms and forearms point where the keypoints show them; a raised arm is too
    far from the rest pose's for the robust terms to pull it up. Zero for side photos and unseen arms.

    ``rest_joints`` (24, 3): the model's mean-shape joints at rest, metres.
    """
    pose = np.zeros((23, 3), dtype=np.float32)
    if targets.view != "front":
        return pose.reshape(-1)
    names = [group[0][0] for group in KEYPOINT_GROUPS["front"]]
    for side, (shoulder, elbow, wrist) in (("left", (16, 18, 20)), ("right", (17, 19, 21))):
        seen = [names.index(f"{side}_{part}") for part in ("shoulder", "elbow", "wrist")]
        if targets.keypoint_weights[seen].min() < 0.5:
            continue
        # Image x follows the body's +X and image y its -Y in a front photo.
        points = targets.keypoints_px[seen] * np.array([1.0, -1.0])
        turned = 0.0
        for joint, (start, end), (rest_start, rest_end) in (
            (shoulder, (0, 1), (shoulder, elbow)),
            (elbow, (1, 2), (elbow, wrist)),
        ):
            seen_angle = np.arctan2(*(points[end] - points[start])[::-1])
            rest_angle = np.arctan2(*(rest_joints[rest_end, :2] - rest_joints[rest_start, :2])[::-1])
            turn = (seen_angle - rest_angle - turned + np.pi) % (2.0 * np.pi) - np.pi
            pose[joint - 1, 2] = turn
            turned += turn
    return pose.reshape(-1)


def typical_height_m(gender: str) -> float:
    """Mean adult stature (m) a fit without a given height is held near: the size chart's regular
    height for ``female`` and ``male``, their mean for any other gender."""
    from fitroom.size_chart import size_chart

    chart = size_chart()
    heights = {"female": chart["women"]["height"], "male": chart["men"]["height"]}
    return float(heights.get(gender, 0.5 * (heights["female"] + heights["male"]))) / 100.0


def _robust(distance, scale):
    """Geman-McClure kernel in squared units: about ``distance²`` when small, at most ``scale²``."""
    squared = distance * distance
    return squared * scale**2 / (squared + scale**2)


def fit_photos(
    model, targets: list[PhotoTargets], height_m=None, focal_35mm=None, steps=FIT_STEPS
) -> PhotoFit:
    """Fit shape, per-photo pose and per-photo camera to prepared photos.

    Parameters
    ----------
    model : body.model.BodyModel
    targets : list[PhotoTargets]
        The front photo first, then optionally the side photo.
    height_m : float, optional
        The person's height in metres; without it, the typical height of the model's sex
        (:func:`typical_height_m`), since no photo fixes the scale.
    focal_35mm : float, optional
        The camera's 35 mm-equivalent focal length (from the photo's EXIF), else a typical one.
    steps : int
        Adam steps after the camera-only ones.

    Returns
    -------
    PhotoFit
    """
    import torch

    threads = torch.get_num_threads()
    # A few thousand vertices are too little work to share: on a busy 2-core machine torch's thread
    # pool made the fit about five times slower than one thread.
    torch.set_num_threads(1)
    try:
        return _fit(model, targets, height_m, focal_35mm, steps)
    finally:
        torch.set_num_threads(threads)


def _fit(model, targets, height_m, focal_35mm, steps) -> PhotoFit:
    """:func:`fit_photos` itself."""
    import torch
    from smplx.lbs import batch_rodrigues

    photo_count = len(targets)
    landmark_vertices = _landmark_vertices(model)
    skin = LeanSkinning(model)
    landmark_index = torch.tensor(list(landmark_vertices.values()), dtype=torch.long)
    faces = torch.as_tensor(model.faces.astype(np.int64))

    with torch.no_grad():
        mean_rest = model.rest_vertices(torch.zeros(model.shape_count))[0]
        rest_joints = skin.forward(torch.zeros(1, model.shape_count), torch.zeros(1, 72))[1][0].numpy()
    heights = mean_rest[:, 1]
    top_candidates = torch.argsort(heights, descending=True)[:64]
    sole_candidates = torch.argsort(heights)[:64]
    held_height_m = height_m or typical_height_m(model.gender)
    centre = 0.5 * (mean_rest.max(dim=0).values + mean_rest.min(dim=0).values)

    base_rotations, translations, focals, principals, cm_per_px = [], [], [], [], []
    keypoint_matrices, keypoint_targets, keypoint_weights = [], [], []
    for photo in targets:
        width, height = photo.image_size
        focal = focal_length_px(photo.image_size, focal_35mm)
        principal = np.array([width / 2.0, height / 2.0], dtype=np.float32)
        rotation = _quarter_turn(photo)
        distance = focal * held_height_m / photo.person_height_px
        box = photo.person_box_px
        box_centre = np.array([(box[0] + box[2]) / 2.0, (box[1] + box[3]) / 2.0]) - principal
        placed_centre = np.array(
            [box_centre[0] * distance / focal, -box_centre[1] * distance / focal, -distance]
        )
        translations.append(placed_centre - rotation @ centre.numpy())
        base_rotations.append(rotation)
        focals.append(focal)
        principals.append(principal)
        cm_per_px.append(100.0 * held_height_m / photo.person_height_px)
        matrix, usable = _keypoint_matrix(photo.view, landmark_vertices, 24)
        keypoint_matrices.append(torch.as_tensor(matrix))
        keypoint_targets.append(torch.as_tensor(photo.keypoints_px))
        keypoint_weights.append(torch.as_tensor(photo.keypoint_weights * usable))

    betas = torch.zeros(model.shape_count, requires_grad=True)
    body_pose = torch.as_tensor(
        np.array([_arms_from_keypoints(photo, rest_joints) for photo in targets]), dtype=torch.float32
    ).requires_grad_(True)
    turn = torch.zeros(photo_count, 3, requires_grad=True)
    translation = torch.tensor(np.array(translations), dtype=torch.float32, requires_grad=True)
    base_rotation = torch.as_tensor(np.array(base_rotations))
    distance_maps = [torch.as_tensor(p.outside_distance_px)[None, None] for p in targets]
    outlines = [torch.as_tensor(p.outline_px) for p in targets]
    # Outline points on clothes pull only where the clothes lie on the body (tight ones): their
    # robust kernel is narrower, so a loose shirt's outline centimetres away pulls with little force.
    skin_shares = [torch.as_tensor(p.outline_skin) for p in targets]
    outline_weights = [
        torch.as_tensor(p.outline_weights) * (share + (1.0 - share) * _CLOTHES_WEIGHT)
        for p, share in zip(targets, skin_shares, strict=True)
    ]
    cover_scales = [share * COVER_SCALE_CM + (1.0 - share) * _CLOTHES_COVER_SCALE_CM for share in skin_shares]
    principal_t = [torch.as_tensor(p) for p in principals]
    joint_stiffness = torch.as_tensor(_JOINT_STIFFNESS)
    boxes = [torch.as_tensor(p.person_box_px) for p in targets]

    # Vertex normals of each photo's posed mesh, and how many times the objective has been evaluated.
    normals = [None] * photo_count
    evaluations = [0]

    def objective():
        refresh_normals = evaluations[0] % _NORMALS_EVERY == 0
        evaluations[0] += 1
        rotation = batch_rodrigues(turn) @ base_rotation
        pose = torch.cat([torch.zeros(photo_count, 3), body_pose], dim=1)
        vertices, joints = skin.forward(betas.expand(photo_count, -1), pose)
        points = torch.cat([joints, vertices[:, landmark_index]], dim=1)
        terms = {"keypoints": 0.0, "inside": 0.0, "cover": 0.0, "extent": 0.0}
        for k, photo in enumerate(targets):
            width, height = photo.image_size
            eye = -(rotation[k].T @ translation[k]).detach()
            if refresh_normals:
                normals[k] = vertex_normals(vertices[k].detach(), faces)
            ends = contour_segments(vertices[k], normals[k], faces, eye)
            ends_px = project(ends.reshape(-1, 3), rotation[k], translation[k], focals[k], principal_t[k])
            ends_px = ends_px.reshape(-1, 2, 2)
            grid = ends_px.reshape(-1, 2) / ends_px.new_tensor([width - 1.0, height - 1.0]) * 2.0 - 1.0
            outside_px = torch.nn.functional.grid_sample(
                distance_maps[k], grid[None, None], align_corners=True, padding_mode="border"
            )[0, 0, 0]
            terms["inside"] = terms["inside"] + ((outside_px * cm_per_px[k]) ** 2).mean()
            gaps_px = distance_to_segments(outlines[k], ends_px[:, 0], ends_px[:, 1])
            cover = _robust(gaps_px * cm_per_px[k], cover_scales[k])
            terms["cover"] = terms["cover"] + (cover * outline_weights[k]).sum() / outline_weights[k].sum()
            with torch.no_grad():
                rows = project(vertices[k], rotation[k], translation[k], focals[k], principal_t[k])[:, 1]
                crown = top_candidates[rows[top_candidates].argmin()]
            top_and_bottom = vertices[k][torch.stack([crown, rows.argmax()])]
            top_px, bottom_px = project(
                top_and_bottom, rotation[k], translation[k], focals[k], principal_t[k]
            )[:, 1]
            extent_cm = (top_px - boxes[k][1]) ** 2 + (bottom_px - boxes[k][3]) ** 2
            terms["extent"] = terms["extent"] + extent_cm * cm_per_px[k] ** 2

            model_keypoints = project(
                keypoint_matrices[k] @ points[k], rotation[k], translation[k], focals[k], principal_t[k]
            )
            misses_cm = (model_keypoints - keypoint_targets[k]).norm(dim=-1) * cm_per_px[k]
            weighted = _robust(misses_cm, _KEYPOINT_SCALE_CM) * keypoint_weights[k]
            terms["keypoints"] = terms["keypoints"] + weighted.sum() / keypoint_weights[k].sum().clamp(
                min=1e-6
            )
        terms["betas"] = (betas**2).sum() * (_ONE_PHOTO_SHAPE_PRIOR if photo_count == 1 else 1.0)
        terms["pose"] = ((body_pose.reshape(photo_count, 23, 3) ** 2).sum(dim=-1) * joint_stiffness).sum()
        terms["turn"] = (turn**2).sum()
        total = sum(_WEIGHTS[name] * value for name, value in terms.items())
        rest = model.rest_vertices(betas)[0, :, 1]
        model_height_m = rest[top_candidates].max() - rest[sole_candidates].min()
        total = total + ((model_height_m - held_height_m) * 100.0 / _HEIGHT_TOLERANCE_CM) ** 2
        return total

    camera_optimiser = torch.optim.Adam(
        [{"params": [translation], "lr": 0.02}, {"params": [turn], "lr": 0.02}]
    )
    for _ in range(CAMERA_STEPS):
        camera_optimiser.zero_grad()
        loss = objective()
        loss.backward()
        camera_optimiser.step()

    optimiser = torch.optim.Adam(
        [
            {"params": [translation], "lr": 0.01},
            {"params": [turn], "lr": 0.01},
            # Large and small bodies lie three or four standard deviations out on the first
            # components; at a slower rate the fit stops short of them (a 122 cm bust read 6 cm small).
            {"params": [betas], "lr": 0.2},
            {"params": [body_pose], "lr": 0.02},
        ]
    )
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=steps, eta_min=0.0)
    for _ in range(steps):
        optimiser.zero_grad()
        loss = objective()
        loss.backward()
        optimiser.step()
        schedule.step()

    with torch.no_grad():
        rotation = (batch_rodrigues(turn) @ base_rotation).numpy()
        poses = torch.cat([torch.zeros(photo_count, 3), body_pose], dim=1).numpy()
        cameras = [
            PhotoCamera(rotation[k], translation[k].numpy().copy(), focals[k], principals[k])
            for k in range(photo_count)
        ]
        final_loss = float(objective())
        vertices, joints = model.forward(betas.expand(photo_count, -1), torch.as_tensor(poses))
        points = torch.cat([joints, vertices[:, torch.as_tensor(list(landmark_vertices.values()))]], dim=1)
        vertices_px = [cameras[k].project(vertices[k].numpy()) for k in range(photo_count)]
        keypoints_px = [
            cameras[k].project((keypoint_matrices[k] @ points[k]).numpy()) for k in range(photo_count)
        ]
    return PhotoFit(
        betas.detach().numpy().copy(),
        poses.astype(np.float32),
        cameras,
        final_loss,
        vertices_px,
        keypoints_px,
    )
