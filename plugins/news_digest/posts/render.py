"""Post stage: `Article` + `Tags` -> Pelican Markdown text, with article text kept literal."""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache
from urllib.parse import unquote, urlsplit

from news_digest.article import FALLBACK_DATE, Article, DateConfidence, PostFields, Tags
from news_digest.slugs import SLUG_MAX_LENGTH, make_slug
from news_digest.tagging.gazetteer import gazetteer

UNDATED_FOLDER = "undated"
# Stands for the slug in a post rendered before the slug is known (see `fill_slug`). Cleaned text
# never holds a NUL (control characters are removed) and file names cannot either.
SLUG_PLACEHOLDER = "\0slug\0"

# Characters Python-Markdown would read as markup anywhere in a line.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]])")
_MARKUP_CHARACTERS = "\\`*_[]"
# Line starts that open a block: headings, quotes, lists, rules, tables, code fences. Matched
# after a line break, which `re` finds faster than a `^` in multi-line mode.
_BLOCK_START = re.compile(r"\n([#>+-]|\d+\.)")


def escape_markdown(text: str) -> str:
    """Text that Python-Markdown renders back as exactly `text`, never as markup or HTML."""
    return escape_paragraphs([text])


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(1)
    return "\n" + marker[:-1] + "\\" + marker[-1]


def is_collapsed(text: str) -> bool:
    """`collapse_spaces` would leave `text` as it is (most texts): the white space `split`
    splits on, other than the space, is not printable."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def collapse_spaces(text: str) -> str:
    """`" ".join(text.split())`, quick for a text that has nothing to collapse."""
    return text if is_collapsed(text) else " ".join(text.split())


def escape_paragraphs(paragraphs: list[str]) -> str:
    """`escape_markdown` of each paragraph, joined by blank lines. All paragraphs are escaped in
    one pass: a paragraph holds no line break once its white space is collapsed."""
    # A line break starts each. (Joined with spaces, the paragraphs are tested for anything to
    # collapse all at once: a paragraph starting or ending with a space, or empty, makes two.)
    if is_collapsed(" ".join(paragraphs)):
        text = "\n" + "\n\n".join(paragraphs)
    else:
        text = "\n" + "\n\n".join(map(collapse_spaces, paragraphs))
    text = html.escape(text, quote=False)  # & < > become entities: no raw HTML, no autolinks
    if any(char in text for char in _MARKUP_CHARACTERS):  # rare: a quick test first
        text = _INLINE_MARKUP.sub(r"\\\1", text)
    return _BLOCK_START.sub(_escape_block_start, text)[1:]


def metadata_value(text: str) -> str:
    """One line of metadata: whitespace collapsed so a value cannot start a new key."""
    return collapse_spaces(str(text))


@cache
def base_slug(title: str) -> str:
    return make_slug(title, SLUG_MAX_LENGTH, "article")


# The end of a source URL's last part that is not words: the site's id, the page's extension.
_URL_EXTENSION = re.compile(r"\.(?:vnp|html?|php|aspx?|jsp)$", re.IGNORECASE)
_URL_ID = re.compile(r"(?:[-_.](?:post|p|id)?\d+)+$", re.IGNORECASE)
URL_SLUG_WORDS = 3  # words with letters a URL's last part needs to read as a title


def url_slug(url: str | None) -> str | None:
    """The slug of an article's source URL (its `URL:` header) when the URL's last part reads as
    a title ("vietnam-india-discuss-defence-post301234.vnp" -> "vietnam-india-discuss-defence"),
    else None. It is the same for every scrape of the story, whatever the title says now (a
    re-scrape that corrects a misspelt title keeps the article's URL)."""
    if not url:
        return None
    path = urlsplit(url.strip()).path
    last = unquote(path.rstrip("/").rpartition("/")[2])
    last = _URL_ID.sub("", _URL_EXTENSION.sub("", last))
    slug = make_slug(last, SLUG_MAX_LENGTH)
    words = [word for word in slug.split("-") if any(c.isalpha() for c in word)]
    return slug if len(words) >= URL_SLUG_WORDS else None


def article_slug(article: Article) -> str:
    """The last part of an article's URL: from its source URL when that reads as a title (the
    story's identity), else from its title."""
    return url_slug(article.url) or base_slug(article.title)


def post_date(article: Article) -> dt.date:
    return article.date or FALLBACK_DATE


def month_day_text(month_day: tuple[int, int] | None) -> str:
    """ "17 May": the day an undated article gives without its year."""
    return f"{month_day[1]} {dt.date(2000, *month_day):%B}" if month_day else ""


def post_fields(article: Article, tags: Tags, slug: str, source_file: str) -> PostFields:
    """The header of an article's post."""
    countries = gazetteer().countries
    undated = article.date is None
    return PostFields(
        title=article.title,
        date=post_date(article),
        date_confidence=DateConfidence(article.date_confidence),
        date_known=article.known_date_parts,
        date_text=month_day_text(article.event_month_day) if undated else "",
        # An undated article has its own URL, under no year or month (`FALLBACK_DATE` is not shown).
        url=f"{UNDATED_FOLDER}/{slug}/" if undated else "",
        save_as=f"{UNDATED_FOLDER}/{slug}/index.html" if undated else "",
        slug=slug,
        summary=article.lead or article.paragraphs[0],
        dateline=article.dateline or "",
        source=article.source or "",
        source_file=source_file,
        source_url=article.url or "",
        content_hash=article.content_hash,
        countries=tuple(tags.country_codes),
        country_names=tuple(countries[c].name for c in tags.country_codes),
        organisations=tuple(tags.organisations),
        officials=tuple(tags.officials),
        captions=tuple(article.captions),
    )


def render_post(article: Article, tags: Tags, slug: str, source_file: str) -> str:
    """The Markdown file for one article: its header (empty fields left out), then its text."""
    meta = post_fields(article, tags, slug, source_file).to_metadata()
    lines = [f"{key}: {metadata_value(value)}" for key, value in meta.items() if value != ""]
    paragraphs = article.paragraphs
    if len(paragraphs) > 1 and paragraphs[0] == article.lead:
        paragraphs = paragraphs[1:]  # the page shows the lead already
    return "\n".join(lines) + "\n\n" + escape_paragraphs(paragraphs) + "\n"


def fill_slug(post: bytes, slug: str) -> bytes:
    """A post rendered with `SLUG_PLACEHOLDER` (UTF-8), with its slug."""
    return post.replace(SLUG_PLACEHOLDER.encode(), slug.encode())
