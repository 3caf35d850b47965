"""Pelican's own content caches (`CACHE_PATH/*-Readers`, ...), checked before Pelican loads them.

Pelican writes them in place, not atomically, and loads them catching only some errors: a file cut
short by a killed build (a gzip stream without its end), or a pickle of another shape, stops
every later build. A cache file that is not as the last finished build left it (its size and
modification time, recorded then) is read through once; if it does not load as a mapping it is
reported and removed, and Pelican rebuilds it.
"""

from __future__ import annotations

import gzip
import json
import logging
import pickle
import zlib
from pathlib import Path

from news_digest.atomic import write_atomic

log = logging.getLogger(__name__)

RECORD_NAME = "news-digest-pelican-caches.json"
OURS = "news-digest"  # our own files in the cache folder start with this
_ERRORS = (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError, KeyError)


def _pelican_files(cache: Path) -> list[Path]:
    try:
        entries = sorted(cache.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.is_file() and not p.name.startswith((OURS, ".")) and not p.is_symlink()]


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def _loads(path: Path, gzipped: bool) -> bool:
    try:
        with (gzip.open if gzipped else open)(path, "rb") as handle:
            data = pickle.load(handle)
            if gzipped:
                handle.read()  # to the end: a gzip stream cut short raises here
    except (*_ERRORS, pickle.UnpicklingError, zlib.error, MemoryError, RecursionError):
        return False
    return isinstance(data, dict)


def check(cache: Path, gzipped: bool = True) -> list[str]:
    """Remove Pelican cache files that do not load (unless unchanged since the last finished
    build); returns their names."""
    try:
        record = json.loads((cache / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    if not isinstance(record, dict):
        record = {}
    removed = []
    for path in _pelican_files(cache):
        if record.get(path.name) == _stamp(path) or _loads(path, gzipped):
            continue
        log.warning(
            "news-digest: Pelican's cache %s is damaged (cut short, or of another shape); rebuilt", path
        )
        path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def record(cache: Path) -> None:
    """At the end of a finished build: the size and time of Pelican's cache files, as saved."""
    stamps = {path.name: _stamp(path) for path in _pelican_files(cache)}
    if not cache.is_dir():
        return
    write_atomic(cache / RECORD_NAME, json.dumps(stamps, sort_keys=True).encode("utf-8"))
