"""The values that flow between stages: a cleaned `Article`, its `Tags`, and the `PostFields`
of its post (the one seam between the posts and the site: written and read only here)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class DateConfidence(StrEnum):
    """How the article's date is known; the values are what posts carry (`Date_confidence:`)."""

    STATED = "stated"  # the text gives the full date
    INFERRED = "inferred"  # the day and month are given, the year comes from the text
    UNKNOWN = "unknown"  # no date: the article is filed as undated

    @classmethod
    def parse(cls, text: str | None) -> DateConfidence:
        """The value of a post's field; a post without one (or with a word we do not know) is read
        as stated, as the site always has."""
        try:
            return cls(text)
        except ValueError:
            return cls.STATED


STATED, INFERRED, UNKNOWN = DateConfidence.STATED, DateConfidence.INFERRED, DateConfidence.UNKNOWN
# Pelican needs a date for every post: an undated article's post gets this, only to be ordered after
# the dated ones. It is never shown: the site files such an article under "Undated".
FALLBACK_DATE = dt.date(1970, 1, 1)
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
    date_confidence: DateConfidence
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


# `json.dumps` with options builds an encoder for every call.
_JSON = json.JSONEncoder(ensure_ascii=False)
_JSON_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class PostFields:
    """The metadata header of a post: `to_metadata` gives what `posts/render.py` writes, in order,
    and `from_metadata` reads it back from Pelican's metadata (keys lower-cased, the date parsed;
    a field left out of the header, as empty ones are, reads as empty)."""

    title: str
    date: dt.date  # `FALLBACK_DATE` when the text gives none
    date_confidence: DateConfidence = DateConfidence.STATED
    date_known: str = FULL  # which parts of the date the text gives
    date_text: str = ""  # "17 May": the day an undated article gives without its year
    url: str = ""  # set for an undated article only (its own folder); else Pelican's pattern
    save_as: str = ""
    slug: str = ""
    summary: str = ""
    dateline: str = ""
    source: str = ""
    source_file: str = ""
    source_url: str = ""
    content_hash: str = ""
    countries: tuple[str, ...] = ()  # ISO codes
    country_names: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    officials: tuple[Official, ...] = ()
    captions: tuple[str, ...] = ()

    def to_metadata(self) -> dict[str, str]:
        """The header's fields as text, keyed as the post writes them."""
        officials = [
            {"name": o.name, "title": o.title, "country": o.country, "registry": o.in_registry}
            for o in self.officials
        ]
        return {
            "Title": self.title,
            "Date": self.date.isoformat(),
            "Date_confidence": self.date_confidence.value,
            "Date_known": self.date_known,
            "Date_text": self.date_text,
            "Url": self.url,
            "Save_as": self.save_as,
            "Slug": self.slug,
            "Summary": self.summary,
            "Dateline": self.dateline,
            "Source": self.source,
            "Source_file": self.source_file,
            "Source_url": self.source_url,
            "Content_hash": self.content_hash,
            "Countries": ", ".join(self.countries),
            "Country_names": ", ".join(self.country_names),
            "Organisations": ", ".join(self.organisations),
            "Officials": _JSON_SORTED.encode(officials),
            "Captions": _JSON.encode(list(self.captions)),
        }

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any]) -> PostFields:
        """The fields of a post as Pelican read them (or as `to_metadata` gives them)."""
        meta = {key.lower(): value for key, value in metadata.items()}

        def text(key: str) -> str:
            return str(meta.get(key) or "")

        date = meta.get("date") or FALLBACK_DATE
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        elif isinstance(date, dt.datetime):  # Pelican's
            date = date.date()
        return cls(
            title=text("title"),
            date=date,
            date_confidence=DateConfidence.parse(meta.get("date_confidence")),
            date_known=text("date_known") or FULL,
            **{key: text(key) for key in _TEXT_FIELDS},
            countries=_parse_list(meta.get("countries")),
            country_names=_parse_list(meta.get("country_names")),
            organisations=_parse_list(meta.get("organisations")),
            officials=_parse_officials(meta.get("officials")),
            captions=tuple(c for c in _parse_json(meta.get("captions")) if isinstance(c, str)),
        )


_TEXT_FIELDS = (
    "date_text",
    "url",
    "save_as",
    "slug",
    "summary",
    "dateline",
    "source",
    "source_file",
    "source_url",
    "content_hash",
)


def _parse_list(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def _parse_json(value: str | None) -> list:
    """A JSON list of a post's field; a damaged one reads as empty."""
    try:
        data = json.loads(value or "[]")
    except json.JSONDecodeError:
        return []
    return data if isinstance(data, list) else []


def _parse_officials(value: str | None) -> tuple[Official, ...]:
    return tuple(
        Official(d["name"], d.get("country"), d.get("title"), d.get("registry", True))
        for d in _parse_json(value)
        if isinstance(d, dict) and d.get("name")
    )
