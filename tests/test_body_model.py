"""The body model: fitroom's default model built from anny, and a user's own SMPL-layout file."""

import numpy as np
import pytest
import torch
from mannequin import MANNEQUIN_CM, mannequin_smpl_file

from body import SMPL_JOINT_NAMES, load_body_model
from body.anny_build import (
    anny_model,
    anny_rest_bodies,
    default_model_path,
    sample_phenotypes,
)
from body.anny_rig import smpl_joints_from_bone_heads
from body.model import _load_cached
from body.model_errors import BodyModelFileError, UnknownGenderError
from fitroom.files import cache_dir


@pytest.fixture(scope="module")
def anny():
    return anny_model()


@pytest.mark.parametrize("gender", ["female", "male"])
def test_the_default_model_has_anny_topology_and_enough_shape_components(gender):
    model = load_body_model(gender)
    assert default_model_path(gender).exists()
    assert model.layout == "smpl"
    assert model.vertex_count == 13718
    assert model.faces.shape == (27420, 3)
    assert model.shape_count >= 10
    assert model.variance_ratio[:10].sum() >= 0.99


def test_a_built_model_loads_again_from_the_cache_without_rebuilding():
    first = load_body_model("female")
    cached = sorted(cache_dir().glob("body_model/*female*.npz"))
    assert cached
    stamp = cached[0].stat().st_mtime_ns
    again = _load_cached.__wrapped__("female", None)
    assert cached[0].stat().st_mtime_ns == stamp
    assert np.array_equal(again.faces, first.faces)


@pytest.mark.parametrize("gender", ["female", "male"])
def test_rest_bodies_match_anny_to_a_few_millimetres(anny, gender):
    model = load_body_model(gender)
    phenotypes = sample_phenotypes(gender, 24, seed=11)
    anny_vertices, _ = anny_rest_bodies(anny, phenotypes)
    template = model.layer.v_template.numpy().astype(np.float64)
    directions = model.layer.shapedirs.numpy().reshape(-1, model.shape_count).astype(np.float64)
    offsets = (anny_vertices - template).reshape(len(anny_vertices), -1).T
    betas = np.linalg.lstsq(directions, offsets, rcond=None)[0].T
    rebuilt = model.rest_vertices(torch.tensor(betas, dtype=torch.float32)).numpy()
    distance_mm = 1000 * np.linalg.norm(rebuilt - anny_vertices, axis=2).mean()
    assert distance_mm < 3.0


def test_joints_follow_anny_joints_across_shapes(anny):
    model = load_body_model("female")
    vertices, bone_heads = anny_rest_bodies(anny, sample_phenotypes("female", 10, seed=12))
    anny_joints = smpl_joints_from_bone_heads(list(anny.bone_labels), bone_heads)
    regressed = np.einsum("jv,nvc->njc", model.joint_regressor, vertices)
    assert 1000 * np.linalg.norm(regressed - anny_joints, axis=2).mean() < 3.0


def test_a_body_stands_on_the_floor_y_up_facing_plus_z():
    body = load_body_model("female").body(np.zeros(4))
    assert body.vertices.dtype == np.float32 and body.joints.shape == (24, 3)
    assert body.vertices[:, 1].min() == pytest.approx(0.0, abs=1e-6)
    heights = [body.joint(name)[1] for name in ("head", "neck", "pelvis", "left_knee", "left_ankle")]
    assert heights == sorted(heights, reverse=True)
    assert body.joint("left_hip")[0] > 0 > body.joint("right_hip")[0]
    assert body.joint("left_foot")[2] > body.joint("left_ankle")[2]
    head = body.vertices[body.vertices[:, 1] > body.joint("head")[1]]
    assert head[:, 2].max() - body.joint("head")[2] > 0.05


