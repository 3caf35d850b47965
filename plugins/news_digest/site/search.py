"""Full-text search with no server: Pagefind indexes of the article pages, built beside the build.

Pagefind (https://pagefind.app) reads written HTML and writes a bundle: the index in fragments and
its runtime (`pagefind.js`, its WebAssembly). The binary comes with the `pagefind[bin]` package
from PyPI (`pagefind_bin`); nothing is downloaded at build time. The search page has an interface
of its own (theme/static/js/search.js), so Pagefind's ready-made ones are removed from the bundles.

What is indexed is decided by the theme: only article pages carry `data-pagefind-body`, their
country and person links `data-pagefind-filter`, their date `data-pagefind-meta` and
`data-pagefind-sort`. Only the article pages are handed to Pagefind, hard-linked into a staging
folder, so the thousands of country, person and digest pages are not even read.

The archive is indexed in shards, one bundle each under `pagefind/`: runs of whole years of at most
SEARCH_SHARD_PAGES articles, or a few months of a bigger year. Pagefind holds about 250 KB per page
in memory while it indexes, so a single index of 10,000 articles would take 2.4 GB; shards keep the
peak to that of SEARCH_SHARD_PAGES pages, whatever the size of the archive. They are also what
makes the search index incremental: a shard is indexed again only when one of its article pages
changed (the ledger of incremental.py). The search page searches every shard, each with its own
copy of Pagefind, and leaves out the shards that have no page with the words (Pagefind falls back
to prefixes there). Indexing starts as soon as the article pages are written (`start_early`), in a
background thread beside Pelican, which is single-threaded.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from news_digest.settings import digest_settings
from news_digest.site.incremental import active
from news_digest.site.model import is_undated

log = logging.getLogger(__name__)

BUNDLE = "pagefind"  # the shards' folder in the output
ENTRY = "pagefind-entry.json"  # written last by Pagefind: a bundle without it is incomplete
SHARD_PAGES = 2000
TIMEOUT = 600  # seconds per shard


class SearchIndexError(RuntimeError):
    pass


def pagefind_executable() -> Path:
    """The Pagefind binary shipped in the `pagefind_bin` wheel (or PAGEFIND_BINARY_PATH, or PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:  # the Python API is missing; the binary package may still be there
        get_executable = None
    found = get_executable() if get_executable else None
    if found is None:
        try:
            from pagefind_bin import get_executable as bin_executable

            found = bin_executable()
        except (ImportError, FileNotFoundError):
            which = shutil.which("pagefind")
            found = Path(which) if which else None
    if found is None or not Path(found).is_file():
        raise SearchIndexError(
            "news-digest: the Pagefind binary was not found; install the project's dependencies "
            "(pip install 'pagefind[bin]'), or set NEWS_DIGEST['SEARCH'] = False"
        )
    return Path(found)


def plan_shards(pages: Iterable[tuple[int, int, str]], limit: int = SHARD_PAGES) -> dict[str, list[str]]:
    """Article pages (year, month, save_as) -> {shard name: its pages}, newest shard first.

    Consecutive years are packed, oldest first, into shards of at most `limit` pages ("2003-2012",
    or "2025" alone): as few shards as the memory bound allows, since each shard is searched on
    its own in the browser. A year of more than `limit` pages is split into runs of consecutive
    months ("2025-01-04"; a month alone may exceed it). Adding an article to the newest month
    changes only the newest shard (or starts a new one when that shard is full).
    """
    years: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for year, month, save_as in pages:
        years[year][month].append(save_as)
    shards: dict[str, list[str]] = {}
    packed: list[int] = []  # the years of the run being packed

    def close() -> None:
        if packed:
            name = f"{packed[0]:04d}" if len(packed) == 1 else f"{packed[0]:04d}-{packed[-1]:04d}"
            shards[name] = sorted(p for y in packed for v in years[y].values() for p in v)
            packed.clear()

    def size(year: int) -> int:
        return sum(len(v) for v in years[year].values())

    for year in sorted(years):
        if size(year) > limit:
            close()
            months = years[year]
            runs: list[list[int]] = []
            for month in sorted(months):
                if runs and sum(len(months[m]) for m in runs[-1]) + len(months[month]) <= limit:
                    runs[-1].append(month)
                else:
                    runs.append([month])
            for run in runs:
                shards[f"{year:04d}-{run[0]:02d}-{run[-1]:02d}"] = sorted(p for m in run for p in months[m])
            continue
        if packed and sum(size(y) for y in packed) + size(year) > limit:
            close()
        packed.append(year)
    close()
    return dict(reversed(shards.items()))


def article_shards(articles: Iterable[Any], limit: int = SHARD_PAGES) -> dict[str, list[str]]:
    # The undated articles: shard "0000", never one named after their stand-in date.
    return plan_shards(
        ((0, 0, a.save_as) if is_undated(a) else (a.date.year, a.date.month, a.save_as) for a in articles),
        limit,
    )


def shard_months(name: str) -> tuple[str, str]:
    """The first and last month ("YYYY-MM") a shard holds, from its name: for the search page,
    which tells by an article's address which shard it came from."""
    parts = name.split("-")
    if len(parts) == 3:  # "2025-01-04"
        return f"{parts[0]}-{parts[1]}", f"{parts[0]}-{parts[2]}"
    return f"{parts[0]}-01", f"{parts[-1]}-12"  # "2025" or "2003-2012"


# Pagefind's ready-made interfaces: the search page has its own (theme/static/js/search.js).
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


@dataclass
class Indexing:
    """Shards indexed one after the other in a background thread."""

    output: Path
    todo: list[str]
    started: float = field(default_factory=time.monotonic)
    pages: int = 0
    error: str | None = None
    process: subprocess.Popen | None = None
    thread: threading.Thread | None = None
    cancelled: bool = False

    def stop(self) -> None:
        self.cancelled = True
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.thread is not None:
            self.thread.join()


def _stage(pages: list[str], output: Path, stage: Path) -> None:
    """The shard's article pages at their paths under `stage`: hard links (copies across devices)."""
    if stage.exists():
        shutil.rmtree(stage)
    for save_as in pages:
        source, target = output / save_as, stage / save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)


