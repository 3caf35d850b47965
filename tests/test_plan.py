"""The import plan (posts/plan.py): duplicates merged, a unique path for every post, the report's
lists. Unit tests on hand-made seed results, no files and no cleaning."""

from __future__ import annotations

import datetime as dt
import random

from news_digest.hashing import bytes_digest
from news_digest.posts.plan import (
    SeedResult,
    assign_paths,
    find_duplicates,
    paragraph_hashes,
    plan_import,
    registry_candidates,
)
from news_digest.posts.render import SLUG_PLACEHOLDER

MAY = dt.date(2025, 5, 2)


def result(
    seed: str,
    title: str = "Vietnam, Laos talks",
    paragraphs: tuple[str, ...] = ("One.", "Two.", "Three."),
    date: dt.date = MAY,
    **fields: object,
) -> SeedResult:
    """A published seed's result as a worker sends it: the slug from the title."""
    slug = str(fields.pop("slug", title.lower().replace(",", "").replace(" ", "-")))
    post = f"Title: {title}\nSlug: {SLUG_PLACEHOLDER}\n\n{' '.join(paragraphs)}\n".encode()
    values: dict = {
        "seed": seed,
        "title": title,
        "slug": slug,
        "title_slug": slug,
        "content_hash": bytes_digest("\0".join((title, *paragraphs)).encode())[:16],
        "date": date,
        "paragraphs": paragraph_hashes(list(paragraphs)),
        "post": post,
        "post_digest": bytes_digest(post.replace(SLUG_PLACEHOLDER.encode(), slug.encode())),
    }
    return SeedResult(**{**values, **fields})


def plan_of(*items: SeedResult):
    return plan_import(
        [((f"/seeds/{item.seed}", item.seed), item) for item in items], {i.seed: i.seed for i in items}
    )


# -- duplicates ------------------------------------------------------------------------------


def test_an_exact_copy_is_a_duplicate_of_the_first_seed() -> None:
    assert find_duplicates([result("a.txt"), result("b.txt")]) == {"b.txt": "a.txt"}


def test_a_rescrape_of_the_same_url_replaces_the_older_seed() -> None:
    old = result("a.txt", paragraphs=("One.",), url="vietnamplus.vn/x")
    new = result("b.txt", paragraphs=("One, corrected.", "Two."), url="vietnamplus.vn/x")
    assert find_duplicates([old, new]) == {"a.txt": "b.txt"}


def test_the_same_title_with_mostly_the_same_paragraphs_is_a_rescrape() -> None:
    old = result("a.txt", paragraphs=("One.", "Two.", "Three.", "Four."))
    new = result("b.txt", paragraphs=("One.", "Two.", "Three.", "Four, corrected."))
    assert find_duplicates([old, new]) == {"a.txt": "b.txt"}


def test_the_same_title_over_another_story_is_not_a_duplicate() -> None:
    """A recurring headline ("Vietnam, Laos talks") over different paragraphs: both published."""
    first = result("a.txt", paragraphs=("One.", "Two.", "Three."))
    second = result("b.txt", paragraphs=("Other.", "Story.", "Three."))
    assert find_duplicates([first, second]) == {}


def test_every_duplicate_names_the_seed_that_is_published() -> None:
    a = result("a.txt", paragraphs=("1.", "2.", "3."), url="x")
    b = result("b.txt", paragraphs=("1.", "2.", "3!"), url="x")
    c = result("c.txt", paragraphs=("1.", "2.", "3?"))
    assert find_duplicates([a, b, c]) == {"a.txt": "c.txt", "b.txt": "c.txt"}


# -- paths -----------------------------------------------------------------------------------


def test_titles_that_clash_keep_their_paths_whatever_the_order_of_the_files() -> None:
    items = [
        result(f"{n}.txt", paragraphs=(f"Story {n}.",), date=MAY + dt.timedelta(days=n), url=f"u/{n}")
        for n in range(6)
    ]
    identity = {item.seed: item.url for item in items}
    paths = assign_paths(items, identity)
    assert paths["0.txt"] == "2025/vietnam-laos-talks.md", "the earliest keeps the plain slug"
    assert len(set(paths.values())) == 6
    assert all(p.startswith("2025/vietnam-laos-talks-") for s, p in paths.items() if s != "0.txt")
    for _ in range(5):
        shuffled = random.sample(items, len(items))
        assert assign_paths(shuffled, identity) == paths


