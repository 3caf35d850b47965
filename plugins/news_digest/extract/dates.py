"""The article's own date (DESIGN.md's contract): the day of the event it reports or the day it
was filed, with a year only where the article's own text gives one.

A day the article recalls (a founding, an independence day), a deadline or an event still to
come is never its date; a day without a year gets one only from the text (the same day with its
year elsewhere, "2022 marks ...", an anniversary with its range), never from outside knowledge.
A wrong date is worse than none: where the text is unclear the date is left unknown. The cue
phrases are data (`data/dates.toml`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from news_digest.article import FULL, INFERRED, MONTH_DAY, NOTHING, STATED, UNKNOWN, YEAR
from news_digest.data import load_data
from news_digest.matching import has_whole_word, trie_regex, whole_words, words_pattern

log = logging.getLogger(__name__)

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
MONTH = "|".join(MONTHS)
_YEAR = r"(?:19|20)\d\d"
# A month, with the day after it ("September 16") and the year when it is written (", 2025");
# a day before it ("16 September", as Nhan Dan and VOV write) is found by `_DAY_BEFORE`. Matches
# start a word (see `whole_words`); starting with the month keeps the search quick.
DAY_PATTERN = re.compile(rf"({MONTH})(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(\d{{4}})\b)?")
_DAY_BEFORE = re.compile(r"(?<!\w)(\d{1,2})(?:st|nd|rd|th)?\s+$")
# "on May 17", "On the evening of November 26": the usual way a report gives its event's day.
_ON_BEFORE_DAY = re.compile(r"(?<!\w)[Oo]n(?:\s+the\s+(?:morning|afternoon|evening|night)\s+of)?\s+$")
_ISO_DATE = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{1,4})\b")  # as VNA's pages print it
RANGE_YEAR = re.compile(rf"{_YEAR}\s*[–—-]\s*{_YEAR}")
_RANGE_AFTER = re.compile(rf"\s*[–—-]\s*{_YEAR}")
_SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n")
_ANY_YEAR = re.compile(_YEAR)
_LONE_YEAR = re.compile(rf"{_YEAR}(?!\d)")
_DIGIT = re.compile(r"\d")
_YEAR_WORD = re.compile(rf"{_YEAR}\b")
_SENTENCE_BREAK = re.compile(r"\.(?=\s)|\n")


@dataclass(frozen=True)
class DateFound:
    """The date and why: `basis` is said in the import report for dates not stated."""

    date: dt.date | None
    confidence: str
    known: str  # FULL, MONTH_DAY, YEAR or NOTHING: what the text gives
    basis: str
    warnings: tuple[str, ...] = ()
    month_day: tuple[int, int] | None = None  # the event's day when its year is unknown


@dataclass(frozen=True)
class DateRules:
    earliest_header_year: int
    recalled_after_years: int
    target_before: re.Pattern[str]
    window: int
    # Cue phrases, lower-case; the patterns are for `whole_words` on lower-cased text.
    not_event_before: frozenset[str]
    historical: re.Pattern[str]
    future: re.Pattern[str]
    event_verbs: re.Pattern[str]
    event_nouns: re.Pattern[str]
    anniversary: re.Pattern[str]
    anniversary_words: tuple[str, ...]  # lower-case: a quick test before `anniversary`
    founding_year: re.Pattern[str]
    present: tuple[YearCue, ...]
    past: tuple[YearCue, ...]
    this_year: re.Pattern[str]
    this_year_phrases: tuple[str, ...]  # lower-case: a quick test before `this_year`
    beside_year: tuple[tuple[re.Pattern[str], int], ...]


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
    year = rf"(?<!\d)({_YEAR})(?!\d)"
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
            rf"(?<!\w)(?:{phrase})\s*[(,]\s*(?:in\s+)?({_YEAR})\b|\b({_YEAR})\s*[(,]\s*(?:{phrase})(?!\w)"
        )
        beside.append((re.compile(pattern, re.IGNORECASE), offset))
    return DateRules(
        earliest_header_year=int(data["earliest_header_year"]),
        recalled_after_years=int(data["recalled_after_years"]),
        target_before=re.compile(rf"(?<!\w)(?:{_phrases(data['target_before'])})\s*$", re.IGNORECASE),
        window=int(data["cue_window"]),
        not_event_before=frozenset(w.lower() for w in data["not_event_before"]),
        historical=_lower_words(data["historical_before"]),
        future=_lower_words(data["future_before"]),
        event_verbs=_lower_words(data["event_verbs"]),
        event_nouns=_lower_words(data["event_nouns"]),
        anniversary=re.compile(
            rf"(?<!\d)(\d{{1,3}})(?:st|nd|rd|th)\s+(?:[\w-]+\s+){{0,3}}?(?:{_phrases(data['anniversary_words'])})\b",
            re.IGNORECASE,
        ),
        anniversary_words=tuple(w.lower() for w in data["anniversary_words"]),
        founding_year=re.compile(
            rf"(?<!\w)(?:{_phrases(data['founding_before_year'])})\s+({_YEAR})\b", re.IGNORECASE
        ),
        present=_year_patterns(data["present_year"]),
        past=_year_patterns(data["past_year"]),
        this_year=_any_of(data["this_year"]),
        this_year_phrases=tuple(p.lower() for p in data["this_year"]),
        beside_year=tuple(beside),
    )


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _clause_before(text: str, start: int, words: int) -> str:
    """The last `words` words before `start`, within its sentence."""
    before = text[max(0, start - 20 * words) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    clause = before[ends[-1] :] if ends else before
    return " ".join(clause.split()[-words:])


def is_event_day(text: str, start: int, end: int) -> bool:
    """Whether the day written at `text[start:end]` can be the reported event's own day."""
    rules = date_rules()
    opening = text.rfind("(", 0, start)
    if opening > text.rfind(")", 0, start) and not _WEEKDAY_BEFORE.search(
        text, max(0, opening - 12), opening
    ):
        return False  # "(September 2)", "(June 25, 1975)"; but "on Monday (September 16)" is the day
    if _RANGE_AFTER.match(text, end):  # "September 2, 1945-2022"
        return False
    near = _clause_before(text, start, rules.window).lower()
    last_words = near.rsplit(None, 2)
    if last_words and (
        last_words[-1] in rules.not_event_before or " ".join(last_words[-2:]) in rules.not_event_before
    ):
        return False  # "by May 2", "ahead of May 2": no "on" comes between
    for cues, overriders in (
        (rules.historical, (rules.event_verbs, rules.event_nouns)),
        (rules.future, (rules.event_verbs,)),
    ):
        last = None
        for last in whole_words(cues, near):  # noqa: B007 - the last cue is wanted
            pass
        if last and not any(has_whole_word(o, near[last.end() :]) for o in overriders):
            return False
    return True


