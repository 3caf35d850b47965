"""schema.org `NewsArticle` of an article page (JSON-LD), for search engines and link previews.

Only what the article gives: no date when the text gives none, people and places as named.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

HEADLINE_MAX = 110  # schema.org's advice for `headline`


def article_json_ld(article: Any, siteurl: str, sitename: str) -> Markup:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": _clip(article.title, HEADLINE_MAX),
        "description": article.summary,
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": sitename},
    }
    if getattr(article, "date_confidence", "stated") != "unknown":
        data["datePublished"] = article.date.strftime("%Y-%m-%d")
    source = article.metadata.get("source")
    if source:
        data["sourceOrganization"] = {"@type": "Organization", "name": source}
    original = article.metadata.get("source_url") or ""
    if original.startswith(("https://", "http://")):
        data["isBasedOn"] = original
    if siteurl.startswith("http"):
        data["url"] = data["mainEntityOfPage"] = f"{siteurl}/{article.digest_url}"
        data["image"] = f"{siteurl}/theme/share.png"
    dateline = article.metadata.get("dateline")
    if dateline:
        data["locationCreated"] = {"@type": "Place", "name": dateline}
    about = [{"@type": "Country", "name": c.name} for c in getattr(article, "tagged_countries", [])]
    about += [{"@type": "Organization", "name": o.name} for o in getattr(article, "tagged_organisations", [])]
    if about:
        data["about"] = about
    people = [_person(p) for p in getattr(article, "tagged_people", [])]
    if people:
        data["mentions"] = people
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside <script>: "</" would end it early, and "<!--" could open a comment.
    return Markup(text.replace("<", "\\u003c"))


def _person(tagged: Any) -> dict[str, str]:
    person = {"@type": "Person", "name": tagged.name}
    if tagged.title:
        person["jobTitle"] = tagged.title
    return person


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
