"""Every slug the site makes, in one place: the last part of the URL of an article, a country,
an organisation and a person. URLs are a public interface (DESIGN.md's URL scheme): a change here
moves pages that readers and feeds link to."""

from __future__ import annotations

from slugify import slugify

SLUG_MAX_LENGTH = 80  # characters of an article's or a person's slug, cut at a word boundary


def make_slug(text: str, max_length: int = 0, fallback: str = "") -> str:
    """`python-slugify`'s slug of `text`, cut at a word boundary to `max_length` characters (0:
    whole); `fallback` where nothing is left (a text of symbols only)."""
    return slugify(text, max_length=max_length, word_boundary=bool(max_length)) or fallback
