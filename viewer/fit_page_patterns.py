"""The flat pattern of each draped size, drawn by ``garments.draw_pattern``, as pictures inside a page."""

import base64
import html
import tempfile
from pathlib import Path

__all__ = ["pattern_pictures"]


def pattern_pictures(pattern, body, sizes: list[str]) -> str:
    """HTML ``<img>`` elements, one per size (``data-size`` = its index), each an inline SVG drawing.

    Parameters
    ----------
    pattern : garments.Pattern
        The pattern the drapes were made from, as drawn.
    body : body.Body
        Its ``measurements_cm`` draft the ``made-to-measure`` size.
    sizes : list[str]
        Size labels as the drapes carry them (``M``, ``made-to-measure``, ``as drawn``).
    """
    from garments import draw_pattern, pattern_in_size

    pictures = []
    with tempfile.TemporaryDirectory() as folder:
        for index, size in enumerate(sizes):
            sized = pattern_in_size(pattern, size, body.measurements_cm)
            drawing = draw_pattern(sized, Path(folder) / f"{index}.svg").read_bytes()
            uri = "data:image/svg+xml;base64," + base64.b64encode(drawing).decode("ascii")
            alt = html.escape(f"flat pattern, size {size}")
            pictures.append(f'<img class="pattern-picture" data-size="{index}" src="{uri}" alt="{alt}">')
    return "".join(pictures)
