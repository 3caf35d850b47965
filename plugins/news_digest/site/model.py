"""Site model: countries, organisations, people and months, each with its articles.

Built in one linear pass over the articles (Pelican's own tag handling is quadratic).
Works on Pelican articles enriched by `enrich_article` (see plugin.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from slugify import slugify

from news_digest.tagging.gazetteer import Country, gazetteer

REGIONS = ["Southeast Asia", "Rest of Asia", "Europe", "Americas", "Africa", "Middle East", "Oceania"]


@dataclass
class Tagged:
    """One country, organisation or person in an article, as the article names it."""

    name: str
    slug: str
    url: str
    title: str | None = None


@dataclass
class Term:
    """A country, organisation or person with its page, feed and articles (newest first)."""

    kind: str  # "country" | "organisation" | "person"
    key: str
    name: str
    slug: str
    url: str
    save_as: str
    feed_url: str | None
    feed_save_as: str | None
    articles: list[Any] = field(default_factory=list)
    region: str | None = None
    code: str | None = None
    country: Country | None = None
    roles: list[tuple[dt.date, str, Any]] = field(default_factory=list)  # (date, title, article)
    related: Counter = field(default_factory=Counter)
    undated_roles: list[str] = field(default_factory=list)  # titles given only in undated articles

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def latest(self) -> Any:
        """The newest dated article (undated ones come last and have no date to show)."""
        return next((a for a in self.articles if not is_undated(a)), None)

    @property
    def first(self) -> Any:
        return next((a for a in reversed(self.articles) if not is_undated(a)), None)

    @property
    def undated_count(self) -> int:
        return sum(1 for a in self.articles if is_undated(a))

    @property
    def flag(self) -> str:
        """The flag emoji of a country code (regional indicator letters)."""
        if not self.code or len(self.code) != 2 or not self.code.isalpha():
            return ""
        return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in self.code.upper())

    @property
    def latest_role(self) -> str | None:
        return self.roles[-1][1] if self.roles else None

    def timeline(self) -> list[tuple[dt.date, dt.date, str]]:
        """Roles as (first seen, last seen, title), in order of first appearance."""
        spans: dict[str, list[dt.date]] = {}
        for date, title, _article in self.roles:
            spans.setdefault(title, []).append(date)
        return sorted(((min(d), max(d), t) for t, d in spans.items()), key=lambda s: (s[0], s[2]))


@dataclass
class Month:
    """A monthly digest; year 0 is the listing of the undated articles, filed under no month."""

    year: int
    month: int
    articles: list[Any] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)
    people: Counter = field(default_factory=Counter)
    previous: Month | None = None
    next: Month | None = None
    country_terms: list[tuple[Term, int]] = field(default_factory=list)
    people_terms: list[tuple[Term, int]] = field(default_factory=list)

    @property
    def undated(self) -> bool:
        return self.year == 0

    @property
    def key(self) -> str:
        return "undated" if self.undated else f"{self.year:04d}-{self.month:02d}"

    @property
    def url(self) -> str:
        return f"digest/{self.key}/"

    @property
    def save_as(self) -> str:
        return f"digest/{self.key}/index.html"

    @property
    def label(self) -> str:
        return "Undated articles" if self.undated else dt.date(self.year, self.month, 1).strftime("%B %Y")


@dataclass
class Site:
    countries: dict[str, Term]
    organisations: dict[str, Term]
    people: dict[str, Term]
    months: list[Month]  # newest first
    undated: Month = field(default_factory=lambda: Month(0, 0))  # articles whose text gives no date

    def countries_by_region(self) -> list[tuple[str, list[Term]]]:
        groups: dict[str, list[Term]] = defaultdict(list)
        for term in self.countries.values():
            groups[term.region or "Other"].append(term)
        order = REGIONS + sorted(set(groups) - set(REGIONS))
        return [(r, sorted(groups[r], key=lambda t: t.name)) for r in order if r in groups]


def _term(kind: str, folder: str, key: str, name: str, slug: str, feeds: bool) -> Term:
    return Term(
        kind=kind,
        key=key,
        name=name,
        slug=slug,
        url=f"{folder}/{slug}/",
        save_as=f"{folder}/{slug}/index.html",
        feed_url=f"feeds/{folder}/{slug}.rss.xml" if feeds else None,
        feed_save_as=f"feeds/{folder}/{slug}.rss.xml" if feeds else None,
    )


def _tagged(term: Term, title: str | None = None) -> Tagged:
    return Tagged(term.name, term.slug, term.url, title)


def person_slug(name: str) -> str:
    return slugify(name, max_length=80, word_boundary=True) or "person"


def is_undated(article: Any) -> bool:
    """The article's text gives no date (`date: null`): it is filed under no year or month."""
    return article.metadata.get("date_confidence") == "unknown"


