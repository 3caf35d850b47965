"""The search index: every article's words, stemmed, in small files the search page fetches by word.

The search page (theme/static/js/search.js) searches in the browser, with no server. For a query
it fetches `index.json`, then for each word the one bucket that says what the word's stem is, and
the one bucket that lists the articles with that stem; it intersects, ranks, and fetches the
titles and summaries of the best ten only. So a search reads a few small files whatever the size of
the archive, and a word finds only the articles that have it or a word of the same stem: never a
prefix of it ("Tokyo" is not "to").

Files, under `search/data/` in the output (search.py writes them):
- `index.json`: the format, the number of articles, of buckets and of articles per chunk, the words
  left out (STOP_WORDS) and `version`, a digest of every file (the page adds it to each address, so
  a browser never mixes files of two builds);
- `words/<n>.json`: {"words": {word: stem}, "stems": {stem: [ids, weights]}}, a word or stem in
  bucket n = FNV-1a(its UTF-8 bytes) mod buckets. `ids` are article numbers, the first as is and
  each next as its distance from the one before; `weights` count the stem in the text, a title's
  words TITLE_WEIGHT times;
- `docs/<k>.json`: the articles numbered k*DOC_CHUNK to (k+1)*DOC_CHUNK-1, each [address, title,
  date as shown, ISO date or "", summary];
- `filters.json`: {"country": {name: ids}, "person": {name: ids}}, ids as in the buckets;
- `pages.json`: [name, kind, address, articles] of every country, organisation and person page,
  most articles first: the search page offers the page of what a query names ("Japan").

Articles are numbered oldest first (undated ones before all), so a tie in rank goes to the newest.
Words are folded to lower case without accents (Việt Nam, Viet Nam: "viet", "nam") and stemmed by
the Snowball English stemmer (`snowballstemmer`, which the Snowball project keeps).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from operator import sub

import snowballstemmer

from news_digest.text import one_line

FORMAT = 1
DOC_CHUNK = 100  # articles per docs/ file: a page of results needs one or two
BUCKET_POSTINGS = 4000  # about 20 KB of JSON per words/ file
MIN_BUCKETS, MAX_BUCKETS = 16, 8192
MAX_WORD = 40  # characters: a longer "word" is noise no one searches for (and would bloat a file)
TITLE_WEIGHT = 3  # a word in the title counts as this many in the text
MAX_WEIGHT = 255
SUMMARY_CHARS = 320
# Words too common to find anything by: neither indexed nor looked up.
_COMMON = "a an and are as at be been but by for from has have he her his in is it its of on or our "
STOP_WORDS = frozenset((_COMMON + "she that the their they this to was were which will with").split())
WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]*>")
FOLDED = str.maketrans({"đ": "d", "Đ": "d", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "ı": "i"})


def fold(text: str) -> str:
    """Lower case, accents off: what the search page does to a query too (search.js `fold`)."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(FOLDED))
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of a text that are indexed: folded, of 2 to MAX_WORD characters, not STOP_WORDS."""
    return [w for w in WORD.findall(fold(text)) if 1 < len(w) <= MAX_WORD and w not in STOP_WORDS]


def plain_text(markup: str) -> str:
    """The text of an article's HTML (ours, from Markdown): tags out, entities read."""
    return html.unescape(TAG.sub(" ", markup))