def test_a_clash_suffix_comes_from_the_articles_identity_not_its_text() -> None:
    first, second = (
        result("a.txt", url="u/a"),
        result("b.txt", paragraphs=("New.",), date=MAY.replace(day=3), url="u/b"),
    )
    corrected = second._replace(paragraphs=paragraph_hashes(["New, corrected."]), content_hash="other")
    identity = {"a.txt": "u/a", "b.txt": "u/b"}
    assert assign_paths([first, second], identity) == assign_paths([first, corrected], identity)


def test_the_same_slug_in_other_years_or_undated_does_not_clash() -> None:
    items = [
        result("a.txt"),
        result("b.txt", paragraphs=("Other.",), date=dt.date(2024, 5, 2)),
        result("c.txt", paragraphs=("Third.",), undated=True),
    ]
    assert assign_paths(items) == {
        "a.txt": "2025/vietnam-laos-talks.md",
        "b.txt": "2024/vietnam-laos-talks.md",
        "c.txt": "undated/vietnam-laos-talks.md",
    }


# -- the whole plan --------------------------------------------------------------------------


def test_every_seed_is_published_a_duplicate_or_rejected_exactly_once() -> None:
    plan = plan_of(
        result("a.txt"),
        result("b.txt"),  # a copy of a.txt
        SeedResult("c.txt", error="empty or whitespace-only file"),
        result("d.txt", title="Other", paragraphs=("Else.",), post=None, post_error="internal error: X"),
        result("e.txt", title="Undated talks", paragraphs=("When?",), undated=True),
    )
    listed = [e["seed"] for e in plan.published + plan.duplicates + plan.rejected]
    assert sorted(listed) == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]
    assert plan.duplicates == [{"seed": "b.txt", "duplicate_of": "a.txt"}]
    assert {r["seed"]: r["reason"] for r in plan.rejected} == {
        "c.txt": "empty or whitespace-only file",
        "d.txt": "internal error: X",
    }
    urls = {e["seed"]: e["url"] for e in plan.published}
    assert urls == {"a.txt": "2025/05/vietnam-laos-talks/", "e.txt": "undated/undated-talks/"}
    assert [post.path for post in plan.posts] == ["2025/vietnam-laos-talks.md", "undated/undated-talks.md"]


def test_a_planned_post_carries_its_slug_and_the_hash_of_its_bytes() -> None:
    first = result("a.txt", url="u/a")
    second = result("b.txt", paragraphs=("Another day.",), date=MAY.replace(day=9), url="u/b")
    plan = plan_of(first, second)
    for post in plan.posts:
        item = first if post.key[1] == "a.txt" else second
        data = post.data(item)
        assert f"Slug: {post.slug}\n".encode() in data
        assert post.digest == bytes_digest(data)
    assert plan.posts[1].slug != second.slug, "the later article of a clash gets a suffix"


def test_registry_candidates_gather_each_persons_titles_and_articles() -> None:
    items = [
        result("a.txt", unregistered=(("Ana Lima", "BR", "Foreign Minister"),)),
        result("b.txt", unregistered=(("Ana Lima", "BR", None), ("Bo Chen", None, "Ambassador"))),
        result("c.txt", unregistered=(("Ana Lima", "BR", "Minister of Foreign Affairs"),)),
    ]
    assert registry_candidates(items) == [
        {
            "name": "Ana Lima",
            "country": "BR",
            "titles": ["Foreign Minister", "Minister of Foreign Affairs"],
            "seeds": ["a.txt", "b.txt", "c.txt"],
        },
        {"name": "Bo Chen", "country": None, "titles": ["Ambassador"], "seeds": ["b.txt"]},
    ]