def index_shard(indexing: Indexing, name: str, pages: list[str], stage: Path, *, background: bool) -> int:
    """Index one shard into `pagefind/<name>/`; the number of pages Pagefind says it indexed.

    In the `background` (beside Pelican) Pagefind gets one worker thread: it then takes the other
    core without spinning against Pelican for this one.
    """
    bundle = indexing.output / BUNDLE / name
    if bundle.exists():
        shutil.rmtree(bundle)
    _stage(pages, indexing.output, stage)
    cmd = [str(pagefind_executable()), "--site", str(stage), "--output-path", str(bundle)]
    env = {**os.environ, "RAYON_NUM_THREADS": "1", "TOKIO_WORKER_THREADS": "1"} if background else None
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log_file:
        process = subprocess.Popen(cmd, stdout=log_file, stderr=subprocess.STDOUT, text=True, env=env)
        indexing.process = process
        try:
            code = process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired as error:
            process.kill()
            process.wait()
            raise SearchIndexError(f"news-digest: pagefind took more than {TIMEOUT} s on {name}") from error
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        log_file.seek(0)
        text = log_file.read()
    if code != 0 and not indexing.cancelled:
        raise SearchIndexError(f"news-digest: pagefind failed on {name} (exit {code}):\n{text}")
    remove_unused(bundle)
    return indexed_pages(text) or 0


def remove_unused(bundle: Path) -> None:
    """Pagefind's ready-made interfaces, and the WebAssembly of languages the index has none of:
    what is left is the index and the runtime the search page loads."""
    for unused in UNUSED_FILES:
        (bundle / unused).unlink(missing_ok=True)
    try:
        entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    used = {f"wasm.{lang.get('wasm')}.pagefind" for lang in entry.get("languages", {}).values()}
    for wasm in bundle.glob("wasm.*.pagefind"):
        if wasm.name not in used:
            wasm.unlink()


