"""What an article page offers beyond its text: schema.org NewsArticle data, breadcrumbs, the link
to the original report when the seed gives its URL, and a printable layout."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import html_pages, sample_seeds

ORIGINAL = "https://en.vietnamplus.vn/example-report-post123456.vnp"


@pytest.fixture(scope="module")
def site_with_url(site_builder: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, the first of them with `URL:` and `Published:` header lines."""
    folder = tmp_path_factory.mktemp("seeds-with-url")
    seeds = []
    for index, seed in enumerate(sample_seeds()):
        text = seed.read_text(encoding="utf-8")
        if index == 0:
            text = f"URL: {ORIGINAL}\nPublished: 2025-03-04\n" + text
        (folder / seed.name).write_text(text, encoding="utf-8")
        seeds.append(folder / seed.name)
    return site_builder("with-url", seeds=seeds) / "output"


def articles(output: Path) -> list[BeautifulSoup]:
    def is_article(page: Path) -> bool:
        parts = page.relative_to(output).parts  # YYYY/MM/slug/index.html, or undated/slug/index.html
        return (parts[0].isdigit() and len(parts) == 4) or (parts[0] == "undated" and len(parts) == 3)

    pages = [p for p in html_pages(output) if is_article(p)]
    return [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in pages]


def json_ld(soup: BeautifulSoup) -> dict:
    [script] = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string)


def test_every_article_has_news_article_data_matching_the_page(site_with_url: Path) -> None:
    pages = articles(site_with_url)
    assert len(pages) == len(sample_seeds())
    for soup in pages:
        data = json_ld(soup)
        assert data["@type"] == "NewsArticle"
        title = soup.find("h1").get_text(strip=True)
        assert title.startswith(data["headline"].removesuffix("…"))
        people = [a.get_text(strip=True) for a in soup.select("#tags .people a")]
        assert [p["name"] for p in data.get("mentions", [])] == people
        time = soup.select_one(".article-head time")
        if time is None:  # an undated article: no date the text does not give
            assert "datePublished" not in data
        else:
            assert data["datePublished"] == time["datetime"]


def test_breadcrumbs_lead_home_then_to_a_country_or_the_month(site_with_url: Path) -> None:
    for soup in articles(site_with_url):
        crumbs = soup.select("nav.breadcrumbs li")
        assert crumbs[0].get_text(strip=True) == "Home"
        assert crumbs[-1].get_text(strip=True) == soup.find("h1").get_text(strip=True)
        middle = crumbs[1].a["href"]
        assert "/countries/" in middle or "/digest/" in middle


def test_the_original_report_is_linked_when_the_seed_gives_its_url(site_with_url: Path) -> None:
    linked = [s for s in articles(site_with_url) if s.select_one(".source-link a")]
    assert len(linked) == 1
    assert linked[0].select_one(".source-link a")["href"] == ORIGINAL
    assert json_ld(linked[0])["isBasedOn"] == ORIGINAL


def test_print_styles_hide_the_site_around_the_article(built_site: Path) -> None:
    css = (built_site / "output" / "theme" / "css" / "style.css").read_text(encoding="utf-8")
    printed = css[css.index("@media print") :]
    for hidden in (".site-header", ".site-footer", ".neighbours", ".breadcrumbs"):
        assert hidden in printed.split("display: none")[0]


def test_an_undated_article_naming_no_country_leads_to_the_undated_articles(
    site_builder: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Its Pelican date only orders it: no crumb may name that month (January 1970)."""
    folder = tmp_path_factory.mktemp("seeds-undated")
    seed = folder / "undated.txt"
    seed.write_text(
        "Ministries review cooperation\nHanoi (VNA) – Two ministries reviewed their cooperation "
        "and agreed on new steps./.\n",
        encoding="utf-8",
    )
    output = site_builder("undated-no-country", seeds=[seed]) / "output"
    [soup] = articles(output)
    crumbs = soup.select("nav.breadcrumbs li")
    assert crumbs[1].get_text(strip=True) == "Undated articles"
    assert crumbs[1].a["href"].endswith("/digest/undated/")
    assert (output / "digest" / "undated" / "index.html").is_file()
    assert "1970" not in soup.get_text()
