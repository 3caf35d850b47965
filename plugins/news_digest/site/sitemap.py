"""sitemap.xml and robots.txt (the Sitemaps protocol, https://www.sitemaps.org/protocol.html).

A sitemap file may list at most 50,000 URLs. Up to that, `sitemap.xml` is the one list of every
page; past it, `sitemap.xml` is a sitemap index pointing to `sitemap-1.xml`, `sitemap-2.xml`, ...
of at most MAX_URLS each, so that robots.txt and search engines keep one address either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from news_digest.site.feeds import absolute

MAX_URLS = 50_000  # the protocol's limit for one file
NAME = "sitemap.xml"
XML = '<?xml version="1.0" encoding="UTF-8"?>'
NAMESPACE = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def urlset(entries: Sequence[tuple[str, str | None]], siteurl: str) -> str:
    """One sitemap: (URL relative to the site, its lastmod date or None) per page."""
    lines = [XML, f"<urlset {NAMESPACE}>"]
    for url, lastmod in entries:
        mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(absolute(siteurl, url))}</loc>{mod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_files(
    entries: Sequence[tuple[str, str | None]], siteurl: str, limit: int | None = None
) -> dict[str, str]:
    """File name -> text: `sitemap.xml` alone, or over `limit` (MAX_URLS) URLs an index and its
    parts. Each part of the index gives the newest lastmod of its pages (ISO dates compare as text).
    """
    limit = MAX_URLS if limit is None else limit
    if len(entries) <= limit:
        return {NAME: urlset(entries, siteurl)}
    files: dict[str, str] = {}
    lines = [XML, f"<sitemapindex {NAMESPACE}>"]
    for number, start in enumerate(range(0, len(entries), limit), 1):
        part = entries[start : start + limit]
        name = f"sitemap-{number}.xml"
        files[name] = urlset(part, siteurl)
        newest = max((mod for _, mod in part if mod), default=None)
        mod = f"<lastmod>{newest}</lastmod>" if newest else ""
        lines.append(f"  <sitemap><loc>{escape(absolute(siteurl, name))}</loc>{mod}</sitemap>")
    lines.append("</sitemapindex>")
    return {NAME: "\n".join(lines) + "\n", **files}


def robots_txt(siteurl: str) -> str:
    """robots.txt: everything allowed, and where the sitemap (or its index) is."""
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(siteurl, NAME)}\n"
