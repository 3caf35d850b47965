"""The plugin's settings: the `NEWS_DIGEST` dict of pelicanconf.py over these defaults.

A leaf module, so that the Pelican glue and the site's generators read the settings without
importing one another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "IMPORT": True,  # run the import (seeds -> content/posts) at the start of every build
    "SEEDS_PATH": None,  # default: <project>/seeds, beside the content folder
    "POSTS_DIR": "posts",  # inside PATH
    "REPORT_PATH": None,  # default: <project>/import-report.json
    "STRICT": False,  # fail the build when a seed is rejected
    "IMPORT_CACHE": True,  # reuse the clean/tag results of unchanged seeds (in CACHE_PATH)
    "FEED_MAX_ITEMS": 50,  # newest items per feed
    "RELATED_ARTICLES": 5,
    "FEED_SITEURL": "http://localhost:8000",  # absolute links in feeds when SITEURL is empty
    "CHARTS": True,  # pictures (charts.py): archive, countries, world map, per country/person
    "SEARCH": True,  # Pagefind index of the articles at the end of the build, and /search/
}


def digest_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Our settings, from the `NEWS_DIGEST` dict in pelicanconf, over the defaults."""
    merged = {**DEFAULTS, **settings.get("NEWS_DIGEST", {})}
    root = Path(settings["PATH"]).parent
    merged["SEEDS_PATH"] = Path(merged["SEEDS_PATH"] or root / "seeds")
    merged["REPORT_PATH"] = Path(merged["REPORT_PATH"] or root / "import-report.json")
    return merged
