"""The benchmark reports the figures ``fitroom bench`` prints, on a small scene."""

from scenes import tube_garment

from sim.bench import bench_drape
from sim.lab_scenes import cylinder_body


def test_the_benchmark_reports_speed_and_drape_quality():
    body_vertices, body_faces = cylinder_body(0.12, 0.0, 1.4)
    tube = tube_garment(0.7, 0.3, 0.8, 0.16, 25, 10)
    report = bench_drape(body_vertices, body_faces, tube, device="cpu", max_frames=120, peer=False)
    assert report["vertices"] == 500 and report["faces"] == 2 * 2 * 24 * 9
    assert report["device"] == "cpu" and report["substeps"] == 20
    assert report["ms_per_frame_median"] > 0 and report["real_time_factor"] > 0
    assert report["settled"] and report["seconds_to_rest"] > 0
    assert report["penetration_pct"] == 0.0
    assert report["seam_gap_mm"] <= 3.0
    assert report["peer"]["skipped"] == "not requested"
