"""schema.org `NewsArticle` of an article page (JSON-LD), for search engines and link previews.

Only what the article gives: no date when the text gives none, people and places as named.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

HEADLINE_MAX = 110  # schema.org's advice for `headline`


def article_json_ld(article: Any, siteurl: str, sitename: str) -> Markup:
    digest = article.digest
    post = digest.post
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": _clip(article.title, HEADLINE_MAX),
        "description": article.summary,
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": sitename},
    }
    if not digest.undated:
        data["datePublished"] = article.date.strftime("%Y-%m-%d")
    if post.source:
        data["sourceOrganization"] = {"@type": "Organization", "name": post.source}
    if post.source_url.startswith(("https://", "http://")):
        data["isBasedOn"] = post.source_url
    if siteurl.startswith("http"):
        data["url"] = data["mainEntityOfPage"] = f"{siteurl}/{digest.url}"
        data["image"] = f"{siteurl}/theme/share.png"
    if post.dateline:
        data["locationCreated"] = {"@type": "Place", "name": post.dateline}
    about = [{"@type": "Country", "name": c.name} for c in digest.tagged_countries]
    about += [{"@type": "Organization", "name": o.name} for o in digest.tagged_organisations]
    if about:
        data["about"] = about
    people = [_person(p) for p in digest.tagged_people]
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