def parse_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def parse_officials(value: str | None) -> list[dict]:
    if not value:
        return []
    try:
        data = json.loads(value)
    except json.JSONDecodeError:
        return []
    return [d for d in data if isinstance(d, dict) and d.get("name")]


def build_site(articles: list[Any]) -> Site:
    """Group articles (newest first, as Pelican orders them) by country, organisation, person, month,
    and give each article its `tagged_countries`, `tagged_organisations`, `tagged_people`."""
    gaz = gazetteer()
    countries: dict[str, Term] = {}
    organisations: dict[str, Term] = {}
    people: dict[str, Term] = {}
    months: dict[tuple[int, int], Month] = {}
    undated = Month(0, 0)
    person_slugs: set[str] = set()
    for article in articles:
        codes = [c for c in parse_list(article.metadata.get("countries")) if c in gaz.countries]
        officials = parse_officials(article.metadata.get("officials"))
        names = [o["name"] for o in officials]
        for code in codes:
            country = gaz.countries[code]
            term = countries.get(code)
            if term is None:
                term = countries[code] = _term("country", "countries", code, country.name, country.slug, True)
                term.region, term.code, term.country = country.region, code, country
            term.articles.append(article)
            term.related.update(names)
        orgs = parse_list(article.metadata.get("organisations"))
        for org in orgs:
            term = organisations.get(org)
            if term is None:
                term = organisations[org] = _term(
                    "organisation", "organisations", org, org, slugify(org), False
                )
            term.articles.append(article)
            term.related.update(names)
        for official in officials:
            name = official["name"]
            term = people.get(name)
            if term is None:
                slug = person_slug(name)
                if slug in person_slugs:  # two spellings, one slug ("Lê" and "Le"): keep both pages
                    slug = f"{slug}-{len(person_slugs)}"
                person_slugs.add(slug)
                term = people[name] = _term("person", "people", name, name, slug, True)
                code = official.get("country")
                term.code = code
                term.country = gaz.countries.get(code) if code else None
            term.articles.append(article)
            if official.get("title") and is_undated(article):  # a timeline shows dates: not these
                term.undated_roles.append(official["title"])
            elif official.get("title"):
                term.roles.append((article.date.date(), official["title"], article))
            term.related.update(codes)
        # What the templates show under each article, linked to the pages just made.
        article.tagged_countries = [_tagged(countries[code]) for code in codes]
        article.tagged_organisations = [_tagged(organisations[org]) for org in orgs]
        article.tagged_people = [_tagged(people[o["name"]], o.get("title")) for o in officials]
        key = (article.date.year, article.date.month)
        month = undated if is_undated(article) else months.setdefault(key, Month(*key))
        month.articles.append(article)
        month.countries.update(codes)
        month.people.update(names)
    for term in people.values():
        term.roles.sort(key=lambda r: (r[0], r[1]))
        dated_titles = {title for _date, title, _article in term.roles}
        term.undated_roles = sorted(set(term.undated_roles) - dated_titles)
    ordered = [months[k] for k in sorted(months, reverse=True)]
    for month in [*ordered, undated]:
        month.country_terms = [(countries[c], n) for c, n in month.countries.most_common(10)]
        month.people_terms = [(people[p], n) for p, n in month.people.most_common(10)]
    for newer, older in itertools.pairwise(ordered):
        newer.previous, older.next = older, newer
    return Site(countries, organisations, people, ordered, undated)
