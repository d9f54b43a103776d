"""The coverage page (``fitroom coverage --html``): the picture and the shares, in one offline HTML file."""

import base64
import html
from pathlib import Path

from fitroom.files import atomic_path

__all__ = ["write_coverage_page"]


def _table(pattern: str, figures: dict) -> str:
    people = max(figures["people"], 1)
    cells = "".join(
        f"<tr><td>{html.escape(size)}</td><td>{100.0 * share:.1f} %</td></tr>"
        for size, share in figures["fits_share"].items()
    )
    gaps = "".join(
        f"<tr><td>no size: {html.escape(why)}</td><td>{100.0 * count / people:.1f} %</td></tr>"
        for why, count in figures["no_size"].most_common()
    )
    return (
        f"<h2>{html.escape(Path(pattern).stem)} ({figures['people']} people)</h2>"
        f"<table><tr><th>size</th><th>fits (recommended)</th></tr>{cells}{gaps}</table>"
    )


def write_coverage_page(path: str | Path, figures_by_pattern: dict[str, dict], png: bytes) -> None:
    """Write the page to ``path``: the PNG inlined, then per pattern the share each size fits and the
    share no size fits, by why."""
    tables = "".join(_table(pattern, figures) for pattern, figures in figures_by_pattern.items())
    image = base64.b64encode(png).decode("ascii")
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>fitroom size-chart coverage</title>"
        "<style>body{font-family:sans-serif;margin:2em}img{max-width:100%}td,th{padding:2px 12px;"
        "text-align:left}</style></head><body><h1>Size-chart coverage</h1>"
        f"<img alt='coverage plots' src='data:image/png;base64,{image}'>{tables}</body></html>"
    )
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
