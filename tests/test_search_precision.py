"""Search is precise on a long archive searched in several shards (conftest.archive_site): a word
that one article has brings that article first, and no page that lacks the word (or its stem).

Pagefind searches each shard alone, and a shard without the word falls back to shorter prefixes of
it; the search page leaves such shards out (theme/static/js/search.js).
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from test_search_browser import chrome, serve

WORDS = 20
WORD = re.compile(r"[^\W\d_]{6,}")


def stem_pattern(word: str) -> re.Pattern[str]:
    """The search page's own notion of "the word or its stem" (search.js)."""
    stem = word if len(word) <= 4 else word[: max(4, len(word) - 3)]
    return re.compile(r"(^|[^\w])" + re.escape(stem.lower()))


def article_texts(output: Path) -> dict[str, str]:
    """Address -> the text Pagefind indexes (the article element), of every article page."""
    texts = {}
    dated = output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html")
    for page in [*dated, *output.glob("undated/*/index.html")]:  # undated: filed under no month
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        body = soup.find(attrs={"data-pagefind-body": True})
        texts["/" + page.parent.relative_to(output).as_posix() + "/"] = body.get_text(" ").lower()
    return texts


def words_in_one_article(texts: dict[str, str], count: int) -> list[tuple[str, str]]:
    """`count` (word, address) pairs, spread over the alphabet: words that one article has, whose
    stem no other article has."""
    where: dict[str, set[str]] = defaultdict(set)
    for url, text in texts.items():
        for word in set(WORD.findall(text)):
            where[word].add(url)
    unique = sorted(w for w, urls in where.items() if len(urls) == 1)
    chosen = []
    for word in unique[:: max(1, len(unique) // (count * 3))]:
        pattern = stem_pattern(word)
        (url,) = where[word]
        if sum(1 for text in texts.values() if pattern.search(text)) == 1:
            chosen.append((word, url))
        if len(chosen) == count:
            break
    return chosen


def search(driver, site: str, word: str) -> list[str]:
    from selenium.webdriver.common.by import By

    driver.get(f"{site}/search/?q={quote(word)}")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        status = driver.find_element(By.ID, "search-status").text
        if status and not status.startswith("Searching"):
            break
        time.sleep(0.1)
    time.sleep(0.3)
    return [
        a.get_attribute("href").removeprefix(site)
        for a in driver.find_elements(By.CSS_SELECTOR, "#search-results .result-title a")
    ]


def test_archive_is_searched_in_several_shards(archive_site: Path) -> None:
    shards = [p for p in (archive_site / "output" / "pagefind").iterdir() if p.is_dir()]
    assert len(shards) >= 3
    # Pagefind's ready-made interfaces are not shipped: the page has its own.
    assert not list((archive_site / "output" / "pagefind").rglob("pagefind-ui.js"))


def test_a_word_of_one_article_finds_that_article_and_no_page_without_it(archive_site: Path) -> None:
    output = archive_site / "output"
    texts = article_texts(output)
    chosen = words_in_one_article(texts, WORDS)
    assert len(chosen) == WORDS
    failures = []
    with serve(output) as site:
        driver = chrome()
        try:
            for word, url in chosen:
                found = search(driver, site, word)
                pattern = stem_pattern(word)
                lacking = [u for u in found if not pattern.search(texts.get(u, ""))]
                if not found or found[0] != url or lacking:
                    failures.append((word, url, found[:5], lacking[:5]))
        finally:
            driver.quit()
    assert failures == []


@pytest.mark.parametrize("word", ["tokyo", "talks"])
def test_stem_pattern_is_the_word_or_its_first_letters(word: str) -> None:
    assert stem_pattern(word).search(f"in {word}, today")
    assert not stem_pattern(word).search("to the talk show" if word == "tokyo" else "in tal")