def test_skinning_carries_fingers_on_the_hand_and_toes_on_the_foot():
    model = load_body_model("female")
    weights = model.layer.lbs_weights.numpy()
    assert np.allclose(weights.sum(axis=1), 1.0, atol=1e-5)
    tips = model.layer.vertex_joint_selector.extra_joints_idxs.numpy()
    dominant = {SMPL_JOINT_NAMES[j] for j in weights[tips].argmax(axis=1)}
    ends = {"head"} | {f"{side}_{part}" for side in ("left", "right") for part in ("hand", "foot", "ankle")}
    assert dominant <= ends


def test_posing_moves_only_the_posed_limb_and_is_differentiable():
    model = load_body_model("female")
    betas = torch.zeros(1, model.shape_count, requires_grad=True)
    pose = torch.zeros(1, 72, requires_grad=True)
    rest, rest_joints = model.forward(betas, pose)
    bent = torch.zeros(1, 72)
    bent[0, 3 * SMPL_JOINT_NAMES.index("left_elbow") + 1] = 1.2
    vertices, joints = model.forward(betas, bent)
    left_wrist, right_wrist = SMPL_JOINT_NAMES.index("left_wrist"), SMPL_JOINT_NAMES.index("right_wrist")
    assert torch.linalg.norm(joints[0, left_wrist] - rest_joints[0, left_wrist]) > 0.1
    assert torch.allclose(joints[0, right_wrist], rest_joints[0, right_wrist], atol=1e-5)
    moved = torch.linalg.norm(vertices - rest, dim=2)[0]
    assert 0 < int((moved > 0.01).sum()) < model.vertex_count // 5
    rest[..., 1].max().backward()
    assert betas.grad.abs().sum() > 0


def test_a_users_smpl_file_loads_through_the_same_code(tmp_path):
    path = tmp_path / "my_smpl.npz"
    mannequin_smpl_file(path)
    model = load_body_model("male", path)
    assert model.layout == "smpl" and model.shape_count == 2 and model.name == str(path)
    body = model.body(np.zeros(2))
    for key in ("height", "inseam", "hip", "waist", "chest", "neck"):
        assert body.measurements_cm[key] == pytest.approx(MANNEQUIN_CM[key], abs=0.05), key
    taller = model.body(np.array([1.0, 0.0]))
    assert taller.measurements_cm["height"] == pytest.approx(1.05 * MANNEQUIN_CM["height"], abs=0.05)


def test_a_users_smplh_file_loads_and_poses(tmp_path):
    path = tmp_path / "my_smplh.npz"
    mannequin_smpl_file(path, hands=True)
    model = load_body_model("female", path)
    assert model.layout == "smplh"
    body = model.body(np.zeros(2))
    assert body.joints.shape == (24, 3)
    assert body.measurements_cm["height"] == pytest.approx(MANNEQUIN_CM["height"], abs=0.05)
    pose = np.zeros(72)
    pose[3 * SMPL_JOINT_NAMES.index("left_shoulder") + 2] = 0.8
    raised = model.body(np.zeros(2), pose)
    wrist = SMPL_JOINT_NAMES.index("left_wrist")
    assert np.linalg.norm(raised.joints[wrist] - body.joints[wrist]) > 0.1


def test_bad_model_files_and_genders_get_a_sentence(tmp_path):
    with pytest.raises(BodyModelFileError, match="does not exist"):
        load_body_model("female", tmp_path / "missing.npz")
    path = tmp_path / "broken.npz"
    np.savez(path, v_template=np.zeros((10, 3)), f=np.zeros((4, 3), dtype=np.int64))
    with pytest.raises(BodyModelFileError, match="lacks shapedirs, posedirs, J_regressor"):
        load_body_model("female", path)
    text = tmp_path / "model.txt"
    text.write_text("not a model")
    with pytest.raises(BodyModelFileError, match="neither .npz nor .pkl"):
        load_body_model("female", text)
    with pytest.raises(UnknownGenderError, match="female, male, neutral"):
        load_body_model("woman")
