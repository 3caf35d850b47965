"""Screenshots of every kind of page of a long archive (500 generated articles over 22 years), at
375 px and 1280 px, light and dark, with axe-core run on each.

The PNGs go to a temporary folder (or to $NEWS_DIGEST_SCREENSHOTS, to keep and look at them);
the tests check what can be measured: no sideways scrolling on a phone, the first headline in the
first screen of a phone, pictures inside the screen, chart text large enough to read and in enough
contrast in both colour schemes, and no accessibility violation that axe-core finds.
"""

from __future__ import annotations

import base64
import os
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_search_browser import chrome, serve

WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
MAX_HEIGHT = 6000  # px of a full-page capture
PHONE_SCREEN = 667  # px: the height of a small phone's screen (iPhone SE)
WITH_PICTURES = {"home", "countries", "country", "person", "organisation", "digest"}


def page_types(output: Path) -> dict[str, str]:
    """One page of each kind in the built archive: name -> its address."""

    def biggest(pattern: str) -> str:
        page = max(output.glob(pattern), key=lambda p: (p.stat().st_size, p.as_posix()))
        return "/" + page.parent.relative_to(output).as_posix() + "/"

    newest_year = max(p.parent.name for p in output.glob("[0-9][0-9][0-9][0-9]/index.html"))
    newest_month = max(p.parent.name for p in output.glob(f"{newest_year}/[0-9][0-9]/index.html"))
    return {
        "home": "/",
        "countries": "/countries/",
        "country": biggest("countries/*/index.html"),
        "people": "/people/",
        "person": biggest("people/*/index.html"),
        "organisations": "/organisations/",
        "organisation": biggest("organisations/*/index.html"),
        "digests": "/digest/",
        "digest": biggest("digest/*/index.html"),
        "year": f"/{newest_year}/",
        "month": f"/{newest_year}/{newest_month}/",
        "article": biggest(f"{newest_year}/{newest_month}/*/index.html"),
        "search": "/search/?q=Japan",
        "not-found": "/404.html",
    }


# Colours and sizes of what is on screen, read in the page.
MEASURE = """
const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
const bg = rgb(getComputedStyle(document.body).backgroundColor);
const pictures = [...document.querySelectorAll('.chart-picture')].map((box) => {
  const svg = box.querySelector('svg, object');  // the world map is a file of its own
  const r = box.getBoundingClientRect();
  const inline = svg.tagName.toLowerCase() === 'svg';
  const texts = inline
    ? [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() && t.getBBox().width) : [];
  const bars = inline ? [...svg.querySelectorAll('.bar rect, .bars rect')] : [];
  return {
    id: svg.id, left: r.left, right: r.right, width: r.width, height: svg.getBoundingClientRect().height,
    text: texts.length ? rgb(getComputedStyle(texts[0]).fill) : null,
    textHeight: Math.min(...texts.map((t) => t.getBoundingClientRect().height)),
    bar: bars.length ? rgb(getComputedStyle(bars[0]).fill) : null,
  };
});
const headline = document.querySelector('.item-title, .result-title');
return {
  headlineBottom: headline ? headline.getBoundingClientRect().bottom + window.scrollY : null,
  scrollWidth: document.documentElement.scrollWidth,
  height: document.documentElement.scrollHeight,
  background: bg,
  pictures,
};
"""


def luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    keep = os.environ.get("NEWS_DIGEST_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"  # axe-core 4.11, MPL-2.0


def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(
  (r) => done(r.violations.map((v) => [
    v.id, v.help, v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + n.failureSummary)])),
  (e) => done([['axe-error', String(e), []]]));
