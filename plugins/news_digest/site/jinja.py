"""What the theme's templates get from the plugin besides the context: filters and globals,
registered through Pelican's `JINJA_FILTERS` and `JINJA_GLOBALS` (see plugin.py)."""

from __future__ import annotations

import datetime as dt

from news_digest.article import DateConfidence


def plural(count: int, singular: str, plural: str | None = None) -> str:
    """`3|plural('article')` is "3 articles", `1|plural('country', 'countries')` "1 country"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def isodate(date: dt.date) -> str:
    """2025-09-16: a `<time datetime>`."""
    return date.strftime("%Y-%m-%d")


def short_date(date: dt.date) -> str:
    """16 Sep 2025"""
    return date.strftime("%-d %b %Y")


def month_year(date: dt.date) -> str:
    """September 2025"""
    return date.strftime("%B %Y")


FILTERS = {"plural": plural, "isodate": isodate, "short_date": short_date, "month_year": month_year}
GLOBALS = {"DateConfidence": DateConfidence}
