"""What fitroom hands on: a GLB any glTF viewer shades smooth and colours, and turntables of the promised
size: a full-height MP4 and a GIF of 120 frames small enough to send (under 3 MB)."""

import json
import struct

import numpy as np
import pytest

import body as body_package
from viewer.garment_export import write_garment_glb
from viewer.size_drape import drape_size
from viewer.turntable import GIF_RESOLUTION, MP4_RESOLUTION, write_turntable

# A coarse T-shirt, partly draped: enough for the files' structure and size, in a few seconds.
EDGE_LENGTH = 0.04
FRAMES = 120


@pytest.fixture(scope="module")
def draped():
    body = body_package.default_body()
    return body, drape_size(body, "tshirt", "M", device="cpu", edge_length=EDGE_LENGTH, max_frames=FRAMES)


def _gltf_json(path) -> dict:
    """The JSON chunk of a binary glTF file."""
    data = path.read_bytes()
    (length,) = struct.unpack("<I", data[12:16])
    return json.loads(data[20 : 20 + length])


def test_glb_has_vertex_normals_and_colours_and_loads_back(draped, tmp_path):
    import trimesh

    body, drape = draped
    path = tmp_path / "garment_M.glb"
    write_garment_glb(path, drape, body)
    for mesh in _gltf_json(path)["meshes"]:
        for primitive in mesh["primitives"]:
            assert {"POSITION", "NORMAL", "COLOR_0"} <= set(primitive["attributes"])
    scene = trimesh.load(path)
    _, geometry_name = scene.graph["garment_M"]
    garment = scene.geometry[geometry_name]
    assert garment.visual.kind == "vertex"
    assert len(np.unique(garment.visual.vertex_colors[:, :3], axis=0)) > 5, "the strain map is missing"


def test_gif_of_120_frames_is_under_3_mb(draped, tmp_path):
    from PIL import Image

    body, drape = draped
    path = tmp_path / "spin.gif"
    write_turntable(body, drape, path, frames=120)
    assert path.stat().st_size < 3e6
    with Image.open(path) as gif:
        assert gif.n_frames == 120 and gif.size == GIF_RESOLUTION


def test_mp4_is_drawn_at_full_height_by_default(draped, tmp_path):
    import imageio.v2 as imageio

    body, drape = draped
    path = tmp_path / "spin.mp4"
    write_turntable(body, drape, path, frames=4)
    with imageio.get_reader(path, format="FFMPEG") as reader:
        assert reader.get_meta_data()["size"] == MP4_RESOLUTION and MP4_RESOLUTION[1] >= 1080