def start_indexing(
    output: Path, shards: dict[str, list[str]], todo: list[str], stage: Path, *, background: bool = False
) -> Indexing:
    """Remove bundles of shards that are gone, then index the shards in `todo` in a thread."""
    root = output / BUNDLE
    if root.is_dir():
        for entry in root.iterdir():
            if entry.name not in shards:  # a shard no longer planned, or an older layout
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    indexing = Indexing(output, todo)

    def run() -> None:
        try:
            for name in todo:
                if indexing.cancelled:
                    return
                indexing.pages += index_shard(
                    indexing, name, shards[name], stage / name, background=background
                )
        except Exception as error:  # reported by finish_indexing, in the build's thread
            indexing.error = str(error)
        finally:
            shutil.rmtree(stage, ignore_errors=True)  # each shard's folder is emptied already

    indexing.thread = threading.Thread(target=run, name="pagefind", daemon=True)
    indexing.thread.start()
    return indexing


def finish_indexing(indexing: Indexing) -> None:
    if indexing.thread is not None:
        indexing.thread.join()
    if indexing.error:
        raise SearchIndexError(indexing.error)


_running: dict[Path, Indexing] = {}


@atexit.register
def _stop_unfinished() -> None:
    """A build that failed after `start_early` leaves no Pagefind behind."""
    for indexing in _running.values():
        indexing.stop()
    _running.clear()


def indexed_pages(pagefind_log: str) -> int | None:
    """The number of pages Pagefind says it indexed, from its log."""
    match = re.search(r"Indexed (\d+) pages?", pagefind_log)
    return int(match.group(1)) if match else None


def shard_limit(settings: dict[str, Any]) -> int:
    from news_digest.settings import digest_settings

    return int(digest_settings(settings)["SEARCH_SHARD_PAGES"])


def _search_on(settings: dict[str, Any]) -> bool:
    return bool(digest_settings(settings)["SEARCH"])


def start_early(generator: Any, writer: Any = None) -> None:
    """`signals.article_writer_finalized`: the article pages are written, so the shards whose
    pages changed are indexed while Pelican writes everything else."""
    if not _search_on(generator.settings):
        return
    output = Path(generator.output_path).resolve()
    previous = _running.pop(output, None)
    if previous is not None:
        previous.stop()
    shards = article_shards(generator.articles, shard_limit(generator.settings))
    ledger = active()
    todo: list[str] = []
    for name, pages in shards.items():
        if ledger is None:
            todo.append(name)
            continue

        def mark(name: str = name) -> None:
            todo.append(name)
            ledger.wrote(output / BUNDLE / name / ENTRY)

        # A shard's inputs: what its article pages were made from.
        inputs = [(p, ledger.digest(f"article:{p}")) for p in pages]
        ledger.page(f"search:{name}", inputs, mark)
    stage = Path(generator.settings.get("CACHE_PATH", "cache")).resolve() / "pagefind-stage"
    _running[output] = start_indexing(output, shards, todo, stage, background=True)


def build_index(pelican: Any) -> None:
    """`signals.finalized`: wait for the shards `start_early` began on."""
    output = Path(pelican.output_path).resolve()
    if not _search_on(pelican.settings):
        shutil.rmtree(output / BUNDLE, ignore_errors=True)  # from a build that had search on
        return
    indexing = _running.pop(output, None)
    if indexing is None:
        return
    waiting = time.monotonic()
    finish_indexing(indexing)
    done = time.monotonic()
    log.info(
        "news-digest: search index: %d shard(s) indexed again (%d pages) in %s/ (Pagefind %.1f s; "
        "the build waited %.1f s)",
        len(indexing.todo),
        indexing.pages,
        BUNDLE,
        done - indexing.started,
        done - waiting,
    )
