"""Feeds: site-wide RSS and Atom, one RSS feed per country and per person (feedgen).

Feed-level dates come from the newest item, never the clock, so the same content gives
the same bytes.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from news_digest.site.model import parse_list, parse_officials


def absolute(siteurl: str, url: str) -> str:
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def build_feed(
    *,
    siteurl: str,
    title: str,
    description: str,
    page_url: str,
    feed_url: str,
    articles: list[Any],
    country_names: dict[str, str],
    person_urls: dict[str, str],
    max_items: int,
    kind: str = "rss",
) -> FeedGenerator:
    """A feed of the newest `max_items` articles, newest first.

    RSS readers render <title> and <description> as HTML, so for RSS article text is escaped
    once more and `<script>` shows as text; Atom marks them as text already.
    """

    def text(value: str) -> str:
        return html.escape(value, quote=False) if kind == "rss" else value

    feed = FeedGenerator()
    feed.id(absolute(siteurl, feed_url))
    feed.title(text(title))
    feed.subtitle(text(description))  # RSS <description>, Atom <subtitle>
    # feedgen takes the RSS channel <link> from the last link added: the page, not the feed.
    feed.link(href=absolute(siteurl, feed_url), rel="self")
    feed.link(href=absolute(siteurl, page_url), rel="alternate")
    feed.language("en")
    feed.generator("news-digest")
    items = articles[:max_items]
    if items:
        newest = max(a.date for a in items)
        feed.updated(newest)
        feed.lastBuildDate(newest)
        feed.pubDate(newest)
    for article in items:
        link = absolute(siteurl, article.digest_url)
        entry = feed.add_entry(order="append")  # feedgen prepends by default, which reverses
        entry.id(link)
        entry.guid(link, permalink=True)
        entry.title(text(article.title))
        entry.link(href=link)
        entry.published(article.date)
        entry.updated(article.date)
        entry.summary(text(article.metadata.get("summary") or article.title))
        entry.content(article.content, type="html")
        for code in parse_list(article.metadata.get("countries")):
            if code in country_names:
                entry.category(term=country_names[code], label=country_names[code])
        for official in parse_officials(article.metadata.get("officials")):
            entry.category(term=official["name"], label=official["name"])
    return feed


def write_feed(feed: FeedGenerator, output_path: Path, save_as: str, kind: str) -> Path:
    target = output_path / save_as
    target.parent.mkdir(parents=True, exist_ok=True)
    data = feed.atom_str(pretty=True) if kind == "atom" else feed.rss_str(pretty=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return target
