"""Text normalisation ahead of the cleaning: look-alike letters, runs of combining marks, lines of
symbols only. (clean.py then drops the other characters it does not keep.)

- Cyrillic and Greek letters that look like Latin ones ("Vіеtnаm" with a Cyrillic і, е, а) are
  mapped to the Latin letters, in words whose every such letter has a Latin look-alike, before
  the cleaning drops letters of other scripts (it would leave "Vtnm") and before duplicates are
  compared. The look-alikes are Unicode's confusables (the `confusable_homoglyphs` package).
- Combining marks: Latin and Vietnamese need at most two on a letter ("ệ" is "e" and two marks,
  decomposed), and never the same one twice; longer runs, and marks on anything but a Latin
  letter, are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

MAX_MARKS = 2  # combining marks kept on one letter ("ệ" decomposed has two)
_LOOKALIKE_SCRIPTS = "\u0370-\u03ff\u0400-\u04ff"  # Greek, Cyrillic
_HAS_LOOKALIKE = re.compile(f"[{_LOOKALIKE_SCRIPTS}]")
_WORD = re.compile(r"\w+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_MARKS = re.compile(r"[\u0300-\u036f][\u0300-\u036f]*")
# Letters a combining mark may sit on: Latin (Basic, Latin-1, Extended A/B, Additional).
_MARKABLE = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")


@cache
def lookalikes() -> dict[str, str]:
    """Greek or Cyrillic letter -> the ASCII letter it looks like (Unicode's confusables)."""
    from confusable_homoglyphs import utils

    table: dict[str, str] = {}
    for char, homoglyphs in utils.load("confusables.json").items():
        if len(char) != 1 or not _HAS_LOOKALIKE.match(char):
            continue
        latin = next((h["c"] for h in homoglyphs if _ASCII_LETTER.fullmatch(h["c"])), None)
        if latin is None:
            continue
        if char.isupper() and latin == "l":  # Unicode's skeletons write capital I as l
            latin = "I"
        table[char] = latin
    return table


def _fold_word(match: re.Match[str]) -> str:
    word = match.group()
    if not _HAS_LOOKALIKE.search(word):
        return word
    table = lookalikes()
    if any(_HAS_LOOKALIKE.match(c) and c not in table for c in word):
        return word  # a word of that script, not a disguised Latin one: the cleaning drops it
    return "".join(table.get(c, c) for c in word)


def fold_lookalikes(text: str) -> str:
    """Latin words written with Greek or Cyrillic look-alike letters, in Latin letters."""
    if not _HAS_LOOKALIKE.search(text):  # nearly every text: nothing to do
        return text
    return _WORD.sub(_fold_word, text)


def _limit(match: re.Match[str]) -> str:
    start = match.start()
    base = match.string[start - 1 : start]
    if not (base and _MARKABLE.match(base)):
        return ""
    return "".join(list(dict.fromkeys(match.group()))[:MAX_MARKS])  # the same mark twice: once


def limit_marks(text: str) -> str:
    """At most MAX_MARKS different combining marks, only on a Latin letter (text in NFD)."""
    return _MARKS.sub(_limit, text) if _MARKS.search(text) else text


def normalise(text: str) -> str:
    """Look-alike letters folded and combining marks limited, in NFC. The marks are counted
    decomposed (NFD), where a Vietnamese "ệ" is "e" and two marks."""
    if text.isascii():  # most lines, and whole files: nothing to fold, no mark
        return text
    return unicodedata.normalize("NFC", limit_marks(fold_lookalikes(unicodedata.normalize("NFD", text))))


_INVISIBLE = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp", "Mn"))


def _visible(line: str) -> bool:
    return any(unicodedata.category(c) not in _INVISIBLE for c in line)


def symbols_only_title(raw: str, first_kept: str, clean: Callable[[str], str]) -> bool:
    """Whether the first visible line of `raw` before the one the cleaning kept first
    (`first_kept`) is one the cleaning emptied: a title of emoji or symbols only. Header, spam
    and image lines (which `clean` leaves non-empty) are passed over."""
    for line in raw.splitlines():
        if not _visible(line):
            continue
        cleaned = clean(line)
        if cleaned == first_kept:
            return False
        if not cleaned:
            return True
    return False
