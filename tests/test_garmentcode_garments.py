"""GarmentCode-format garments fitroom's own drafts (tests/data/garmentcode/): each placed by what its
panels are, each draped to an ``ok`` verdict; hoods round the head, collars on the shoulders, gores
round the hips, sleeves down the arms, layered panels outside, unplaceable panels named."""

import copy
import json
from pathlib import Path

import numpy as np
import pytest
from scipy.spatial import cKDTree

from garments import PlacementError, load_pattern, mesh_pattern, place_garment
from garments.point_in_mesh import points_inside

DRAFTS = Path(__file__).parent / "data" / "garmentcode"
GARMENTS = ("hooded_top", "collared_shirt", "jumpsuit", "wide_trousers", "six_gore_skirt")
EDGE_LENGTH = 0.03
# Frames a coarse drape of these garments needs to come to rest: 95-334 measured on the default body.
MAX_FRAMES = 400


def _path(name: str) -> Path:
    return DRAFTS / f"{name}_specification.json"


@pytest.fixture(scope="module")
def body():
    from body import default_body

    return default_body()


def _placed(name: str, body):
    return place_garment(mesh_pattern(load_pattern(_path(name)), EDGE_LENGTH), body)


def _panel_vertices(garment, words: tuple[str, ...]) -> np.ndarray:
    """Vertex indices of the panels whose names hold any of ``words``."""
    panels = [i for i, name in enumerate(garment.panel_names) if any(word in name for word in words)]
    return np.unique(garment.faces[np.isin(garment.face_panel, panels)])


@pytest.mark.parametrize("name", GARMENTS)
def test_each_draft_places_clear_of_the_body(name, body):
    garment = _placed(name, body)
    assert not points_inside(body.vertices, body.faces, garment.positions).any()
    distance = cKDTree(body.vertices).query(garment.positions)[0]
    # Close round the body where it is fitted (a flared skirt's hem stands off).
    assert np.percentile(distance, 25) < 0.05, name


def test_gores_go_round_the_hips_in_their_own_order(body):
    garment = _placed("six_gore_skirt", body)
    hip = float(body.joint("left_hip")[1])
    centre = body.joint("pelvis")
    turns = []
    for index in range(6):
        mine = _panel_vertices(garment, (f"skirt_panel_{index}",))
        positions = garment.positions[mine]
        near_hip = positions[np.abs(positions[:, 1] - hip) < 0.03]
        assert len(near_hip), index
        offset = near_hip.mean(axis=0) - centre
        turns.append(np.degrees(np.arctan2(offset[0], offset[2])) % 360)
    # GarmentCode turns gore i by 60 i degrees about the vertical axis; they keep that order round the body.
    expected = 60.0 * np.arange(6)
    difference = (np.array(turns) - expected + 180) % 360 - 180
    assert np.all(np.abs(difference) < 15), turns


def test_sleeves_and_cuffs_follow_the_arm_to_the_wrist(body):
    garment = _placed("collared_shirt", body)
    for side in ("left", "right"):
        cuff = garment.positions[_panel_vertices(garment, (f"{side}_cuff",))]
        wrist = body.joint(f"{side}_wrist")
        # The cuff ends round the wrist, which the forearm carries forward of the elbow.
        assert np.linalg.norm(cuff.mean(axis=0) - wrist) < 0.06, side


def test_jumpsuit_legs_go_round_their_own_legs(body):
    garment = _placed("jumpsuit", body)
    knee = float(body.joint("left_knee")[1])
    for leg, side in (("_l", "left"), ("_r", "right")):
        vertices = _panel_vertices(garment, (f"pant_f{leg}", f"pant_b{leg}"))
        positions = garment.positions[vertices]
        at_knee = positions[np.abs(positions[:, 1] - knee) < 0.03]
        axis = body.joint(f"{side}_knee")
        radial = np.hypot(at_knee[:, 0] - axis[0], at_knee[:, 2] - axis[2])
        assert radial.max() < 0.15, side


