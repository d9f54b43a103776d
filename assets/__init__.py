"""Bundled data: pattern library, material presets, size charts, sample inputs."""

from pathlib import Path

__all__ = ["asset_path"]

_ROOT = Path(__file__).resolve().parent


def asset_path(*parts: str) -> Path:
    """Path of a bundled asset, e.g. ``asset_path("size_charts.json")``."""
    return _ROOT.joinpath(*parts)
