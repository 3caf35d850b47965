"""Import: every seed -> published post, duplicate of another seed, or rejected with a reason.

The accounting holds on any input: every file under the seeds folder (hidden files, pipes and
broken links included) is in exactly one of the report's lists `published`, `duplicates`
and `rejected`. A seed that cannot be read, or that trips a bug, is rejected with its
reason; it never stops the import of the others.

Each seed is read, cleaned and tagged, and its post rendered, on its own (`seed_result`, in
worker processes); then duplicates are merged and post paths assigned over all of them
(`plan.py`), and the posts and the report (`report.py`) are written; stale posts are removed
(`files.py`). A re-import reuses the result of every unchanged seed, and when no seed changed,
the whole plan (`cache.py`).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from news_digest.article import Article, Tags
from news_digest.atomic import TEMP_PREFIX, write_atomic, write_if_changed, write_temporary
from news_digest.extract.clean import ExtractionError, extract
from news_digest.extract.seeds import MAX_SEED_BYTES, SeedError, decode, read_seed_bytes, walk_seeds
from news_digest.hashing import bytes_digest, file_digest
from news_digest.posts.cache import ImportCache
from news_digest.posts.files import remove_stale
from news_digest.posts.plan import ImportPlan, Key, PlannedPost, SeedResult, paragraph_hashes, plan_import
from news_digest.posts.render import (
    SLUG_PLACEHOLDER,
    article_slug,
    base_slug,
    fill_slug,
    post_date,
    render_post,
)
from news_digest.posts.report import (
    ImportReport,
    article_warnings,
    bounded_tags,
    previous_duplicates,
    short_reason,
)
from news_digest.tagging.tag import tag

__all__ = ["TEMP_PREFIX", "ImportReport", "Processed", "SeedResult", "import_seeds", "process_seed"]

log = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves
CHUNK_SIZE = 64  # seeds per task sent to a worker process
HIDDEN_FILE = "hidden file (name starts with '.'): not read"


@dataclass
class Processed:
    seed: str
    article: Article | None = None
    tags: Tags | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def process_seed(path: str, follow_links: bool = False) -> Processed:
    """Read, clean and tag one seed; errors become a reason, never an exception. Links are not
    followed unless `follow_links` (files the operator names on the command line).

    A bug in cleaning or tagging (any other exception) rejects this seed alone, with the reason
    "internal error: ...", and the import goes on with the others.
    """
    return _process_seed(path, follow_links=follow_links)[0]


def _process_seed(
    path: str, root: str | None = None, follow_links: bool = False
) -> tuple[Processed, str | None]:
    """`process_seed` of the seed at `path` inside `root` (default: its folder), and the hash of
    the bytes it read (None when it read none, or too many)."""
    digest = None
    try:
        data = read_seed_bytes(path, root, follow_links)
        digest = bytes_digest(data) if len(data) <= MAX_SEED_BYTES else None
        raw = decode(data)
        article = extract(raw, path)
        tags, bounded = bounded_tags(tag(article))
        warnings = article_warnings(article) + ([bounded] if bounded else [])
        return Processed(path, article, tags, warnings=warnings), digest
    except (SeedError, ExtractionError) as error:
        return Processed(path, error=str(error)), digest
    except OSError as error:
        return Processed(path, error=f"cannot read file: {error.strerror or error}"), digest
    except Exception as error:  # a bug, not bad input: report it for this seed, keep going
        log.exception("news-digest: internal error on %s", path)
        return Processed(path, error=short_reason(f"internal error: {type(error).__name__}: {error}")), digest


class Staged(NamedTuple):
    """A post written ahead to a temporary file, for the path it gets unless its slug clashes."""

    path: str  # relative to the posts folder
    temporary: str


Processing = tuple[str | None, SeedResult, Staged | None]  # see `seed_result`


def seed_result(path: str, name: str, posts_dir: Path | None = None, root: str | None = None) -> Processing:
    """The hash of the bytes of the seed at `path` inside the seeds folder `root` (for the cache),
    what the import keeps of it (`name` is its name in the report), with its post rendered (the
    slug comes later), and the post written ahead into `posts_dir` if given (see `_stage_post`)."""
    item, digest = _process_seed(path, root)
    if item.article is None or item.tags is None:
        return digest, SeedResult(name, error=item.error), None
    article, tags = item.article, item.tags
    slug = article_slug(article)
    post = at_slug = post_error = None
    try:
        text = render_post(article, tags, SLUG_PLACEHOLDER, name)
    except Exception as error:  # a bug for this one article: its seed is rejected if published
        log.exception("news-digest: internal error writing the post of %s", name)
        post_error = short_reason(f"internal error: {type(error).__name__}: {error}")
    else:
        post = text.encode("utf-8")
        at_slug = fill_slug(post, slug)  # the post as written unless another title takes the slug
    result = SeedResult(
        seed=name,
        title=article.title,
        slug=slug,
        title_slug=base_slug(article.title),
        url=source_url(article),
        content_hash=article.content_hash,
        date=post_date(article),
        undated=article.date is None,
        paragraphs=paragraph_hashes(article.paragraphs),
        warnings=tuple(item.warnings),
        unregistered=tuple((o.name, o.country, o.title) for o in tags.officials if not o.in_registry),
        post=post,
        post_digest=bytes_digest(at_slug) if at_slug is not None else "",
        post_error=post_error,
    )
    staged = _stage_post(posts_dir, result, at_slug) if posts_dir and at_slug is not None else None
    return digest, result, staged


def _stage_post(posts_dir: Path, result: SeedResult, data: bytes) -> Staged | None:
    """Write the post ahead (`data`: with the path and slug it has unless another title gives the
    same) to a temporary file that the import renames into place: in a worker, the file system's
    work overlaps with the other workers' reading and tagging. None when the file holds it already."""
    path = f"{result.date.year}/{result.slug}.md"
    target = posts_dir / path
    if file_digest(target) == result.post_digest:
        return None
    return Staged(path, write_temporary(target.parent, data))


