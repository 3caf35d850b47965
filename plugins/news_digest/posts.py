"""Post stage: `Article` + `Tags` -> Pelican Markdown text, with article text kept literal."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from functools import cache

from slugify import slugify

from .article import Article, Tags
from .gazetteer import gazetteer

SLUG_MAX_LENGTH = 80
FALLBACK_DATE = dt.date(1970, 1, 1)

# Characters Python-Markdown would read as markup anywhere in a line.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]])")
# Line starts that open a block: headings, quotes, lists, rules, tables, code fences.
_BLOCK_START = re.compile(r"^()([#>+-]|\d+\.)")


def escape_markdown(text: str) -> str:
    """Text that Python-Markdown renders back as exactly `text`, never as markup or HTML."""
    text = " ".join(text.split())
    text = html.escape(text, quote=False)  # & < > become entities: no raw HTML, no autolinks
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    match = _BLOCK_START.match(text)
    if match:
        marker = match.group(2)
        escaped = marker[:-1] + "\\" + marker[-1]
        text = text[: match.start(2)] + escaped + text[match.end(2) :]
    return text


def metadata_value(text: str) -> str:
    """One line of metadata: whitespace collapsed so a value cannot start a new key."""
    return " ".join(str(text).split())


@cache
def base_slug(title: str) -> str:
    return slugify(title, max_length=SLUG_MAX_LENGTH, word_boundary=True) or "article"


def post_date(article: Article) -> dt.date:
    return article.date or article.approximate_date or FALLBACK_DATE


def render_post(article: Article, tags: Tags, slug: str, source_file: str) -> str:
    """The Markdown file for one article."""
    gaz = gazetteer()
    officials = [
        {"name": o.name, "title": o.title, "country": o.country, "registry": o.in_registry}
        for o in tags.officials
    ]
    meta = {
        "Title": article.title,
        "Date": post_date(article).isoformat(),
        "Date_confidence": article.date_confidence,
        "Date_known": article.known_date_parts,
        "Slug": slug,
        "Summary": article.lead or article.paragraphs[0],
        "Dateline": article.dateline or "",
        "Source": article.source or "",
        "Source_file": source_file,
        "Source_url": article.url or "",
        "Content_hash": article.content_hash,
        "Countries": ", ".join(tags.country_codes),
        "Country_names": ", ".join(gaz.countries[c].name for c in tags.country_codes),
        "Organisations": ", ".join(tags.organisations),
        "Officials": json.dumps(officials, ensure_ascii=False, sort_keys=True),
        "Captions": json.dumps(article.captions, ensure_ascii=False),
    }
    lines = [f"{key}: {metadata_value(value)}" for key, value in meta.items() if value != ""]
    paragraphs = article.paragraphs
    if len(paragraphs) > 1 and paragraphs[0] == article.lead:
        paragraphs = paragraphs[1:]  # the page shows the lead already
    body = "\n\n".join(escape_markdown(p) for p in paragraphs)
    return "\n".join(lines) + "\n\n" + body + "\n"
