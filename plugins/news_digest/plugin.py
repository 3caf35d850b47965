"""Pelican glue: import seeds at start-up, enrich articles, add our pages and feeds."""

from __future__ import annotations

import logging
import sys
from operator import attrgetter
from pathlib import Path
from typing import Any

from pelican import signals

from news_digest.hashing import value_digest
from news_digest.posts.importer import import_seeds
from news_digest.settings import IMPORT_CACHE_NAME, RESOLVED, SettingsError, digest_settings
from news_digest.site import incremental, jinja, lock
from news_digest.site.incremental import DigestWriter
from news_digest.site.model import ArticleDigest, build_site
from news_digest.site.pages import NewsDigestGenerator
from news_digest.site.search import build_search_index

log = logging.getLogger(__name__)


def configure_and_import(pelican: Any) -> None:
    settings = pelican.settings
    # Article text is plain data: no metadata field is rendered as Markdown or HTML.
    settings["FORMATTED_FIELDS"] = []
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), **jinja.FILTERS}
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), **jinja.GLOBALS}
    # Every listing is paginated, so that no page grows with the archive (only an article's own).
    paginated = (("country", None), ("person", None), ("digest", 50), ("month", 100), ("people", 500))
    for template, per_page in paginated:
        settings.setdefault("PAGINATED_TEMPLATES", {}).setdefault(template, per_page)
    settings.pop(RESOLVED, None)  # resolved anew for each build
    try:
        ours = digest_settings(settings)
    except SettingsError as error:
        raise SystemExit(f"news-digest: {error} (pelicanconf.py)") from None
    lock.hold(Path(settings["CACHE_PATH"]))  # one build at a time in this folder, until exit
    if not ours["IMPORT"]:
        return
    cache = Path(settings["CACHE_PATH"]) / IMPORT_CACHE_NAME if ours["IMPORT_CACHE"] else None
    posts = Path(settings["PATH"]) / ours["POSTS_DIR"]
    report = import_seeds(ours["SEEDS_PATH"], posts, ours["REPORT_PATH"], cache_path=cache)
    # Printed, not logged: Pelican shows only warnings by default, and the editor must see this.
    print("\n".join(report.summary_lines()), file=sys.stderr)
    if ours["STRICT"] and report.rejected:
        raise SystemExit(f"news-digest: {len(report.rejected)} seed(s) rejected (STRICT is on)")


def link_neighbours(generator: Any) -> None:
    """Build the site model (which gives every article its `digest`, with its tags), then link
    each article to the previous and next (by date) and to related articles (shared countries)."""
    articles = generator.articles  # newest first
    # Same date: by slug, whatever order the files were read in (sorts are stable).
    for listing, newest_first in (
        (articles, True),
        (generator.dates, generator.context["NEWEST_FIRST_ARCHIVES"]),
    ):
        listing.sort(key=attrgetter("slug"))
        listing.sort(key=attrgetter("date"), reverse=newest_first)
    generator.context["digest_site"] = build_site(articles)
    # Pelican's author and category grouping is quadratic and we write no such pages.
    generator.authors, generator.categories = [], []
    digests: list[ArticleDigest] = [article.digest for article in articles]
    for index, digest in enumerate(digests):
        digest.newer = articles[index - 1] if index > 0 else None
        digest.older = articles[index + 1] if index + 1 < len(articles) else None
    link_related(articles, digests, digest_settings(generator.settings)["RELATED_ARTICLES"])
    for article in articles:
        article.digest.fingerprint = article_fingerprint(article)
    for digest in digests:
        # What its page shows: itself, its neighbours and related articles (see incremental.py).
        neighbours = [digest.newer, digest.older, *digest.related]
        digest.page_inputs = (
            digest.fingerprint,
            [n.digest.fingerprint if n is not None else None for n in neighbours],
        )


def link_related(articles: list[Any], digests: list[ArticleDigest], limit: int) -> None:
    """Each article's `limit` related articles: sharing the most countries, then nearest in time."""
    by_country: dict[str, list[int]] = {}
    for index, digest in enumerate(digests):
        for code in digest.post.countries:
            by_country.setdefault(code, []).append(index)
    for index, digest in enumerate(digests):
        shared: dict[int, int] = {}
        for code in digest.post.countries:
            # Nearest in time first; bounded so that a big country does not make this quadratic.
            for other in _nearest(by_country[code], index, 4 * limit):
                if other != index:
                    shared[other] = shared.get(other, 0) + 1
        ranked = sorted(shared, key=lambda o: (-shared[o], abs(o - index), o))[:limit]
        digest.related = [articles[o] for o in ranked]


def article_fingerprint(article: Any) -> str:
    """Everything about an article that a page listing it or its own page can show."""
    digest = article.digest
    tagged = [
        (t.name, t.url, t.title)
        for t in (*digest.tagged_countries, *digest.tagged_organisations, *digest.tagged_people)
    ]
    metadata = sorted((key, str(value)) for key, value in article.metadata.items())
    return value_digest((article._content, metadata, digest.url, digest.date_label, tagged))


def _nearest(indices: list[int], index: int, count: int) -> list[int]:
    from bisect import bisect_left

    at = bisect_left(indices, index)
    return indices[max(0, at - count // 2) : at + count // 2 + 1]


def add_generator(pelican: Any) -> type:
    """`signals.get_generators`, sent once per build run: opens the run's ledger of pages."""
    incremental.begin(pelican)
    return NewsDigestGenerator


def add_writer(_pelican: Any) -> type:
    return DigestWriter


def articles_written(generator: Any, writer: Any = None) -> None:
    """Remove the pages of articles that are gone, then index the articles for search."""
    ledger = incremental.active()
    if ledger is not None:
        ledger.sweep("article:")
    build_search_index(generator, writer)


def finish(pelican: Any) -> None:
    """The ledger: a build that fails before the end records nothing."""
    incremental.end()


def register() -> None:
    signals.initialized.connect(configure_and_import)
    signals.article_generator_finalized.connect(link_neighbours)
    signals.get_generators.connect(add_generator)
    signals.get_writer.connect(add_writer)
    signals.content_written.connect(incremental.note_written)
    signals.article_writer_finalized.connect(articles_written)
    signals.finalized.connect(finish)
