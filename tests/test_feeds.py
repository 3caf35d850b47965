"""Feeds of the built site: valid, complete, newest first, per term, and reproducible byte for byte."""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import html_pages, load_gold
from news_digest.site.feeds import CONTENT_LIMIT, bounded_content
from slugify import slugify

GOLD = load_gold()
FEED_SITEURL = "http://localhost:8000"  # NEWS_DIGEST["FEED_SITEURL"] default, SITEURL being empty


@pytest.fixture(scope="module")
def output(built_site: Path) -> Path:
    return built_site / "output"


def parse(path: Path) -> feedparser.FeedParserDict:
    return feedparser.parse(path.read_bytes())


def feed_files(output: Path) -> list[Path]:
    return sorted((output / "feeds").rglob("*.xml"))


def local_date(stamp: str) -> str:
    """The calendar date a feed timestamp names, in its own time zone (RFC 822 or RFC 3339)."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        moment = email.utils.parsedate_to_datetime(stamp)
    return moment.date().isoformat()


def gold_by_title() -> dict[str, dict]:
    return {data["title"]: data for data in GOLD.values()}


def test_every_feed_parses_cleanly(output: Path) -> None:
    files = feed_files(output)
    assert len(files) >= 2
    for path in files:
        parsed = parse(path)
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.entries, path


@pytest.mark.parametrize("name", ["all.rss.xml", "all.atom.xml"])
def test_site_feed_has_every_article_newest_first(output: Path, name: str) -> None:
    parsed = parse(output / "feeds" / name)
    entries = parsed.entries
    assert len(entries) == len(GOLD)
    gold = gold_by_title()
    # Undated articles (the text gives no date) come last, with no date of their own.
    dated = [e for e in entries if gold[e.title]["date"]]
    assert entries[: len(dated)] == dated
    published = [calendar.timegm(e.published_parsed) for e in dated]
    assert published == sorted(published, reverse=True)
    assert {e.title for e in entries} == set(gold)
    for entry in entries:
        expected = gold[entry.title]
        assert entry.link.startswith(FEED_SITEURL + "/")
        assert entry.id == entry.link
        summary = expected["lead"] or expected["paragraphs"][0]
        if not expected["date"]:
            assert "published" not in entry
            summary = f"Date unknown: the article's text does not give it. {summary}"
        assert entry.summary == summary
        body = BeautifulSoup(entry.content[0].value, "html.parser").get_text(" ")
        assert expected["paragraphs"][-1] in " ".join(body.split())
        categories = {t.term for t in entry.get("tags", [])}
        assert set(expected["countries"]) <= categories
        assert set(expected["officials"]) <= categories
        if expected["date"]:
            assert local_date(entry.published) == expected["date"]


def test_entry_links_point_to_the_article_pages(output: Path) -> None:
    for entry in parse(output / "feeds" / "all.rss.xml").entries:
        path = entry.link.removeprefix(FEED_SITEURL + "/")
        assert (output / path / "index.html").is_file(), entry.link


def test_feed_date_is_the_newest_items(output: Path) -> None:
    parsed = parse(output / "feeds" / "all.atom.xml")
    newest = max(calendar.timegm(e.updated_parsed) for e in parsed.entries)
    assert calendar.timegm(parsed.feed.updated_parsed) == newest


def term_feeds(field: str) -> list[tuple[str, set[str]]]:
    terms: dict[str, set[str]] = {}
    for data in GOLD.values():
        for name in data[field]:
            terms.setdefault(name, set()).add(data["title"])
    return sorted(terms.items())


@pytest.mark.parametrize(("country", "titles"), term_feeds("countries"))
def test_country_feed_has_exactly_its_articles(output: Path, country: str, titles: set[str]) -> None:
    parsed = parse(output / "feeds" / "countries" / f"{slugify(country)}.rss.xml")
    assert not parsed.bozo
    assert len(parsed.entries) == len(titles)
    assert {e.title for e in parsed.entries} == titles


@pytest.mark.parametrize(("person", "titles"), term_feeds("officials"))
def test_person_feed_has_exactly_their_articles(output: Path, person: str, titles: set[str]) -> None:
    parsed = parse(output / "feeds" / "people" / f"{slugify(person)}.rss.xml")
    assert not parsed.bozo
    assert len(parsed.entries) == len(titles)
    assert {e.title for e in parsed.entries} == titles


def test_no_feed_for_a_term_without_articles(output: Path) -> None:
    countries = {p.name.removesuffix(".rss.xml") for p in (output / "feeds" / "countries").glob("*.xml")}
    people = {p.name.removesuffix(".rss.xml") for p in (output / "feeds" / "people").glob("*.xml")}
    assert countries == {slugify(c) for c, _ in term_feeds("countries")}
    assert people == {slugify(p) for p, _ in term_feeds("officials")}


def test_rss_channel_link_is_the_html_page(output: Path) -> None:
    assert parse(output / "feeds" / "all.rss.xml").feed.link == FEED_SITEURL + "/"
    for country, _ in term_feeds("countries"):
        slug = slugify(country)
        parsed = parse(output / "feeds" / "countries" / f"{slug}.rss.xml")
        assert parsed.feed.link == f"{FEED_SITEURL}/countries/{slug}/"


def test_two_builds_give_byte_identical_feeds(output: Path, site_builder) -> None:
    again = site_builder("second-build") / "output"
    first = {p.relative_to(output): p.read_bytes() for p in feed_files(output)}
    second = {p.relative_to(again): p.read_bytes() for p in feed_files(again)}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_every_html_page_advertises_a_feed(output: Path) -> None:
    for page in html_pages(output):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.select('link[rel~="alternate"][type="application/rss+xml"][href]')
        assert links, page


# -- very long articles ------------------------------------------------------------------------


def test_an_entry_keeps_a_whole_article_and_cuts_a_huge_one_after_a_paragraph() -> None:
    link = "http://localhost:8000/2025/05/talks/?a=1&b=2"
    short = "<p>One.</p>\n<p>Two.</p>"
    assert bounded_content(short, link, limit=100) == short
    paragraphs = [f"<p>{n:03d} {'x' * 40}</p>" for n in range(100)]
    cut = bounded_content("\n".join(paragraphs), link, limit=500)
    body, tail = cut.rsplit("\n", 1)
    assert len(body) <= 500 and body.endswith("</p>")
    assert body == "\n".join(paragraphs[: body.count("<p>")]), "whole paragraphs, in order"
    assert 'href="http://localhost:8000/2025/05/talks/?a=1&amp;b=2"' in tail


def test_a_huge_article_in_many_feeds_stays_small_in_each(site_builder, tmp_path_factory) -> None:
    """A hostile seed: 300 KB of text naming twenty people, each with a feed of their own."""
    folder = tmp_path_factory.mktemp("huge-seed")
    people = [f"Lao Deputy Minister Khamphao Ern{chr(97 + n)}x" for n in range(20)]
    body = "\n".join(
        f"{people[n % 20]} said the talks went well. {'Cooperation grows. ' * 30}" for n in range(600)
    )
    (folder / "huge.txt").write_text(
        f"Vietnam, Laos talks\nHanoi (VNA) – The talks were held on May 2, 2025.\n{body}\n/.\n",
        encoding="utf-8",
    )
    output = site_builder("huge-seed", seeds=[folder / "huge.txt"]) / "output"
    article = next(output.glob("2025/05/*/index.html"))
    assert article.stat().st_size > 300_000, "the page has the whole text"
    feeds = list((output / "feeds").rglob("*.xml"))
    assert len(feeds) > 20
    for path in feeds:
        assert path.stat().st_size < 2 * CONTENT_LIMIT, path
        [entry] = parse(path).entries
        assert "read it on the site" in entry.content[0].value
