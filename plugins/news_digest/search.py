"""Full-text search with no server: a Pagefind index of the article pages, at the end of the build.

Pagefind (https://pagefind.app) reads the written HTML and writes `pagefind/` into the output: the
index in fragments, and the search UI (`pagefind-ui.js`, `pagefind-ui.css`) that `/search/` loads.
The binary comes with the `pagefind[bin]` package from PyPI (`pagefind_bin`); nothing is
downloaded at build time.

What is indexed is decided by the theme: only article pages carry `data-pagefind-body`, their
country and person links `data-pagefind-filter`, their date `data-pagefind-meta` and
`data-pagefind-sort`. Only the article pages' files are handed to Pagefind (`--glob`, from
`ARTICLE_SAVE_AS`), so that the thousands of country, person and digest pages are not even read,
and Pagefind starts as soon as they are written (`start_early`), alongside the rest of the build.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

BUNDLE = "pagefind"
ENTRY = "pagefind-entry.json"  # written last: a bundle without it is incomplete
ALL_HTML = "**/*.html"
TIMEOUT = 600  # seconds; a 10,000-article site takes a few


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


def article_glob(article_save_as: str) -> str:
    """A glob for the article pages from Pelican's ARTICLE_SAVE_AS ("{date:%Y}/{slug}/index.html").

    Every `{...}` field becomes `*`. It only saves reading other pages: those have no
    `data-pagefind-body` and stay out of the index whatever the glob.
    """
    glob = re.sub(r"\*+", "*", re.sub(r"\{[^}]*\}", "*", article_save_as or ""))
    return glob if glob.endswith(".html") else ALL_HTML


@dataclass
class Indexing:
    """One Pagefind run in the background; its log goes to a temporary file."""

    output: Path
    process: subprocess.Popen
    log: IO[str]
    started: float


_running: dict[Path, Indexing] = {}
_up_to_date: set[Path] = set()


def start_pagefind(output: Path, glob: str = ALL_HTML, *, background: bool = False) -> Indexing:
    """Start indexing `output` into `output/pagefind/`, replaced whole (no stale fragments).

    In the `background` (beside Pelican, which is single-threaded) Pagefind gets one worker
    thread: it then takes the other core without spinning against Pelican for this one.
    """
    bundle = output / BUNDLE
    if bundle.exists():
        shutil.rmtree(bundle)
    cmd = [str(pagefind_executable()), "--site", str(output), "--output-subdir", BUNDLE, "--glob", glob]
    log_file = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed by finish_pagefind)
    env = {**os.environ, "RAYON_NUM_THREADS": "1", "TOKIO_WORKER_THREADS": "1"} if background else None
    process = subprocess.Popen(cmd, stdout=log_file, stderr=subprocess.STDOUT, text=True, env=env)
    return Indexing(output, process, log_file, time.monotonic())


def finish_pagefind(indexing: Indexing) -> str:
    """Wait for a run; its log, or SearchIndexError."""
    try:
        code = indexing.process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired as error:
        indexing.process.kill()
        indexing.process.wait()
        raise SearchIndexError(f"news-digest: pagefind took more than {TIMEOUT} s") from error
    finally:
        indexing.log.seek(0)
        text = indexing.log.read()
        indexing.log.close()
    if code != 0:
        raise SearchIndexError(f"news-digest: pagefind failed (exit {code}):\n{text}")
    return text


def run_pagefind(output: Path, glob: str = ALL_HTML) -> str:
    """Index `output` now; returns Pagefind's log."""
    return finish_pagefind(start_pagefind(output, glob))


@atexit.register
def _stop_unfinished() -> None:
    """A build that failed after `start_early` leaves no Pagefind behind."""
    for indexing in _running.values():
        if indexing.process.poll() is None:
            indexing.process.kill()
            indexing.process.wait()
    _running.clear()


def indexed_pages(pagefind_log: str) -> int | None:
    """The number of pages Pagefind says it indexed, from its log."""
    match = re.search(r"Indexed (\d+) pages?", pagefind_log)
    return int(match.group(1)) if match else None


def _search_on(settings: dict[str, Any]) -> bool:
    from .plugin import digest_settings

    return bool(digest_settings(settings)["SEARCH"])


def start_early(generator: Any, writer: Any = None) -> None:
    """`signals.article_writer_finalized`: the article pages are written, so Pagefind can start on
    them while Pelican writes everything else (the country, person and digest pages and the feeds
    take about as long). Pelican is single-threaded: on two cores this hides most of the indexing.
    Safe whatever else is being written meanwhile: only article pages carry `data-pagefind-body`,
    and they are complete.
    """
    if not _search_on(generator.settings):
        return
    glob = article_glob(generator.settings.get("ARTICLE_SAVE_AS", ""))
    output = Path(generator.output_path).resolve()
    previous = _running.pop(output, None)
    if previous is not None and previous.process.poll() is None:
        previous.process.kill()
        previous.process.wait()
    if index_is_current(output):
        _up_to_date.add(output)
        return
    _running[output] = start_pagefind(output, glob, background=True)


def index_is_current(output: Path) -> bool:
    """No article page was written or removed since the last build, whose index is complete."""
    from .incremental import active

    ledger = active()
    complete = (output / BUNDLE / ENTRY).is_file()
    return complete and ledger is not None and ledger.had_ledger and not ledger.changed("article:")


def build_index(pelican: Any) -> None:
    """`signals.finalized`: the search index of the site Pelican has just written (waits for the
    run `start_early` began, or runs Pagefind now)."""
    output = Path(pelican.output_path).resolve()
    if not _search_on(pelican.settings):
        shutil.rmtree(output / BUNDLE, ignore_errors=True)  # from a build that had search on
        return
    if output in _up_to_date:
        _up_to_date.discard(output)
        log.info("news-digest: search index unchanged (no article page changed)")
        return
    indexing = _running.pop(output, None)
    if indexing is None:
        indexing = start_pagefind(output, article_glob(pelican.settings.get("ARTICLE_SAVE_AS", "")))
    waiting = time.monotonic()
    pages = indexed_pages(finish_pagefind(indexing))
    done = time.monotonic()
    log.info(
        "news-digest: search index of %s article pages in %s/ (Pagefind %.1f s; the build waited %.1f s)",
        "?" if pages is None else pages,
        BUNDLE,
        done - indexing.started,
        done - waiting,
    )
