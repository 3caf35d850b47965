"""The plugin's settings: the `NEWS_DIGEST` dict of pelicanconf.py over these defaults.

Each setting is declared once, with its default and its help (the README's table and the command
line's defaults come from here; `tests/test_docs.py` keeps the README in step). A leaf module, so
that the Pelican glue and the site's generators read the settings without importing one another.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Names inside the project folder (the folder holding Pelican's content folder).
SEEDS_DIR = "seeds"
REPORT_NAME = "import-report.json"
IMPORT_CACHE_NAME = "news-digest-import.pickle"  # inside Pelican's CACHE_PATH
RESOLVED = "NEWS_DIGEST_RESOLVED"  # where the resolved settings are kept in Pelican's settings


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    shown: str | None = None  # the default as the README shows it, where `repr` would not do

    @property
    def shown_default(self) -> str:
        return self.shown if self.shown is not None else repr(self.default)


SETTINGS = (
    Setting("IMPORT", True, "run the import at the start of every build"),
    Setting("SEEDS_PATH", None, "folder of raw articles", f"<project>/{SEEDS_DIR}"),
    Setting("POSTS_DIR", "posts", "where posts are written, inside `PATH`", "posts"),
    Setting("REPORT_PATH", None, "the import report (not published)", f"<project>/{REPORT_NAME}"),
    Setting("STRICT", False, "fail the build when a seed is rejected"),
    Setting(
        "IMPORT_CACHE",
        True,
        f"reuse the results of seeds whose bytes are unchanged (`cache/{IMPORT_CACHE_NAME}`)",
    ),
    Setting("FEED_MAX_ITEMS", 50, "newest items in each feed"),
    Setting("RELATED_ARTICLES", 5, "related articles under each article"),
    Setting("CHARTS", True, "build the SVG pictures (articles per month, countries, world map)"),
    Setting("SEARCH", True, "build the search index of the articles and the `/search/` page"),
    Setting(
        "FEED_SITEURL",
        "http://localhost:8000",
        "base of absolute links in feeds when `SITEURL` is empty",
        "http://localhost:8000",
    ),
)
DEFAULTS: dict[str, Any] = {setting.name: setting.default for setting in SETTINGS}
# Settings of earlier versions, ignored with a warning that says why (not an unknown setting).
RETIRED = {
    "SEARCH_SHARD_PAGES": "the search index is no longer split into shards (site/search_index.py)",
}

log = logging.getLogger(__name__)


class SettingsError(ValueError):
    """A `NEWS_DIGEST` setting that does not exist or has the wrong type; the message names it."""


def resolve(settings: dict[str, Any]) -> dict[str, Any]:
    """Our settings from the `NEWS_DIGEST` dict in pelicanconf over the defaults, with paths made
    absolute; an unknown key is an error (a misspelt setting would otherwise do nothing)."""
    given = settings.get("NEWS_DIGEST") or {}
    if not isinstance(given, dict):
        raise SettingsError(f"NEWS_DIGEST must be a dict, not {type(given).__name__}")
    for name in sorted(set(given) & set(RETIRED)):
        log.warning("news-digest: NEWS_DIGEST[%r] is no longer used: %s; remove it", name, RETIRED[name])
    given = {name: value for name, value in given.items() if name not in RETIRED}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise SettingsError(
            f"unknown NEWS_DIGEST setting(s): {', '.join(unknown)}; known: {', '.join(DEFAULTS)}"
        )
    merged = {**DEFAULTS, **given}
    root = Path(settings["PATH"]).parent
    merged["SEEDS_PATH"] = Path(merged["SEEDS_PATH"] or root / SEEDS_DIR)
    merged["REPORT_PATH"] = Path(merged["REPORT_PATH"] or root / REPORT_NAME)
    return merged


def digest_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """The resolved settings of this build: resolved once (at `initialized`), then read."""
    resolved = settings.get(RESOLVED)
    if resolved is None:
        resolved = settings[RESOLVED] = resolve(settings)
    return resolved


def settings_table() -> str:
    """The README's table of settings."""
    rows = ["| key | default | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{s.name}` | `{s.shown_default}` | {s.help} |" for s in SETTINGS]
    return "\n".join(rows)