def bucket_of(key: str, buckets: int) -> int:
    """FNV-1a (32-bit) of the key's UTF-8 bytes, mod `buckets`: search.js `bucketOf` is the same."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def bucket_count(postings: int) -> int:
    """A power of two: about BUCKET_POSTINGS postings a bucket."""
    count = MIN_BUCKETS
    while count < MAX_BUCKETS and count * BUCKET_POSTINGS < postings:
        count *= 2
    return count


@dataclass(frozen=True)
class SearchEntry:
    """What the search page shows of an article, and what it is filtered by."""

    url: str
    title: str
    date_label: str
    iso_date: str  # "" when undated
    summary: str
    countries: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    def row(self) -> list[str]:
        return [self.url, self.title, self.date_label, self.iso_date, one_line(self.summary, SUMMARY_CHARS)]


@dataclass
class SearchIndex:
    """Built article by article (`add`, oldest first), then written as files (`files`).

    Postings are kept packed, `array`s of article numbers and weights, so 50,000 articles take
    tens of megabytes, not the hundreds Python lists of ints would.
    """

    entries: list[SearchEntry] = field(default_factory=list)
    pages: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (name, kind, url) -> articles
    word_stems: dict[str, str] = field(default_factory=dict)  # folded word -> its stem
    _seen: dict[str, str | None] = field(default_factory=dict)  # word as written -> its stem
    ids: dict[str, array] = field(default_factory=dict)
    weights: dict[str, array] = field(default_factory=dict)
    _stemmer: object = field(default_factory=lambda: snowballstemmer.stemmer("english"))

    def stem(self, word: str) -> str | None:
        """The stem a word of the text (lower case) is indexed under; None for a word left out.

        Folded and stemmed once per distinct word of the archive: the texts themselves are only
        split and counted, which C code does.
        """
        try:
            return self._seen[word]
        except KeyError:
            pass
        folded = fold(word)
        stem = None
        if len(folded) > MAX_WORD:
            pass  # left out
        elif WORD.fullmatch(folded) and len(folded) > 1 and folded not in STOP_WORDS:
            stem = self.word_stems.get(folded)
            if stem is None:
                stem = self.word_stems[folded] = self._stemmer.stemWord(folded)  # type: ignore[attr-defined]
        elif folded != word:  # "Việt" → "viet"; a word that folds into several is left out
            parts = words(folded)
            stem = self.stem(parts[0]) if len(parts) == 1 else None
        self._seen[word] = stem
        return stem

    def add(self, entry: SearchEntry, text: str, pages: Iterable[tuple[str, str, str]] = ()) -> None:
        """One article: its entry, the words of its title and its text, and the pages of the
        countries, organisations and people it is tagged with, as (name, kind, address)."""
        number = len(self.entries)
        self.entries.append(entry)
        for page in pages:
            self.pages[page] = self.pages.get(page, 0) + 1
        tokens = WORD.findall(text.lower())
        title = WORD.findall(entry.title.lower())
        seen = self._seen
        for word in set(tokens).union(title).difference(seen):
            self.stem(word)
        counts = Counter(map(seen.__getitem__, tokens))  # the per-word work, in C
        for stem in map(seen.__getitem__, title):
            counts[stem] += TITLE_WEIGHT
        counts.pop(None, None)
        ids, weights = self.ids, self.weights
        for stem, count in counts.items():
            if stem not in ids:
                ids[stem], weights[stem] = array("I"), array("B")
            ids[stem].append(number)
            weights[stem].append(count if count <= MAX_WEIGHT else MAX_WEIGHT)

    def files(self) -> Iterator[tuple[str, bytes]]:
        """(path under the index's folder, its bytes), `index.json` last: the whole index,
        deterministic. Made one file at a time, so only the packed postings stay in memory."""
        buckets = bucket_count(sum(len(ids) for ids in self.ids.values()))
        version = hashlib.sha256()
        for name, data in self._data_files(buckets):
            version.update(f"{name}\0{len(data)}\0".encode() + data)
            yield name, data
        meta = {
            "format": FORMAT,
            "version": version.hexdigest()[:16],
            "documents": len(self.entries),
            "buckets": buckets,
            "chunk": DOC_CHUNK,
            "stop_words": sorted(STOP_WORDS),
        }
        yield "index.json", _json(meta)

    def _data_files(self, buckets: int) -> Iterator[tuple[str, bytes]]:
        shelves: list[tuple[list[str], list[str]]] = [([], []) for _ in range(buckets)]
        for word in self.word_stems:
            shelves[bucket_of(word, buckets)][0].append(word)
        for stem in self.ids:
            shelves[bucket_of(stem, buckets)][1].append(stem)
        for number, (shelf_words, shelf_stems) in enumerate(shelves):
            shelf = {
                "words": {w: self.word_stems[w] for w in shelf_words},
                "stems": {s: [deltas(self.ids[s]), self.weights[s].tolist()] for s in shelf_stems},
            }
            yield f"words/{number}.json", _json(shelf)
        for start in range(0, len(self.entries), DOC_CHUNK):
            chunk = [e.row() for e in self.entries[start : start + DOC_CHUNK]]
            yield f"docs/{start // DOC_CHUNK}.json", _json(chunk)
        yield "filters.json", _json(self._filters())
        pages = sorted(self.pages.items(), key=lambda item: (-item[1], item[0]))
        yield "pages.json", _json([[name, kind, url, count] for (name, kind, url), count in pages])

    def _filters(self) -> dict[str, dict[str, list[int]]]:
        groups: dict[str, dict[str, list[int]]] = {"country": {}, "person": {}}
        for number, entry in enumerate(self.entries):
            for group, names in (("country", entry.countries), ("person", entry.people)):
                for name in names:
                    groups[group].setdefault(name, []).append(number)
        return {g: {name: deltas(ids) for name, ids in sorted(named.items())} for g, named in groups.items()}


def deltas(ids: Iterable[int]) -> list[int]:
    """Ascending numbers as the first, then each one's distance from the one before."""
    ids = list(ids)
    return ids[:1] + list(map(sub, ids[1:], ids[:-1]))


def undeltas(values: list[int]) -> list[int]:
    return list(accumulate(values))


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
