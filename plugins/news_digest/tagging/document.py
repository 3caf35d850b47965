"""One article's text as the tag stage reads it: its tokens, where the gazetteer found countries,
organisations and registry people, and the questions the name rules ask of a token (is it a
name word, does it start a sentence, is it in a caption). `people.py`, `titles.py` and
`short_forms.py` read it; `tag.py` puts their answers together.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import NamedTuple

from news_digest.article import Article
from news_digest.tagging.gazetteer import HOME_COUNTRY, Gazetteer
from news_digest.tagging.name_rules import SENTENCE_END, name_rules

_ABBREVIATIONS = "Gen|Dr|Jr|Sr|Mr|Mrs|Ms|Prof|Lt|Lieut|Col|Maj|Sen|Rep|St|Hon|Brig|Capt|Adm"
# A word goes on over letters, digits, hyphens and an apostrophe inside it ("Dato'" keeps its
# trailing one); a possessive ’s is a token of its own. ASCII is listed before `\w` because `re`
# tests the characters of a class in order.
_WORD_REST = r"[a-zA-Z0-9_\w-]*+(?:[’'](?!s\b)(?=\w)[a-zA-Z0-9_\w-]*+)*+"
# "a.i." (ad interim, inside a title) first, then lower-case words: most tokens are, and nothing
# else can start with one of them. Then parenthesised asides "(EC)", abbreviations "Gen.", words,
# possessives, numbers, punctuation.
# (Possessive `*+`: a token is as long as it can be, so `re` need not keep ways to give back.)
_TOKEN = (
    rf"a\.i\.|[a-z]{_WORD_REST}|\([^()\n]{{1,16}}\)|(?:{_ABBREVIATIONS})\.|(?:[A-Z]|[^\W\d_]){_WORD_REST}"
    r"|[’']s\b|\d[\w.,]*+|\S"
)
# Every character that is not white space starts a token (`\S`), and no token ends in white
# space: the pieces "token and the white space after it" cover the text from its first token on.
_TOKEN_AND_SPACE = re.compile(rf"(?:{_TOKEN})\s*+")
# Words before a country name that make it the country, not a person: "visited Jordan".
_COUNTRY_CUES = {"of", "in", "to", "from", "with", "visit", "visited", "visits", "visiting", "and"}
# A body's acronym in brackets: "(CPLP)", "(WHO)"; not a photo's side "(R)".
_ACRONYM = re.compile(r"\([A-Z][A-Z&-]*[A-Z]\)")
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")


class Tokens(NamedTuple):
    """Token k is `words[k]`, at `starts[k]` in the text."""

    words: list[str]
    starts: list[int]


def tokenize(text: str) -> Tokens:
    """Words, possessives, known abbreviations with their dot, and punctuation.

    Built from `findall` and running sums rather than a match object per token: tokenising is
    done for every article and a per-token Python step would be most of its cost.
    """
    first = len(text) - len(text.lstrip())
    pieces = _TOKEN_AND_SPACE.findall(text, first)
    if not pieces:
        return Tokens([], [])
    return Tokens(list(map(str.rstrip, pieces)), list(accumulate(map(len, pieces[:-1]), initial=first)))


def document_text(article: Article) -> tuple[str, list[tuple[int, int]]]:
    """Title, lead, body and captions in the order the raw text had them, and the caption spans."""
    parts: list[tuple[str, bool]] = [(article.title, False), (article.lead or "", False)]
    anchored: dict[int, list[str]] = {}
    for caption, anchor in zip(
        article.captions, article.caption_anchors or [0] * len(article.captions), strict=True
    ):
        anchored.setdefault(anchor, []).append(caption)
    for index, paragraph in enumerate(article.paragraphs):
        parts += [(c, True) for c in anchored.pop(index, [])]
        parts.append((paragraph, False))
    parts += [(c, True) for anchor in sorted(anchored) for c in anchored[anchor]]
    text, spans, position = [], [], 0
    for part, is_caption in parts:
        if is_caption:
            spans.append((position, position + len(part)))
        text.append(part)
        position += len(part) + 1
    return "\n".join(text), spans


class Document:
    """One article's text, its tokens and the gazetteer's matches in it."""

    def __init__(self, article: Article, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.rules = name_rules()
        self.text, self.caption_spans = document_text(article)
        self.words, self.starts = tokenize(self.text)
        self.capitalised = [k for k, word in enumerate(self.words) if word[0].isupper()]
        # Tokens that start a line (a line break between them and the token before).
        self.line_starts = self._line_starts()
        countries, organisations, people = gaz.matchers.scan(self.text)
        self.country_spans, country_excluded = countries
        self.country_starts = [span[0] for span in self.country_spans]
        self.org_spans, org_excluded = organisations
        self.registry_spans = people[0]  # the registry's people
        self.excluded_spans = country_excluded + org_excluded
        # Tokens inside a country, organisation or excluded place: never part of a name.
        spans = [(s, e) for s, e, _surface, _key in self.country_spans + self.org_spans] + self.excluded_spans
        self.in_gazetteer = self.token_flags(spans)
        in_names = tuple(word + " " for word in self.rules.country_words_in_names)
        if any(span[2] in self.rules.country_words_in_names for span in self.country_spans):
            self._country_words_in_names()
        if any(self.text.startswith(in_names, start) for start, _end in self.excluded_spans):
            self._places_in_names(in_names)

    def _country_words_in_names(self) -> None:
        """A country word inside a name is the name's, not a country: at its end after two name
        words ("Nguyen Van Thai said"), or between a Vietnamese family name and a name word
        ("Dang Thai Son")."""
        words, n = self.words, len(self.words)
        kept = []
        for span in self.country_spans:
            k = self.token_starting_at(span[0]) if span[2] in self.rules.country_words_in_names else None
            if k is None:
                kept.append(span)
                continue
            ends_a_name = (
                k >= 2
                and self._plain_name_word(k - 2)
                and self._plain_name_word(k - 1)
                and self.adjacent(k - 2, k - 1)
                and self.adjacent(k - 1, k)
                and not (k + 1 < n and self.adjacent(k, k + 1) and words[k + 1][:1].isupper())
            )
            inside_a_name = (
                k >= 1
                and k + 1 < n
                and words[k - 1] in self.rules.vn_surnames
                and self._plain_name_word(k - 1)
                and self._plain_name_word(k + 1)
                and len(words[k + 1]) <= 7
                and self.adjacent(k - 1, k)
                and self.adjacent(k, k + 1)
            )
            if ends_a_name or inside_a_name:
                self.in_gazetteer[k] = False
            else:
                kept.append(span)
        self.country_spans = kept
        self.country_starts = [span[0] for span in kept]

    def _places_in_names(self, in_names: tuple[str, ...]) -> None:
        """ "Ambassador Nguyen Thi Thai Binh": a place of two words that starts with a country
        word, right after a Vietnamese family name (and a middle name) and ending the phrase, is
        the rest of the name, not the province ("Thai Binh province", "of Thai Binh" are)."""
        words, n, kept = self.words, len(self.words), []
        for start, end in self.excluded_spans:
            k, last = self.token_starting_at(start), self.token_ending_at(end)
            if k is None or last != k + 1 or not self.text.startswith(in_names, start) or k < 1:
                kept.append((start, end))
                continue
            first = k - 1 if words[k - 1] in self.rules.vn_surnames or k < 2 else k - 2
            after = last + 1
            if (
                words[first] in self.rules.vn_surnames
                and all(self._plain_name_word(m) and self.adjacent(m, m + 1) for m in range(first, k))
                and not (
                    after < n
                    and self.adjacent(last, after)
                    and (words[after][:1].isupper() or words[after] in self.rules.place_suffixes)
                )
            ):
                self.in_gazetteer[k] = self.in_gazetteer[last] = False
            else:
                kept.append((start, end))
        self.excluded_spans = kept

    def _plain_name_word(self, k: int) -> bool:
        """Token k is a capitalised word of letters, of no title, country or organisation."""
        word = self.words[k]
        return (
            word[:1].isupper()
            and word.isalpha()
            and word not in self.rules.never_names
            and not self.in_gazetteer[k]
        )

    def title_case_spans(self) -> list[tuple[int, int]]:
        """The headline, when it is Written Like This (title case): every word is capitalised
        there, so a capital says nothing of a name. (VNA's other lines are sentence case.)"""
        headline = self.text.split("\n", 1)[0]
        words = headline.split()
        small = self.rules.connectors
        if 4 <= len(words) <= 25 and all(w[0].isupper() or w in small or not w[0].isalpha() for w in words):
            return [(0, len(headline))]
        return []

    def _line_starts(self) -> frozenset[int]:
        starts, text, found = self.starts, self.text, set()
        position = text.find("\n")
        while position >= 0:
            found.add(bisect_left(starts, position))
            position = text.find("\n", position + 1)
        return frozenset(found)

    # -- tokens -----------------------------------------------------------------------------

    def token_starting_at(self, position: int) -> int | None:
        k = bisect_left(self.starts, position)
        return k if k < len(self.starts) and self.starts[k] == position else None

    def first_country_at(self, position: int) -> int:
        """Index of the first country span starting at or after `position`."""
        return bisect_left(self.country_starts, position)

    def end(self, k: int) -> int:
        """Where token k ends in the text."""
        return self.starts[k] + len(self.words[k])

    def token_ending_at(self, position: int) -> int | None:
        k = bisect_left(self.starts, position) - 1  # the last token that starts before
        return k if k >= 0 and self.end(k) == position else None

    def token_flags(self, spans: list[tuple[int, int]]) -> list[bool]:
        """For each token, whether it starts inside one of `spans`."""
        starts, n = self.starts, len(self.words)
        flags = [False] * n
        for start, end in spans:
            k = self.token_starting_at(start)
            while k is not None and k < n and starts[k] < end:
                flags[k] = True
                k += 1
        return flags

    def adjacent(self, a: int, b: int) -> bool:
        """Tokens a and b are separated by a single space (no punctuation, no line break)."""
        return self.text[self.end(a) : self.starts[b]] == " "

    def sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        return self.words[i - 1] in SENTENCE_END or "\n" in self.text[self.end(i - 1) : self.starts[i]]

    def is_name_token(self, k: int) -> bool:
        """A capitalised word that is not a title word, not all capitals, not in the gazetteer
        (or a name particle: "Van", "Bin")."""
        word = self.words[k]
        if not word[:1].isupper():
            return False
        if word in self.rules.never_names:  # title words and not_names, but no particle
            return False
        # Every token of a country or organisation is out, not only the first: "South Africa
        # Cyril Ramaphosa" is not "Africa Cyril Ramaphosa".
        return word in self.rules.particles or (
            not self.in_gazetteer[k] and not (word.isupper() and len(word) > 1)
        )

    def names_a_body(self, j: int) -> bool:
        """The name ending before token j is the start of a body's name: "Quang Ninh Provincial
        Party Committee", "Brown Group" (a title word that heads no title follows it), or a body's
        whole name: "Portuguese Language Countries (CPLP)" (its acronym follows it)."""
        words = self.words
        if j >= len(words) or j in self.line_starts or not self.adjacent(j - 1, j):
            return False
        word = words[j]
        if word[:1] == "(":
            return _ACRONYM.fullmatch(word) is not None
        return word[:1].isupper() and word in self.rules.title_words and word not in self.rules.heads

    def followed_by_place_suffix(self, end: int) -> bool:
        after = _NEXT_WORD.match(self.text, end, end + 30)
        return bool(after and after.group(1) in self.rules.place_suffixes)

    # -- countries and organisations ----------------------------------------------------------

    def _in_caption(self, position: int) -> bool:
        """Inside a caption: the spans are in text order and apart, so one bisection (not a scan
        of thousands of captions for every country named) finds the only candidate."""
        n = bisect_right(self.caption_spans, (position, float("inf"))) - 1
        return n >= 0 and position < self.caption_spans[n][1]

    def countries(self) -> list[str]:
        """Codes named outside captions, in order of first mention anywhere."""
        first: dict[str, int] = {}
        named: set[str] = set()
        for start, end, surface, code in self.country_spans:
            if code == HOME_COUNTRY:
                continue
            if surface in self.gaz.risky_country_forms and self._looks_like_person(start, end):
                continue
            first.setdefault(code, start)
            if code not in named and not self._in_caption(start):
                named.add(code)
        return [code for code in sorted(first, key=first.__getitem__) if code in named]

    def organisations(self) -> list[str]:
        first: dict[str, int] = {}
        named = set()
        for start, _end, _surface, key in self.org_spans:
            first.setdefault(key, start)
            if key not in named and not self._in_caption(start):
                named.add(key)
        return [key for key in sorted(first, key=first.__getitem__) if key in named]

    def _looks_like_person(self, start: int, end: int) -> bool:
        """Georgia, Jordan, Chad beside another capitalised name word are people's names:
        "Chad Smith", "Michael Jordan"; but "visited Jordan", "Jordan, Georgia and Chad"."""
        k, k_end = self.token_starting_at(start), self.token_ending_at(end)
        if k is None or k_end is None:
            return False
        following = k_end + 1
        if following < len(self.words) and self.adjacent(k_end, following) and self.is_name_token(following):
            return True
        if k > 0 and self.adjacent(k - 1, k):
            if self.words[k - 1] in _COUNTRY_CUES:
                return False
            return self.is_name_token(k - 1) and not self.sentence_start(k - 1)
        return False


class DocumentReader:
    """Reads one `Document`: its text, tokens and name rules at hand (the people finder, the
    title and role readers, the short forms)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.rules = doc.rules
        self.words = doc.words
        self.text = doc.text