"""


def wait_until_searched(driver) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        text = driver.execute_script("return document.getElementById('search-status')?.textContent;")
        if text and not text.startswith("Searching"):
            time.sleep(0.3)  # the results' excerpts
            return
        time.sleep(0.1)


@pytest.fixture(scope="module")
def pages(archive_site: Path) -> dict[str, str]:
    return page_types(archive_site / "output")


@pytest.fixture(scope="module")
def shots(archive_site: Path, shots_dir: Path, pages: dict[str, str]) -> Iterator[dict]:
    """Every page at every width in every scheme: the PNG's path, the page's measures, and what
    axe-core found."""
    taken = {}
    axe = axe_source()
    with serve(archive_site / "output") as site:
        driver = chrome()
        driver.set_script_timeout(60)
        try:
            for scheme in SCHEMES:
                driver.execute_cdp_cmd(
                    "Emulation.setEmulatedMedia",
                    {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
                )
                for width in WIDTHS:
                    driver.execute_cdp_cmd(
                        "Emulation.setDeviceMetricsOverride",
                        {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600},
                    )
                    for name, path in pages.items():
                        driver.get(site + path)
                        if name == "search":
                            wait_until_searched(driver)
                        measures = driver.execute_script(MEASURE)
                        driver.execute_script(axe)
                        measures["violations"] = driver.execute_async_script(AXE_RUN)
                        height = min(measures["height"], MAX_HEIGHT)
                        shot = driver.execute_cdp_cmd(
                            "Page.captureScreenshot",
                            {
                                "format": "png",
                                "captureBeyondViewport": True,
                                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
                            },
                        )
                        png = shots_dir / f"{name}-{width}-{scheme}.png"
                        png.write_bytes(base64.b64decode(shot["data"]))
                        taken[name, width, scheme] = (png, measures)
        finally:
            driver.quit()
    yield taken


def test_screenshots_are_taken_and_not_blank(shots: dict) -> None:
    assert len(shots) == 14 * len(WIDTHS) * len(SCHEMES)
    for (name, width, scheme), (png, _) in shots.items():
        data = png.read_bytes()
        assert png_size(data)[0] == width, png
        assert len(data) > 10_000, f"{png} looks blank ({len(data)} bytes)"
        if scheme == "dark":
            assert data != shots[name, width, "light"][0].read_bytes(), f"{png}: dark mode changed nothing"


def test_no_sideways_scrolling_on_a_phone(shots: dict) -> None:
    for (name, width, scheme), (_, measures) in shots.items():
        assert measures["scrollWidth"] <= width, f"{name} at {width} px ({scheme}) scrolls sideways"


def test_the_first_headline_is_in_the_first_screen_of_a_phone(shots: dict) -> None:
    for name in ("home", "country", "digest", "search"):
        for scheme in SCHEMES:
            bottom = shots[name, 375, scheme][1]["headlineBottom"]
            where = f"{name} ({scheme}): the first headline ends at {bottom} px"
            assert bottom is not None and bottom <= PHONE_SCREEN, where


def test_axe_finds_no_violation(shots: dict) -> None:
    found = {
        f"{name} at {width} px ({scheme})": measures["violations"]
        for (name, width, scheme), (_, measures) in shots.items()
        if measures["violations"]
    }
    assert found == {}


def test_every_page_shows_its_pictures_inside_the_screen(shots: dict) -> None:
    for (name, width, scheme), (_, measures) in shots.items():
        where = f"{name} at {width} px ({scheme})"
        if name not in WITH_PICTURES:
            continue
        assert measures["pictures"], f"{where}: no picture"
        for picture in measures["pictures"]:
            assert picture["left"] >= 0 and picture["right"] <= width + 0.5, (
                f"{where}: {picture['id']} overflows"
            )
            assert picture["height"] >= 60, f"{where}: {picture['id']} is {picture['height']} px high"


def test_chart_text_is_legible_in_both_schemes(shots: dict) -> None:
    for (name, width, scheme), (_, measures) in shots.items():
        where = f"{name} at {width} px ({scheme})"
        background = measures["background"]
        if scheme == "dark":
            assert luminance(background) < 0.1, f"{where}: the page is not dark"
        for picture in measures["pictures"]:
            if picture["text"] is not None:
                assert contrast(picture["text"], background) >= 4.5, f"{where}: {picture['id']} text contrast"
                assert picture["textHeight"] >= 12, (
                    f"{where}: {picture['id']} text {picture['textHeight']} px"
                )
            if picture["bar"] is not None:
                assert contrast(picture["bar"], background) >= 3, f"{where}: {picture['id']} bars fade out"
