"""The import report: what became of every seed (published, duplicate, rejected), the warnings
of each published one, and the summary the editor sees after a build."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from news_digest.article import INFERRED, Article, Tags
from news_digest.text import one_line

LONG_TITLE = 200  # characters; longer titles are kept (the slug is bounded) but reported
# Officials tagged in one article. Each gets a page listing the article (with its tags): a seed
# naming 10,000 people by pattern made 10,000 pages of 4 MB each (75 GB). Real articles name
# a few dozen at most; the first ones named are kept and the report says so.
MAX_OFFICIALS = 100
MAX_REASON = 300  # characters of an exception message kept in a rejection reason
SUMMARY_FILES = 3  # files named per kind of warning in the build summary


@dataclass
class ImportReport:
    files: int = 0
    published: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    registry_candidates: list[dict] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    removed_posts: list[str] = field(default_factory=list)
    # Duplicates already listed by the previous report: not repeated in the summary.
    known_duplicates: set[tuple[str, str]] = field(default_factory=set)
    report_path: Path | None = None

    def as_dict(self) -> dict:
        return {
            "counts": {
                "files": self.files,
                "seeds": len(self.published) + len(self.duplicates) + len(self.rejected),
                "published": len(self.published),
                "duplicates": len(self.duplicates),
                "rejected": len(self.rejected),
                "posts_written": self.written,
                "posts_unchanged": self.unchanged,
                "posts_removed": self.removed,
            },
            "published": self.published,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "removed_posts": self.removed_posts,
            "registry_candidates": self.registry_candidates,
        }

    @property
    def new_duplicates(self) -> list[dict]:
        return [d for d in self.duplicates if (d["seed"], d["duplicate_of"]) not in self.known_duplicates]

    def summary_lines(self) -> list[str]:
        """What the editor must see after a build: counts, each rejected file and each new
        duplicate, then per kind of warning its count and the first few files, and the report's path."""
        warned = [entry for entry in self.published if entry.get("warnings")]
        lines = [
            f"news-digest: {self.files} seed files: {len(self.published)} published, "
            f"{len(self.duplicates)} duplicates, {len(self.rejected)} rejected, {len(warned)} with warnings; "
            f"posts {self.written} written, {self.unchanged} unchanged, {self.removed} removed"
        ]
        lines += [f"  rejected {r['seed']}: {r['reason']}" for r in self.rejected]
        new = self.new_duplicates
        lines += [f"  duplicate {d['seed']} -> {d['duplicate_of']}" for d in new]
        for kind, seeds in self.warnings_by_kind().items():
            shown = ", ".join(seeds[:SUMMARY_FILES]) + (", …" if len(seeds) > SUMMARY_FILES else "")
            lines.append(f"  {len(seeds)} {kind}: {shown}")
        if self.registry_candidates:
            names = [c["name"] for c in self.registry_candidates]
            shown = ", ".join(names[:SUMMARY_FILES]) + (", …" if len(names) > SUMMARY_FILES else "")
            lines.append(f"  {len(names)} people not in the registry (data/people.toml): {shown}")
        if self.report_path and (len(new) < len(self.duplicates) or self.rejected or warned):
            lines.append(f"  full report: {self.report_path}")
        return lines

    def warnings_by_kind(self) -> dict[str, list[str]]:
        """The seeds with each kind of warning (the kind: its text up to the first colon)."""
        kinds: dict[str, list[str]] = {}
        for entry in self.published:
            for warning in entry.get("warnings", ()):
                kinds.setdefault(warning.split(":", 1)[0], []).append(entry["seed"])
        return dict(sorted(kinds.items()))


def short_reason(text: str, limit: int = MAX_REASON) -> str:
    """A reason on one line, cut at `limit` characters."""
    return one_line(str(text), limit)


def article_warnings(article: Article) -> list[str]:
    """What is odd about an article that is still published: for the report."""
    warnings = []
    if not article.dateline:
        warnings.append("no dateline paragraph ('City (VNA) –'): the body starts after the lead")
    if not article.end_marker:
        warnings.append("no end marker ('/.', '-VNA'): the body may include teasers of other articles")
    if article.date is None:
        warnings.append(f"date unknown: {article.date_basis}; listed as undated")
    elif article.date_confidence == INFERRED:
        warnings.append(f"date inferred: {article.date_basis}")
    warnings += article.date_warnings
    if len(article.title) > LONG_TITLE:
        warnings.append(f"very long title ({len(article.title):,} characters)")
    return warnings


def bounded_tags(tags: Tags) -> tuple[Tags, str | None]:
    """At most MAX_OFFICIALS officials (the first named), and the aliases of those; with a
    warning for the report when some were left out."""
    if len(tags.officials) <= MAX_OFFICIALS:
        return tags, None
    kept = tags.officials[:MAX_OFFICIALS]
    names = {official.name for official in kept}
    aliases = {alias: name for alias, name in tags.aliases.items() if name in names}
    warning = f"{len(tags.officials):,} officials named: only the first {MAX_OFFICIALS} are tagged"
    return Tags(tags.country_codes, tags.organisations, kept, aliases), warning


def previous_duplicates(report_path: Path | None) -> set[tuple[str, str]]:
    try:
        data = json.loads(report_path.read_text(encoding="utf-8")) if report_path else {}
        return {(d["seed"], d["duplicate_of"]) for d in data.get("duplicates", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return set()
