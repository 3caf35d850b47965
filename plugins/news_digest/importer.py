"""Import: every seed -> published post, duplicate of another seed, or rejected with a reason."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article, Tags
from .clean import ExtractionError, extract
from .posts import base_slug, post_date, render_post
from .seeds import SeedError, list_seeds, read_seed
from .tag import tag

log = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves
NEAR_DUPLICATE_OVERLAP = 0.6


@dataclass
class Processed:
    seed: str
    article: Article | None = None
    tags: Tags | None = None
    error: str | None = None


@dataclass
class ImportReport:
    published: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    registry_candidates: list[dict] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    removed: int = 0

    def as_dict(self) -> dict:
        return {
            "counts": {
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
            "registry_candidates": self.registry_candidates,
        }

    def summary_lines(self) -> list[str]:
        lines = [
            f"news-digest: {len(self.published)} published, {len(self.duplicates)} duplicates, "
            f"{len(self.rejected)} rejected; posts {self.written} written, {self.unchanged} unchanged, "
            f"{self.removed} removed"
        ]
        lines += [f"  rejected {r['seed']}: {r['reason']}" for r in self.rejected]
        lines += [f"  duplicate {d['seed']} -> {d['duplicate_of']}" for d in self.duplicates]
        return lines


def process_seed(path: str) -> Processed:
    """Read, clean and tag one seed; errors become a reason, never an exception."""
    try:
        article = extract(read_seed(Path(path)), path)
        return Processed(path, article, tag(article))
    except (SeedError, ExtractionError) as error:
        return Processed(path, error=str(error))
    except OSError as error:
        return Processed(path, error=f"cannot read file: {error.strerror or error}")


def process_all(paths: list[str], workers: int | None = None) -> list[Processed]:
    if len(paths) < PARALLEL_THRESHOLD or workers == 1:
        return [process_seed(p) for p in paths]
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        return list(pool.map(process_seed, paths, chunksize=64))


def _overlap(a: Article, b: Article) -> float:
    pa, pb = set(a.paragraphs), set(b.paragraphs)
    return len(pa & pb) / max(1, min(len(pa), len(pb)))


def find_duplicates(items: list[Processed]) -> dict[str, str]:
    """seed -> the seed it duplicates. Same cleaned text, or the same title with mostly the
    same paragraphs (a re-scrape); the later seed in name order wins, as the newer scrape."""
    duplicate_of: dict[str, str] = {}
    by_hash: dict[str, Processed] = {}
    by_title: dict[str, list[Processed]] = {}
    for item in items:
        assert item.article is not None
        twin = by_hash.get(item.article.content_hash)
        if twin:
            duplicate_of[item.seed] = twin.seed
            continue
        by_hash[item.article.content_hash] = item
        key = base_slug(item.article.title)
        for other in by_title.get(key, []):
            if (
                other.seed not in duplicate_of
                and _overlap(other.article, item.article) >= NEAR_DUPLICATE_OVERLAP
            ):
                duplicate_of[other.seed] = item.seed
        by_title.setdefault(key, []).append(item)
    # Follow chains so every duplicate names the seed that is published.
    for seed, target in list(duplicate_of.items()):
        while target in duplicate_of:
            target = duplicate_of[target]
        duplicate_of[seed] = target
    return duplicate_of


def assign_paths(items: list[Processed]) -> dict[str, str]:
    """seed -> post path `<year>/<slug>.md`; same-month title clashes get a stable suffix."""
    paths: dict[str, str] = {}
    taken: set[str] = set()
    ordered = sorted(items, key=lambda i: (post_date(i.article), i.seed))
    for item in ordered:
        date = post_date(item.article)
        slug = base_slug(item.article.title)
        if (date.year, date.month, slug) in taken:
            slug = f"{slug}-{item.article.content_hash[:6]}"
        taken.add((date.year, date.month, slug))
        paths[item.seed] = f"{date.year}/{slug}.md"
    return paths


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically write `text` unless the file already holds it; True when written."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".md")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def import_seeds(
    seeds_dir: Path, posts_dir: Path, report_path: Path | None = None, workers: int | None = None
) -> ImportReport:
    """Turn every seed into a post, merge duplicates, reject what cannot be read."""
    seed_paths = list_seeds(seeds_dir) if seeds_dir.is_dir() else []
    root = seeds_dir.parent
    names = [os.path.relpath(p, root) for p in seed_paths]
    processed = process_all([str(p) for p in seed_paths], workers)
    for item, name in zip(processed, names, strict=True):
        item.seed = name
        if item.article:
            item.article.source_file = name
    report = ImportReport()
    good = [p for p in processed if p.article]
    report.rejected = [{"seed": p.seed, "reason": p.error} for p in processed if p.error]
    duplicate_of = find_duplicates(good)
    report.duplicates = [{"seed": s, "duplicate_of": t} for s, t in sorted(duplicate_of.items())]
    published = [p for p in good if p.seed not in duplicate_of]
    paths = assign_paths(published)

    wanted: set[Path] = set()
    for item in published:
        target = posts_dir / paths[item.seed]
        wanted.add(target)
        slug = Path(paths[item.seed]).stem
        if write_if_changed(target, render_post(item.article, item.tags, slug, item.seed)):
            report.written += 1
        else:
            report.unchanged += 1
        report.published.append({"seed": item.seed, "post": str(Path(paths[item.seed]))})
    report.removed = remove_stale(posts_dir, wanted)
    report.registry_candidates = registry_candidates(published)
    if report_path:
        write_if_changed(report_path, json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
    return report


def remove_stale(posts_dir: Path, wanted: Iterable[Path]) -> int:
    """Delete posts whose seed is gone; the import owns `posts_dir`."""
    keep = {p.resolve() for p in wanted}
    removed = 0
    if posts_dir.is_dir():
        for path in sorted(posts_dir.rglob("*.md")):
            if path.resolve() not in keep:
                path.unlink()
                removed += 1
        for folder in sorted(posts_dir.rglob("*"), reverse=True):
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
