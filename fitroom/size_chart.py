"""The letter-size chart (``assets/size_charts.json``): body measurements at the centre of each size.

The one reader of the chart: the default body (``body``), grading (``garments``) and the command line
and coverage pictures (``viewer``) all ask it.
"""

import functools
import json

from assets import asset_path

__all__ = ["size_chart", "chart_sizes", "size_measurements_cm"]


@functools.cache
def size_chart() -> dict:
    """The parsed size chart: per chart (``women``, ``men``) and size, girth bands in cm."""
    with open(asset_path("size_charts.json"), encoding="utf-8") as stream:
        return json.load(stream)


def chart_sizes() -> tuple[str, ...]:
    """The letter sizes, smallest first (``XS`` .. ``XXL``)."""
    return tuple(size_chart()["sizes"])


def size_measurements_cm(chart: str, size: str) -> dict[str, float]:
    """Body ``chest``, ``waist``, ``hip`` (band centres) and ``height`` in cm of ``size`` in ``chart``."""
    table = size_chart()[chart]
    bands = table[size]
    measurements = {name: (low + high) / 2 for name, (low, high) in bands.items()}
    measurements["height"] = float(table["height"])
    return measurements
