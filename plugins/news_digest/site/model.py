"""Site model: countries, organisations, people and months, each with its articles.

Built in one linear pass over the articles (Pelican's own tag handling is quadratic), which reads
each article's post once and gives the article its `digest` (`ArticleDigest`): what the site, the
feeds and the templates know of it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, ClassVar

from news_digest.article import DateConfidence, Official, PostFields
from news_digest.slugs import SLUG_MAX_LENGTH, make_slug
from news_digest.tagging.gazetteer import Country, gazetteer

# The feeds of the whole archive, by kind (pages.py writes them, every page links them).
ALL_FEEDS = {"atom": "feeds/all.atom.xml", "rss": "feeds/all.rss.xml"}
REGIONS = ["Southeast Asia", "Rest of Asia", "Europe", "Americas", "Africa", "Middle East", "Oceania"]


@dataclass
class Tagged:
    """One country, organisation or person in an article, as the article names it."""

    name: str
    slug: str
    url: str
    title: str | None = None
    feed_url: str | None = None


@dataclass(eq=False)
class ArticleDigest:
    """What the site knows of one Pelican article, as `article.digest`: its post's fields, read
    once by `build_site`, which also gives it its tags; `plugin.link_neighbours` then links it
    to its neighbours and related articles and gives it its fingerprints (site/incremental.py)."""

    post: PostFields
    url: str  # Pelican formats `article.url` from settings on every access: a copy
    date_label: str  # the date as honestly as the text gives it
    tagged_countries: list[Tagged] = field(default_factory=list)
    tagged_organisations: list[Tagged] = field(default_factory=list)
    tagged_people: list[Tagged] = field(default_factory=list)
    newer: Any = None  # the article after it by date (None for the newest); Pelican's article
    older: Any = None
    related: list[Any] = field(default_factory=list)  # sharing the most countries, nearest in time
    fingerprint: str = ""  # everything a page listing the article can show of it
    page_inputs: tuple[str, list[str | None]] | None = None  # what its own page shows

    @property
    def undated(self) -> bool:
        """The text gives no date: the article is filed under no year or month."""
        return self.post.date_confidence == DateConfidence.UNKNOWN


def date_label(date: dt.datetime, post: PostFields) -> str:
    """The date as honestly as the text gives it; an undated article's Pelican date (a stand-in
    for ordering, see `article.FALLBACK_DATE`) is never shown."""
    if post.date_confidence == DateConfidence.UNKNOWN:
        return f"{post.date_text}, year not given" if post.date_text else "Date unknown"
    day = f"{date.day} {date:%B %Y}"
    if post.date_confidence == DateConfidence.INFERRED:
        return f"{day} (year inferred)"
    return day


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
    def headlines_url(self) -> str:
        """The page of every headline of the month (none for the undated articles)."""
        return f"{self.year:04d}/{self.month:02d}/"

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
    all_feeds: ClassVar[dict[str, str]] = ALL_FEEDS

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
    return Tagged(term.name, term.slug, term.url, title, term.feed_url)


def person_slug(name: str) -> str:
    return make_slug(name, SLUG_MAX_LENGTH, "person")


def is_undated(article: Any) -> bool:
    """The article's text gives no date (`date: null`): it is filed under no year or month."""
    return article.digest.undated


def build_site(articles: list[Any]) -> Site:
    """Group articles (newest first, as Pelican orders them) by country, organisation, person, month,
    and give each article its `digest`, with its tags."""
    builder = _SiteBuilder()
    for article in articles:
        builder.add(article)
    return builder.site()


class _SiteBuilder:
    """The terms and months of `build_site`, made as the articles come."""

    def __init__(self) -> None:
        self.gaz = gazetteer()
        self.countries: dict[str, Term] = {}
        self.organisations: dict[str, Term] = {}
        self.people: dict[str, Term] = {}
        self.months: dict[tuple[int, int], Month] = {}
        self.undated = Month(0, 0)
        self.person_slugs: set[str] = set()

    def add(self, article: Any) -> None:
        post = PostFields.from_metadata(article.metadata)
        digest = article.digest = ArticleDigest(post, article.url, date_label(article.date, post))
        codes = [c for c in post.countries if c in self.gaz.countries]
        names = [o.name for o in post.officials]
        for code in codes:
            term = self.country(code)
            term.articles.append(article)
            term.related.update(names)
        for org in post.organisations:
            term = self.organisation(org)
            term.articles.append(article)
            term.related.update(names)
        for official in post.officials:
            term = self.person(official)
            term.articles.append(article)
            if official.title and digest.undated:  # a timeline shows dates: not these
                term.undated_roles.append(official.title)
            elif official.title:
                term.roles.append((article.date.date(), official.title, article))
            term.related.update(codes)
        # What the templates show under each article, linked to the pages just made.
        digest.tagged_countries = [_tagged(self.countries[code]) for code in codes]
        digest.tagged_organisations = [_tagged(self.organisations[org]) for org in post.organisations]
        digest.tagged_people = [_tagged(self.people[o.name], o.title) for o in post.officials]
        key = (article.date.year, article.date.month)
        month = self.undated if digest.undated else self.months.setdefault(key, Month(*key))
        month.articles.append(article)
        month.countries.update(codes)
        month.people.update(names)

    def country(self, code: str) -> Term:
        term = self.countries.get(code)
        if term is None:
            country = self.gaz.countries[code]
            term = _term("country", "countries", code, country.name, country.slug, True)
            self.countries[code] = term
            term.region, term.code, term.country = country.region, code, country
        return term

    def organisation(self, name: str) -> Term:
        term = self.organisations.get(name)
        if term is None:
            term = _term("organisation", "organisations", name, name, make_slug(name), False)
            self.organisations[name] = term
        return term

    def person(self, official: Official) -> Term:
        name = official.name
        term = self.people.get(name)
        if term is None:
            slug = person_slug(name)
            if slug in self.person_slugs:  # two spellings, one slug ("Lê" and "Le"): keep both pages
                slug = f"{slug}-{len(self.person_slugs)}"
            self.person_slugs.add(slug)
            term = self.people[name] = _term("person", "people", name, name, slug, True)
            term.code = official.country
            term.country = self.gaz.countries.get(official.country) if official.country else None
        return term

    def site(self) -> Site:
        for term in self.people.values():
            term.roles.sort(key=lambda r: (r[0], r[1]))
            dated_titles = {title for _date, title, _article in term.roles}
            term.undated_roles = sorted(set(term.undated_roles) - dated_titles)
        ordered = [self.months[k] for k in sorted(self.months, reverse=True)]
        for month in [*ordered, self.undated]:
            month.country_terms = [(self.countries[c], n) for c, n in month.countries.most_common(10)]
            month.people_terms = [(self.people[p], n) for p, n in month.people.most_common(10)]
        for newer, older in itertools.pairwise(ordered):
            newer.previous, older.next = older, newer
        return Site(self.countries, self.organisations, self.people, ordered, self.undated)