def test_hood_starts_round_the_head_and_flat_collar_on_the_shoulders(body):
    hood_top = _placed("hooded_top", body)
    hood = hood_top.positions[_panel_vertices(hood_top, ("hood",))]
    neck = body.joint("neck")
    assert np.percentile(hood[:, 1], 75) > body.joint("head")[1]
    assert hood[:, 2].min() < body.vertices[body.vertices[:, 1] > neck[1], 2].min()
    shirt = _placed("collared_shirt", body)
    collar = shirt.positions[_panel_vertices(shirt, ("collar",))]
    # The collar starts down over the shoulders, not standing up round the neck.
    assert np.percentile(collar[:, 1], 90) < neck[1] + 0.01
    assert cKDTree(body.vertices).query(collar)[0].max() < 0.08


def _patch_pattern(tmp_path: Path, body, pocket_depth_cm: float | None) -> Path:
    """A front and a back round the belly, and a pocket in front of the front when a depth is given."""
    belly = float(body.joint("spine1")[1]) * 100
    square = [[-20, -10], [20, -10], [20, 10], [-20, 10]]
    edges = [{"endpoints": [i, (i + 1) % 4]} for i in range(4)]
    panels = {
        "front": {"translation": [0, belly, 25], "rotation": [0, 0, 0], "vertices": square, "edges": edges},
        "back": {"translation": [0, belly, -20], "rotation": [0, 0, 0], "vertices": square[::-1],
                 "edges": edges},
    }  # fmt: skip
    if pocket_depth_cm is not None:
        pocket = [[-6, -6], [6, -6], [6, 6], [-6, 6]]
        panels["pocket"] = {"translation": [5, belly, pocket_depth_cm], "rotation": [0, 0, 0],
                            "vertices": pocket, "edges": edges}  # fmt: skip
    stitches = [[{"panel": "front", "edge": 1}, {"panel": "back", "edge": 1}],
                [{"panel": "front", "edge": 3}, {"panel": "back", "edge": 3}]]  # fmt: skip
    spec = {"pattern": {"panels": panels, "stitches": stitches}, "properties": {"units_in_meter": 100}}
    path = tmp_path / "patches_specification.json"
    path.write_text(json.dumps(spec))
    return path


def test_a_pocket_in_front_of_a_front_starts_outside_it(tmp_path, body):
    meshed = mesh_pattern(load_pattern(_patch_pattern(tmp_path, body, 28)), 0.02)
    garment = place_garment(meshed, body)
    front = garment.positions[meshed.vertex_panel == meshed.panel_names.index("front")]
    pocket = garment.positions[meshed.vertex_panel == meshed.panel_names.index("pocket")]
    skin = cKDTree(body.vertices)
    _, nearest_front = cKDTree(front).query(pocket)
    # Each pocket vertex lies further from the skin than the front beneath it.
    assert np.all(skin.query(pocket)[0] > skin.query(front[nearest_front])[0] + 0.005)


def test_a_panel_lying_flat_is_refused_naming_it(tmp_path, body):
    path = _patch_pattern(tmp_path, body, 28)
    spec = json.loads(path.read_text())
    spec["pattern"]["panels"]["pocket"]["rotation"] = [90, 0, 0]
    path.write_text(json.dumps(spec))
    with pytest.raises(PlacementError, match="Panel 'pocket' lies flat"):
        place_garment(mesh_pattern(load_pattern(path), 0.02), body)


def test_a_collar_sewn_to_nothing_is_refused_naming_it(tmp_path, body):
    spec = json.loads(_path("collared_shirt").read_text())
    loose = copy.deepcopy(spec)
    loose["pattern"]["stitches"] = [
        stitch
        for stitch in spec["pattern"]["stitches"]
        if "collar" not in (stitch[0]["panel"], stitch[1]["panel"])
    ]
    path = tmp_path / "loose_collar_specification.json"
    path.write_text(json.dumps(loose))
    with pytest.raises(PlacementError, match="Panel 'collar' goes round the neck but is sewn to no"):
        place_garment(mesh_pattern(load_pattern(path), EDGE_LENGTH), body)


