"""Import: every seed -> published post, duplicate of another seed, or rejected with a reason.

The accounting holds on any input: every file under the seeds folder (hidden files, pipes and
broken links included) is in exactly one of the report's lists `published`, `duplicates`
and `rejected`. A seed that cannot be read, or that trips a bug, is rejected with its
reason; it never stops the import of the others.

Posts are rewritten only when their bytes change (content, not modification times) and
always through a temporary file renamed into place, so that an interrupted import leaves
no half-written post.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, count
from pathlib import Path
from stat import S_ISREG

from .article import Article, Tags
from .clean import ExtractionError, extract
from .posts import base_slug, post_date, render_post
from .seeds import MAX_SEED_BYTES, SeedError, is_hidden, list_seeds, read_seed
from .tag import tag

log = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves
NEAR_DUPLICATE_OVERLAP = 0.6
LONG_TITLE = 200  # characters; longer titles are kept (the slug is bounded) but reported
MAX_REASON = 300  # characters of an exception message kept in a rejection reason
TEMP_PREFIX = ".tmp-"  # temporary files of atomic writes; never end in `.md`, so Pelican skips them
STALE_TEMP_SECONDS = 60


@dataclass
class Processed:
    seed: str
    article: Article | None = None
    tags: Tags | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    # The post last rendered for this result (slug, seed name, text), reused by a re-import.
    post: tuple[str, str, str] | None = None


@dataclass
class ImportReport:
    files: int = 0
    published: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    registry_candidates: list[dict] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    removed_posts: list[str] = field(default_factory=list)
    # Duplicates already listed by the previous report: not repeated in the summary.
    known_duplicates: set[tuple[str, str]] = field(default_factory=set)
    report_path: Path | None = None

    def as_dict(self) -> dict:
        return {
            "counts": {
                "files": self.files,
                "seeds": len(self.published) + len(self.duplicates) + len(self.rejected),
                "published": len(self.published),
                "duplicates": len(self.duplicates),
                "rejected": len(self.rejected),
                "posts_written": self.written,
                "posts_unchanged": self.unchanged,
                "posts_removed": self.removed,
            },
            "published": self.published,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "removed_posts": self.removed_posts,
            "registry_candidates": self.registry_candidates,
        }

    @property
    def new_duplicates(self) -> list[dict]:
        return [d for d in self.duplicates if (d["seed"], d["duplicate_of"]) not in self.known_duplicates]

    def summary_lines(self) -> list[str]:
        """Counts, then one line per rejected file and per duplicate not reported before."""
        lines = [
            f"news-digest: {self.files} seed files: {len(self.published)} published, "
            f"{len(self.duplicates)} duplicates, {len(self.rejected)} rejected; posts {self.written} "
            f"written, {self.unchanged} unchanged, {self.removed} removed"
        ]
        lines += [f"  rejected {r['seed']}: {r['reason']}" for r in self.rejected]
        new = self.new_duplicates
        lines += [f"  duplicate {d['seed']} -> {d['duplicate_of']}" for d in new]
        if self.report_path and (len(new) < len(self.duplicates) or self.rejected):
            lines.append(f"  full list: {self.report_path}")
        return lines


def _short(text: str, limit: int = MAX_REASON) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def article_warnings(raw: str, article: Article) -> list[str]:
    """What is odd about an article that is still published: for the report."""
    warnings = []
    if not article.dateline:
        warnings.append("no dateline paragraph ('City (VNA) –'): the body starts after the lead")
    if not any(line.rstrip().endswith("/.") for line in raw.splitlines()):
        warnings.append("no end marker '/.': the body may include teasers of other articles")
    if article.date is None:
        warnings.append(f"no full date in the text: filed under {post_date(article).isoformat()}")
    if len(article.title) > LONG_TITLE:
        warnings.append(f"very long title ({len(article.title):,} characters)")
    return warnings


def process_seed(path: str) -> Processed:
    """Read, clean and tag one seed; errors become a reason, never an exception.

    A bug in cleaning, tagging or rendering (any other exception) rejects this seed alone,
    with the reason "internal error: ...", and the import goes on with the others.
    """
    try:
        raw = read_seed(Path(path))
        article = extract(raw, path)
        tags = tag(article)
        return Processed(path, article, tags, warnings=article_warnings(raw, article))
    except (SeedError, ExtractionError) as error:
        return Processed(path, error=str(error))
    except OSError as error:
        if os.path.islink(path) and not os.path.exists(path):
            return Processed(path, error="cannot read file: broken symbolic link")
        return Processed(path, error=f"cannot read file: {error.strerror or error}")
    except Exception as error:  # a bug, not bad input: report it for this seed, keep going
        log.exception("news-digest: internal error on %s", path)
        return Processed(path, error=_short(f"internal error: {type(error).__name__}: {error}"))


def process_all(paths: list[str], workers: int | None = None) -> list[Processed]:
    if len(paths) < PARALLEL_THRESHOLD or workers == 1:
        return [process_seed(p) for p in paths]
    try:
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
            return list(pool.map(process_seed, paths, chunksize=64))
    except BrokenProcessPool:  # a worker died (out of memory, killed): do it in this process
        log.warning("news-digest: a worker process died; importing without workers")
        return [process_seed(p) for p in paths]


@cache
def code_fingerprint() -> str:
    """A hash of this package's code and data: a cached result is only as good as both."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted([*package.glob("*.py"), *package.glob("data/*.toml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def seed_digest(path: str) -> str | None:
    """The hash of a seed's bytes, or None when it is not a small regular file (no caching)."""
    try:
        stat = os.stat(path)
        if not S_ISREG(stat.st_mode) or stat.st_size > MAX_SEED_BYTES:
            return None
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


