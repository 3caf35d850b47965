"""The search index (site/search_index.py, site/search.py): folding, words, buckets, the files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from news_digest.site.search_index import (
    DOC_CHUNK,
    SearchEntry,
    SearchIndex,
    bucket_count,
    bucket_of,
    deltas,
    fold,
    undeltas,
    words,
)


def entry(
    n: int, title: str = "Talks", countries: tuple[str, ...] = (), people: tuple[str, ...] = ()
) -> SearchEntry:
    return SearchEntry(
        f"2025/01/a{n}/", title, "1 January 2025", "2025-01-01", "A summary.", countries, people
    )


def read(files: dict[str, bytes], name: str) -> object:
    return json.loads(files[name])


def lookup(files: dict[str, bytes], word: str) -> list[int]:
    """Article numbers of a word, as the search page finds them."""
    buckets = read(files, "index.json")["buckets"]
    found = read(files, f"words/{bucket_of(word, buckets)}.json")["words"].get(word)
    if found is None:
        return []
    return undeltas(read(files, f"words/{bucket_of(found, buckets)}.json")["stems"][found][0])


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Việt Nam", "viet nam"), ("ĐÀ NẴNG", "da nang"), ("Zürich", "zurich"), ("plain", "plain")],
)
def test_fold_takes_case_and_accents_off(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_words_leave_out_common_words_single_letters_and_punctuation() -> None:
    assert words("The talks of Vietnam's PM, in Hà Nội: G20 (2025).") == [
        "talks",
        "vietnam",
        "pm",
        "ha",
        "noi",
        "g20",
        "2025",
    ]


def test_bucket_of_is_fnv1a_as_the_page_computes_it() -> None:
    # FNV-1a 32-bit reference values: "" -> 0x811c9dc5, "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968.
    assert bucket_of("", 1 << 32) == 0x811C9DC5
    assert bucket_of("a", 1 << 32) == 0xE40C292C
    assert bucket_of("foobar", 1 << 32) == 0xBF9CF968
    assert bucket_of("việt", 1 << 32) == bucket_of("việt", 1 << 32) < 1 << 32


def test_buckets_grow_with_the_index_in_powers_of_two() -> None:
    assert bucket_count(0) == 16
    assert bucket_count(10**6) == 256
    assert bucket_count(10**9) == 8192


def test_deltas_round_trip() -> None:
    assert deltas([3, 4, 10, 200]) == [3, 1, 6, 190]
    assert undeltas(deltas([0, 5, 6])) == [0, 5, 6]
    assert deltas([]) == []


def test_a_word_finds_the_articles_with_it_or_its_stem_and_no_prefix_of_it() -> None:
    index = SearchIndex()
    index.add(entry(0), "Officials held talks in Tokyo.")
    index.add(entry(1), "He went to the talking shop.")
    index.add(entry(2), "Nothing here but Tok and Kyo.")
    files = dict(index.files())
    assert lookup(files, "tokyo") == [0]
    assert lookup(files, "talks") == [0, 1, 2]  # "Talks" is every title; "talking" has its stem
    assert lookup(files, "talking") == [0, 1, 2]
    assert lookup(files, "to") == []  # a common word: not indexed
    assert lookup(files, "tok") == [2]


def test_title_words_weigh_more_and_weights_count_the_text() -> None:
    index = SearchIndex()
    index.add(entry(0, title="Mekong"), "A river.")
    index.add(entry(1, title="Other"), "Mekong Mekong mekong.")
    files = dict(index.files())
    buckets = read(files, "index.json")["buckets"]
    ids, weights = read(files, f"words/{bucket_of('mekong', buckets)}.json")["stems"]["mekong"]
    assert (undeltas(ids), weights) == ([0, 1], [3, 3])


def test_rows_come_in_chunks_and_filters_list_articles_by_name() -> None:
    index = SearchIndex()
    for n in range(DOC_CHUNK + 5):
        index.add(entry(n, countries=("Japan",) if n % 2 else ("Laos",), people=("Le Hoai Trung",)), "text")
    files = dict(index.files())
    assert read(files, "docs/1.json")[4][0] == f"2025/01/a{DOC_CHUNK + 4}/"
    filters = read(files, "filters.json")
    assert undeltas(filters["country"]["Japan"]) == list(range(1, DOC_CHUNK + 5, 2))
    assert len(undeltas(filters["person"]["Le Hoai Trung"])) == DOC_CHUNK + 5
    assert read(files, "index.json")["documents"] == DOC_CHUNK + 5


def test_a_newest_article_changes_only_the_files_of_its_words() -> None:
    def build(n: int) -> dict[str, bytes]:
        index = SearchIndex()
        for k in range(n):
            index.add(entry(k), f"Talks on trade between Vietnam and partner{k} on day {k}.")
        return dict(index.files())

    before, after = build(300), build(301)
    changed = {name for name in after if before.get(name) != after[name]}
    assert "index.json" in changed and "docs/3.json" in changed
    words_changed = {n for n in changed if n.startswith("words/")}
    assert (
        0
        < len(words_changed)
        <= 2 * len(set(words("Talks on trade between Vietnam and partner300 on day 300.")))
    )


def test_long_summaries_are_cut() -> None:
    row = SearchEntry("u/", "t", "d", "", "word " * 200).row()
    assert len(row[4]) <= 320 and row[4].endswith("d…")


def test_the_files_are_the_same_for_the_same_articles() -> None:
    def build() -> dict[str, bytes]:
        index = SearchIndex()
        for n in range(30):
            index.add(entry(n, countries=("Japan",)), f"Article {n} on trade, investment and Mekong {n % 7}.")
        return dict(index.files())

    first, second = build(), build()
    assert first == second
    assert list(first)[-1] == "index.json"  # written last: a reader never finds it before the rest


def test_a_build_writes_the_index_and_no_pagefind(built_site: Path) -> None:
    output = built_site / "output"
    meta = json.loads((output / "search" / "data" / "index.json").read_text(encoding="utf-8"))
    assert meta["documents"] == len(list(output.glob("[0-9]*/[0-9]*/*/index.html"))) + len(
        list(output.glob("undated/*/index.html"))
    )
    assert not (output / "pagefind").exists()
    assert not (built_site / "cache" / "pagefind-stage").exists()


def test_a_word_longer_than_any_real_one_is_left_out() -> None:
    index = SearchIndex()
    index.add(entry(0), "A " + "x" * 5000 + " and Mekong.")
    files = dict(index.files())
    assert lookup(files, "mekong") == [0]
    assert max(len(data) for data in files.values()) < 5000


def test_pages_count_the_articles_tagged_with_each_most_first() -> None:
    index = SearchIndex()
    japan, laos = ("Japan", "country", "countries/japan/"), ("Laos", "country", "countries/laos/")
    index.add(entry(0), "text", [japan])
    index.add(entry(1), "text", [japan, laos])
    pages = read(dict(index.files()), "pages.json")
    assert pages == [[*japan, 2], [*laos, 1]]