def _day_matches(text: str) -> Iterator[tuple[int, int, int | None, int, int]]:
    """(month, day, year or None, start, end) of each day written in `text`."""
    for match in whole_words(DAY_PATTERN, text):
        start = match.start()
        if match.group(2):
            day = int(match.group(2))
        else:
            before = _DAY_BEFORE.search(text, max(0, start - 8), start)
            if before is None:
                continue
            day, start = int(before.group(1)), before.start()
        year = int(match.group(3)) if match.group(3) else None
        yield MONTHS.index(match.group(1)) + 1, day, year, start, match.end()


def _days(text: str, after_on: bool = False) -> Iterator[tuple[int, int, int | None]]:
    """(month, day, year or None) of each possible event day in `text` (`after_on`: only those
    written "on <day>")."""
    for month, day, year, start, end in _day_matches(text):
        if after_on and not _ON_BEFORE_DAY.search(text, max(0, start - 40), start):
            continue
        if _valid_date(year or 2000, month, day) and is_event_day(text, start, end):
            yield month, day, year


def _header_date(value: str) -> dt.date | None:
    iso = _ISO_DATE.search(value)
    if iso:
        return _valid_date(*map(int, iso.groups()))
    dmy = _DAY_MONTH_YEAR.search(value)
    if dmy:
        day, month, year = map(int, dmy.groups())
        return _valid_date(year, month, day)
    for month, day, year, _start, _end in _day_matches(value):
        if year:
            return _valid_date(year, month, day)
    return None


