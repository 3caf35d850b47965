"""Text shown on one line where space is short: the cue behind an inferred year, a rejection's
reason in the import report, a feed entry's summary."""

from __future__ import annotations


def one_line(text: str, limit: int) -> str:
    """`text` with each run of white space as one space, cut to at most `limit` characters ending
    in "…" (never " …")."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
