"""Feeds: site-wide RSS and Atom, one RSS feed per country and per person (feedgen).

Feed-level dates come from the newest item, never the clock, so the same content gives
the same bytes. An undated article (its text gives no date) has no RSS `pubDate`; Atom needs an
`updated` for every entry, so it takes the feed's own date, and the item's summary says that the
article's date is unknown. A feed of undated items only takes `fallback` (the site's newest dated
article's date) as its own date, since feedgen would otherwise put the clock's.

An entry carries the article's full text up to `CONTENT_LIMIT` characters of HTML (every real
article fits many times over); a longer one is cut after a whole paragraph and ends with a link
to its page. An article is in the feeds of each country and person it names, so without the
bound one 2 MB seed naming a hundred people made some 400 MB of feeds.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from news_digest.text import one_line

UNDATED_NOTE = "Date unknown: the article's text does not give it."
# The feed's date when neither it nor the site has a dated article (deterministic).
_NO_DATE = "1970-01-01T00:00:00+00:00"
CONTENT_LIMIT = 50_000  # characters of an entry's HTML
SUMMARY_LIMIT = 1_000  # characters of an entry's summary (the lead)


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
    max_items: int,
    kind: str = "rss",
    fallback: Any = None,
) -> FeedGenerator:
    """A feed of the newest `max_items` articles, newest first.

    RSS readers render <title> and <description> as HTML, so for RSS article text is escaped
    once more and `<script>` shows as text; Atom marks them as text already.
    """
    text = _rss_text if kind == "rss" else _as_is
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
    dated = [a.date for a in items if not a.digest.undated]
    newest = max(dated) if dated else fallback or _NO_DATE
    feed.updated(newest)
    feed.lastBuildDate(newest)
    if dated:
        feed.pubDate(newest)
    for article in items:
        _add_entry(feed, article, siteurl, kind, newest, country_names)
    return feed


def _add_entry(
    feed: FeedGenerator, article: Any, siteurl: str, kind: str, newest: Any, country_names: dict[str, str]
) -> None:
    """One article of `build_feed`, appended after the others (feedgen prepends by default)."""
    digest = article.digest
    text = _rss_text if kind == "rss" else _as_is
    link = absolute(siteurl, digest.url)
    entry = feed.add_entry(order="append")
    entry.id(link)
    entry.guid(link, permalink=True)
    entry.title(text(article.title))
    entry.link(href=link)
    summary = digest.post.summary or article.title
    if not digest.undated:
        entry.published(article.date)
        entry.updated(article.date)
    else:
        summary = f"{UNDATED_NOTE} {summary}"
        if kind == "atom":
            entry.updated(newest)
    entry.summary(text(one_line(summary, SUMMARY_LIMIT)))
    entry.content(bounded_content(article.content, link), type="html")
    for code in digest.post.countries:
        if code in country_names:
            entry.category(term=country_names[code], label=country_names[code])
    for official in digest.post.officials:
        entry.category(term=official.name, label=official.name)


def bounded_content(content: str, link: str, limit: int = CONTENT_LIMIT) -> str:
    """The article's HTML whole, or its paragraphs that fit in `limit` characters and a link to
    the page for the rest."""
    if len(content) <= limit:
        return content
    cut = content.rfind("</p>", 0, limit)
    kept = content[: cut + len("</p>")] if cut >= 0 else ""
    return f'{kept}\n<p>The article goes on: <a href="{html.escape(link)}">read it on the site</a>.</p>'


def _rss_text(value: str) -> str:
    return html.escape(value, quote=False)


def _as_is(value: str) -> str:
    return value


def write_feed(feed: FeedGenerator, output_path: Path, save_as: str, kind: str) -> Path:
    target = output_path / save_as
    target.parent.mkdir(parents=True, exist_ok=True)
    data = feed.atom_str(pretty=True) if kind == "atom" else feed.rss_str(pretty=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return target
