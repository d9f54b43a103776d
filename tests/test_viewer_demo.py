"""The main job end to end: ``fitroom demo`` at a reduced mesh resolution, and every file it promises."""

import json

import imageio.v3 as iio
import numpy as np
import pytest

from viewer.cli import main

SIZES = ("S", "M", "L", "XL")
CONTRACT_KEYS = (
    "strain_pct",
    "contact_pct",
    "ease_cm",
    "gap_cm",
    "girth_strain_pct",
    "seam_gap_mm",
    "verdict",
    "verdict_reasons",
    "penetration_pct",
    "settled",
    "frames",
    "sim_seconds",
    "wall_seconds",
)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    status = main(
        [
            "demo",
            "--out",
            str(out),
            "--sizes",
            ",".join(SIZES),
            "--edge-length",
            "3",
            "--device",
            "cpu",
            "--max-frames",
            "400",
        ]
    )
    assert status == 0
    return out


def _strain_colour_share(image: np.ndarray) -> float:
    """Share of pixels that are saturated blue-to-red map colours (not skin, not the grey background)."""
    rgb = image[..., :3].astype(np.float32)
    saturation = rgb.max(axis=-1) - rgb.min(axis=-1)
    blue = (rgb[..., 2] > rgb[..., 0] + 60) & (saturation > 80)
    red = (rgb[..., 0] > rgb[..., 2] + 100) & (rgb[..., 1] < 90)
    return float((blue | red).mean())


def test_demo_writes_every_promised_file(demo_dir):
    names = {p.name for p in demo_dir.iterdir()}
    expected = {"fit.json", "sizes.png", "turntable.mp4"}
    for size in SIZES:
        expected |= {f"drape_{size}.png", f"garment_{size}.ply", f"garment_{size}.glb"}
    assert expected <= names
    assert not [n for n in names if n.startswith(".")], "a temporary file was left behind"


def test_pictures_show_the_strain_map(demo_dir):
    for name in ["sizes.png"] + [f"drape_{size}.png" for size in SIZES]:
        image = iio.imread(demo_dir / name)
        assert image.std() > 20, f"{name} is blank"
        assert _strain_colour_share(image) > 0.01, f"{name} shows no strain colours"


def test_turntable_has_120_frames_at_30_fps(demo_dir):
    import imageio.v2 as imageio

    with imageio.get_reader(demo_dir / "turntable.mp4", format="FFMPEG") as reader:
        assert reader.count_frames() == 120
        assert reader.get_meta_data()["fps"] == 30
        first, quarter = reader.get_data(0), reader.get_data(30)
    assert np.abs(first.astype(int) - quarter.astype(int)).mean() > 2, "the camera does not turn"


def test_fit_json_has_the_contract_and_sizes_read_the_way_a_fit_technician_expects(demo_dir):
    document = json.loads((demo_dir / "fit.json").read_text())
    assert document["recommended_size"] in SIZES
    for size in SIZES:
        assert all(key in document[size] for key in CONTRACT_KEYS)
        assert set(document[size]["ease_cm"]) == {"chest", "waist", "hip"}
    means = [document[size]["strain_pct"]["mean"] for size in SIZES]
    p95s = [document[size]["strain_pct"]["p95"] for size in SIZES]
    assert means[0] == max(means) and p95s[0] == max(p95s), "S must be the tightest size"
    for smaller in range(len(SIZES)):
        for larger in range(smaller + 1, len(SIZES)):
            assert means[larger] <= means[smaller] + 0.5


def test_meshes_carry_the_fit_arrays(demo_dir):
    import trimesh

    mesh = trimesh.load(demo_dir / "garment_M.ply", process=False)
    assert mesh.faces.shape[0] > 100
    ply_header = (demo_dir / "garment_M.ply").read_bytes()[:2000].decode("latin-1")
    assert "strain_pct" in ply_header and "gap_cm" in ply_header
    scene = trimesh.load(demo_dir / "garment_M.glb")
    assert len(scene.geometry) == 2
