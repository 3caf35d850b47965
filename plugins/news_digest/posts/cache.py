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
import datetime as dt
import io
import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from news_digest.atomic import write_atomic
from news_digest.extract.seeds import MAX_SEED_BYTES, SeedError, read_seed_bytes
from news_digest.hashing import bytes_digest, code_fingerprint
from news_digest.posts.plan import ImportPlan, Key, PlannedPost, SeedResult

log = logging.getLogger(__name__)

_LOAD_ERRORS = (
    OSError,
    EOFError,
    pickle.UnpicklingError,
    ValueError,
    TypeError,
    AttributeError,
    ImportError,
    IndexError,
    KeyError,
    MemoryError,
    RecursionError,
)
# The type of each field of a cached `SeedResult` (its post is not kept: None).
_RESULT_TYPES: dict[str, tuple[type, ...]] = {
    "seed": (str,),
    "error": (str, type(None)),
    "title": (str,),
    "slug": (str,),
    "title_slug": (str,),
    "url": (str,),
    "content_hash": (str,),
    "date": (dt.date,),
    "paragraphs": (bytes,),
    "warnings": (tuple,),
    "unregistered": (tuple,),
    "post": (type(None),),
    "post_digest": (str,),
    "post_error": (str, type(None)),
}


class CacheShapeError(ValueError):
    pass


def _is_key(key: object) -> bool:
    return isinstance(key, tuple) and len(key) == 2 and all(isinstance(part, str) for part in key)


def _check_index(digests: object, plan: object) -> None:
    """`CacheShapeError` unless the index is what `save` writes: a cache of another shape (an
    older layout, a damaged file that still unpickles) is rebuilt, never trusted."""
    if not isinstance(digests, dict) or not all(
        _is_key(k) and isinstance(v, str) for k, v in digests.items()
    ):
        raise CacheShapeError("the seeds' hashes are of the wrong shape")
    if plan is None:
        return
    if not isinstance(plan, ImportPlan):
        raise CacheShapeError("the plan is of the wrong type")
    lists = (plan.published, plan.duplicates, plan.rejected, plan.registry_candidates)
    if not all(isinstance(items, list) and all(isinstance(i, dict) for i in items) for items in lists):
        raise CacheShapeError("the plan's lists are of the wrong shape")
    for post in plan.posts if isinstance(plan.posts, list) else [None]:
        if not (
            isinstance(post, PlannedPost)
            and isinstance(post.path, str)
            and _is_key(post.key)
            and isinstance(post.slug, str)
            and isinstance(post.digest, str | None)
        ):
            raise CacheShapeError("the plan's posts are of the wrong shape")


def _result(values: object) -> SeedResult:
    """A cached seed's result, checked field by field (`CacheShapeError`)."""
    if not isinstance(values, tuple) or len(values) != len(SeedResult._fields):
        raise CacheShapeError("a seed's result is of the wrong shape")
    result = SeedResult._make(values)
    for name, types in _RESULT_TYPES.items():
        if not isinstance(getattr(result, name), types):
            raise CacheShapeError(f"a seed's {name} is of the wrong type")
    return result


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
        self.problem: str | None = None  # why the cache file could not be used
        self._move: Callable[[Key], Key] = lambda key: key  # see `rebase`
        if path is None:
            return
        try:
            with open(path, "rb") as handle:
                version, digests, context, plan = pickle.load(handle)
                self._results_at = handle.tell()
            if version != code_fingerprint():
                return  # another version of the code: nothing in it holds
            _check_index(digests, plan)
        except FileNotFoundError:
            return
        except _LOAD_ERRORS as error:
            self.problem = f"{type(error).__name__}: {error}"
            log.warning("news-digest: import cache %s is unusable (%s); rebuilt", path, self.problem)
            return
        self.digests_then, self.context, self.plan = digests, context, plan

    def rebase(self, root: str) -> None:
        """The seeds of the cache under the seeds folder `root`, when it was built under another
        (a release of the deploy hook is built in a new folder, with the last release's cache):
        the same seeds, by their place in the folder."""
        if not (isinstance(self.context, tuple) and self.context and isinstance(self.context[0], str)):
            return
        old = self.context[0]
        if old == root:
            return

        def move(key: Key) -> Key:
            inside = os.path.relpath(key[0], old)
            return key if inside.startswith(os.pardir) else (os.path.join(root, inside), key[1])

        self.digests_then = {move(key): digest for key, digest in self.digests_then.items()}
        if self.plan is not None:
            self.plan.posts = [post._replace(key=move(post.key)) for post in self.plan.posts]
        self._move = move
        self.context = (root, *self.context[1:])

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
                        loaded = pickle.load(handle)
                    if not isinstance(loaded, dict):
                        raise CacheShapeError("the seeds' results are not a mapping")
                    self._results = {
                        self._move(key): _result(values) for key, values in loaded.items() if _is_key(key)
                    }
                except _LOAD_ERRORS as error:
                    self._results = {}
                    self.problem = f"{type(error).__name__}: {error}"
                    log.warning("news-digest: import cache %s unusable (%s)", self.path, self.problem)
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
        buffer = io.BytesIO()
        _dump((code_fingerprint(), self.digests_then, self.context, self.plan), buffer)
        # Plain tuples, without the posts (most of the bytes): a post is read again in the rare
        # case it is needed (see `importer.with_post`).
        results = self.results().items()
        _dump({key: (*result[:_POST], None, *result[_POST + 1 :]) for key, result in results}, buffer)
        write_atomic(self.path, buffer.getvalue())


_POST = SeedResult._fields.index("post")


def _dump(data: Any, handle: BinaryIO) -> None:
    """`pickle.dump` without the memo, three times quicker on many small objects (nothing in the
    cache refers to itself or needs to stay shared); with it where that mode has gone."""
    pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(AttributeError):
        pickler.fast = True  # deprecated, not scheduled for removal
    pickler.dump(data)
