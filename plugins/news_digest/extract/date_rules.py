"""The date rules: the months' names, the year pattern and the cue phrases of `data/dates.toml`,
compiled once (`date_rules`); `dates.py` and `years.py` read them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from news_digest.data import load_data
from news_digest.matching import trie_regex, words_pattern

# Spelled out: `calendar.month_name` follows the locale, which Pelican sets from its settings.
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# As some agencies abbreviate them, only before a number: "Sept. 8, 2025", "Jan 5".
MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7,
    "Aug": 8, "Sept": 9, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
MONTH = "|".join(MONTHS) + rf"|(?:{'|'.join(MONTH_ABBREVIATIONS)})\.?(?=\s+\d)"
YEAR_REGEX = r"(?:19|20)\d\d"
RANGE_YEAR = re.compile(rf"{YEAR_REGEX}\s*[–—-]\s*{YEAR_REGEX}")
SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n")
# The page's time of publication on a line of its own under the title, without "Published:":
# "Thursday, May 15, 2025 10:30", "15/05/2025 - 10:30 GMT+7", "2025-05-15". A date and a time
# only: a line with any other word is text.
PUBLISHED_TIME = re.compile(
    rf"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:(?:{MONTH})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{MONTH}),?\s+\d{{4}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}})"
    rf"(?:\s*[|,-]?\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\(?(?:GMT|UTC|ICT)[+-]?\d{{0,2}}\)?)?)?$"
)


def month_number(name: str) -> int:
    """1-12 for a month's name as `MONTH` matches it ("September", "Sept.", "Sep")."""
    name = name.rstrip(".")
    return MONTH_ABBREVIATIONS[name] if name in MONTH_ABBREVIATIONS else MONTHS.index(name) + 1


def mentions_month(text: str, month: int) -> bool:
    """Whether `text` may name the month (a quick test before a search for its days)."""
    if MONTHS[month - 1] in text:
        return True
    return any(number == month and name in text for name, number in MONTH_ABBREVIATIONS.items())


@dataclass(frozen=True)
class DateRules:
    earliest_header_year: int
    earliest_article_year: int
    recalled_after_years: int
    target_before: re.Pattern[str]
    window: int
    # Cue phrases, lower-case; the patterns are for `whole_words` on lower-cased text.
    not_event_before: frozenset[str]
    historical: re.Pattern[str]
    historical_after: re.Pattern[str]
    after_window: int
    future: re.Pattern[str]
    event_verbs: re.Pattern[str]
    event_nouns: re.Pattern[str]
    anniversary: re.Pattern[str]
    anniversary_words: tuple[str, ...]  # lower-case: a quick test before `anniversary`
    years_of: re.Pattern[str]
    founding_year: re.Pattern[str]
    present: tuple[YearCue, ...]
    past: tuple[YearCue, ...]
    this_year: re.Pattern[str]
    this_year_phrases: tuple[str, ...]  # lower-case: a quick test before `this_year`
    this_year_window: int
    this_year_contrast: re.Pattern[str]
    near_year: tuple[tuple[str, re.Pattern[str], int], ...]  # (phrase, its pattern, year offset)
    near_year_window: int
    relative_anniversary_links: frozenset[str]
    beside_year: tuple[tuple[re.Pattern[str], int], ...]
    relative_year_phrases: tuple[str, ...]  # lower-case: "last year", "next year" ...


def _phrases(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _lower_words(words: Iterable[str]) -> re.Pattern[str]:
    """Any of `words` (lower-cased), starting with a literal so that `re` searches quickly."""
    return words_pattern(trie_regex(sorted({w.lower() for w in words})))


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_phrases(words)})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class YearCue:
    """A pattern of `present_year` / `past_year`: `needs` a word; `at_year`: it starts with the
    year, so it is tried only where a year is (`re` would try it at every position)."""

    needs: str
    pattern: re.Pattern[str]
    at_year: bool

    def years(self, text: str, year_starts: list[int]) -> Iterator[re.Match[str]]:
        if self.needs not in text:
            return
        if not self.at_year:
            yield from self.pattern.finditer(text)
            return
        for start in year_starts:
            match = self.pattern.match(text, start)
            if match:
                yield match


def _year_patterns(entries: Iterable[dict[str, str]]) -> tuple[YearCue, ...]:
    year = rf"(?<!\d)({YEAR_REGEX})(?!\d)"
    return tuple(
        YearCue(
            e["needs"], re.compile(e["pattern"].replace("{year}", year)), e["pattern"].startswith("{year}")
        )
        for e in entries
    )


@cache
def date_rules() -> DateRules:
    data = load_data("dates")
    beside = []
    for key, offset in (("last_year", 1), ("next_year", -1)):
        phrase = _phrases(data[key])
        pattern = (
            rf"(?<!\w)(?:{phrase})\s*[(,]\s*(?:in\s+)?({YEAR_REGEX})\b"
            rf"|\b({YEAR_REGEX})\s*[(,]\s*(?:{phrase})(?!\w)"
        )
        beside.append((re.compile(pattern, re.IGNORECASE), offset))
    return DateRules(
        earliest_header_year=int(data["earliest_header_year"]),
        earliest_article_year=int(data["earliest_article_year"]),
        recalled_after_years=int(data["recalled_after_years"]),
        target_before=re.compile(rf"(?<!\w)(?:{_phrases(data['target_before'])})\s*$", re.IGNORECASE),
        window=int(data["cue_window"]),
        not_event_before=frozenset(w.lower() for w in data["not_event_before"]),
        historical=_lower_words(data["historical_before"]),
        historical_after=_lower_words(data["historical_after"]),
        after_window=int(data["cue_after_window"]),
        future=_lower_words(data["future_before"]),
        event_verbs=_lower_words(data["event_verbs"]),
        event_nouns=_lower_words(data["event_nouns"]),
        anniversary=re.compile(
            rf"(?<!\d)(\d{{1,3}})(?:st|nd|rd|th)\s+(?:[\w-]+\s+){{0,3}}?(?:{_phrases(data['anniversary_words'])})\b",
            re.IGNORECASE,
        ),
        anniversary_words=tuple(w.lower() for w in data["anniversary_words"]),
        years_of=re.compile(
            rf"(?<!\w)(?:{_phrases(data['years_of_after'])})\s+(\d{{1,3}})\s+years\s+of\b", re.IGNORECASE
        ),
        founding_year=re.compile(
            rf"(?<!\w)(?:{_phrases(data['founding_before_year'])})\s+({YEAR_REGEX})\b", re.IGNORECASE
        ),
        present=_year_patterns(data["present_year"]),
        past=_year_patterns(data["past_year"]),
        this_year=_any_of(data["this_year"]),
        this_year_phrases=tuple(p.lower() for p in data["this_year"]),
        this_year_window=int(data["this_year_window"]),
        this_year_contrast=_lower_words(data["this_year_contrast"]),
        near_year=tuple(
            (
                e["phrase"].lower(),
                re.compile(rf"(?<!\w){re.escape(e['phrase'])}(?!\w)(?!['’]s)", re.IGNORECASE),
                e["offset"],
            )
            for e in data["near_year"]
        ),
        near_year_window=int(data["near_year_window"]),
        relative_anniversary_links=frozenset(w.lower() for w in data["relative_anniversary_links"]),
        beside_year=tuple(beside),
        relative_year_phrases=tuple(p.lower() for p in (*data["last_year"], *data["next_year"])),
    )
