"""Bundled data, read through :func:`asset_path`: the pattern library (``patterns/*.json``), the
letter-size chart (``size_charts.json``, read by :mod:`fitroom.size_chart`) and the fit page's HTML,
script and three.js (``web/``). Fabric presets are code, in :mod:`sim.materials`."""

from pathlib import Path

__all__ = ["asset_path"]

_ROOT = Path(__file__).resolve().parent


def asset_path(*parts: str) -> Path:
    """Path of a bundled asset, e.g. ``asset_path("size_charts.json")``."""
    return _ROOT.joinpath(*parts)