def _remove_staged(staged: Iterable[Staged | None]) -> None:
    for ahead in staged:
        if ahead:
            Path(ahead.temporary).unlink(missing_ok=True)


def source_url(article: Article) -> str:
    """The `URL:` header of a seed, in a form that compares equal for the same page."""
    return (article.url or "").strip().rstrip("/").removeprefix("https://").removeprefix("http://")


def _seed_results(seeds: list[Key], posts_dir: Path | None, root: str | None) -> list[Processing]:
    results: list[Processing] = []
    try:
        for path, name in seeds:
            results.append(seed_result(path, name, posts_dir, root))
    except BaseException:  # interrupted: leave no temporary file behind
        _remove_staged(staged for _digest, _result, staged in results)
        raise
    return results


def process_all(
    seeds: list[Key], workers: int | None = None, posts_dir: Path | None = None, root: str | None = None
) -> list[Processing]:
    """`seed_result` of every (path, name) inside `root`, in worker processes when there are many."""
    if len(seeds) < PARALLEL_THRESHOLD or workers == 1:
        return _seed_results(seeds, posts_dir, root)
    paths, names = zip(*seeds, strict=True)
    try:
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
            return list(
                pool.map(seed_result, paths, names, repeat(posts_dir), repeat(root), chunksize=CHUNK_SIZE)
            )
    except BrokenProcessPool:  # a worker died (out of memory, killed): do it in this process
        log.warning("news-digest: a worker process died; importing without workers")
        return _seed_results(seeds, posts_dir, root)


def _readable(name: str) -> str:
    """A relative path as a seed's name: `/`-separated, valid UTF-8 even for odd file names."""
    name = name.replace(os.sep, "/")
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def with_post(key: Key, result: SeedResult, root: str | None = None) -> SeedResult:
    """`result` with its post, which the cache does not keep: the seed is read again (its bytes
    are those the cache has: they were checked)."""
    if result.post is not None or result.post_error is not None:
        return result
    return seed_result(*key, root=root)[1]


def complete_digests(
    plan: ImportPlan, previous: ImportPlan | None, result_of: Callable[[Key], SeedResult]
) -> None:
    """The hashes the plan lacks, of posts whose seed was cached and whose slug is not the one it
    had: from the previous plan when it had the same post, else from the post itself."""
    known = {(post.key, post.path): post.digest for post in previous.posts} if previous else {}
    for n, post in enumerate(plan.posts):
        if post.digest is None:
            digest = known.get((post.key, post.path)) or bytes_digest(post.data(result_of(post.key)))
            plan.posts[n] = post._replace(digest=digest)


def write_posts(
    posts_dir: Path,
    posts: list[PlannedPost],
    result_of: Callable[[Key], SeedResult],
    staged: dict[Key, Staged],
) -> int:
    """Write the planned posts that their files do not hold already, renaming into place those
    written ahead for the same path; returns how many. Removes the others written ahead."""
    written = 0
    try:
        for post in posts:
            target = posts_dir / post.path
            ahead = staged.get(post.key)
            if ahead and ahead.path == post.path:
                os.replace(ahead.temporary, target)
                del staged[post.key]
            elif file_digest(target) != post.digest:
                write_atomic(target, post.data(result_of(post.key)))
            else:
                continue
            written += 1
    finally:
        _remove_staged(staged.values())
    return written


