"""Clean stage: raw scraped text -> `Article` (title, lead, dateline, date, body, captions).

The raw text is line-oriented: every non-empty line is a title, lead, caption, image file
name, spam, a body paragraph or a teaser after the end marker `/.`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from news_digest.article import Article
from news_digest.data import load_data
from news_digest.extract.date_rules import PUBLISHED_TIME
from news_digest.extract.dates import MONTH, PUBLISHED_LINE, find_date, month_number
from news_digest.extract.normalise import normalise, symbols_only_title
from news_digest.hashing import texts_digest
from news_digest.matching import has_whole_word, words_pattern


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
# A capital letter, Vietnamese ones too (Đ, Ạ ...): roughly, where the Latin ranges hold capitals.
_CAPITAL = "A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff"

# Header lines a scrape may start with; only `Published:` and `Date:` give the date.
_HEADER = re.compile(r"^(published|updated|modified|date|url|source)\s*:\s*(\S.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class NoiseRules:
    spam: re.Pattern[str]  # for `whole_words`
    spam_max_words: int
    teaser_headings: frozenset[str]  # lower-case
    teaser_length: int  # of the longest heading
    credit_words: frozenset[str]  # lower-case
    bracket_credit: re.Pattern[str]
    agency_photo: re.Pattern[str]
    credit_before: re.Pattern[str]
    credit_alone: re.Pattern[str]
    dateline: re.Pattern[str]
    dateline_alone: re.Pattern[str]
    end_marker: re.Pattern[str]
    agency_names: frozenset[str]
    image_file: re.Pattern[str]
    image_url: re.Pattern[str]
    inline_link: re.Pattern[str]
    image_extension: re.Pattern[str]  # the end of `image_file`: a quick test before it


@cache
def noise_rules() -> NoiseRules:
    data = load_data("noise")
    spam_words = sorted(data["spam"], key=len, reverse=True)
    credits = "|".join(re.escape(c) for c in sorted(data["caption_credits"], key=len, reverse=True))
    lone = "|".join(re.escape(c) for c in sorted(data["credits_alone"], key=len, reverse=True))
    agencies = "|".join(re.escape(a) for a in sorted(data["agencies"], key=len, reverse=True))
    alone_agencies = "|".join(
        re.escape(a) for a in sorted({*data["agencies"], *data["datelines_alone"]}, key=len, reverse=True)
    )
    extensions = "|".join(re.escape(e) for e in data["image_extensions"])
    links = "|".join(re.escape(h) for h in sorted(data["inline_link_headings"], key=len, reverse=True))
    return NoiseRules(
        spam=words_pattern("|".join(map(re.escape, spam_words))),
        spam_max_words=int(data["spam_max_words"]),
        teaser_headings=frozenset(h.lower() for h in data["teaser_headings"]),
        teaser_length=max((len(h.lower()) for h in data["teaser_headings"]), default=0),
        credit_words=frozenset(c.lower() for c in data["caption_credits"]),
        # What comes right after the `(` of a credit in brackets ending the line.
        # "(VNA Photo)", "(VNA/VNS Photo)": the agency before "Photo" counts too.
        bracket_credit=re.compile(rf"\s*(?:{credits}|(?:{agencies})\s+photos?)(?!\w)", re.IGNORECASE),
        # "... in Hà Nội. — VNA/VNS Photo Trí Dũng" (Vietnam News): after the last sentence or a
        # dash, the agency, "Photo" and maybe the photographer's name.
        agency_photo=re.compile(
            rf"(?:[.!?”\"’)]\s*|\s[-–—|]\s*)(?:{agencies})\s+photos?(?:\s+[^\s.!?:()][^.!?:()]{{0,40}})?$",
            re.IGNORECASE,
        ),
        # What comes before the `:` (or "courtesy of") of a credit ending the line after a
        # sentence or a dash, or alone on its line ("Photo: VNA").
        credit_before=re.compile(
            rf"(?:[.!?”\"’)]\s*|\s[-–—|]\s*)(?:(?:{credits})\s*|(?:photo\s+)?courtesy\s+of)$", re.IGNORECASE
        ),
        credit_alone=re.compile(rf"(?:{lone})\s*:\s*[^\s:()!?][^:()!?]{{0,40}}$", re.IGNORECASE),
        # The place starts with a capital, Vietnamese ones too ("Đà Nẵng (VNA) –"); a colon may
        # stand for the dash ("Hanoi (VNA):").
        dateline=re.compile(
            rf"^(?P<place>[{_CAPITAL}][\w.'’ ,-]{{0,40}}?)"
            rf"(?:,\s*(?:(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})"
            rf"|(?P<day_first>\d{{1,2}})\s+(?P<month_after>{MONTH}))(?:,?\s+(?P<year>\d{{4}}))?)?"
            rf"\s*\((?P<source>{agencies})\)\s*(?:[–—‒―-]+|:)\s*(?P<rest>.*)$"
        ),
        # The agency alone before the dash, no place: "VNA – ", "(VNA) – ", "NDO – ", "VOV.VN - "; a
        # hyphen needs a space beside it ("VNA-funded" starts a sentence).
        dateline_alone=re.compile(
            rf"^\(?(?P<source>{alone_agencies})\)?(?:\s*[–—‒―]+\s*|\s+-+\s*|-+\s+)(?P<rest>\S.*)$"
        ),
        # `/.`, or a dash and the agency glued to the last sentence (`forward.-VNA`, `forward - VNA`).
        # Also the agency after `/.` ("forward./. TTXVN") or in brackets after the last sentence
        # ("forward. (VNA)"; "the Vietnam News Agency (VNA)." is a sentence).
        end_marker=re.compile(
            rf"(?:/\.(?:\s*(?:{agencies})\.?)?|\s*[-–—]\s*(?:{agencies})\.?"
            rf"|(?<=[.!?”\"’])\s*\((?:{agencies})\)\.?|(?<=[.!?”\"’])\s+(?:{agencies})\.?)\s*$"
        ),
        agency_names=frozenset(data["agencies"]),
        image_file=re.compile(rf"^[^\s/\\][^/\\]*\.(?:{extensions})$", re.IGNORECASE),
        image_url=re.compile(rf"^(?:https?:)?//\S+\.(?:{extensions})$", re.IGNORECASE),
        # "Read more: <title of another article>" inside the body: a link, not a paragraph.
        inline_link=re.compile(rf"^(?:{links})\s*:\s*\S", re.IGNORECASE),
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


_NOT_IN_CREDIT = frozenset("():!?")


def is_caption(line: str) -> bool:
    """A line ending in a photo or source credit: a caption, whatever its credit's spelling.

    In brackets at the end ("(Photo: VNA)", "(VNA Photo)", "(Ảnh: quochoi.vn)"), or after the last
    sentence or a dash with a colon (". Photo: VNA"), "courtesy of" or the agency ("— VNA/VNS Photo
    Trí Dũng"), and short; or the credit alone ("Illustrative photo").
    """
    rules = noise_rules()
    text = line[:-1] if line.endswith(".") else line
    if len(text) <= 30 and text.lower() in rules.credit_words:  # "Illustrative photo" alone
        return True
    if text.endswith(")") or text.endswith("]"):
        opening = text.rfind("(" if text.endswith(")") else "[")
        return (
            opening >= 0
            and text[opening] not in text[opening + 1 : -1]
            and rules.bracket_credit.match(text, opening + 1) is not None
        )
    if rules.credit_alone.match(line):  # "Photo: VNA" on its own line
        return True
    if "hoto" in line and rules.agency_photo.search(line, max(0, len(line) - 90)):
        return True
    candidates = []  # (end of the credit's word, start of the credit)
    colon = line.rfind(":")
    if colon > 0:
        candidates.append((colon, colon + 1))
    courtesy = line.lower().rfind("courtesy of") if "ourtesy" in line else -1
    if courtesy > 0:
        candidates.append((courtesy + len("courtesy of"), courtesy + len("courtesy of")))
    for end, start in candidates:
        credit = line[start:]
        short = 0 < len(credit.strip()) <= 80 and not _NOT_IN_CREDIT.intersection(credit)
        if short and rules.credit_before.search(line, max(0, end - 40), end):
            return True
    return False


def _end_marker(line: str) -> re.Match[str] | None:
    if "/." not in line and "VN" not in line and "VOV" not in line and "NDO" not in line:  # most lines
        return None
    return noise_rules().end_marker.search(line, max(0, len(line) - 24))  # it ends the line


def is_image_file(line: str) -> bool:
    """A bare image file name (`VNA_Bo_Ngoai_giao.jpg`) or image address (`https://.../a.jpg`)."""
    rules = noise_rules()
    if not rules.image_extension.search(line, max(0, len(line) - 8)):
        return False
    return rules.image_file.match(line) is not None or rules.image_url.match(line) is not None


# "By Minh Anh", "By Nguyễn Thu Hà": a byline, a few capitalised words after "By", alone on its line.
_BYLINE = re.compile(rf"By(?:\s+[{_CAPITAL}][\w'’.-]*){{1,4}}")


def is_byline_or_link(line: str) -> bool:
    """A byline or an inline link to another article ("Read more: ..."): neither is text."""
    if line.startswith("By "):
        return _BYLINE.fullmatch(line) is not None
    return ":" in line and noise_rules().inline_link.match(line) is not None


def content_lines(raw: str) -> tuple[dict[str, str], list[str]]:
    """Split normalised text into header fields and tidy, non-noise lines."""
    headers: dict[str, str] = {}
    lines: list[str] = []
    # Runs of spaces never cross a line end, so they are collapsed in one pass (as `tidy_line`).
    tidy = [line.strip() for line in _collapse_spaces(normalise_text(raw)).split("\n")]
    for line in tidy:
        if not line or (_may_be_spam(line) and is_spam(line)) or is_image_file(line):
            continue
        if lines and is_byline_or_link(line):  # after the title
            continue
        header = None if lines else _HEADER.match(line)  # headers come before the text
        if header:
            headers[header.group(1).lower()] = header.group(2).strip()
            continue
        lines.append(line)
    return headers, lines


def _dateline(line: str) -> re.Match[str] | None:
    """The dateline paragraph's start: `City (VNA) –`, or the agency alone (`VNA –`, `NDO –`)."""
    rules = noise_rules()
    match = rules.dateline.match(line) if "(" in line else None
    return match or rules.dateline_alone.match(line)


def _title(raw: str, lines: list[str]) -> str:
    """The first line, unless it is not a title (`ExtractionError` says why)."""
    if symbols_only_title(raw, lines[0], lambda line: tidy_line(normalise_text(line))):
        raise ExtractionError("no title: the title line is only emoji or symbols (nothing left once cleaned)")
    title = lines[0].removesuffix("/.").strip()
    if not title:
        raise ExtractionError("no title: the first line is only the end marker '/.'")
    if is_caption(title) or _dateline(title):
        raise ExtractionError("no title: the first line is a caption or the dateline paragraph")
    return title


def _lead(rest: list[str]) -> tuple[str | None, list[str], bool]:
    """The lead: the first line after the title that is not a caption (nor an image file name,
    already dropped), unless it is the dateline paragraph; with the lines left, and whether the
    lead carries the end marker (then what follows it are teasers)."""
    skipped = 0
    while skipped < len(rest) and is_caption(rest[skipped]):
        skipped += 1
    if skipped == len(rest) or _dateline(rest[skipped]) or is_teaser_heading(rest[skipped]):
        return None, rest, False
    lead, rest = rest[skipped], rest[:skipped] + rest[skipped + 1 :]
    marker = _end_marker(lead)
    if marker:
        return lead[: marker.start()].strip() or None, rest[:skipped], True
    return lead, rest, False


@dataclass
class _Body:
    """What the lines after the lead hold, up to the end marker or a teaser heading."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)  # see `Article.caption_anchors`
    dateline: str | None = None
    source: str | None = None
    dateline_day: tuple[int, int, int | None] | None = None  # (month, day, year or None)
    end_marker: bool = False


def _body(rest: list[str]) -> _Body:
    found = _Body()
    seen_captions: set[str] = set()  # a set beside the list: thousands of captions stay linear
    body = found.paragraphs
    started = False
    for line in rest:
        if is_caption(line):
            if line not in seen_captions:
                seen_captions.add(line)
                found.captions.append(line)
                found.anchors.append(len(body) if started else 0)
            continue
        if not started:
            match = _dateline(line)
            if match:
                place = match.groupdict().get("place")
                found.dateline, found.source = place.strip(" ,") if place else None, match.group("source")
                if match.groupdict().get("month") or match.groupdict().get("month_after"):
                    year, day = match.group("year"), match.group("day") or match.group("day_first")
                    month = month_number(match.group("month") or match.group("month_after"))
                    found.dateline_day = (month, int(day), int(year) if year else None)
                line = match.group("rest")
                body.clear()  # stray lines between lead and dateline are not the body
                started = True
        if is_teaser_heading(line):
            break
        marker = _end_marker(line)
        line = line[: marker.start()].strip() if marker else line.strip()
        if line and (not body or body[-1] != line):
            body.append(line)
        if marker:
            found.end_marker = True
            break
    return found


def extract(raw: str, source_file: str) -> Article:
    """Turn raw article text into an `Article`; raises `ExtractionError` when it is not one."""
    headers, lines = content_lines(raw)
    if not lines:
        raise ExtractionError("no text left after removing noise (empty, or spam only)")
    title = _title(raw, lines)
    rest = lines[1:]
    # Under the title: the title printed twice, the agency's name, the page's own time of
    # publication (a header, unlabelled).
    while rest:
        if PUBLISHED_TIME.match(rest[0]):
            headers.setdefault(PUBLISHED_LINE, rest[0])
        elif rest[0] != title and rest[0] not in noise_rules().agency_names:
            break
        rest = rest[1:]
    lead, rest, ended_with_lead = _lead(rest)
    found_body = _body(rest)
    body, captions = found_body.paragraphs, found_body.captions
    if not body and lead:
        body = [lead]
    if not body:
        raise ExtractionError("no body: nothing but a title and captions")

    found = find_date(headers, title, lead, body, captions, found_body.dateline_day)
    article = Article(
        source_file=source_file,
        title=title,
        lead=lead,
        dateline=found_body.dateline,
        source=found_body.source or ("VNA" if found_body.dateline else None),
        date=found.date,
        date_confidence=found.confidence,
        paragraphs=body,
        captions=captions,
        caption_anchors=found_body.anchors,
        url=headers.get("url"),
        known_date_parts=found.known,
        date_basis=found.basis,
        date_warnings=list(found.warnings),
        event_month_day=found.month_day,
        end_marker=ended_with_lead or found_body.end_marker or lines[0].endswith("/."),
    )
    article.content_hash = hash_article(article)
    return article


def hash_article(article: Article) -> str:
    """A hash of what the reader sees, so that noise-only differences compare equal."""
    parts = (article.title, article.lead or "", *article.paragraphs, *article.captions)
    return texts_digest((*parts, str(article.date or article.approximate_date)))
