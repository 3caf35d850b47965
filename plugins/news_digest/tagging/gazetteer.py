"""Curated knowledge as lookup structures: countries, organisations, the people registry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from news_digest.data import load_data
from news_digest.matching import trie_regex, whole_words, words_pattern
from news_digest.slugs import make_slug

HOME_COUNTRY = "VN"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    region: str
    slug: str


@dataclass(frozen=True)
class Person:
    name: str
    country: str | None
    name_order: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    short: str | None = None


@dataclass(frozen=True)
class Matcher:
    """Longest-first, case-sensitive whole-word matching of surface forms to keys.

    A surface form mapped to None is an exclusion: it consumes the text so that a
    shorter name inside it (Guinea in Papua New Guinea, Lao in Lao Cai) is not matched.
    """

    pattern: re.Pattern[str]
    lookup: dict[str, str | None]

    @classmethod
    def build(cls, lookup: dict[str, str | None]) -> Matcher:
        # The trie is greedy, so at any position the longest form wins; a shorter form is
        # still found when the longer one is not followed by a word boundary.
        forms = sorted(lookup, key=lambda form: (-len(form), form))
        body = "|".join(re.escape(form) for form in forms) if len(forms) < 8 else trie_regex(forms)
        return cls(words_pattern(body), lookup)

    def scan(self, text: str) -> tuple[list[tuple[int, int, str, str]], list[tuple[int, int]]]:
        """(start, end, surface, key) of every match, and the spans of exclusions."""
        found, excluded = [], []
        lookup = self.lookup
        for match in whole_words(self.pattern, text):
            surface = match.group()
            key = lookup[surface]
            if key is None:
                excluded.append(match.span())
            else:
                found.append((match.start(), match.end(), surface, key))
        return found, excluded

    def finditer(self, text: str) -> list[tuple[int, int, str, str]]:
        return self.scan(text)[0]


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Country]
    country_matcher: Matcher
    risky_country_forms: frozenset[str]
    organisations: dict[str, str]  # display name -> full name
    organisation_matcher: Matcher
    people: dict[str, Person]
    people_matcher: Matcher
    names: dict = field(default_factory=dict)

    def country_by_slug(self, slug: str) -> Country | None:
        return next((c for c in self.countries.values() if c.slug == slug), None)


def _with_apostrophes(forms: list[str]) -> list[str]:
    """Every form with both the straight and the typographic apostrophe."""
    out = []
    for form in forms:
        out += [form, form.replace("'", "’"), form.replace("’", "'")]
    return list(dict.fromkeys(out))


@cache
def gazetteer() -> Gazetteer:
    """Load all data files once per process."""
    data = load_data("countries")
    countries: dict[str, Country] = {}
    country_forms: dict[str, str | None] = {}
    risky: set[str] = set()
    for phrase in _with_apostrophes(data.get("exclude", {}).get("phrases", [])):
        country_forms[phrase] = None
    for code, entry in data.items():
        if code == "exclude":
            continue
        countries[code] = Country(code, entry["name"], entry["region"], make_slug(entry["name"]))
        demonyms = entry.get("demonyms", [])
        plurals = [d + "s" for d in demonyms if not d.endswith(("ese", "sh", "ch", "s", "z"))]
        forms = _with_apostrophes([entry["name"], *entry.get("aliases", []), *demonyms, *plurals])
        for form in forms:
            country_forms.setdefault(form, code)
        if entry.get("person_name_risk"):
            risky.update(forms)

    orgs_data = load_data("organisations")
    organisations: dict[str, str] = {}
    org_forms: dict[str, str | None] = dict.fromkeys(
        _with_apostrophes(orgs_data.get("exclude", {}).get("phrases", []))
    )
    for entry in orgs_data["organisation"]:
        organisations[entry["name"]] = entry.get("full_name", entry["name"])
        for form in _with_apostrophes([entry["name"], *entry.get("aliases", [])]):
            org_forms.setdefault(form, entry["name"])

    people: dict[str, Person] = {}
    people_forms: dict[str, str | None] = {}
    for entry in load_data("people")["person"]:
        person = Person(
            name=entry["name"],
            country=entry.get("country"),
            name_order=entry.get("name_order", "western"),
            aliases=tuple(entry.get("aliases", [])),
            roles=tuple(entry.get("roles", [])),
            short=entry.get("short"),
        )
        people[person.name] = person
        for form in _with_apostrophes([person.name, *person.aliases]):
            people_forms.setdefault(form, person.name)

    return Gazetteer(
        countries=countries,
        country_matcher=Matcher.build(country_forms),
        risky_country_forms=frozenset(risky),
        organisations=organisations,
        organisation_matcher=Matcher.build(org_forms),
        people=people,
        people_matcher=Matcher.build(people_forms),
        names=load_data("names"),
    )
