"""``fitroom report``'s page in a real browser: offline, the 3D view draws, switching size or map redraws it.

The browser is Debian's Chromium (``apt-get install chromium``) driven by Playwright; without it the
browser tests skip, unless ``CI`` is set, when they fail. Run as a script to take the README's picture
from a full-resolution page (``fitroom demo`` writes one)::

    .venv/bin/python tests/test_viewer_fit_page.py fitroom-demo/fit.html   # writes docs/fit_page.png
"""

import importlib.util
import json
import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from viewer.cli import main

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
SIZES = ("S", "L")
DOCS_PICTURE = Path(__file__).resolve().parents[1] / "docs" / "fit_page.png"


def _need_browser() -> None:
    if CHROMIUM.exists() and importlib.util.find_spec("playwright") is not None:
        return
    message = f"the fit page test needs {CHROMIUM} (apt-get install chromium) and the playwright package"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class OfflinePage:
    """A fit page open in headless Chromium with the network off; every request it makes is recorded."""

    def __init__(self, path: Path):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = self._browser.new_context(offline=True, viewport=VIEWPORT)
        self.url = path.resolve().as_uri()
        self.requests, self.errors = [], []
        context.route("**/*", self._only_the_page)
        self.page = context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)

    def _only_the_page(self, route) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def canvas(self) -> np.ndarray:
        """The 3D view's pixels, (H, W, 3) uint8."""
        import imageio.v3 as iio

        return iio.imread(self.page.locator("#viewer canvas").screenshot())[..., :3]

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    import body

    folder = tmp_path_factory.mktemp("fit_page")
    body_json = folder / "body.json"
    body.save_body_json(body.default_body(), body_json)
    page = folder / "fit.html"
    arguments = ["--sizes", ",".join(SIZES), "--edge-length", "3", "--max-frames", "300", "--device", "cpu"]
    status = main(["report", "--body", str(body_json), "--pattern", "tshirt", *arguments, "-o", str(page)])
    assert status == 0
    return page


@pytest.fixture(scope="module")
def browser_page(page_file):
    _need_browser()
    opened = OfflinePage(page_file)
    yield opened
    opened.close()


def test_page_is_one_file_of_reasonable_size_with_nothing_left_behind(page_file):
    assert sorted(p.name for p in page_file.parent.iterdir()) == ["body.json", "fit.html"]
    text = page_file.read_text()
    assert page_file.stat().st_size < 4e6
    assert "<script src=" not in text and "<link" not in text


def test_page_holds_the_fit_table_and_recommendation(page_file, browser_page):
    page = browser_page.page
    table = page.inner_text(".fit-table")
    for size in SIZES:
        assert size in table
    assert "settled" in table and "girth strain (%)" in table
    # The page opens on the size it recommends (which of the two depends on the drape, not the page).
    recommendation = page.inner_text(".recommendation")
    recommended = re.match(r"Recommended size: (\w+)\.", recommendation)
    assert recommended and recommended.group(1) in SIZES, recommendation
    assert page.locator("th.size.current").inner_text().startswith(recommended.group(1))
    assert page.locator(".pattern-picture:visible").count() == 1


def test_page_loads_offline_and_asks_for_nothing_else(browser_page):
    assert browser_page.errors == []
    others = [url for url in browser_page.requests if url != browser_page.url and not url.startswith("data:")]
    assert others == []
    assert not any(url.startswith(("http:", "https:")) for url in browser_page.requests)


def test_view_draws_and_redraws_for_size_and_map(browser_page):
    page = browser_page.page
    background = np.array([0xF4, 0xF4, 0xF2])
    first = browser_page.canvas()
    drawn = np.abs(first.astype(int) - background).max(axis=-1) > 30
    assert first.std() > 20 and drawn.mean() > 0.08, "the 3D view is blank"

    shown = page.locator("th.size.current").inner_text()
    other = 1 if shown.startswith(SIZES[0]) else 0
    page.click(f"button[data-size='{other}']")
    switched = browser_page.canvas()
    assert np.abs(switched.astype(int) - first).mean() > 1.0, "switching size did not redraw"
    assert page.locator("th.size.current").inner_text().startswith(SIZES[other])

    page.click("button[data-map='gap']")
    ease = browser_page.canvas()
    assert np.abs(ease.astype(int) - switched).mean() > 1.0, "switching map did not redraw"
    assert "Gap to skin" in page.inner_text("#colour-bar")


def test_report_refuses_an_output_that_is_not_html(tmp_path, capsys):
    status = main(["report", "--body", str(tmp_path / "none.json"), "-o", str(tmp_path / "fit.png")])
    assert status == 2
    assert ".html" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def _docs_picture(page_path: Path) -> None:
    """Screenshot ``page_path`` as opened (recommended size, strain map) to ``docs/fit_page.png``."""
    opened = OfflinePage(page_path)
    opened.page.screenshot(path=str(DOCS_PICTURE))
    opened.close()
    print(json.dumps({"wrote": str(DOCS_PICTURE), "page_bytes": page_path.stat().st_size}))


if __name__ == "__main__":
    _docs_picture(Path(sys.argv[1]))
