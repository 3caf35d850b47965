"""Clean stage: raw scraped text -> `Article` (title, lead, dateline, date, body, captions).

The raw text is line-oriented: every non-empty line is a title, lead, caption, image file
name, spam, a body paragraph or a teaser after the end marker `/.`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .article import FULL, INFERRED, MONTH_DAY, NOTHING, STATED, UNKNOWN, YEAR, Article
from .data import load_data
from .matching import has_whole_word, whole_words, words_pattern
from .normalise import normalise, symbols_only_title


class ExtractionError(ValueError):
    """The text cannot be read as an article; the message says why."""


# Everything outside these ranges is injected noise: emoji, symbols, letters of other
# scripts. Kept: ASCII, Latin-1, Latin Extended A/B and Additional (Vietnamese), combining
# accents, general punctuation, currency signs, a few letterlike symbols.
_ALLOWED = (
    "\t\n\x20-\x7e\xa1-\xac\xae-\xff\u0100-\u024f\u0300-\u036f\u1e00-\u1eff"
    "\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2116\u2122\u2212"
)
# Characters outside the kept ranges: odd spaces become spaces, the others (injected symbols,
# zero-width characters) are dropped. Written `[^...][^...]*` rather than `[^...]+` so that `re`
# skips quickly to the first such character.
_NOT_KEPT = re.compile(f"[^{_ALLOWED}][^{_ALLOWED}]*")
_SPACES = frozenset("\u00a0\u1680\u202f\u205f\u3000") | frozenset(map(chr, range(0x2000, 0x200B)))
_MULTISPACE = re.compile(r"[ \t]{2,}")

_HEADER = re.compile(r"^(published|date|url|source)\s*:\s*(\S.*)$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'’ ,-]{0,40}?)\s*\((?P<source>VNA|VNS|VNP|VOV|VNA/VNS|VNA/VNP)\)"
    r"\s*[–—-]+\s*(?P<rest>\S.*)$"
)
_END_MARKER = re.compile(r"/\.\s*$")
# Spelled out: `calendar.month_name` follows the locale, which Pelican sets from its settings.
_MONTHS = [
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
_MONTH = "|".join(_MONTHS)
# Month-day dates; they start a word, which `whole_words` checks (a leading `\b` is slower).
_MONTH_DAY = re.compile(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?")
_ON_MONTH_DAY = re.compile(rf"on\s+({_MONTH})\s+(\d{{1,2}})\b")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = r"(?:19|20)\d\d"
_RANGE_YEAR = re.compile(rf"{_YEAR}\s*[–—-]\s*{_YEAR}|{_YEAR}\s*[–—-]\s*{_YEAR}")


@dataclass(frozen=True)
class NoiseRules:
    spam: re.Pattern[str]  # for `whole_words`
    spam_max_words: int
    teaser_headings: frozenset[str]  # lower-case
    teaser_length: int  # of the longest heading
    caption: re.Pattern[str]
    image_file: re.Pattern[str]
    image_extension: re.Pattern[str]  # the end of `image_file`: a quick test before it


@cache
def noise_rules() -> NoiseRules:
    data = load_data("noise")
    spam_words = sorted(data["spam"], key=len, reverse=True)
    credits = "|".join(re.escape(c) for c in data["caption_credits"])
    extensions = "|".join(re.escape(e) for e in data["image_extensions"])
    return NoiseRules(
        spam=words_pattern("|".join(map(re.escape, spam_words))),
        spam_max_words=int(data["spam_max_words"]),
        teaser_headings=frozenset(h.lower() for h in data["teaser_headings"]),
        teaser_length=max((len(h.lower()) for h in data["teaser_headings"]), default=0),
        caption=re.compile(rf"\((?:{credits})\s*:[^()]*\)\.?$", re.IGNORECASE),
        image_file=re.compile(rf"^[^\s/\\][^/\\]*\.(?:{extensions})$", re.IGNORECASE),
        image_extension=re.compile(rf"\.(?:{extensions})$", re.IGNORECASE),
    )


def _kept(match: re.Match[str]) -> str:
    """What stays of a run of characters outside the kept ranges: a space for each odd space."""
    return "".join(" " for char in match.group() if char in _SPACES)


def normalise_text(text: str) -> str:
    """Unicode-normalise (look-alike letters and combining marks too: normalise.py) and drop
    injected symbols, zero-width characters and odd spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = normalise(text)
    return _NOT_KEPT.sub(_kept, text)