def _drape(name: str, body):
    from viewer.size_drape import drape_size

    return drape_size(
        body, str(_path(name)), None, device="cpu", edge_length=EDGE_LENGTH, max_frames=MAX_FRAMES
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", ["jumpsuit", "wide_trousers", "six_gore_skirt"])
def test_each_draft_drapes_ok(name, body):
    drape = _drape(name, body)
    assert drape.summary["verdict"] == "ok", drape.summary["verdict_reasons"]
    assert drape.summary["seam_gap_mm"] < 3.0


@pytest.mark.slow
def test_the_collared_shirt_drapes_ok_with_its_collar_on_the_shoulders(body):
    drape = _drape("collared_shirt", body)
    assert drape.summary["verdict"] == "ok", drape.summary["verdict_reasons"]
    garment, positions = drape.garment, drape.result.positions
    collar_vertices = _panel_vertices(garment, ("collar",))
    sewn = np.isin(garment.stitches, collar_vertices)
    neckline = positions[garment.stitches[sewn.any(axis=1)].ravel()]
    collar = positions[collar_vertices]
    # Lying on the shoulders: the collar falls from its neckline over the body instead of standing up
    # round the neck, and stays close over the body, nothing in the air.
    assert np.percentile(collar[:, 1], 90) < neckline[:, 1].max() + 0.01
    assert np.median(collar[:, 1]) < np.median(neckline[:, 1])
    assert cKDTree(body.vertices).query(collar)[0].max() < 0.05


@pytest.mark.slow
def test_the_hooded_top_drapes_ok_with_the_hood_behind_the_head(body):
    drape = _drape("hooded_top", body)
    assert drape.summary["verdict"] == "ok", drape.summary["verdict_reasons"]
    hood = drape.result.positions[_panel_vertices(drape.garment, ("hood",))]
    head, neck, shoulder = body.joint("head"), body.joint("neck"), body.joint("left_shoulder")
    head_vertices = body.vertices[body.vertices[:, 1] > neck[1]]
    # Behind: the hood's cloth is on the whole behind the centre of the head and covers its back.
    assert hood[:, 2].mean() < head[2]
    assert hood[:, 2].min() < head_vertices[:, 2].min()
    # Above the shoulders and not a bib on the chest: hardly any of it below the neck joint, none of
    # it over the face.
    assert hood[:, 1].min() > shoulder[1]
    assert np.mean(hood[:, 1] < neck[1]) < 0.2
    assert hood[:, 2].max() < head_vertices[:, 2].max()


@pytest.mark.parametrize(
    "name, role",
    [
        ("left_bodice_front", ("torso", "front")),
        ("sl_left_cuff_b", ("left_arm", "back")),
        ("pant_l_cuff_f", ("left_leg", "front")),
        ("pant_b_r", ("right_leg", "back")),
        ("right_hood", ("neck", "front")),
        ("skirt_back", ("torso", "back")),
    ],
)
def test_panel_names_are_read_word_by_word_as_garmentcode_writes_them(name, role):
    from garments.panel_roles import panel_role
    from garments.pattern import Panel

    triangle = np.array([[0.0, 0.0], [0.1, 0.0], [0.0, 0.1]])
    assert panel_role(Panel(name=name, vertices=triangle, edges=[])) == role


def test_a_panel_facing_a_side_there_is_no_such_is_refused_naming_it(tmp_path, body):
    spec = json.loads(_path("jumpsuit").read_text())
    spec["pattern"]["panels"]["left_sleeve_f"]["fitroom"] = {"side": "inside"}
    path = tmp_path / "odd_side_specification.json"
    path.write_text(json.dumps(spec))
    with pytest.raises(PlacementError, match="Panel 'left_sleeve_f' is to face 'inside'"):
        place_garment(mesh_pattern(load_pattern(path), EDGE_LENGTH), body)


def test_sleeve_panels_with_grains_drawn_opposite_ways_still_go_down_the_arm(tmp_path, body):
    spec = json.loads(_path("jumpsuit").read_text())
    spec["pattern"]["panels"]["left_sleeve_b"]["fitroom"] = {"grain": [-1, 0]}
    path = tmp_path / "flipped_grain_specification.json"
    path.write_text(json.dumps(spec))
    garment = place_garment(mesh_pattern(load_pattern(path), EDGE_LENGTH), body)
    sleeve = garment.positions[_panel_vertices(garment, ("left_sleeve",))]
    assert np.isfinite(sleeve).all()
    assert np.all(sleeve[:, 0] > body.joint("left_shoulder")[0] - 0.05)