class Seed(NamedTuple):
    key: Key  # (path, name in the report)
    inside: str  # its name inside the seeds folder
    hidden: bool  # not read: its name, or a folder's on its path, starts with "."


def find_seeds(seeds_dir: Path) -> list[Seed]:
    """Every file under `seeds_dir`, named relative to the folder above it (valid UTF-8 even for
    odd file names)."""
    if os.path.islink(seeds_dir):  # listed, to be rejected with its reason; never followed
        name = _readable(os.path.basename(seeds_dir))
        return [Seed((str(seeds_dir), name), name, False)]
    if not seeds_dir.is_dir():
        return []
    above = os.path.relpath(seeds_dir, seeds_dir.parent)
    return [
        Seed(
            (str(path), _readable(os.path.normpath(os.path.join(above, inside)))),
            _readable(inside),
            any(part.startswith(".") for part in inside.split(os.sep)),
        )
        for path, inside in walk_seeds(seeds_dir)
    ]


def _plan_and_write(
    cache: ImportCache,
    seeds: list[Seed],
    digests: dict[Key, str | None],
    context: tuple[str, list[str]],
    posts_dir: Path,
    workers: int | None,
) -> tuple[ImportPlan, int]:
    """Read the seeds the cache does not know (by `digests`, their bytes' hashes), plan the import
    over all of them, store it in the cache with its `context` (the seeds folder, the hidden
    files) and write the posts; returns the plan and the number of posts written."""
    root = context[0]
    keys = [seed.key for seed in seeds if not seed.hidden]
    results = cache.lookup(digests)
    todo = [key for key in keys if key not in results]
    staged: dict[Key, Staged] = {}  # posts written ahead by `seed_result`
    for key, (digest, result, ahead) in zip(todo, process_all(todo, workers, posts_dir, root), strict=True):
        results[key] = digest, result
        if ahead:
            staged[key] = ahead
    items = [(key, results[key][1]) for key in keys]
    items += [(seed.key, SeedResult(seed.key[1], error=HIDDEN_FILE)) for seed in seeds if seed.hidden]
    items.sort(key=lambda item: item[1].seed)
    plan = plan_import(items, {seed.key[1]: seed.inside for seed in seeds})

    def result_of(key: Key) -> SeedResult:
        digest, result = results[key]
        if result.post is None:  # from the cache: read again, once
            result = with_post(key, result, root)
            results[key] = digest, result
        return result

    complete_digests(plan, cache.plan, result_of)
    cache.store(results, context, plan)
    return plan, write_posts(posts_dir, plan.posts, result_of, staged)


def import_seeds(
    seeds_dir: Path,
    posts_dir: Path,
    report_path: Path | None = None,
    workers: int | None = None,
    cache_path: Path | None = None,
) -> ImportReport:
    """Turn every seed into a post, merge duplicates, reject what cannot be read."""
    # Absolute, so that the cache's keys are the same whether the folder was given as `seeds`
    # (the command line) or as `<project>/seeds` (the build); links are not followed.
    seeds_dir = Path(os.path.abspath(seeds_dir))
    if not seeds_dir.is_dir() or seeds_dir.is_symlink():
        log.warning("news-digest: no seeds folder at %s; every post will be removed", seeds_dir)
    seeds = find_seeds(seeds_dir)
    report = ImportReport(files=len(seeds), report_path=report_path)
    report.known_duplicates = previous_duplicates(report_path)
    root = str(seeds_dir)
    cache = ImportCache(cache_path)
    cache.rebase(root)  # a copy of the project elsewhere (a new release) reuses it
    keys = [seed.key for seed in seeds if not seed.hidden]
    digests = cache.digests(keys, root)
    context = (root, [seed.key[1] for seed in seeds if seed.hidden])  # what else a plan depends on
    plan = cache.unchanged_plan(keys, digests, context)
    if plan is None:  # some seeds are new or changed: read those, plan again
        plan, report.written = _plan_and_write(cache, seeds, digests, context, posts_dir, workers)
    else:  # a post to write again (its file was changed or removed): read again
        report.written = write_posts(posts_dir, plan.posts, lambda key: seed_result(*key, root=root)[1], {})
    report.unchanged = len(plan.posts) - report.written
    report.published, report.duplicates = plan.published, plan.duplicates
    report.rejected, report.registry_candidates = plan.rejected, plan.registry_candidates
    report.removed_posts = remove_stale(posts_dir, [posts_dir / post.path for post in plan.posts])
    report.removed = len(report.removed_posts)
    if report_path:
        text = json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"
        write_if_changed(report_path, text.encode("utf-8"))
    cache.save()
    return report
