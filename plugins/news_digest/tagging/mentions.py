"""What the people finder records: each mention of a person in the text, and the article's
people with their aliases (`people.py` finds them, `short_forms.py` adds the short forms)."""

from __future__ import annotations

from dataclasses import dataclass, field

from news_digest.tagging.gazetteer import Person


@dataclass
class Mention:
    start: int
    end: int
    name: str  # canonical name
    title: str | None = None
    country: str | None = None


@dataclass
class Found:
    """People found in one article, with their mentions in text order."""

    mentions: list[Mention] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
