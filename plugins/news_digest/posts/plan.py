"""What an import writes, from the results of all seeds: duplicates merged, a unique path for
every post, the report's lists. A function of the seeds' results alone, so that a re-import
with no seed changed reuses it as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from itertools import chain, count
from typing import NamedTuple

from news_digest.article import FALLBACK_DATE
from news_digest.hashing import bytes_digest, short_digest
from news_digest.posts.render import UNDATED_FOLDER, fill_slug

NEAR_DUPLICATE_OVERLAP = 0.6

Key = tuple[str, str]  # a seed: (path, name in the report)


class SeedResult(NamedTuple):
    """What the import keeps of one seed: all that merging duplicates, naming and writing the posts
    and the report need. Plain values, so that it travels from a worker and to the cache cheaply."""

    seed: str  # the name in the report
    error: str | None = None  # why the seed is rejected
    title: str = ""
    slug: str = ""  # `posts.article_slug`: from the source URL when it reads as a title, else the title
    title_slug: str = ""  # `posts.base_slug` of the title: to compare titles
    url: str = ""  # `source_url` of the article
    content_hash: str = ""
    date: dt.date = FALLBACK_DATE  # `posts.post_date`
    undated: bool = False  # the text gives no date: filed under `undated/`, never under a year
    # The body, to compare near duplicates: a hash of each paragraph (`paragraph_hashes`), 8
    # bytes each end to end, much smaller to send from a worker and to cache than the text.
    paragraphs: bytes = b""
    warnings: tuple[str, ...] = ()
    unregistered: tuple[tuple[str, str | None, str | None], ...] = ()  # officials: name, country, title
    # The post rendered with `posts.SLUG_PLACEHOLDER`, UTF-8; None when rendering it failed, and
    # in the cache, which keeps only its hash with `slug`, the slug it has unless titles clash.
    post: bytes | None = None
    post_digest: str = ""
    post_error: str | None = None  # rendering it failed (a bug): the reason


class PlannedPost(NamedTuple):
    path: str  # relative to the posts folder
    key: Key  # the seed whose post it is
    slug: str
    # The hash of its bytes; None when they were not at hand: the post of a cached seed whose
    # slug is not the one it had (see `importer.complete_digests`).
    digest: str | None

    def data(self, result: SeedResult) -> bytes:
        assert result.post is not None
        return fill_slug(result.post, self.slug)


@dataclass
class ImportPlan:
    published: list[dict]  # the report's lists
    duplicates: list[dict]
    rejected: list[dict]
    registry_candidates: list[dict]
    posts: list[PlannedPost]


@cache
def _month_folder(date: dt.date, undated: bool = False) -> str:
    """The start of an article's URL (`strftime` is slow, and a few dates serve thousands)."""
    return f"{UNDATED_FOLDER}/" if undated else date.strftime("%Y/%m/")


HASH_SIZE = 8  # bytes of a paragraph's hash: a chance in 2**64 that two paragraphs share one


def paragraph_hashes(paragraphs: list[str]) -> bytes:
    """What `SeedResult.paragraphs` holds: a hash of each paragraph, end to end."""
    return b"".join(short_digest(p, HASH_SIZE) for p in paragraphs)


def find_duplicates(items: list[SeedResult]) -> dict[str, str]:
    """seed -> the seed it duplicates, for `items` in seed-name order.

    Same cleaned text: the first seed is kept (adding a copy changes nothing). A re-scrape,
    that is the same source URL header, or the same title with mostly the same paragraphs:
    the later seed in name order wins, as the newer scrape.
    """
    duplicate_of: dict[str, str] = {}
    by_hash: dict[str, SeedResult] = {}
    by_title: dict[str, list[SeedResult]] = {}
    by_url: dict[str, list[SeedResult]] = {}
    paragraph_sets: dict[int, set[bytes]] = {}  # by id(item): built once, compared often

    def paragraph_set(item: SeedResult) -> set[bytes]:
        if id(item) not in paragraph_sets:
            hashes = item.paragraphs
            paragraph_sets[id(item)] = {hashes[n : n + HASH_SIZE] for n in range(0, len(hashes), HASH_SIZE)}
        return paragraph_sets[id(item)]

    def overlap(a: SeedResult, b: SeedResult) -> float:
        pa, pb = paragraph_set(a), paragraph_set(b)
        return len(pa & pb) / max(1, min(len(pa), len(pb)))

    for item in items:
        twin = by_hash.get(item.content_hash)
        if twin:
            duplicate_of[item.seed] = twin.seed
            continue
        by_hash[item.content_hash] = item
        url = item.url
        for other in by_url.get(url, []) if url else []:
            duplicate_of.setdefault(other.seed, item.seed)
        for other in by_title.get(item.title_slug, []):
            if other.seed not in duplicate_of and overlap(other, item) >= NEAR_DUPLICATE_OVERLAP:
                duplicate_of[other.seed] = item.seed
        by_title.setdefault(item.title_slug, []).append(item)
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


