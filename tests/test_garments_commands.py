"""``fitroom patterns`` and ``fitroom pattern``: the library listing and the flat drawing to check."""

import argparse
from pathlib import Path

import pytest

from fitroom.errors import OutputPathError
from garments import UnknownSizeError
from viewer import cmd_pattern, cmd_patterns

SHIRT = Path(__file__).parent / "data" / "patterns" / "garmentcode" / "shirt_mean_specification.json"


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fitroom")
    subparsers = parser.add_subparsers(dest="command", required=True)
    cmd_patterns.add_parser(subparsers)
    cmd_pattern.add_parser(subparsers)
    return parser.parse_args(argv)


def test_patterns_lists_every_bundled_pattern_with_sizes_and_fabrics(capsys):
    assert cmd_patterns.run(_args("patterns")) == 0
    listing = capsys.readouterr().out
    for expected in ("tshirt", "tank_top", "skirt", "trousers", "shirt_dress", "XS S M L XL XXL", "rib_knit"):
        assert expected in listing


def test_pattern_draws_an_svg_with_size_and_numbered_stitches(tmp_path):
    out = tmp_path / "tee.svg"
    assert cmd_pattern.run(_args("pattern", "tshirt", "--size", "L", "-o", str(out))) == 0
    drawing = out.read_text()
    assert "size L (women's chart)" in drawing
    # The SVG keeps each label's text in a comment beside its glyphs: every stitch number is drawn twice.
    for number in range(18):
        assert drawing.count(f"<!-- {number} -->") >= 2, number


def test_pattern_draws_a_png_of_a_garmentcode_file(tmp_path):
    out = tmp_path / "shirt.png"
    assert cmd_pattern.run(_args("pattern", str(SHIRT), "-o", str(out))) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


def test_pattern_refuses_an_unknown_size_and_an_unknown_format(tmp_path):
    with pytest.raises(UnknownSizeError):
        cmd_pattern.run(_args("pattern", "tshirt", "--size", "XXXL", "-o", str(tmp_path / "x.svg")))
    with pytest.raises(OutputPathError, match=r"\.svg, \.png"):
        cmd_pattern.run(_args("pattern", "tshirt", "-o", str(tmp_path / "x.pdf")))
    assert not list(tmp_path.iterdir())
