"""Search is precise on a long archive (conftest.archive_site, 500 articles over 22 years): a word
that one article has brings that article first, and no page that lacks the word or a word of the
same stem (the Snowball English stemmer's, the library's own, read here apart from our index).

Checked twice: in the browser, on the search page, for 20 words; and on the index files for every
such word of the archive, through a reader written here from the format's description.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections import defaultdict
from itertools import accumulate
from pathlib import Path
from urllib.parse import quote

import pytest
import snowballstemmer
from bs4 import BeautifulSoup
from news_digest.site.search_index import bucket_of
from test_search_browser import chrome, serve

WORDS = 20
WORD = re.compile(r"[^\W\d_]{6,}")
STEMMER = snowballstemmer.stemmer("english")
READ = ("h1", ".lead", ".dateline", ".body", "#tags")  # what a reader reads of an article


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def stem(word: str) -> str:
    return STEMMER.stemWord(fold(word))


def article_texts(output: Path) -> dict[str, str]:
    """Address -> what a reader reads on the page, of every article page."""
    texts = {}
    dated = output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html")
    for page in [*dated, *output.glob("undated/*/index.html")]:  # undated: filed under no month
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        parts = [e.get_text(" ") for selector in READ for e in article.select(selector)]
        texts["/" + page.parent.relative_to(output).as_posix() + "/"] = " ".join(parts)
    return texts


def stems_by_article(texts: dict[str, str]) -> dict[str, set[str]]:
    return {url: {stem(w) for w in WORD.findall(text)} for url, text in texts.items()}


def words_of_one_article(texts: dict[str, str]) -> list[tuple[str, str]]:
    """(word, address): every word of six letters or more whose stem only one article has."""
    stems = stems_by_article(texts)
    where: dict[str, set[str]] = defaultdict(set)
    for url, found in stems.items():
        for s in found:
            where[s].add(url)
    pairs = {}
    for url, text in texts.items():
        for word in WORD.findall(text):
            if len(where[stem(word)]) == 1:
                pairs.setdefault(fold(word), url)
    return sorted(pairs.items())


class IndexReader:
    """The index files read as search.js reads them (search_index.py gives the format)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))

    def _bucket(self, key: str) -> dict:
        name = f"words/{bucket_of(key, self.meta['buckets'])}.json"
        return json.loads((self.folder / name).read_text(encoding="utf-8"))

    def ids(self, word: str) -> list[int]:
        found = self._bucket(word)["words"].get(word)
        if found is None:
            return []
        return list(accumulate(self._bucket(found)["stems"][found][0]))

    def address(self, number: int) -> str:
        chunk = self.meta["chunk"]
        rows = json.loads((self.folder / f"docs/{number // chunk}.json").read_text(encoding="utf-8"))
        return "/" + rows[number % chunk][0]


def test_the_index_finds_every_word_of_one_article_in_that_article_alone(archive_site: Path) -> None:
    output = archive_site / "output"
    texts = article_texts(output)
    pairs = words_of_one_article(texts)
    assert len(pairs) >= WORDS
    reader = IndexReader(output / "search" / "data")
    wrong = [(w, url, [reader.address(n) for n in reader.ids(w)]) for w, url in pairs]
    assert [case for case in wrong if case[2] != [case[1]]] == []


def test_every_article_has_its_row_once(archive_site: Path) -> None:
    output = archive_site / "output"
    reader = IndexReader(output / "search" / "data")
    addresses = [reader.address(n) for n in range(reader.meta["documents"])]
    assert sorted(addresses) == sorted(article_texts(output))


def search(driver, site: str, query: str) -> list[str]:
    from selenium.webdriver.common.by import By

    driver.get(f"{site}/search/?q={quote(query)}")
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


def test_a_word_of_one_article_finds_that_article_first_and_no_page_without_it(archive_site: Path) -> None:
    output = archive_site / "output"
    texts = article_texts(output)
    stems = stems_by_article(texts)
    pairs = words_of_one_article(texts)
    chosen = pairs[:: max(1, len(pairs) // WORDS)][:WORDS]  # spread over the alphabet
    assert len(chosen) == WORDS
    failures = []
    with serve(output) as site:
        driver = chrome()
        try:
            for word, url in chosen:
                found = search(driver, site, word)
                lacking = [u for u in found if stem(word) not in stems.get(u, set())]
                if not found or found[0] != url or lacking:
                    failures.append((word, url, found[:5], lacking[:5]))
            # Two words: only the articles with both, the one with most of them first.
            word, url = chosen[0]
            other = sorted(fold(w) for w in WORD.findall(texts[url]) if stem(w) != stem(word))[0]
            found = search(driver, site, f"{word} {other}")
            assert found and found[0] == url
        finally:
            driver.quit()
    assert failures == []


@pytest.mark.parametrize(("word", "same"), [("talks", "talking"), ("organisations", "organised")])
def test_a_stem_is_the_snowball_stem(word: str, same: str) -> None:
    assert stem(word) == stem(same)
    assert stem("tokyo") != stem("to")
