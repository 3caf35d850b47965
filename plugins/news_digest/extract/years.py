"""The year an article's own text presents as its present ("2022 marks ...", "this year",
an anniversary with its range), and the newest year it mentions: what gives a day without a
year its year, and what shows a day with one to be recalled (see `dates.find_date`)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from news_digest.extract.date_rules import MONTH, RANGE_YEAR, SENTENCE_END, YEAR_REGEX, date_rules
from news_digest.matching import has_whole_word, whole_words
from news_digest.text import one_line

_ANY_YEAR = re.compile(YEAR_REGEX)
_LONE_YEAR = re.compile(rf"{YEAR_REGEX}(?!\d)")
_DIGIT = re.compile(r"\d")
_YEAR_WORD = re.compile(rf"{YEAR_REGEX}\b")
_SENTENCE_BREAK = re.compile(r"\.(?=\s)|\n")
_DASH = re.compile("[–—-]")
_DAY_IN_YEAR = rf"(?:(?:{MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+|\d{{1,2}}\s+(?:{MONTH}),?\s+)"
# A range of years, the second maybe with its day: "1995-2025", "September 2, 1945 - September 2, 2025";
# the first year may be long ago: "the 135th birth anniversary (May 19, 1890 - May 19, 2025)".
_YEAR_SPAN = re.compile(rf"((?:1[6-9]|20)\d\d)\s*[–—-]\s*{_DAY_IN_YEAR}?({YEAR_REGEX})\b")
# A past day or year in brackets: "(September 2, 1945)", "(2 September 1945)", "(1945)".
_RECALLED_DAY = re.compile(rf"\({_DAY_IN_YEAR}?({YEAR_REGEX})\)")
_WORDS_TO_RECALLED_DAY = 8
_AFTER_ANNIVERSARY = 300
_NOT_PRESENT_BEFORE = re.compile(r"(?:since|by|until|till|through|Vision)\s+$")


CUE_LENGTH = 60  # characters of the cue quoted in the import report


def _cue(text: str) -> str:
    return one_line(text, CUE_LENGTH)


def newest_year(texts: Iterable[str]) -> int | None:
    """The newest year the text mentions, not counting ranges, targets ("by 2030") and years
    after the current one + 1 (plans, "a developed country in 2045")."""
    target = date_rules().target_before
    latest = dt.date.today().year + 1
    newest = None
    for text in texts:
        if not _ANY_YEAR.search(text):
            continue
        plain = RANGE_YEAR.sub(" ", text) if _DASH.search(text) else text
        for match in whole_words(_LONE_YEAR, plain, not_after=_DIGIT):
            year = int(match.group())
            later = year <= latest and (newest is None or year > newest)
            if later and not target.search(plain, max(0, match.start() - 12), match.start()):
                newest = year
    return newest


def infer_year(texts: Iterable[str]) -> tuple[int, str] | None:
    """The year the article's own text presents as its present, and the cue; None unless the
    cues agree on one year later than every year the text presents as past."""
    rules = date_rules()
    present: dict[int, str] = {}
    past: set[int] = set()
    for text in texts:
        if not _ANY_YEAR.search(text):  # most paragraphs: no cue can match
            continue
        lower = text.lower()
        if "years of" in lower or any(word in lower for word in rules.anniversary_words):
            for year, cue in _anniversary_years(text):
                present.setdefault(year, cue)
        plain = RANGE_YEAR.sub(" ", text) if _DASH.search(text) else text
        if any(phrase in lower for phrase in rules.this_year_phrases):
            # "since 2023", "by 2030": never the year "this year" speaks of.
            for year in _years_said_this_year(_mask_not_present(plain)):
                present.setdefault(year, f"'{year} ... this year'")
        year_starts = [m.start() for m in _ANY_YEAR.finditer(plain)]
        for cue in rules.present:
            for match in cue.years(plain, year_starts):
                present.setdefault(int(match.group(1)), f"'{_cue(match.group())}'")
        if "year" in lower:
            for pattern, offset in rules.beside_year:
                for match in pattern.finditer(plain):
                    year = int(match.group(1) or match.group(2))
                    present.setdefault(year + offset, f"'{_cue(match.group())}'")
            for phrase, pattern, offset in rules.near_year:
                if phrase in lower:  # "the ATF 2026 in January next year": 2025
                    for year in _years_close_to(_mask_not_present(plain), pattern, rules.near_year_window):
                        present.setdefault(year + offset, f"'{year} ... {phrase}'")
        for cue in rules.past:
            past.update(int(m.group(1)) for m in cue.years(plain, year_starts))
    candidates = {year: cue for year, cue in present.items() if not past or year > max(past)}
    if len(candidates) == 1:
        return next(iter(candidates.items()))
    return None


def _mask_not_present(text: str) -> str:
    """`text` with the years after "since", "by" ... blanked (looked for only where a year is)."""
    for match in _ANY_YEAR.finditer(text):
        if _NOT_PRESENT_BEFORE.search(text, max(0, match.start() - 10), match.start()):
            text = text[: match.start()] + " " * len(match.group()) + text[match.end() :]
    return text


def _anniversary_years(text: str) -> Iterator[tuple[int, str]]:
    """An Nth anniversary with the range it spans (`(1995-2025)`, N = 30), its founding year
    (`set up in 1974`) or the day it recalls in brackets (`(September 2, 1945)`): the year it is
    celebrated. "Marking 52 years of ties (1973-2025)" counts too, with its range only.

    In a sentence that says "next year" or "last year" the anniversary may be that year's: only
    when the phrase places it ("activities next year to celebrate the 50th anniversary
    (1975-2025)": 2024), else the sentence is left out."""
    phrases = date_rules().relative_year_phrases
    lower = text.lower()
    if not any(phrase in lower for phrase in phrases):
        yield from _anniversaries(text)
        return
    start = 0
    for end in [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]:
        sentence = text[start:end]
        if not any(phrase in lower[start:end] for phrase in phrases):
            yield from _anniversaries(sentence)
        else:
            placed = _placed_by_relative_year(sentence)
            if placed is not None:
                for year, cue in _anniversaries(sentence):
                    yield year + placed[0], f"{cue} ... '{placed[1]}'"
        start = end


def _placed_by_relative_year(sentence: str) -> tuple[int, str] | None:
    """(offset, phrase) when "next year" / "last year" comes right before the sentence's
    anniversary, only linking words between; None if no phrase or phrases disagree."""
    rules = date_rules()
    lower = sentence.lower()
    if any(phrase in lower for phrase in rules.this_year_phrases):
        return None
    placed: dict[int, str] = {}  # offset -> the phrase that gives it
    for phrase, pattern, offset in rules.near_year:
        for match in pattern.finditer(sentence):
            anniversary = rules.anniversary.search(sentence, match.end())
            between = sentence[match.end() : anniversary.start()] if anniversary else ""
            words = {w.strip(",:–—-") for w in between.lower().split()} - {""}
            if anniversary and words <= rules.relative_anniversary_links:
                placed.setdefault(offset, phrase)
    return next(iter(placed.items())) if len(placed) == 1 else None


def _anniversaries(text: str) -> Iterator[tuple[int, str]]:
    rules = date_rules()
    for match in rules.anniversary.finditer(text):
        count = int(match.group(1))
        rest = _rest_of_sentence(text, match.end())
        yield from _range_years(match.group(), rest, count)
        for founding in rules.founding_year.finditer(rest):
            yield int(founding.group(1)) + count, f"'{_cue(match.group() + rest[: founding.end()])}'"
        opening = rest.find("(")  # the first bracket, a few words after: what is celebrated
        recalled = _RECALLED_DAY.match(rest, opening) if opening >= 0 else None
        if recalled and len(rest[:opening].split()) <= _WORDS_TO_RECALLED_DAY:
            yield int(recalled.group(1)) + count, f"'{_cue(match.group() + rest[: recalled.end()])}'"
    if "years of" in text or "Years of" in text or "YEARS OF" in text:
        for match in rules.years_of.finditer(text):
            yield from _range_years(match.group(), _rest_of_sentence(text, match.end()), int(match.group(1)))


def _rest_of_sentence(text: str, start: int) -> str:
    """The rest of the sentence from `start`, at most `_AFTER_ANNIVERSARY` characters: what an
    anniversary counts from is written right after it, and a bound keeps a text of thousands of
    anniversaries in one sentence linear."""
    end = min(len(text), start + _AFTER_ANNIVERSARY)
    sentence = SENTENCE_END.search(text, start, end)
    return text[start : sentence.start() if sentence else end]


def _range_years(cue: str, rest: str, count: int) -> Iterator[tuple[int, str]]:
    """The last year of each range in `rest` that spans `count` years (`(1995-2025)`,
    `(September 2, 1945 - September 2, 2025)`)."""
    for span in _YEAR_SPAN.finditer(rest):
        first, last = int(span.group(1)), int(span.group(2))
        if last - first == count:
            yield last, f"'{_cue(cue + rest[: span.end()])}'"


def _this_year_years(text: str) -> list[int]:
    r"""Years said to be "this year": in each sentence, the first year followed later by
    "this year", or else the last year after a "this year" (whichever comes first).

    The same result as `finditer` of the pattern
    `\b(YEAR)\b(?:(?!\.\s).)*\bthis year\b|\bthis year\b(?:(?!\.\s).)*\b(YEAR)\b`, but in linear
    time and memory: that pattern backtracks over the rest of the line for every year in it.
    """
    return [year for year, _gap in _this_year_pairs(text)]


def _years_said_this_year(text: str) -> list[int]:
    """The years of `_this_year_years` close to their "this year", with no word of contrast
    between them ("in 2024 and ... this year", "this year, up 8% over 2024": a past year)."""
    rules = date_rules()
    return _years_close_to(text, rules.this_year, rules.this_year_window)


def _years_close_to(text: str, phrase: re.Pattern[str], window: int) -> list[int]:
    """The years of `_this_year_pairs` with at most `window` words between them and `phrase`,
    and no word of contrast."""
    contrast = date_rules().this_year_contrast
    return [
        year
        for year, gap in _this_year_pairs(text, phrase)
        if len(gap.split()) <= window and not has_whole_word(contrast, gap.lower())
    ]


def _this_year_pairs(text: str, phrase: re.Pattern[str] | None = None) -> list[tuple[int, str]]:
    """(year, the text between it and its "this year", or `phrase`) of each year
    `_this_year_years` finds."""
    this_year = phrase or date_rules().this_year
    if not ("year" in text or "Year" in text or "YEAR" in text) or not this_year.search(text):
        return []
    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)] + [len(text)]
    years: dict[int, list[re.Match[str]]] = {}
    these: dict[int, list[re.Match[str]]] = {}
    for found_in, matches in ((years, whole_words(_YEAR_WORD, text)), (these, this_year.finditer(text))):
        sentence = 0
        for match in matches:
            sentence = bisect_left(breaks, match.start(), lo=sentence)
            found_in.setdefault(sentence, []).append(match)
    found: list[tuple[int, str]] = []
    for sentence in sorted(years.keys() & these.keys()):
        ys, ts = years[sentence], these[sentence]
        # The first year with "this year" after it, and the first "this year" with a year after it.
        year_first = next((y for y in ys if y.end() <= ts[-1].start()), None)
        this_first = next((t for t in ts if t.end() <= ys[-1].start()), None)
        if year_first and (this_first is None or year_first.start() < this_first.start()):
            after = next(t for t in ts if t.start() >= year_first.end())
            found.append((int(year_first.group()), text[year_first.end() : after.start()]))
        elif this_first:
            found.append((int(ys[-1].group()), text[this_first.end() : ys[-1].start()]))
    return found
