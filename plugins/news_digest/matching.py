"""Whole-word matching of many phrases (gazetteer forms, spam words, role phrases) in text.

A pattern that starts with a look-behind such as `(?<!\\w)` makes `re` try the whole pattern at
every position of the text. Without it, `re` skips ahead to the characters a match can start
with, several times faster; `whole_words` then does the look-behind's check itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_WORD_CHAR = re.compile(r"\w")


def trie_regex(forms: Iterable[str]) -> str:
    """One regex alternation for many strings, factored by common prefix: Python's `re` then
    rejects a position after a character or two instead of trying every alternative."""
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(char) + walk(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        optional = "" in node
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
        return body

    return walk(trie)


def words_pattern(body: str, flags: int = 0) -> re.Pattern[str]:
    """`body` that must not be followed by a word character, unless it ends in one that is no
    word character itself ("US$" in "US$2 billion"); use it with `whole_words`."""
    return re.compile(rf"(?:{body})(?:(?!\w)|(?<=[^\w\s]))", flags)


def whole_words(
    pattern: re.Pattern[str], text: str, not_after: re.Pattern[str] = _WORD_CHAR
) -> Iterator[re.Match[str]]:
    """What `(?<!\\w)` + `pattern` would find with `finditer` (`(?<!X)` for `not_after=X`, one
    character); `pattern` never matches empty."""
    position = 0
    while match := pattern.search(text, position):
        start = match.start()
        if start and not_after.match(text, start - 1):
            position = start + 1  # inside a word: look again one character further
        else:
            yield match
            position = match.end()


def has_whole_word(pattern: re.Pattern[str], text: str) -> bool:
    return next(whole_words(pattern, text), None) is not None


class Phrases:
    """Whole-word matching of a few literal phrases: what `whole_words` finds with their
    alternation (the first listed wins where several match), but `str.find` looks for each phrase
    and the pattern is only tried where one occurs. A scan of the text would stop at every letter a
    phrase starts with, and a lower-case one ("top legislator") makes that most letters."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(phrases)
        self.pattern = words_pattern("|".join(map(re.escape, self.phrases)))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        starts: set[int] = set()
        for phrase in self.phrases:
            start = text.find(phrase)
            while start >= 0:
                starts.add(start)
                start = text.find(phrase, start + 1)
        position = 0
        for start in sorted(starts):
            if start < position or (start and _WORD_CHAR.match(text, start - 1)):
                continue
            if match := self.pattern.match(text, start):
                yield match
                position = match.end()