def tidy_line(line: str) -> str:
    return _collapse_spaces(line.strip())


def _collapse_spaces(text: str) -> str:
    """Runs of spaces and tabs -> one space. Most texts have none, and `re` would stop at every
    space to look for one: a substring test finds out first."""
    return _MULTISPACE.sub(" ", text) if "  " in text or "\t" in text else text


def _bare(text: str) -> str:
    return text.replace("{", " ").replace("}", " ").replace("|", " ").lower()


def _may_be_spam(line: str) -> bool:
    """False when `is_spam` is sure to be: a tidy line (single spaces) with no tab and no `{}|`
    has one word more than it has spaces, and a spam line has few words."""
    if "{" in line or "}" in line or "|" in line or "\t" in line:
        return True
    return line.count(" ") < noise_rules().spam_max_words


def is_teaser_heading(line: str) -> bool:
    rules = noise_rules()
    # Lower-casing never shortens a text: a longer line is no heading, and needs no lower-casing.
    return len(line) <= rules.teaser_length and line.lower() in rules.teaser_headings


def is_spam(line: str) -> bool:
    rules = noise_rules()
    bare = _bare(line)
    if not has_whole_word(rules.spam, bare):
        return False
    repeated_blocks = re.fullmatch(r"(\{[^{}]*\}\|?\s*)+", line) is not None
    return repeated_blocks or len(bare.split()) <= rules.spam_max_words


def is_caption(line: str) -> bool:
    return noise_rules().caption.search(line) is not None


def is_image_file(line: str) -> bool:
    rules = noise_rules()
    if not rules.image_extension.search(line, max(0, len(line) - 8)):
        return False
    return rules.image_file.match(line) is not None


def content_lines(raw: str) -> tuple[dict[str, str], list[str]]:
    """Split normalised text into header fields and tidy, non-noise lines."""
    headers: dict[str, str] = {}
    lines: list[str] = []
    # Runs of spaces never cross a line end, so they are collapsed in one pass (as `tidy_line`).
    tidy = [line.strip() for line in _collapse_spaces(normalise_text(raw)).split("\n")]
    for line in tidy:
        if not line or (_may_be_spam(line) and is_spam(line)) or is_image_file(line):
            continue
        header = None if lines else _HEADER.match(line)  # headers come before the text
        if header:
            headers[header.group(1).lower()] = header.group(2).strip()
            continue
        lines.append(line)
    return headers, lines


