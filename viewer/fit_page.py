"""The fit page: one self-contained HTML file with each size draped on the body in 3D, the fit table,
the recommendation and the flat pattern, that opens offline in any browser with WebGL.

The 3D view is drawn with three.js (MIT; ``assets/web/three/``, release 0.185.1 from npm, the last that
ships minified builds: ``build/three.core.min.js``, ``build/three.module.min.js`` and the
``examples/jsm/controls/OrbitControls.js`` addon, unchanged). It was chosen because it is the
smallest complete WebGL scene library with orbit controls (about 0.8 MB for what the page needs, against
3 MB and more for plotly.js), it draws an indexed triangle mesh with per-vertex colours directly from
typed arrays (so every map and size shares one copy of each mesh), and it is plain ES modules with no
runtime fetches. The modules are inlined as ``data:`` URLs behind an import map, so the page's own
module imports them by name with no network; the one relative import inside ``three.module.min.js``
(``./three.core.min.js``, which a ``data:`` module cannot resolve) is pointed at the map's ``three/core``
entry when the page is written. The page's Content-Security-Policy forbids every fetch.
"""

import base64
import html
import json
import string
from pathlib import Path

from assets import asset_path
from fitroom.files import atomic_path
from viewer.errors import OutputFormatError
from viewer.fit_page_data import page_data
from viewer.fit_page_patterns import pattern_pictures
from viewer.fit_page_table import fit_table_html
from viewer.fit_report import recommend_size

__all__ = ["write_fit_page", "check_page_path"]

_THREE = ("web", "three")


def check_page_path(path) -> Path:
    """``path`` as a Path, or ``OutputFormatError`` when it does not end in ``.html``."""
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise OutputFormatError(f"Cannot write a fit page to '{target.name}'; give a file ending in .html.")
    return target


def _module_url(text: str) -> str:
    return "data:text/javascript;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


def _import_map() -> str:
    """The page's import map (JSON): ``three``, ``three/core`` and ``three/addons/OrbitControls.js``."""
    core = asset_path(*_THREE, "three.core.min.js").read_text(encoding="utf-8")
    module = asset_path(*_THREE, "three.module.min.js").read_text(encoding="utf-8")
    controls = asset_path(*_THREE, "OrbitControls.js").read_text(encoding="utf-8")
    imports = {
        "three": _module_url(module.replace('"./three.core.min.js"', '"three/core"')),
        "three/core": _module_url(core),
        "three/addons/OrbitControls.js": _module_url(controls),
    }
    return json.dumps({"imports": imports})


def _about(body, material: str | None) -> str:
    """One line on what was draped: the body's source and main measurements, the fabric."""
    measures = ", ".join(
        f"{name} {body.measurements_cm[name]:.0f}"
        for name in ("height", "chest", "waist", "hip")
        if name in body.measurements_cm
    )
    fabric = f"fabric {material}" if material else "the pattern's own fabrics"
    return f"Body ({body.source or 'unnamed'}, {body.gender}): {measures} cm; {fabric}."


def write_fit_page(path, body, drapes, patterns: list, material: str | None = None) -> tuple[str | None, str]:
    """Write the fit page of ``drapes`` to ``path`` (whole or not at all); returns the recommendation.

    The recommendation is ``viewer.fit_report.recommend_size`` of the drapes' summaries, the same
    as ``fit.json`` holds.

    Parameters
    ----------
    path : str or Path
        The ``.html`` file to write.
    body : body.Body
    drapes : list[SizeDrape]
        Smallest size first.
    patterns : list[garments.Pattern]
        The pattern in each draped size, in the drapes' order (for the flat drawings).
    material : str or None
        The fabric every panel was draped in, or None for the pattern's own.

    Returns
    -------
    recommended, reason : str or None, str
    """
    target = check_page_path(path)
    summaries = {drape.size: drape.summary for drape in drapes}
    recommended, reason = recommend_size(summaries)
    name = drapes[0].garment.name
    data = json.dumps(page_data(body, drapes, recommended), separators=(",", ":")).replace("<", "\\u003c")
    template = string.Template(asset_path("web", "fit_page.html").read_text(encoding="utf-8"))
    page = template.substitute(
        title=html.escape(f"fitroom: {name} fit"),
        heading=html.escape(f"How {name} fits, size by size"),
        about=html.escape(_about(body, material)),
        recommendation=html.escape(
            f"Recommended size: {recommended}." if recommended else "No size can be recommended."
        ),
        reason=html.escape(reason),
        table=fit_table_html(summaries, recommended),
        patterns=pattern_pictures(patterns),
        importmap=_import_map(),
        data=data,
        script=asset_path("web", "fit_page.js").read_text(encoding="utf-8"),
    )
    with atomic_path(target) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return recommended, reason
