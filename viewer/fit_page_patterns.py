"""The flat pattern of each draped size, drawn by ``garments.draw_pattern``, as pictures inside a page."""

import base64
import html
import tempfile
from pathlib import Path

__all__ = ["pattern_pictures"]


def pattern_pictures(patterns: list) -> str:
    """HTML ``<img>`` elements, one per size (``data-size`` = its index), each an inline SVG drawing.

    Parameters
    ----------
    patterns : list[garments.Pattern]
        The pattern in each draped size, in the drapes' order.
    """
    from garments import draw_pattern

    pictures = []
    with tempfile.TemporaryDirectory() as folder:
        for index, sized in enumerate(patterns):
            drawing = draw_pattern(sized, Path(folder) / f"{index}.svg").read_bytes()
            uri = "data:image/svg+xml;base64," + base64.b64encode(drawing).decode("ascii")
            alt = html.escape(f"flat pattern, size {sized.size}")
            pictures.append(f'<img class="pattern-picture" data-size="{index}" src="{uri}" alt="{alt}">')
    return "".join(pictures)
