"""Curated knowledge as lookup structures: countries, organisations, the people registry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from news_digest.data import load_data
from news_digest.matching import trie_regex, whole_words, words_pattern
from news_digest.slugs import make_slug

HOME_COUNTRY = "VN"
_WORD = re.compile(r"\w")


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


Scan = tuple[list[tuple[int, int, str, str]], list[tuple[int, int]]]  # what `Matcher.scan` returns


@dataclass(frozen=True)
class Matchers:
    """Several matchers scanned in one pass: `scan` gives what each matcher's own `scan` gives.

    A scan of the text for each matcher costs a pass over all of it for each (mostly lower-case
    words, where no form starts). One pattern of all their forms finds, wherever one starts, the
    longest: the match of the matchers that have that form. Another matcher can have a shorter form
    there, or one that starts inside it ("Vietnam" in "Communist Party of Vietnam"), perhaps running
    past its end; the forms alone say where (`inside`), and that matcher's own pattern is tried there.
    """

    matchers: tuple[Matcher, ...]
    pattern: re.Pattern[str]
    owners: dict[str, tuple[int, ...]]  # form -> the matchers that have it
    inside: dict[str, tuple[tuple[int, int], ...]]  # form -> (offset, matcher) to try, by offset

    @classmethod
    def build(cls, matchers: tuple[Matcher, ...]) -> Matchers:
        owners: dict[str, tuple[int, ...]] = {}
        for index, matcher in enumerate(matchers):
            for form in matcher.lookup:
                owners[form] = (*owners.get(form, ()), index)
        # The beginnings of each matcher's forms that end before a non-word character of the form:
        # a form that starts inside another can run on past the other's end only from one of them.
        heads = [
            {
                form[:end]
                for form in matcher.lookup
                for end in range(1, len(form))
                if not _WORD.match(form, end)
            }
            for matcher in matchers
        ]
        inside: dict[str, tuple[tuple[int, int], ...]] = {}
        for form, owned in owners.items():
            # A whole word of the text ends the form, so a form of another ends where the form has a
            # non-word character or at its end.
            ends = [end for end in range(1, len(form)) if not _WORD.match(form, end)] + [len(form)]
            tries = []
            for offset in range(len(form)):
                if offset and _WORD.match(form, offset - 1):
                    continue  # inside a word: no whole-word match starts here
                for index, matcher in enumerate(matchers):
                    if offset == 0 and index in owned:
                        continue  # its match here is this form
                    rest = form[offset:]
                    if rest in heads[index] or any(
                        form[offset:end] in matcher.lookup for end in ends if end > offset
                    ):
                        tries.append((offset, index))
            if tries:
                inside[form] = tuple(tries)
        forms = sorted(owners, key=lambda form: (-len(form), form))
        return cls(matchers, words_pattern(trie_regex(forms)), owners, inside)

    def scan(self, text: str) -> list[Scan]:
        """`matcher.scan(text)` of every matcher, in their order."""
        found: list[Scan] = [([], []) for _ in self.matchers]
        ends = [0] * len(self.matchers)  # where each matcher's last match ended: none before that

        def take(index: int, start: int, end: int, surface: str) -> None:
            key = self.matchers[index].lookup[surface]
            if key is None:
                found[index][1].append((start, end))
            else:
                found[index][0].append((start, end, surface, key))
            ends[index] = end

        for match in whole_words(self.pattern, text):
            form, start = match.group(), match.start()
            for index in self.owners[form]:
                if start >= ends[index]:
                    take(index, start, match.end(), form)
            for offset, index in self.inside.get(form, ()):
                if start + offset >= ends[index]:
                    other = self.matchers[index].pattern.match(text, start + offset)
                    if other:
                        take(index, other.start(), other.end(), other.group())
        return found


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Country]
    country_matcher: Matcher
    risky_country_forms: frozenset[str]
    organisations: dict[str, str]  # display name -> full name
    organisation_matcher: Matcher
    people: dict[str, Person]
    people_matcher: Matcher
    matchers: Matchers  # the country, organisation and people matchers, for one scan of a text
    names: dict = field(default_factory=dict)

    def country_by_slug(self, slug: str) -> Country | None:
        return next((c for c in self.countries.values() if c.slug == slug), None)


def _with_apostrophes(forms: list[str]) -> list[str]:
    """Every form with both the straight and the typographic apostrophe."""
    out = []
    for form in forms:
        out += [form, form.replace("'", "’"), form.replace("’", "'")]
    return list(dict.fromkeys(out))


def _registry_people() -> tuple[dict[str, Person], dict[str, str | None]]:
    """The registry's people (people.toml), and their surface forms: names, aliases, and the
    other order of a two-word name of a country that writes both ("Ishiba Shigeru")."""
    people: dict[str, Person] = {}
    people_forms: dict[str, str | None] = {}
    either_order = frozenset(load_data("names")["either_order_countries"])
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
    for person in people.values():  # after every name and alias: a reversed one never displaces them
        words = person.name.split()
        if person.country in either_order and len(words) == 2:
            people_forms.setdefault(f"{words[1]} {words[0]}", person.name)
    return people, people_forms


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

    people, people_forms = _registry_people()

    matchers = (Matcher.build(country_forms), Matcher.build(org_forms), Matcher.build(people_forms))
    return Gazetteer(
        countries=countries,
        country_matcher=matchers[0],
        risky_country_forms=frozenset(risky),
        organisations=organisations,
        organisation_matcher=matchers[1],
        people=people,
        people_matcher=matchers[2],
        matchers=Matchers.build(matchers),
        names=load_data("names"),
    )