def extract(raw: str, source_file: str) -> Article:
    """Turn raw article text into an `Article`; raises `ExtractionError` when it is not one."""
    headers, lines = content_lines(raw)
    if not lines:
        raise ExtractionError("no text left after removing noise (empty, or spam only)")
    if symbols_only_title(raw, lines[0], lambda line: tidy_line(normalise_text(line))):
        raise ExtractionError("no title: the title line is only emoji or symbols (nothing left once cleaned)")
    title = lines[0].removesuffix("/.").strip()
    if not title:
        raise ExtractionError("no title: the first line is only the end marker '/.'")
    if is_caption(title) or _DATELINE.match(title):
        raise ExtractionError("no title: the first line is a caption or the dateline paragraph")
    rest = lines[1:]
    lead = None
    if rest and not is_caption(rest[0]) and not _DATELINE.match(rest[0]) and not is_teaser_heading(rest[0]):
        lead, rest = rest[0], rest[1:]
        if _END_MARKER.search(lead):  # the article ends with its lead; what follows are teasers
            lead, rest = _END_MARKER.sub("", lead).strip() or None, []

    captions: list[str] = []
    seen_captions: set[str] = set()  # a set beside the list: thousands of captions stay linear
    anchors: list[int] = []
    body: list[str] = []
    dateline = source = None
    started = False
    for line in rest:
        if is_caption(line):
            if line not in seen_captions:
                seen_captions.add(line)
                captions.append(line)
                anchors.append(len(body) if started else 0)
            continue
        if not started:
            match = _DATELINE.match(line)
            if match:
                dateline, source = match.group("place").strip(" ,"), match.group("source")
                line = match.group("rest")
                body.clear()  # stray lines between lead and dateline are not the body
                started = True
        if is_teaser_heading(line):
            break
        ended = _END_MARKER.search(line) is not None
        line = _END_MARKER.sub("", line).strip() if ended else line.strip()
        if line and (not body or body[-1] != line):
            body.append(line)
        if ended:
            break
    if lead and lead.endswith("/."):
        lead = lead.removesuffix("/.").strip()
    if not body and lead:
        body = [lead]
    if not body:
        raise ExtractionError("no body: nothing but a title and captions")

    date, confidence, approximate, known = find_date(headers, title, lead, body, captions)
    article = Article(
        source_file=source_file,
        title=title,
        lead=lead,
        dateline=dateline,
        source=source or ("VNA" if dateline else None),
        date=date,
        date_confidence=confidence,
        paragraphs=body,
        captions=captions,
        caption_anchors=anchors,
        url=headers.get("url"),
        approximate_date=approximate,
        known_date_parts=known,
    )
    article.content_hash = hash_article(article)
    return article


def hash_article(article: Article) -> str:
    """A hash of what the reader sees, so that noise-only differences compare equal."""
    digest = hashlib.sha256()
    for part in (article.title, article.lead or "", *article.paragraphs, *article.captions):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(str(article.date or article.approximate_date).encode())
    return digest.hexdigest()[:16]


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day(texts: Iterable[str], pattern: re.Pattern[str]) -> tuple[int, int, int | None] | None:
    for text in texts:
        for match in whole_words(pattern, text):
            month, day = _MONTHS.index(match.group(1)) + 1, int(match.group(2))
            year = int(match.group(3)) if pattern.groups >= 3 and match.group(3) else None
            if _valid_date(year or 2000, month, day):
                return month, day, year
    return None


def find_date(
    headers: dict[str, str], title: str, lead: str | None, body: list[str], captions: list[str]
) -> tuple[dt.date | None, str, dt.date | None, str]:
    """Return (date, confidence, approximate date for ordering, which parts the text gives)."""
    for key in ("published", "date"):
        if key in headers:
            iso = _ISO_DATE.search(headers[key])
            stated = iso and _valid_date(*map(int, iso.groups()))
            if stated:
                return stated, STATED, None, FULL
            found = _month_day([headers[key]], _MONTH_DAY)
            if found and found[2]:
                return dt.date(found[2], found[0], found[1]), STATED, None, FULL

    head = [text for text in (body[0], lead, title) if text]
    found = _month_day(head, _MONTH_DAY) or _month_day(body[1:], _ON_MONTH_DAY)
    everything = [title, lead or "", *body, *captions]
    if found:
        month, day, year = found
        if year:
            return dt.date(year, month, day), STATED, None, FULL
        name = _MONTHS[month - 1]
        for text in everything:  # the same day with its year elsewhere (a caption, often)
            if name not in text:  # most texts: skipped at once
                continue
            for match in whole_words(_MONTH_DAY, text):
                same_day = match.group(1) == name and int(match.group(2)) == day
                if same_day and match.group(3):
                    return dt.date(int(match.group(3)), month, day), STATED, None, FULL
        dated = _with_years(everything)  # once for both
        year = infer_year(dated)
        if year and _valid_date(year, month, day):
            return dt.date(year, month, day), INFERRED, None, FULL
        approximate_year = year or likely_year(dated)
        approx = _valid_date(approximate_year, month, day) if approximate_year else None
        return None, UNKNOWN, approx, MONTH_DAY
    dated = _with_years(everything)
    year = infer_year(dated) or likely_year(dated)
    return None, UNKNOWN, dt.date(year, 1, 1) if year else None, YEAR if year else NOTHING