def _from_headers(headers: dict[str, str], warnings: list[str]) -> DateFound | None:
    """The date of a `Published:` or `Date:` header within the plausible years; a header date
    outside them is not used, with a warning."""
    rules = date_rules()
    latest = dt.date.today().year + 1
    for key in ("published", "date"):
        if key not in headers:
            continue
        stated = _header_date(headers[key])
        if stated and rules.earliest_header_year <= stated.year <= latest:
            return DateFound(stated, STATED, FULL, f"'{key.title()}:' header")
        if stated:
            span = f"{rules.earliest_header_year}-{latest}"
            warnings.append(f"'{key.title()}: {headers[key]}' header outside {span}: not used")
            log.warning("header date %r outside %s: not used", headers[key], span)
    return None


def _year_elsewhere(everything: list[str], month: int, day: int) -> int | None:
    """The year of the same day written with its year elsewhere in the text (a caption, often)."""
    for text in everything:
        if MONTHS[month - 1] in text:
            for m, d, y, start, end in _day_matches(text):
                if (
                    (m, d) == (month, day)
                    and y
                    and is_event_day(text, start, end)
                    and not _long_before(y, everything)
                ):
                    return y
    return None


def find_date(
    headers: dict[str, str],
    title: str,
    lead: str | None,
    body: list[str],
    captions: list[str],
    dateline_day: tuple[int, int, int | None] | None = None,
) -> DateFound:
    """The article's date from its header or its own text, and why (see the module's doc)."""
    rules = date_rules()
    warnings: list[str] = []
    from_header = _from_headers(headers, warnings)
    if from_header:
        return from_header
    everything = [title, lead or "", *body, *captions]
    found = _event_day(title, lead, body, dateline_day)
    if found is None:
        present = infer_year(everything)
        if present:
            basis = f"no day and month of the event in the text; {present[1]} gives the year {present[0]}"
            return DateFound(None, UNKNOWN, YEAR, basis, tuple(warnings))
        return DateFound(None, UNKNOWN, NOTHING, "no day and month of the event in the text", tuple(warnings))
    month, day, year, where = found
    name = f"{MONTHS[month - 1]} {day}"
    if year:
        present = infer_year(everything)
        if present and present[0] > year:  # a day of a year the text presents as past
            basis = f"'{name}, {year}' is before the year the text presents as its own ({present[0]})"
            return DateFound(None, UNKNOWN, MONTH_DAY, basis, tuple(warnings), (month, day))
        newest = newest_year(everything)
        if newest and newest - year > rules.recalled_after_years:
            basis = f"'{name}, {year}' is long before the newest year the text mentions ({newest}): recalled"
            return DateFound(None, UNKNOWN, MONTH_DAY, basis, tuple(warnings), (month, day))
        return DateFound(
            dt.date(year, month, day), STATED, FULL, f"'{name}, {year}' in the {where}", tuple(warnings)
        )
    year = _year_elsewhere(everything, month, day)
    if year:
        basis = f"'{name}' in the {where}, its year from '{name}, {year}' elsewhere"
        return DateFound(dt.date(year, month, day), STATED, FULL, basis, tuple(warnings))
    present = infer_year(everything)
    if present and _valid_date(present[0], month, day):
        basis = f"'{name}' in the {where}; {present[1]} gives the year {present[0]}"
        return DateFound(dt.date(present[0], month, day), INFERRED, FULL, basis, tuple(warnings))
    basis = f"'{name}' in the {where}, and no year for it in the text"
    return DateFound(None, UNKNOWN, MONTH_DAY, basis, tuple(warnings), (month, day))


def _event_day(
    title: str, lead: str | None, body: list[str], dateline_day: tuple[int, int, int | None] | None
) -> tuple[int, int, int | None, str] | None:
    """The reported event's day: the dateline's, else the first possible one in the lead, the
    first paragraph or the title, else the first "on <day>" in the rest of the body."""
    if dateline_day and _valid_date(dateline_day[2] or 2000, dateline_day[0], dateline_day[1]):
        return (*dateline_day, "dateline")
    for where, text in (("lead", lead), ("first paragraph", body[0] if body else None), ("title", title)):
        for found in _days(text or ""):
            return (*found, where)
    for text in body[1:]:
        for found in _days(text, after_on=True):
            return (*found, "body")
    return None


