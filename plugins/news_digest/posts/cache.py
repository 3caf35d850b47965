"""The import's cache: what each seed gave the last time, so that a re-import reads again only the
seeds whose bytes changed, and when none did, reuses the last plan and only checks the posts.

Seeds are keyed on their path and name and checked against the hash of their bytes (not
modification times: a git checkout resets those), and the whole cache against a hash of this
package's code and data. The file holds two pickles: a small index (the seeds' hashes and the
last plan), which is all an unchanged re-import loads, then the seeds' results (without their
posts, which are read again in the rare case they are needed).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from news_digest.extract.seeds import MAX_SEED_BYTES, SeedError, read_seed_bytes
from news_digest.posts.plan import ImportPlan, Key, SeedResult

_LOAD_ERRORS = (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError)


@cache
def code_fingerprint() -> str:
    """A hash of this package's code and data: a cached result is only as good as both."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted([*package.glob("*.py"), *package.glob("data/*.toml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seed_digest(path: str, root: str | None = None) -> str | None:
    """The hash of a seed's bytes, or None when it is not a small regular file inside `root`
    (no caching; links are not followed: see `seeds.open_seed`)."""
    try:
        data = read_seed_bytes(path, root)
        return bytes_digest(data) if len(data) <= MAX_SEED_BYTES else None
    except (OSError, SeedError):
        return None


class ImportCache:
    """Results of the last import. `context` is what else a plan depends on (the seeds folder,
    hidden files); `results` are (digest, result) of the seeds, by key."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.digests_then: dict[Key, str] = {}
        self.context: Any = None
        self.plan: ImportPlan | None = None
        self._results: dict[Key, SeedResult] | None = None
        self._results_at = 0  # where the results start in the file
        self.dirty = False
        if path is None:
            return
        try:
            with open(path, "rb") as handle:
                version, digests, context, plan = pickle.load(handle)
                self._results_at = handle.tell()
        except _LOAD_ERRORS:
            return
        if version == code_fingerprint():
            self.digests_then, self.context, self.plan = digests, context, plan

    def digests(self, keys: list[Key], root: str | None = None) -> dict[Key, str | None]:
        """The hash of every seed the cache knows (the others are hashed as they are read)."""
        return {key: seed_digest(key[0], root) for key in keys if key in self.digests_then}

    def unchanged_plan(
        self, keys: list[Key], digests: dict[Key, str | None], context: Any
    ) -> ImportPlan | None:
        """The last plan, when the seeds and their context are what they were."""
        unchanged = (
            self.plan is not None
            and context == self.context
            and len(keys) == len(self.digests_then)
            and all(digests.get(key) == self.digests_then.get(key) for key in keys)
        )
        return self.plan if unchanged else None

    def results(self) -> dict[Key, SeedResult]:
        if self._results is None:
            self._results = {}
            if self.path is not None and self.digests_then:
                try:
                    with open(self.path, "rb") as handle:
                        handle.seek(self._results_at)
                        self._results = {
                            key: SeedResult._make(values) for key, values in pickle.load(handle).items()
                        }
                except _LOAD_ERRORS:
                    pass
        return self._results

    def lookup(self, digests: dict[Key, str | None]) -> dict[Key, tuple[str | None, SeedResult]]:
        """(digest, result) of every seed whose bytes are unchanged."""
        results = self.results()
        return {
            key: (digest, results[key])
            for key, digest in digests.items()
            if digest and digest == self.digests_then.get(key) and key in results
        }

    def store(
        self, results: dict[Key, tuple[str | None, SeedResult]], context: Any, plan: ImportPlan
    ) -> None:
        """Keep these seeds (those with a digest: the others cannot be cached) and their plan."""
        if self.path is None:
            return
        self.digests_then = {key: digest for key, (digest, _result) in results.items() if digest}
        self._results = {key: result for key, (digest, result) in results.items() if digest}
        self.context, self.plan = context, plan
        self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".part")
        with open(tmp, "wb") as handle:
            _dump((code_fingerprint(), self.digests_then, self.context, self.plan), handle)
            # Plain tuples, without the posts (most of the bytes): a post is read again in the
            # rare case it is needed (see `importer.with_post`).
            results = self.results().items()
            _dump({key: (*result[:_POST], None, *result[_POST + 1 :]) for key, result in results}, handle)
        os.replace(tmp, self.path)


_POST = SeedResult._fields.index("post")


def _dump(data: Any, handle: BinaryIO) -> None:
    """`pickle.dump` without the memo, three times quicker on many small objects (nothing in the
    cache refers to itself or needs to stay shared); with it where that mode has gone."""
    pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(AttributeError):
        pickler.fast = True  # deprecated, not scheduled for removal
    pickler.dump(data)
