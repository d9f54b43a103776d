"""The fit page's table: every figure of each size's summary (the ``fit.json`` keys), one column a size.

Rows follow the summary's own keys, so keys added to ``fit.json`` later (``verdict``, ``gap_cm``, ...)
show up without a change here; a nested figure (``strain_pct`` {``mean``, ``p95``, ``max``}) is a group
of rows, one per entry.
"""

import html
import numbers

import numpy as np

__all__ = ["fit_table_html"]

_UNITS = (("_n_per_m", "N/m"), ("_pct", "%"), ("_cm", "cm"), ("_mm", "mm"), ("_seconds", "s"), ("_pa", "Pa"))


def _figure_label(key: str) -> str:
    """A summary key as a row label: ``seam_gap_mm`` -> ``seam gap (mm)``."""
    for suffix, unit in _UNITS:
        if key.endswith(suffix):
            return f"{key[: -len(suffix)].replace('_', ' ')} ({unit})"
    return key.replace("_", " ")


def _cell_text(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return f"{float(value):.1f}" if np.isfinite(value) else "–"
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value) or "–"
    return str(value)


def _cell(index: int, value) -> str:
    # A drape that did not settle, a failed verdict.
    css = "value flag" if value is False or value == "failed" else "value"
    return f'<td class="{css}" data-size="{index}">{html.escape(_cell_text(value))}</td>'


def _groups(summaries: dict[str, dict]) -> list[tuple[str, list[tuple[str | None, list]]]]:
    """(label, rows) per summary key, in key order; a row is (entry name or None, one value per size)."""
    keys = dict.fromkeys(key for summary in summaries.values() for key in summary)
    groups = []
    for key in keys:
        values = [summary.get(key) for summary in summaries.values()]
        nested = [value for value in values if isinstance(value, dict)]
        if nested:
            parts = dict.fromkeys(part for value in nested for part in value)
            rows = [(part, [v.get(part) if isinstance(v, dict) else None for v in values]) for part in parts]
        else:
            rows = [(None, values)]
        groups.append((_figure_label(key), rows))
    return groups


def fit_table_html(summaries: dict[str, dict], recommended: str | None) -> str:
    """An HTML ``<table>``: a column per size (``data-size`` = its index), a row per summary figure.

    The recommended size's heading carries a star; a size that did not settle or whose verdict is
    ``failed`` has that cell marked (class ``flag``).
    """
    head = ['<th scope="col" colspan="2"></th>']
    for index, size in enumerate(summaries):
        star = ' <span class="star" title="recommended">★</span>' if size == recommended else ""
        head.append(f'<th scope="col" class="size" data-size="{index}">{html.escape(size)}{star}</th>')
    body = []
    for label, rows in _groups(summaries):
        for number, (part, values) in enumerate(rows):
            cells = "".join(_cell(index, value) for index, value in enumerate(values))
            if part is None:
                heading = f'<th scope="row" colspan="2">{html.escape(label)}</th>'
            else:
                group = (
                    f'<th scope="rowgroup" rowspan="{len(rows)}">{html.escape(label)}</th>'
                    if number == 0
                    else ""
                )
                heading = f'{group}<th scope="row" class="part">{html.escape(part)}</th>'
            body.append(f"<tr>{heading}{cells}</tr>")
    head_row = f"<thead><tr>{''.join(head)}</tr></thead>"
    return f'<table class="fit-table">{head_row}<tbody>{"".join(body)}</tbody></table>'
