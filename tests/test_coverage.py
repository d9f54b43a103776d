"""``fitroom coverage`` on a small result: the shares each size fits, who none fits and why, the picture."""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from viewer.cli import main
from viewer.coverage import CoverageInputError, coverage_figures, load_results


def _drape(person: str, size: str, index: int, tight=(), verdict="ok") -> dict:
    row = {"id": person, "pattern": "tshirt", "size": size, "size_index": index, "verdict": verdict}
    row |= {"tight_at": [f"{girth} 115 %" for girth in tight], "verdict_reasons": []}
    for girth, round_it in (("chest", True), ("waist", True), ("hip", False)):
        row |= {f"girths_{girth}_covered": round_it, f"girths_{girth}_measured": round_it}
    return row


def _person(person: str, size, status="ok", tight=(), chest=92.0, hip=100.0) -> dict:
    return {
        "id": person,
        "pattern": "tshirt",
        "status": status,
        "recommended_size": size,
        "tight_at": list(tight),
        "gender": "female",
        "body_chest_cm": chest,
        "body_hip_cm": hip,
    }


def _results(tmp_path):
    """Four people in S, M, L: one fits S, one fits M (L loose), one is tight at the hip in every size,
    and one is a bad row."""
    drapes = [
        _drape("a", "S", 0),
        _drape("a", "M", 1),
        _drape("a", "L", 2),
        _drape("b", "S", 0, ["chest"]),
        _drape("b", "M", 1),
        _drape("b", "L", 2, verdict="failed"),
        _drape("c", "S", 0, ["hip"]),
        _drape("c", "M", 1, ["hip"]),
        _drape("c", "L", 2, ["hip"]),
    ]
    people = [
        _person("a", "S", chest=86.0, hip=93.0),
        _person("b", "M", chest=95.0, hip=101.0),
        _person("c", "L", tight=["hip"], chest=96.0, hip=118.0),
        _person("d", None, status="failed", chest=None),
    ]
    folder = tmp_path / "results"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(drapes), folder / "drapes.parquet")
    pq.write_table(pa.Table.from_pylist(people), folder / "recommendations.parquet")
    return folder


def test_coverage_counts_who_each_size_fits_and_why_no_size_fits(tmp_path):
    figures = coverage_figures(*load_results(_results(tmp_path)))["tshirt"]
    assert figures["people"] == 4 and figures["sizes"] == ["S", "M", "L"]
    assert figures["fits_share"] == {"S": 0.25, "M": 0.25, "L": 0.0}
    assert figures["no_size"] == {"tight at hip": 1, "bad row": 1}
    assert figures["by_size"]["S"] == {"recommended": 1, "tight at chest": 1, "tight at hip": 1}
    assert figures["by_size"]["L"] == {"fits, loose": 1, "drape failed": 1, "tight at hip": 1}


def test_coverage_writes_the_picture_and_the_page(tmp_path):
    out = tmp_path / "coverage.png"
    assert main(["coverage", str(_results(tmp_path)), "-o", str(out), "--html"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (tmp_path / "coverage.html").read_text()
    assert "data:image/png;base64," in page and "no size: tight at hip" in page


def test_a_folder_without_batch_results_is_one_sentence(tmp_path):
    with pytest.raises(CoverageInputError, match="has no drapes.parquet"):
        load_results(tmp_path)
    assert main(["coverage", str(tmp_path), "-o", str(tmp_path / "c.png")]) == 2
    assert not (tmp_path / "c.png").exists()
