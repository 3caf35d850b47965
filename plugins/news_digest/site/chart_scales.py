"""The time axis and value scales of the charts: months, years, ticks, labels, round numbers."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from news_digest.site.model import is_undated

# Longer spans are drawn a bar per year: a bar per month would be under 2 px on a phone.
YEARLY_AFTER_MONTHS = 60


def month_span(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every (year, month) from `first` to `last`, both included."""
    span, (year, month) = [], first
    while (year, month) <= last:
        span.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return span


def month_label(key: tuple[int, int], short: bool = False) -> str:
    return dt.date(key[0], key[1], 1).strftime("%b %Y" if short else "%B %Y")


def month_ticks(span: list[tuple[int, int]]) -> dict[int, str]:
    """Index -> label of the months that get a label on the axis.

    Long spans: each January, as its year. Spans of two years or less: every third month, the
    first one and each January with the year. Never two labels closer than two months.
    """
    ticks: dict[int, str] = {}
    if len(span) <= 24:
        for i, (year, month) in enumerate(span):
            if i % 3 == 0:
                ticks[i] = f"{dt.date(year, month, 1):%b}" + (f" {year}" if i == 0 or month <= 3 else "")
        return ticks
    for i, (year, month) in enumerate(span):
        if month == 1:
            ticks[i] = str(year)
    first_january = min(ticks, default=len(span))
    if first_january >= 6:
        ticks[0] = str(span[0][0])
    return ticks


def year_ticks(years: list[int], width: float, font: float) -> dict[int, str]:
    """Index -> label of the years that get one: every year, or every 2nd, 5th, 10th... year (on
    round years), so that no two labels (about 2.4 em wide each) come closer than a label's width."""
    band = (width - 4 * font) / max(len(years), 1)
    need = 2 * 0.62 * font * 4  # a label, and as much again between two of them
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if s * band >= need), 100)
    return {i: str(year) for i, year in enumerate(years) if year % step == 0 or step == 1}


def bin_label(key: tuple[int, int], short: bool = False) -> str:
    """A bar's name: its year (`(2025, 0)`) or its month."""
    return f"{key[0]}" if key[1] == 0 else month_label(key, short)


def bin_class(key: tuple[int, int]) -> str:
    return f"y-{key[0]:04d}" if key[1] == 0 else f"m-{key[0]:04d}-{key[1]:02d}"


def nice_ceiling(value: float) -> int:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is >= value (and an integer)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value and float(step * power).is_integer():
            return int(step * power)
    return int(10 * power)


def value_ticks(maximum: int, count: int = 4) -> list[int]:
    """Round, evenly spaced integer ticks from 0 to at least `maximum`."""
    step = nice_ceiling(max(maximum, 1) / count)
    top = step * math.ceil(max(maximum, 1) / step)
    return list(range(0, top + 1, step))


def plural(n: int, word: str = "article") -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class TimeAxis:
    """The archive's time axis, shared by every chart over time: every month from the first to
    the last, and the bars drawn on it (a month each, or a year each over a long span)."""

    def __init__(self, keys: list[tuple[int, int]], width: float, font: float) -> None:
        self.span = month_span(min(keys), max(keys)) if keys else []
        # Over a long span a month is a hairline: bars are years, so that every bar can be seen.
        self.yearly = len(self.span) > YEARLY_AFTER_MONTHS
        if self.yearly:
            first, last = self.span[0][0], self.span[-1][0]
            self.bins: list[tuple[int, int]] = [(year, 0) for year in range(first, last + 1)]
            self.ticks = year_ticks([year for year, _ in self.bins], width, font)
        else:
            self.bins = self.span
            self.ticks = month_ticks(self.span)
        self.position = {key: i for i, key in enumerate(self.bins)}
        self.labels = {key: bin_label(key) for key in self.bins}  # each bar's name, made once
        self.drawn: dict[tuple[Any, ...], Any] = {}  # parts of pictures the same on many charts
        # "January 2022 to December 2025": the span every chart over time names
        self.span_label = f"{month_label(self.span[0])} to {month_label(self.span[-1])}" if self.span else ""
        self._article_bins: dict[int, tuple[int, int] | None] = {}

    def bin_of(self, year: int, month: int) -> tuple[int, int]:
        """The bar an article of (year, month) adds to: its month, or its year ((year, 0))."""
        return (year, 0) if self.yearly else (year, month)

    def bin_of_article(self, article: Any) -> tuple[int, int] | None:
        """The bar of an article, None if undated; each article is on a dozen term charts, so its
        bar is found once."""
        key = self._article_bins.get(id(article), False)
        if key is False:
            key = None if is_undated(article) else self.bin_of(article.date.year, article.date.month)
            self._article_bins[id(article)] = key
        return key

    @property
    def unit(self) -> str:
        return "year" if self.yearly else "month"
