"""The values that flow between stages: a cleaned `Article` and its `Tags`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STATED, INFERRED, UNKNOWN = "stated", "inferred", "unknown"
# Which parts of the date the text gives, when the full date is unknown.
FULL, MONTH_DAY, YEAR, NOTHING = "full", "month-day", "year", "nothing"


@dataclass(frozen=True)
class Official:
    """A person named in an article, with the title the article gives them."""

    name: str  # canonical: the registry's name, one page per person whatever the spelling
    country: str | None = None
    title: str | None = None
    in_registry: bool = True
    written: str | None = None  # the fullest form the article itself writes, where not `name`


@dataclass
class Tags:
    """What an article is about: countries (ISO codes), organisations, officials."""

    country_codes: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)


@dataclass
class Article:
    """One cleaned article; `date` is None when the text does not give it."""

    source_file: str
    title: str
    lead: str | None
    dateline: str | None
    source: str | None
    date: dt.date | None
    date_confidence: str
    paragraphs: list[str]
    captions: list[str]
    # For each caption, how many body paragraphs came before its first appearance.
    caption_anchors: list[int] = field(default_factory=list)
    url: str | None = None
    # Kept for old callers: extraction never sets it (an undated article is filed as undated,
    # never under a guessed date).
    approximate_date: dt.date | None = None
    known_date_parts: str = FULL
    content_hash: str = ""
    # Why the date is what it is (for the import report), and what was odd (a header out of range).
    date_basis: str = ""
    date_warnings: list[str] = field(default_factory=list)
    # (month, day) of the reported event when the text gives no year for it: shown, never filed.
    event_month_day: tuple[int, int] | None = None
    # Whether the text ends with an end marker ("/.", "-VNA"): without one, the body may run on
    # into teasers of other articles.
    end_marker: bool = False
