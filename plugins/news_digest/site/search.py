"""Full-text search with no server: the index of the articles (search_index.py), written beside them.

The index is made in this process from the articles Pelican has read, as soon as their pages are
written (`signals.article_writer_finalized`); the search page (theme/templates/search.html,
theme/static/js/search.js) reads it in the browser. It is made again only when an article a search
can show changed (the ledger of incremental.py, keyed by every article's listing fingerprint), and
a file of it is written only when its bytes changed.

Why not Pagefind, which the site used before: a search over Pagefind's indexes split by year
(needed to bound its memory, about 250 KB a page) fell back to prefixes in each part, and indexing
took a third of a cold build's CPU time. This index is made in about half a millisecond an article,
in tens of megabytes at 50,000 articles (bench/feature_cost.py, bench/search_index.py).
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from news_digest.atomic import write_if_changed
from news_digest.settings import digest_settings
from news_digest.site.incremental import active
from news_digest.site.model import is_undated
from news_digest.site.search_index import SearchEntry, SearchIndex, plain_text

log = logging.getLogger(__name__)

FOLDER = "search/data"  # the index's files in the output; the page is search/index.html
OLD_FOLDERS = ("pagefind",)  # where earlier versions put their search index


def search_entry(article: Any) -> SearchEntry:
    digest = article.digest
    return SearchEntry(
        url=digest.url,
        title=digest.post.title,
        date_label=digest.date_label,
        iso_date="" if is_undated(article) else article.date.date().isoformat(),
        summary=digest.post.summary,
        countries=tuple(t.name for t in digest.tagged_countries),
        people=tuple(t.name for t in digest.tagged_people),
    )


def searchable_text(article: Any) -> str:
    """What a reader reads on the article's page, but its title: lead, dateline, text, the names
    it is tagged with and the people's roles."""
    digest = article.digest
    tagged = [t.name for t in (*digest.tagged_countries, *digest.tagged_people, *digest.tagged_organisations)]
    roles = [t.title for t in digest.tagged_people if t.title]
    return "\n".join(
        [digest.post.summary, digest.post.dateline, plain_text(article.content), *tagged, *roles]
    )


def index_articles(articles: list[Any]) -> SearchIndex:
    """The index of `articles`, numbered oldest first (the undated ones before all)."""
    index = SearchIndex()
    for article in sorted(articles, key=lambda a: (not is_undated(a), a.date, a.digest.url)):
        digest = article.digest
        pages = [
            (t.name, kind, t.url)
            for kind, tagged in (
                ("country", digest.tagged_countries),
                ("organisation", digest.tagged_organisations),
                ("person", digest.tagged_people),
            )
            for t in tagged
        ]
        index.add(search_entry(article), searchable_text(article), pages)
    return index


def write_index(files: Iterable[tuple[str, bytes]], folder: Path) -> tuple[int, int]:
    """The index's files into `folder`, those unchanged left as they are, those of an older index
    removed; how many files it has, and how many were written."""
    names: set[str] = set()
    written = 0
    ledger = active()
    for name, data in files:
        names.add(name)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        written += write_if_changed(path, data)
        if ledger is not None:
            ledger.wrote(path)
    for old in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        if old.is_file() and old.relative_to(folder).as_posix() not in names:
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    return len(names), written


def _search_on(settings: dict[str, Any]) -> bool:
    return bool(digest_settings(settings)["SEARCH"])


def build_search_index(generator: Any, writer: Any = None) -> None:
    """`signals.article_writer_finalized`: the index of the articles, made again if any changed."""
    output = Path(generator.output_path).resolve()
    for old in OLD_FOLDERS:
        shutil.rmtree(output / old, ignore_errors=True)
    folder = output / FOLDER
    if not _search_on(generator.settings):
        shutil.rmtree(folder, ignore_errors=True)  # from a build that had search on
        return
    articles = list(generator.articles)
    started = time.process_time()
    summary: dict[str, int] = {}

    def write() -> None:
        summary["files"], summary["written"] = write_index(index_articles(articles).files(), folder)

    ledger = active()
    inputs = sorted(a.digest.fingerprint for a in articles)
    if ledger is None:
        write()
    elif not ledger.page("search:index", ("search", inputs), write):
        return
    log.info(
        "news-digest: search index: %d articles, %d files (%d written) in %s/ in %.1f s",
        len(articles),
        summary["files"],
        summary["written"],
        FOLDER,
        time.process_time() - started,
    )