# A year the article presents as its own present: "this year" next to a year in the same
# sentence (see `_this_year_years`), or the current ASEAN chairmanship ("Malaysia's ASEAN
# Chairmanship 2025", "the 2025 ASEAN Chair").
# (These patterns start a word: see `whole_words`.)
_PRESENT_YEAR = re.compile(rf"Chairmanship\s+({_YEAR})\b|({_YEAR})\s+(?:ASEAN\s+)?Chair(?:manship)?\b")
_YEAR_WORD = re.compile(rf"{_YEAR}\b")
_THIS_YEAR = re.compile(r"\bthis year\b", re.IGNORECASE)
# Where a sentence ends for "this year": a full stop before white space, or a line end.
_SENTENCE_BREAK = re.compile(r"\.(?=\s)|\n")
# A year the article presents as past: "achievements in 2024", "during its 2025 Chairmanship".
_PAST_YEAR = re.compile(rf"achievements\s+(?:in|during)\s+(?:its\s+|the\s+)?({_YEAR})\b")
# Every pattern of a year needs these four digits: texts without them are skipped at once.
_ANY_YEAR = re.compile(_YEAR)
_LONE_YEAR = re.compile(rf"{_YEAR}(?!\d)")  # not after a digit either: see `likely_year`
_DIGIT = re.compile(r"\d")
_TARGET = re.compile(r"\b(?:by|to|until|Vision|through|ASEAN)\s*$")


def _with_years(texts: list[str]) -> list[str]:
    """The texts that name a year (quick for those that do: the search stops at the first)."""
    return [text for text in texts if _ANY_YEAR.search(text)]


def infer_year(texts: list[str]) -> int | None:
    """The year implied by the article's own text, or None when it does not say."""
    candidates: set[int] = set()
    past: set[int] = set()
    for text in _with_years(texts):
        text = _RANGE_YEAR.sub(" ", text)
        candidates.update(_this_year_years(text))
        # Each pattern needs a word that most texts lack: a substring test skips them at once.
        if "Chair" in text:
            for match in whole_words(_PRESENT_YEAR, text):
                candidates.add(int(next(g for g in match.groups() if g)))
        if "achievements" in text:
            past.update(int(m.group(1)) for m in whole_words(_PAST_YEAR, text))
    if past:
        candidates = {year for year in candidates if year > max(past)}
    return candidates.pop() if len(candidates) == 1 else None


def _this_year_years(text: str) -> list[int]:
    r"""Years said to be "this year": in each sentence, the first year followed later by
    "this year", or else the last year after a "this year" (whichever comes first).

    The same result as `finditer` of the pattern
    `\b(YEAR)\b(?:(?!\.\s).)*\bthis year\b|\bthis year\b(?:(?!\.\s).)*\b(YEAR)\b`, but in linear
    time and memory: that pattern backtracks over the rest of the line for every year in it.
    """
    if not _THIS_YEAR.search(text):  # most texts: no sentence to look at
        return []
    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)] + [len(text)]
    years: dict[int, list[re.Match[str]]] = {}
    these: dict[int, list[re.Match[str]]] = {}
    for found_in, matches in ((years, whole_words(_YEAR_WORD, text)), (these, _THIS_YEAR.finditer(text))):
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


def likely_year(texts: list[str]) -> int | None:
    """The latest year mentioned, ignoring ranges and targets like "by 2030" or "Vision 2045".

    Used only to order an article whose date is unknown; the page says it is approximate.
    """
    years: set[int] = set()
    for text in _with_years(texts):
        text = _RANGE_YEAR.sub(" ", text)
        for match in whole_words(_LONE_YEAR, text, not_after=_DIGIT):
            before = text[max(0, match.start() - 12) : match.start()]
            if not _TARGET.search(before):
                years.add(int(match.group(0)))
    return max(years, default=None)