class ImportCache:
    """The results of earlier imports, keyed on each seed's content hash (not modification
    times: a git checkout resets those) and on the code that produced them."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, tuple[str, Processed]] = {}
        self.dirty = False
        if path is None:
            return
        try:
            with open(path, "rb") as handle:
                version, entries = pickle.load(handle)
            if version == code_fingerprint():
                self.entries = entries
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            pass

    def process(self, paths: list[str], workers: int | None = None) -> list[Processed]:
        """`process_all`, reusing the result of every seed whose bytes are unchanged."""
        if self.path is None:
            return process_all(paths, workers)
        digests = {path: seed_digest(path) for path in paths}
        results: dict[str, Processed] = {}
        for path, digest in digests.items():
            hit = self.entries.get(path)
            if digest and hit and hit[0] == digest:
                results[path] = hit[1]
        todo = [p for p in paths if p not in results]
        results.update(zip(todo, process_all(todo, workers), strict=True))
        fresh = {p: (d, results[p]) for p, d in digests.items() if d}
        self.dirty = bool(todo) or fresh.keys() != self.entries.keys()
        self.entries = fresh
        return [results[p] for p in paths]

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".part")
        with open(tmp, "wb") as handle:
            pickle.dump((code_fingerprint(), self.entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)


def _overlap(a: Article, b: Article) -> float:
    pa, pb = set(a.paragraphs), set(b.paragraphs)
    return len(pa & pb) / max(1, min(len(pa), len(pb)))


def source_url(article: Article) -> str:
    """The `URL:` header of a seed, in a form that compares equal for the same page."""
    return (article.url or "").strip().rstrip("/").removeprefix("https://").removeprefix("http://")


def find_duplicates(items: list[Processed]) -> dict[str, str]:
    """seed -> the seed it duplicates, for `items` in seed-name order.

    Same cleaned text: the first seed is kept (adding a copy changes nothing). A re-scrape,
    that is the same source URL header, or the same title with mostly the same paragraphs:
    the later seed in name order wins, as the newer scrape.
    """
    duplicate_of: dict[str, str] = {}
    by_hash: dict[str, Processed] = {}
    by_title: dict[str, list[Processed]] = {}
    by_url: dict[str, list[Processed]] = {}
    for item in items:
        assert item.article is not None
        twin = by_hash.get(item.article.content_hash)
        if twin:
            duplicate_of[item.seed] = twin.seed
            continue
        by_hash[item.article.content_hash] = item
        url = source_url(item.article)
        for other in by_url.get(url, []) if url else []:
            duplicate_of.setdefault(other.seed, item.seed)
        key = base_slug(item.article.title)
        for other in by_title.get(key, []):
            if (
                other.seed not in duplicate_of
                and _overlap(other.article, item.article) >= NEAR_DUPLICATE_OVERLAP
            ):
                duplicate_of[other.seed] = item.seed
        by_title.setdefault(key, []).append(item)
        if url:
            by_url.setdefault(url, []).append(item)
    # Follow chains so every duplicate names the seed that is published.
    for seed, target in list(duplicate_of.items()):
        seen = {seed}
        while target in duplicate_of and target not in seen:
            seen.add(target)
            target = duplicate_of[target]
        duplicate_of[seed] = target
    return duplicate_of


def assign_paths(items: list[Processed], identity: dict[str, str] | None = None) -> dict[str, str]:
    """seed -> post path `<year>/<slug>.md`, unique (the slug is also the URL's last part).

    Titles that give the same slug in the same year: the earliest article (date, then
    identity) keeps the plain slug; each other one gets a suffix made from its own identity
    (source URL or seed name, see `import_seeds`), so that its URL depends neither on the order
    of the files nor on its text, which a corrected re-scrape changes.
    """
    identity = identity or {}
    ident = {item.seed: identity.get(item.seed) or item.seed for item in items}
    groups: dict[tuple[int, str], list[Processed]] = {}
    for item in items:
        groups.setdefault((post_date(item.article).year, base_slug(item.article.title)), []).append(item)
    paths: dict[str, str] = {}
    taken: set[str] = set()
    others: list[tuple[int, str, Processed]] = []
    for (year, slug), group in sorted(groups.items()):
        group.sort(key=lambda i: (post_date(i.article), ident[i.seed], i.seed))
        paths[group[0].seed] = f"{year}/{slug}"
        taken.add(paths[group[0].seed])
        others += [(year, slug, item) for item in group[1:]]
    for year, slug, item in others:
        digest = hashlib.sha256(ident[item.seed].encode("utf-8", "surrogatepass")).hexdigest()
        # Lazily: building every fallback for every clash would make this quadratic.
        candidates = chain(
            (f"{year}/{slug}-{digest[:n]}" for n in (6, 8, 12, 16, 64)),
            (f"{year}/{slug}-{digest[:6]}-{n}" for n in count(2)),
        )
        path = next(c for c in candidates if c not in taken)
        taken.add(path)
        paths[item.seed] = path
    return {seed: f"{path}.md" for seed, path in paths.items()}


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically write `text` unless the file already holds it; True when written."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def display_name(path: Path, root: Path) -> str:
    """The seed's name in the report and the post: relative, valid UTF-8 even for odd file names."""
    name = os.path.relpath(path, root).replace(os.sep, "/")
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def previous_duplicates(report_path: Path | None) -> set[tuple[str, str]]:
    try:
        data = json.loads(report_path.read_text(encoding="utf-8")) if report_path else {}
        return {(d["seed"], d["duplicate_of"]) for d in data.get("duplicates", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return set()


def import_seeds(
    seeds_dir: Path,
    posts_dir: Path,
    report_path: Path | None = None,
    workers: int | None = None,
    cache_path: Path | None = None,
) -> ImportReport:
    """Turn every seed into a post, merge duplicates, reject what cannot be read."""
    if not seeds_dir.is_dir():
        log.warning("news-digest: no seeds folder at %s; every post will be removed", seeds_dir)
    seed_paths = list_seeds(seeds_dir) if seeds_dir.is_dir() else []
    root = seeds_dir.parent
    report = ImportReport(files=len(seed_paths), report_path=report_path)
    report.known_duplicates = previous_duplicates(report_path)

    hidden = [p for p in seed_paths if is_hidden(p, seeds_dir)]
    visible = [p for p in seed_paths if not is_hidden(p, seeds_dir)]
    cache = ImportCache(cache_path)
    processed = cache.process([str(p) for p in visible], workers)
    processed += [Processed(str(p), error="hidden file (name starts with '.'): not read") for p in hidden]
    in_folder: dict[str, str] = {}  # seed -> its name inside the seeds folder, for identities
    for item, path in zip(processed, visible + hidden, strict=True):
        item.seed = display_name(path, root)
        in_folder[item.seed] = display_name(path, seeds_dir)
        if item.article:
            item.article.source_file = item.seed
    processed.sort(key=lambda p: p.seed)

    good = [p for p in processed if p.article]
    report.rejected = [{"seed": p.seed, "reason": p.error} for p in processed if not p.article]
    duplicate_of = find_duplicates(good)
    report.duplicates = [{"seed": s, "duplicate_of": t} for s, t in sorted(duplicate_of.items())]
    published = [p for p in good if p.seed not in duplicate_of]
    # An article's identity for its URL: its source URL, else the first seed name (inside the
    # seeds folder) of its cluster of duplicates, which stays when a re-scrape is added beside it.
    first_seed = {p.seed: in_folder[p.seed] for p in published}
    for seed, target in duplicate_of.items():
        first_seed[target] = min(first_seed[target], in_folder[seed])
    identity = {p.seed: source_url(p.article) or first_seed[p.seed] for p in published}
    paths = assign_paths(published, identity)

    wanted: set[Path] = set()
    posted: list[Processed] = []
    for item in published:
        target = posts_dir / paths[item.seed]
        slug = Path(paths[item.seed]).stem
        try:
            if item.post and item.post[:2] == (slug, item.seed):
                text = item.post[2]
            else:
                text = render_post(item.article, item.tags, slug, item.seed)
                item.post = (slug, item.seed, text)
                cache.dirty = True
        except Exception as error:  # a bug for this one article: reject it, keep the others
            log.exception("news-digest: internal error writing the post of %s", item.seed)
            reason = _short(f"internal error: {type(error).__name__}: {error}")
            report.rejected.append({"seed": item.seed, "reason": reason})
            continue
        wanted.add(target)
        posted.append(item)
        if write_if_changed(target, text):
            report.written += 1
        else:
            report.unchanged += 1
        date = post_date(item.article)
        entry = {
            "seed": item.seed,
            "post": paths[item.seed],
            "url": f"{date:%Y}/{date:%m}/{slug}/",
            "title": item.article.title,
        }
        if item.warnings:
            entry["warnings"] = item.warnings
        report.published.append(entry)
    report.rejected.sort(key=lambda r: r["seed"])
    report.removed_posts = remove_stale(posts_dir, wanted)
    report.removed = len(report.removed_posts)
    report.registry_candidates = registry_candidates(posted)
    if report_path:
        write_if_changed(report_path, json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
    cache.save()
    return report


def remove_stale(posts_dir: Path, wanted: Iterable[Path]) -> list[str]:
    """Delete posts whose seed is gone, and temporary files an interrupted run left behind;
    the import owns `posts_dir`. Returns the removed posts, relative to `posts_dir`."""
    keep = {os.path.normpath(p) for p in wanted}
    removed: list[str] = []
    if not posts_dir.is_dir():
        return removed
    for path in sorted(posts_dir.rglob("*.md"), key=str):
        if os.path.normpath(path) not in keep:
            path.unlink()
            if not path.name.startswith(TEMP_PREFIX):  # left by an older version of this code
                removed.append(path.relative_to(posts_dir).as_posix())
    cutoff = time.time() - STALE_TEMP_SECONDS  # younger ones may belong to an import running now
    for path in sorted(posts_dir.rglob(f"{TEMP_PREFIX}*.part")):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass
    for folder in sorted(posts_dir.rglob("*"), key=str, reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return removed


def registry_candidates(items: list[Processed]) -> list[dict]:
    """People found by pattern, not in the registry: for an editor to add."""
    seen: dict[str, dict] = {}
    for item in items:
        for official in item.tags.officials:
            if official.in_registry:
                continue
            entry = seen.setdefault(
                official.name, {"name": official.name, "country": official.country, "titles": [], "seeds": []}
            )
            if official.title and official.title not in entry["titles"]:
                entry["titles"].append(official.title)
            entry["seeds"].append(item.seed)
    return sorted(seen.values(), key=lambda e: e["name"])
