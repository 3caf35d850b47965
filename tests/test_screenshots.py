"""Screenshots of the pages that carry pictures, at 375 px and 1280 px, light and dark.

The PNGs go to a temporary folder (or to $NEWS_DIGEST_SCREENSHOTS, to keep and look at them);
the tests check what can be measured: no sideways scrolling on a phone, pictures inside the
screen, chart text large enough to read and in enough contrast in both colour schemes.
"""

from __future__ import annotations

import base64
import os
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_search_browser import chrome, serve

PAGES = {
    "home": "/",
    "countries": "/countries/",
    "country": "/countries/malaysia/",
    "person": "/people/le-hoai-trung/",
    "digest": "/digest/2025-01/",
}
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
MAX_HEIGHT = 6000  # px of a full-page capture

# Colours and sizes of what is on screen, read in the page.
MEASURE = """
const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
const bg = rgb(getComputedStyle(document.body).backgroundColor);
const pictures = [...document.querySelectorAll('.chart-picture')].map((box) => {
  const svg = box.querySelector('svg');
  const r = box.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() && t.getBBox().width);
  const bars = [...svg.querySelectorAll('.bar rect, .bars rect')];
  return {
    id: svg.id, left: r.left, right: r.right, width: r.width, height: svg.getBoundingClientRect().height,
    text: texts.length ? rgb(getComputedStyle(texts[0]).fill) : null,
    textHeight: Math.min(...texts.map((t) => t.getBoundingClientRect().height)),
    bar: bars.length ? rgb(getComputedStyle(bars[0]).fill) : null,
  };
});
return {
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


@pytest.fixture(scope="module")
def shots(built_site: Path, shots_dir: Path) -> Iterator[dict]:
    """Every page at every width in every scheme: the PNG's path and the page's measures."""
    taken = {}
    with serve(built_site / "output") as site:
        driver = chrome()
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
                    for name, path in PAGES.items():
                        driver.get(site + path)
                        measures = driver.execute_script(MEASURE)
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
    assert len(shots) == len(PAGES) * len(WIDTHS) * len(SCHEMES)
    for (name, width, scheme), (png, _) in shots.items():
        data = png.read_bytes()
        assert png_size(data)[0] == width, png
        assert len(data) > 15_000, f"{png} looks blank ({len(data)} bytes)"
        if scheme == "dark":
            assert data != shots[name, width, "light"][0].read_bytes(), f"{png}: dark mode changed nothing"


def test_no_sideways_scrolling_on_a_phone(shots: dict) -> None:
    for (name, width, scheme), (_, measures) in shots.items():
        assert measures["scrollWidth"] <= width, f"{name} at {width} px ({scheme}) scrolls sideways"


def test_every_page_shows_its_pictures_inside_the_screen(shots: dict) -> None:
    for (name, width, scheme), (_, measures) in shots.items():
        where = f"{name} at {width} px ({scheme})"
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
