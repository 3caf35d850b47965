"""The built site (one real Pelican build of the seeds): article, country, person and digest pages."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SAMPLES_DIR, html_pages, load_gold, resolve
from news_digest.posts.importer import process_seed
from slugify import slugify

GOLD = load_gold()
SEEDS = sorted(GOLD)
# An article whose text gives no date is under `undated/`, never under a year and month.
ARTICLE_PATH = re.compile(r"^(?:(\d{4})/(\d{2})|undated)/([^/]+)/index\.html$")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def output(built_site: Path) -> Path:
    return built_site / "output"


@pytest.fixture(scope="module")
def article_pages(output: Path) -> dict[str, Path]:
    """Seed name -> its article page, matched by the <h1> title."""
    by_title = {}
    for path in output.rglob("index.html"):
        if ARTICLE_PATH.match(path.relative_to(output).as_posix()):
            h1 = soup_of(path).find("h1")
            by_title[h1.get_text(strip=True) if h1 else None] = path
    return {seed: by_title.get(GOLD[seed]["title"]) for seed in SEEDS}


def article_element(path: Path):
    article = soup_of(path).find("article", class_="article")
    assert article is not None, f"{path}: no <article class='article'>"
    return article


def raw_seed(seed: str) -> str:
    return (SAMPLES_DIR / seed).read_text(encoding="utf-8")


def injected_characters(raw: str) -> set[str]:
    """Characters of the raw file outside Latin script and ordinary typography: emoji, symbols..."""
    typography = set("‘’“”–—…•€·")
    return {ch for ch in raw if ord(ch) > 0x24F and ch not in typography and not 0x1E00 <= ord(ch) <= 0x1EFF}


def teaser_lines(raw: str) -> list[str]:
    """The lines after the end marker `/.` (other articles' titles and leads)."""
    lines = raw.splitlines()
    end = next(i for i, line in enumerate(lines) if line.rstrip().endswith("/."))
    return [line.strip() for line in lines[end + 1 :] if len(line.strip()) > 30]


# -- the build itself ----------------------------------------------------------------------------


def test_every_seed_is_published(built_site: Path) -> None:
    report = json.loads((built_site / "import-report.json").read_text(encoding="utf-8"))
    assert report["rejected"] == []
    assert report["counts"]["published"] == len(SEEDS)


def test_the_build_logs_no_warning_or_error(built_site: Path) -> None:
    log = (built_site / "build.log").read_text(encoding="utf-8")
    assert not re.search(r"\b(WARNING|ERROR|CRITICAL)\b", log), log


# -- article pages -----------------------------------------------------------------------------


def test_one_article_page_per_seed(output: Path, article_pages: dict[str, Path]) -> None:
    pages = [p for p in output.rglob("index.html") if ARTICLE_PATH.match(p.relative_to(output).as_posix())]
    assert len(pages) == len(SEEDS)
    assert all(article_pages.values()), {s: p for s, p in article_pages.items() if p is None}


@pytest.mark.parametrize("seed", SEEDS)
def test_article_page_url_and_titles(output: Path, article_pages: dict[str, Path], seed: str) -> None:
    path, expected = article_pages[seed], GOLD[seed]
    assert path is not None, f"no page with <h1>{expected['title']}</h1>"
    year, month, slug = ARTICLE_PATH.match(path.relative_to(output).as_posix()).groups()
    if expected["date"]:
        assert f"{year}-{month}" == expected["date"][:7]
    else:
        assert year is None and path.relative_to(output).parts[0] == "undated"
    assert slugify(expected["title"]).startswith(slug)
    soup = soup_of(path)
    assert soup.find("h1").get_text(strip=True) == expected["title"]
    assert soup.title.get_text().startswith(expected["title"])


@pytest.mark.parametrize("seed", SEEDS)
def test_article_page_shows_lead_and_paragraphs(article_pages: dict[str, Path], seed: str) -> None:
    expected = GOLD[seed]
    text = article_element(article_pages[seed]).get_text(" ")
    flat = " ".join(text.split())
    if expected["lead"]:
        assert expected["lead"] in flat
    for paragraph in expected["paragraphs"]:
        assert paragraph in flat


@pytest.mark.parametrize("seed", SEEDS)
def test_article_page_has_no_noise(article_pages: dict[str, Path], seed: str) -> None:
    text = article_element(article_pages[seed]).get_text(" ")
    raw = raw_seed(seed)
    assert "tk88" not in text
    assert "/." not in text
    assert "See more" not in text
    assert not re.search(r"\S+\.(?:webp|jpe?g|png)\b", text, re.IGNORECASE)
    assert not injected_characters(raw) & set(text), injected_characters(raw) & set(text)
    for teaser in teaser_lines(raw):
        assert teaser not in text


@pytest.mark.parametrize("seed", SEEDS)
def test_article_page_links_every_country_and_person(
    output: Path, article_pages: dict[str, Path], seed: str
) -> None:
    path, expected = article_pages[seed], GOLD[seed]
    targets = {resolve(output, path, a["href"]) for a in article_element(path).find_all("a", href=True)}
    for country in expected["countries"]:
        assert output / "countries" / slugify(country) / "index.html" in targets, country
    for person in expected["officials"]:
        assert output / "people" / slugify(person) / "index.html" in targets, person


@pytest.mark.parametrize("seed", SEEDS)
def test_article_page_is_honest_about_its_date(article_pages: dict[str, Path], seed: str) -> None:
    confidence = process_seed(str(SAMPLES_DIR / seed)).article.date_confidence
    header = " ".join(article_element(article_pages[seed]).find(class_="article-head").get_text(" ").split())
    if confidence == "inferred":
        assert "inferred" in header
    elif confidence == "unknown":
        assert re.search(r"unknown|not give|not given", header), header
        assert "1970" not in header
    else:
        assert not re.search(r"inferred|approximate|not give", header), header


# -- country and person pages ------------------------------------------------------------------


def gold_counts(field: str) -> Counter:
    return Counter(name for data in GOLD.values() for name in set(data[field]))


def articles_listed(page: Path) -> int:
    return len(soup_of(page).select("article.item"))


@pytest.mark.parametrize(("country", "count"), sorted(gold_counts("countries").items()))
def test_country_page_lists_its_articles(output: Path, country: str, count: int) -> None:
    page = output / "countries" / slugify(country) / "index.html"
    assert page.is_file()
    assert soup_of(page).find("h1").get_text(strip=True).endswith(country)
    assert articles_listed(page) == count


@pytest.mark.parametrize(("person", "count"), sorted(gold_counts("officials").items()))
def test_person_page_lists_their_articles(output: Path, person: str, count: int) -> None:
    page = output / "people" / slugify(person) / "index.html"
    assert page.is_file()
    assert soup_of(page).find("h1").get_text(strip=True) == person
    assert articles_listed(page) == count


def index_counts(page: Path) -> dict[str, int]:
    """Name -> article count in the table of an index page (/countries/, /people/)."""
    counts = {}
    for row in soup_of(page).select("table.terms tbody tr"):
        link, number = row.find("a"), row.find(class_="num")
        counts[link.get_text(strip=True)] = int(number.get_text(strip=True))
    return counts


def test_countries_index_lists_every_country_with_its_count(output: Path) -> None:
    counts = index_counts(output / "countries" / "index.html")
    for country, count in gold_counts("countries").items():
        assert counts.get(country) == count, country


def test_people_index_lists_every_person_with_their_count(output: Path) -> None:
    counts = index_counts(output / "people" / "index.html")
    assert counts == dict(gold_counts("officials"))


def test_no_country_or_person_page_beyond_the_gold(output: Path) -> None:
    countries = {p.parent.name for p in (output / "countries").glob("*/index.html")}
    people = {p.parent.name for p in (output / "people").glob("*/index.html")}
    assert countries == {slugify(c) for c in gold_counts("countries")}
    assert people == {slugify(p) for p in gold_counts("officials")}


# -- digests, home page, pagination --------------------------------------------------------------


def test_index_pages_exist(output: Path) -> None:
    for folder in ("", "countries/", "people/", "digest/"):
        assert (output / folder / "index.html").is_file(), folder


def test_a_digest_for_every_month_with_articles(output: Path, article_pages: dict[str, Path]) -> None:
    months = Counter()
    for path in article_pages.values():
        year, month, _ = ARTICLE_PATH.match(path.relative_to(output).as_posix()).groups()
        months[f"{year}-{month}" if year else "undated"] += 1
    assert {data["date"][:7] for data in GOLD.values() if data["date"]} <= set(months)
    for month, count in months.items():
        page = output / "digest" / month / "index.html"
        assert page.is_file(), month
        assert articles_listed(page) == count
    listed = {
        resolve(output, output / "digest/index.html", a["href"])
        for a in soup_of(output / "digest/index.html").find_all("a", href=True)
    }
    assert {output / "digest" / month / "index.html" for month in months} <= listed


def test_home_page_lists_every_article_newest_first(output: Path, article_pages: dict[str, Path]) -> None:
    home = output / "index.html"
    linked = [
        resolve(output, home, a["href"]) for a in soup_of(home).select("article.item h3 a, article.item h2 a")
    ]
    expected = set(article_pages.values())
    assert set(linked) == expected
    # Newest first; the undated articles after every dated one.
    dated = [p.relative_to(output).parts[:2] for p in linked]
    order = [("0000", "00") if parts[0] == "undated" else parts for parts in dated]
    assert order == sorted(order, reverse=True)


def test_no_numbered_index_files_anywhere(output: Path) -> None:
    assert not [p for p in output.rglob("*.html") if re.fullmatch(r"index\d+\.html", p.name)]


def test_pagination_uses_folders(site_builder) -> None:
    # Two articles a page makes the home page and the Malaysia page (4 articles) paginate, as
    # 21 or more articles would with the default of 20.
    output = site_builder("paginated", extra=["-e", "DEFAULT_PAGINATION=2"]) / "output"
    assert (output / "page" / "2" / "index.html").is_file()
    assert (output / "countries" / "malaysia" / "page" / "2" / "index.html").is_file()
    assert not [p for p in output.rglob("*.html") if re.fullmatch(r"index\d+\.html", p.name)]
    for page in html_pages(output):
        for link in soup_of(page).select(".pagination a[href]"):
            assert resolve(output, page, link["href"]).is_file(), (page, link["href"])


def test_no_page_or_feed_files_an_article_under_a_date_its_text_does_not_give(output: Path) -> None:
    """Undated articles (here the samples whose text gives no year) are listed apart, and the
    stand-in date that orders them (1 January 1970) shows nowhere, not even in UTC."""
    undated = [seed for seed in SEEDS if not GOLD[seed]["date"]]
    assert undated, "the fixtures have undated articles"
    for path in [*output.rglob("*.html"), *output.rglob("*.xml")]:
        text = path.read_text(encoding="utf-8")
        assert "1970" not in text and "1969" not in text, path
    listing = output / "digest" / "undated" / "index.html"
    assert articles_listed(listing) == len(undated)
    assert "digest/undated/" in (output / "digest" / "index.html").read_text(encoding="utf-8")
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"<loc>[^<]*/undated/[^<]+</loc></url>", sitemap), "an undated article has no lastmod"