def _long_before(year: int, texts: list[str]) -> bool:
    newest = newest_year(texts)
    return newest is not None and newest - year > date_rules().recalled_after_years


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
        if any(word in lower for word in rules.anniversary_words):
            for year, cue in _anniversary_years(text):
                present.setdefault(year, cue)
        plain = RANGE_YEAR.sub(" ", text) if _DASH.search(text) else text
        if any(phrase in lower for phrase in rules.this_year_phrases):
            # "since 2023", "by 2030": never the year "this year" speaks of.
            for year in _this_year_years(_mask_not_present(plain)):
                present.setdefault(year, f"'{year} ... this year'")
        year_starts = [m.start() for m in _ANY_YEAR.finditer(plain)]
        for cue in rules.present:
            for match in cue.years(plain, year_starts):
                present.setdefault(int(match.group(1)), f"'{_short(match.group())}'")
        if "year" in lower:
            for pattern, offset in rules.beside_year:
                for match in pattern.finditer(plain):
                    year = int(match.group(1) or match.group(2))
                    present.setdefault(year + offset, f"'{_short(match.group())}'")
        for cue in rules.past:
            past.update(int(m.group(1)) for m in cue.years(plain, year_starts))
    candidates = {year: cue for year, cue in present.items() if not past or year > max(past)}
    if len(candidates) == 1:
        return next(iter(candidates.items()))
    return None


_DASH = re.compile("[–—-]")
_WEEKDAY_BEFORE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*$")
_NOT_PRESENT_BEFORE = re.compile(r"(?:since|by|until|till|through|Vision)\s+$")


def _mask_not_present(text: str) -> str:
    """`text` with the years after "since", "by" ... blanked (looked for only where a year is)."""
    for match in _ANY_YEAR.finditer(text):
        if _NOT_PRESENT_BEFORE.search(text, max(0, match.start() - 10), match.start()):
            text = text[: match.start()] + " " * len(match.group()) + text[match.end() :]
    return text


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _anniversary_years(text: str) -> Iterator[tuple[int, str]]:
    """An Nth anniversary with the range it spans (`(1995-2025)`, N = 30) or its founding year
    (`set up in 1974`): the year it is celebrated."""
    rules = date_rules()
    for match in rules.anniversary.finditer(text):
        count = int(match.group(1))
        sentence = _SENTENCE_END.search(text, match.end())
        rest = text[match.end() : sentence.start() if sentence else len(text)]
        for span in re.finditer(rf"({_YEAR})\s*[–—-]\s*({_YEAR})", rest):
            first, last = int(span.group(1)), int(span.group(2))
            if last - first == count:
                yield last, f"'{_short(match.group() + rest[: span.end()])}'"
        for founding in rules.founding_year.finditer(rest):
            yield int(founding.group(1)) + count, f"'{_short(match.group() + rest[: founding.end()])}'"


def _this_year_years(text: str) -> list[int]:
    r"""Years said to be "this year": in each sentence, the first year followed later by
    "this year", or else the last year after a "this year" (whichever comes first).

    The same result as `finditer` of the pattern
    `\b(YEAR)\b(?:(?!\.\s).)*\bthis year\b|\bthis year\b(?:(?!\.\s).)*\b(YEAR)\b`, but in linear
    time and memory: that pattern backtracks over the rest of the line for every year in it.
    """
    this_year = date_rules().this_year
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
    found: list[int] = []
    for sentence in sorted(years.keys() & these.keys()):
        ys, ts = years[sentence], these[sentence]
        # The first year with "this year" after it, and the first "this year" with a year after it.
        year_first = next((y for y in ys if y.end() <= ts[-1].start()), None)
        this_first = next((t for t in ts if t.end() <= ys[-1].start()), None)
        if year_first and (this_first is None or year_first.start() < this_first.start()):
            found.append(int(year_first.group()))
        elif this_first:
            found.append(int(ys[-1].group()))
    return found