def assign_paths(items: list[SeedResult], identity: dict[str, str] | None = None) -> dict[str, str]:
    """seed -> post path `<year>/<slug>.md`, unique (the slug is also the URL's last part).

    Titles that give the same slug in the same year: the earliest article (date, then
    identity) keeps the plain slug; each other one gets a suffix made from its own identity
    (source URL or seed name, see `plan_import`), so that its URL depends neither on the order
    of the files nor on its text, which a corrected re-scrape changes.
    """
    identity = identity or {}
    ident = {item.seed: identity.get(item.seed) or item.seed for item in items}
    groups: dict[tuple[int, str], list[SeedResult]] = {}
    for item in items:  # year 0: the undated articles, in their own folder
        groups.setdefault((0 if item.undated else item.date.year, item.slug), []).append(item)
    paths: dict[str, str] = {}
    taken: set[str] = set()
    others: list[tuple[int, str, SeedResult]] = []
    for (year, slug), group in sorted(groups.items()):
        group.sort(key=lambda i: (i.date, ident[i.seed], i.seed))
        paths[group[0].seed] = f"{year or UNDATED_FOLDER}/{slug}"
        taken.add(paths[group[0].seed])
        others += [(year, slug, item) for item in group[1:]]
    for number, slug, item in others:
        year = number or UNDATED_FOLDER
        digest = bytes_digest(ident[item.seed].encode("utf-8", "surrogatepass"))
        # Lazily: building every fallback for every clash would make this quadratic.
        candidates = chain(
            (f"{year}/{slug}-{digest[:n]}" for n in (6, 8, 12, 16, 64)),
            (f"{year}/{slug}-{digest[:6]}-{n}" for n in count(2)),
        )
        path = next(c for c in candidates if c not in taken)
        taken.add(path)
        paths[item.seed] = path
    return {seed: f"{path}.md" for seed, path in paths.items()}


def registry_candidates(items: list[SeedResult]) -> list[dict]:
    """People found by pattern, not in the registry: for an editor to add."""
    seen: dict[str, dict] = {}
    titles: dict[str, dict[str, None]] = {}  # of each name, in order of first use
    for item in items:
        for name, country, title in item.unregistered:
            entry = seen.get(name)
            if entry is None:
                entry = seen[name] = {"name": name, "country": country, "titles": [], "seeds": []}
                titles[name] = {}
            if title:
                titles[name][title] = None
            entry["seeds"].append(item.seed)
    for name, entry in seen.items():
        entry["titles"] = list(titles[name])
    return sorted(seen.values(), key=lambda e: e["name"])


def plan_import(results: list[tuple[Key, SeedResult]], in_folder: dict[str, str]) -> ImportPlan:
    """The plan for the seeds' results, given in seed-name order; `in_folder` maps each seed to
    its name inside the seeds folder."""
    keys = {item.seed: key for key, item in results}
    items = [item for _key, item in results]
    good = [item for item in items if not item.error]
    rejected = [{"seed": item.seed, "reason": item.error} for item in items if item.error]
    duplicate_of = find_duplicates(good)
    duplicates = [{"seed": s, "duplicate_of": t} for s, t in sorted(duplicate_of.items())]
    published = [item for item in good if item.seed not in duplicate_of]
    # An article's identity for its URL: its source URL, else the first seed name (inside the
    # seeds folder) of its cluster of duplicates, which stays when a re-scrape is added beside it.
    first_seed = {item.seed: in_folder[item.seed] for item in published}
    for seed, target in duplicate_of.items():
        first_seed[target] = min(first_seed[target], in_folder[seed])
    identity = {item.seed: item.url or first_seed[item.seed] for item in published}
    paths = assign_paths(published, identity)

    plan = ImportPlan([], duplicates, rejected, [], [])
    posted: list[SeedResult] = []
    for item in published:
        if item.post_error is not None:  # rendering it failed: a bug for this one article
            plan.rejected.append({"seed": item.seed, "reason": item.post_error})
            continue
        path = paths[item.seed]
        slug = path.rpartition("/")[2].removesuffix(".md")
        if slug == item.slug and item.post_digest:  # hashed by the worker
            digest: str | None = item.post_digest
        else:
            digest = bytes_digest(fill_slug(item.post, slug)) if item.post is not None else None
        plan.posts.append(PlannedPost(path, keys[item.seed], slug, digest))
        posted.append(item)
        entry = {
            "seed": item.seed,
            "post": path,
            "url": _month_folder(item.date, item.undated) + slug + "/",
            "title": item.title,
        }
        if item.warnings:
            entry["warnings"] = list(item.warnings)
        plan.published.append(entry)
    plan.rejected.sort(key=lambda r: r["seed"])
    plan.registry_candidates = registry_candidates(posted)
    return plan
