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
from collections.abc import Iterator
from dataclasses import dataclass

from news_digest.article import FULL, INFERRED, MONTH_DAY, NOTHING, STATED, UNKNOWN, YEAR, DateConfidence
from news_digest.extract.date_rules import (
    MONTH,
    MONTHS,
    SENTENCE_END,
    YEAR_REGEX,
    date_rules,
    mentions_month,
    month_number,
)
from news_digest.extract.years import infer_year, newest_year
from news_digest.matching import whole_words

log = logging.getLogger(__name__)

# A month, with the day after it ("September 16") and the year when it is written (", 2025");
# a day before it ("16 September", as Nhan Dan and VOV write) is found by `_DAY_BEFORE`. Matches
# start a word (see `whole_words`); starting with the month keeps the search quick.
# A range of days takes the year of its last ("February 25-26, 2025", "May 2 to 4, 2025"): the
# first day is the one kept.
DAY_PATTERN = re.compile(
    rf"({MONTH})(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:(?:\s*[–-]\s*|\s+to\s+)\d{{1,2}}(?:st|nd|rd|th)?\b)?)?"
    rf"(?:,?\s+(\d{{4}})\b)?"
)
_DAY_BEFORE = re.compile(r"(?<!\w)(\d{1,2})(?:st|nd|rd|th)?\s+$")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# "on May 17", "On the evening of November 26", "on Saturday, May 17", "on Tuesday (July 22)": the
# usual way a report gives its event's day.
_ON_BEFORE_DAY = re.compile(
    rf"(?<!\w)[Oo]n(?:\s+the\s+(?:morning|afternoon|evening|night)\s+of)?"
    rf"(?:\s+{_WEEKDAY}(?:\s*,\s*|\s*\(\s*|\s+)|\s+)$"
)
_ISO_DATE = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{1,4})\b")  # as VNA's pages print it
_YEAR_MONTH_DAY = re.compile(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")  # "2025/05/02"
_RANGE_AFTER = re.compile(rf"\s*[–—-]\s*{YEAR_REGEX}")
_BE_BEFORE = re.compile(r"(?<!\w)be\s+$")
_WEEKDAY_BEFORE = re.compile(rf"{_WEEKDAY}\s*$")


PUBLISHED_LINE = "published line"  # the key of a time of publication under the title, unlabelled


@dataclass(frozen=True)
class DateFound:
    """The date and why: `basis` is said in the import report for dates not stated."""

    date: dt.date | None
    confidence: DateConfidence
    known: str  # FULL, MONTH_DAY, YEAR or NOTHING: what the text gives
    basis: str
    warnings: tuple[str, ...] = ()
    month_day: tuple[int, int] | None = None  # the event's day when its year is unknown


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _looked_back_on(text: str, end: int) -> bool:
    """Whether the words after a day, in its sentence or opening the next, look back on it
    ("..., and has since grown", "Since then, ..."); "has since 2019" speaks of another time."""
    rules = date_rules()
    after = " ".join(text[end : end + 20 * rules.after_window].split()[: rules.after_window]).lower()
    return any(
        not after[m.end() :].lstrip()[:1].isdigit() for m in whole_words(rules.historical_after, after)
    )


def _clause_before(text: str, start: int, words: int) -> str:
    """The last `words` words before `start`, within its sentence."""
    before = text[max(0, start - 20 * words) : start]
    ends = [m.end() for m in SENTENCE_END.finditer(before)]
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
    if _looked_back_on(text, end):
        return False  # "on July 28, 1995, and has since ..."
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
        if last and not any(_reported(o, near, last.end()) for o in overriders):
            return False
    return True


def _reported(pattern: re.Pattern[str], text: str, start: int) -> bool:
    """Whether `text[start:]` holds one of `pattern`'s words as a verb of the report, not after
    "be" ("will be held on May 20", "to be opened on" are still to come)."""
    for match in whole_words(pattern, text[start:]):
        at = start + match.start()
        if not _BE_BEFORE.search(text, max(0, at - 8), at):
            return True
    return False


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
        yield month_number(match.group(1)), day, year, start, match.end()


def _days(text: str, after_on: bool = False) -> Iterator[tuple[int, int, int | None]]:
    """(month, day, year or None) of each possible event day in `text` (`after_on`: only those
    written "on <day>")."""
    earliest = date_rules().earliest_article_year
    for month, day, year, start, end in _day_matches(text):
        if after_on and not _ON_BEFORE_DAY.search(text, max(0, start - 40), start):
            continue
        if year and year < earliest:  # history
            continue
        if _valid_date(year or 2000, month, day) and is_event_day(text, start, end):
            yield month, day, year


def _header_date(value: str) -> dt.date | None:
    iso = _ISO_DATE.search(value)
    if iso:
        return _valid_date(*map(int, iso.groups()))
    ymd = _YEAR_MONTH_DAY.search(value)
    if ymd:
        return _valid_date(*map(int, ymd.groups()))
    dmy = _DAY_MONTH_YEAR.search(value)
    if dmy:
        day, month, year = map(int, dmy.groups())
        return _valid_date(year, month, day)
    for month, day, year, _start, _end in _day_matches(value):
        if year:
            return _valid_date(year, month, day)
    return None


def _from_headers(headers: dict[str, str], warnings: list[str]) -> DateFound | None:
    """The date of a `Published:` or `Date:` header, or of the time of publication under the
    title, within the plausible years; a header date outside them is not used, with a warning."""
    rules = date_rules()
    latest = dt.date.today().year + 1
    for key in ("published", "date", PUBLISHED_LINE):
        if key not in headers:
            continue
        stated = _header_date(headers[key])
        if stated and rules.earliest_header_year <= stated.year <= latest:
            where = (
                "the time of publication under the title"
                if key == PUBLISHED_LINE
                else f"'{key.title()}:' header"
            )
            return DateFound(stated, STATED, FULL, where)
        if stated:
            span = f"{rules.earliest_header_year}-{latest}"
            warnings.append(f"'{key.title()}: {headers[key]}' header outside {span}: not used")
            log.warning("header date %r outside %s: not used", headers[key], span)
    return None


def _year_elsewhere(own: list[str], captions: list[str], month: int, day: int) -> int | None:
    """The year of the same day written with its year elsewhere in the text (a caption, often).
    A year of it in the article's own text that an anniversary it names counts from (the year
    plus N not in the future) is the day recalled, not the event's."""
    everything = [*own, *captions]
    latest = dt.date.today().year + 1
    counts = _anniversary_counts(own)
    fewest = min(counts, default=None)
    newest = newest_year(everything)  # once: a day written a thousand times stays linear
    for text in everything:
        if mentions_month(text, month):
            for m, d, y, start, end in _day_matches(text):
                if (
                    (m, d) == (month, day)
                    and y
                    and y >= date_rules().earliest_article_year
                    and not (fewest is not None and y + fewest <= latest and text in own)
                    and is_event_day(text, start, end)
                    and not (newest is not None and newest - y > date_rules().recalled_after_years)
                ):
                    return y
    return None


def _anniversary_counts(texts: list[str]) -> set[int]:
    """The N of each "Nth anniversary" the texts name."""
    rules = date_rules()
    counts: set[int] = set()
    for text in texts:
        lower = text.lower()
        if any(word in lower for word in rules.anniversary_words):
            counts.update(int(m.group(1)) for m in rules.anniversary.finditer(text))
    return counts


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
    year = _year_elsewhere([title, lead or "", *body], captions, month, day)
    if year:
        basis = f"'{name}' in the {where}, its year from '{name}, {year}' elsewhere"
        return DateFound(dt.date(year, month, day), STATED, FULL, basis, tuple(warnings))
    present = infer_year(everything)
    if present and _valid_date(present[0], month, day):
        basis = f"'{name}' in the {where}; {present[1]} gives the year {present[0]}"
        return DateFound(dt.date(present[0], month, day), INFERRED, FULL, basis, tuple(warnings))
    recalled = _anniversary_of_the_day([title, lead or "", *body], month, day)
    if recalled:
        basis = f"'{name}' in the {where}: an anniversary ({recalled[1]} years) of '{name}, {recalled[0]}'"
        return DateFound(
            dt.date(recalled[0] + recalled[1], month, day), INFERRED, FULL, basis, tuple(warnings)
        )
    basis = f"'{name}' in the {where}, and no year for it in the text"
    return DateFound(None, UNKNOWN, MONTH_DAY, basis, tuple(warnings), (month, day))


def _anniversary_of_the_day(own: list[str], month: int, day: int) -> tuple[int, int] | None:
    """(year, N) when the text recalls the event's day with one year and names one Nth
    anniversary: a ceremony "on July 11" for "the 30th anniversary" of ties set up "on July 11,
    1995" is held in 1995 + 30 (never a year after the next)."""
    counts = _anniversary_counts(own)
    years = {
        y
        for text in own
        if mentions_month(text, month)
        for m, d, y, _start, _end in _day_matches(text)
        if (m, d) == (month, day) and y
    }
    if len(counts) == 1 and len(years) == 1:
        year, count = years.pop(), counts.pop()
        if count > 0 and year + count <= dt.date.today().year + 1 and _valid_date(year + count, month, day):
            return year, count
    return None


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
