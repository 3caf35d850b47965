"""The search index's shards (plugins/news_digest/site/search.py): the browser side is in
test_search_browser.py, incremental indexing in test_incremental.py."""

from __future__ import annotations

from pathlib import Path

from news_digest.site.search import plan_shards, shard_months


def pages(year: int, month: int, n: int) -> list[tuple[int, int, str]]:
    return [(year, month, f"{year}/{month:02d}/a{i}/index.html") for i in range(n)]


def test_years_are_packed_into_shards_within_the_limit_newest_first() -> None:
    archive = [
        *pages(2019, 2, 4),
        *pages(2020, 5, 5),
        *pages(2024, 3, 2),
        *pages(2025, 1, 1),
        *pages(2024, 11, 1),
    ]
    shards = plan_shards(archive, limit=10)
    # 2019 + 2020 fill a shard (9 pages); 2024 would overflow it, so it starts the next with 2025.
    assert list(shards) == ["2024-2025", "2019-2020"]
    assert shards["2024-2025"] == sorted(
        p for _, _, p in [*pages(2024, 3, 2), *pages(2024, 11, 1), *pages(2025, 1, 1)]
    )
    assert sorted(p for v in shards.values() for p in v) == sorted(p for _, _, p in archive)


def test_a_small_archive_is_one_shard() -> None:
    assert list(plan_shards([*pages(2003, 1, 3), *pages(2025, 12, 3)], limit=10)) == ["2003-2025"]


def test_a_big_year_is_split_into_runs_of_months_within_the_limit() -> None:
    year = [*pages(2025, 1, 4), *pages(2025, 2, 4), *pages(2025, 3, 3), *pages(2025, 4, 12)]
    shards = plan_shards(year, limit=10)
    assert list(shards) == ["2025-04-04", "2025-03-03", "2025-01-02"]
    assert [len(v) for v in shards.values()] == [12, 3, 8]  # a month alone may exceed the limit
    assert sorted(p for v in shards.values() for p in v) == sorted(p for _, _, p in year)


def test_adding_to_the_newest_month_changes_only_the_newest_shard() -> None:
    archive = [*pages(2023, 5, 6), *pages(2024, 1, 6), *pages(2024, 2, 6), *pages(2025, 6, 3)]
    before = plan_shards(archive, limit=10)
    after = plan_shards([*archive, (2025, 6, "2025/06/new/index.html")], limit=10)
    assert {k: v for k, v in after.items() if before.get(k) != v} == {"2025": after["2025"]}


def test_no_articles_no_shards() -> None:
    assert plan_shards([]) == {}


def test_shard_months_read_the_span_from_the_name() -> None:
    assert shard_months("2025") == ("2025-01", "2025-12")
    assert shard_months("2003-2012") == ("2003-01", "2012-12")
    assert shard_months("2025-01-04") == ("2025-01", "2025-04")


def test_unused_files_are_removed_from_a_bundle(tmp_path) -> None:
    import json

    from news_digest.site.search import ENTRY, remove_unused

    names = ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "wasm.en.pagefind", "wasm.unknown.pagefind")
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    entry = {"languages": {"en": {"hash": "en_1", "wasm": "en", "page_count": 3}}}
    (tmp_path / ENTRY).write_text(json.dumps(entry), encoding="utf-8")
    remove_unused(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [ENTRY, "pagefind.js", "wasm.en.pagefind"]


def test_a_build_leaves_no_staging_folder_behind(built_site: Path) -> None:
    """The article pages are linked into cache/pagefind-stage for Pagefind; it is gone after."""
    assert (built_site / "output" / "pagefind").is_dir()
    assert not (built_site / "cache" / "pagefind-stage").exists()
