"""People in an article: from the registry and from VNA's naming patterns (a title before a
name, "Name, Title ...", Vietnamese full names), with the short forms VNA uses later in the text
("Chinh", "PM Chinh") and role phrases ("the Vietnamese PM") resolved back to the full name.

Works on the token stream of `tag.ArticleTagger`; `PeopleFinder.find` is the entry point.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from .gazetteer import HOME_COUNTRY, Person, gazetteer
from .matching import Phrases

if TYPE_CHECKING:
    from .tag import ArticleTagger

# Where a sentence ends, for a name at the start of one.
SENTENCE_END = frozenset({".", "!", "?", "\n", ":", ";", "“", '"'})
_MAX_TITLE_TOKENS = 16
_POSTING = re.compile(r"\b(?:to|in)\s+(?:the\s+)?$")
_POSSESSIVES = ("’s", "'s")


@dataclass(frozen=True)
class NameRules:
    """The word lists of names.toml as sets, built once per process."""

    heads: frozenset[str]
    title_words: frozenset[str]
    connectors: frozenset[str]
    particles: frozenset[str]
    never_names: frozenset[str]  # title words and names.toml's not_names, less the particles
    place_suffixes: frozenset[str]
    vn_surnames: frozenset[str]
    cn_surnames: frozenset[str]
    role_references: dict[str, list[str]]
    role_phrases: Phrases
    abbreviations: dict[str, str]
    abbreviation_pattern: re.Pattern[str]  # longest first
    honorifics: frozenset[str]


@cache
def name_rules() -> NameRules:
    names = gazetteer().names
    heads = frozenset(names["title_heads"])
    roles = names["role_references"]
    abbreviations = names["title_abbreviations"]
    longest_first = sorted(abbreviations, key=lambda a: (-len(a), a))
    title_words = frozenset(names["title_words"]) | heads
    particles = frozenset(names["name_particles"])
    return NameRules(
        heads=heads,
        title_words=title_words,
        connectors=frozenset(names["title_connectors"]) | {"’", "'"},
        particles=particles,
        never_names=(title_words | frozenset(names["not_names"])) - particles,
        place_suffixes=frozenset(names["place_suffixes"]),
        vn_surnames=frozenset(names["vietnamese_surnames"]),
        cn_surnames=frozenset(names["chinese_surnames"]),
        role_references=roles,
        role_phrases=Phrases(roles),  # first listed wins
        abbreviations=abbreviations,
        abbreviation_pattern=re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)"),
        honorifics=frozenset(names["honorifics"]),
    )


def expand(title: str, rules: NameRules) -> str:
    """Abbreviations written out: "Deputy PM" -> "Deputy Prime Minister" (longest first)."""
    return rules.abbreviation_pattern.sub(lambda m: rules.abbreviations[m.group()], title)


@dataclass
class Mention:
    start: int
    end: int
    name: str  # canonical name
    title: str | None = None
    country: str | None = None


@dataclass
class Found:
    """People found in one article, with their mentions in text order."""

    mentions: list[Mention] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)


def _longer_names(names: list[str]) -> dict[tuple[str, ...], str]:
    """The first of `names` that starts or ends with more words, for each run of words that
    begins or ends one of them: "Mohamad Bin Haji" -> "Mohamad Bin Haji Hasan"."""
    longer: dict[tuple[str, ...], str] = {}
    for name in names:
        words = tuple(name.split())
        for n in range(1, len(words)):
            longer.setdefault(words[:n], name)
            longer.setdefault(words[-n:], name)
    return longer


class PeopleFinder:
    """Finds the people of one article in the tokens of its `ArticleTagger`."""

    def __init__(self, doc: ArticleTagger) -> None:
        self.doc = doc
        self.gaz = doc.gaz
        self.rules = doc.rules
        self.words = doc.words
        self.text = doc.text

    def find(self) -> Found:
        found = Found()
        registry = self._registry_mentions()
        patterned = self._pattern_mentions([(m.start, m.end) for m in registry])
        for mention in registry:
            found.people[mention.name] = self.gaz.people[mention.name]
        # A pattern name that is part of another found name is an alias of it ("Mohamad Bin Haji").
        longer_names = _longer_names([m.name for m in patterned] + list(found.people))
        for mention in patterned:
            longer = longer_names.get(tuple(mention.name.split()))
            if longer:
                found.aliases[mention.name] = longer
                mention.name = longer
            elif mention.name not in found.people:
                found.people[mention.name] = self._guess_person(mention)
        mentions = sorted(registry + patterned, key=lambda m: m.start)
        doc = self.doc
        for mention in mentions:
            if mention.title is None:
                k = doc.token_starting_at(mention.start)
                end_k = doc.token_ending_at(mention.end)
                if k is not None and end_k is not None:
                    before = self._title_before(k)[0]
                    if before is None or before in self.rules.honorifics:
                        before = self._title_after(end_k + 1)[0] or before
                    mention.title = before
        found.mentions = mentions
        self._short_mentions(found)
        self._role_references(found)
        found.mentions.sort(key=lambda m: m.start)
        return found

    # -- full names -------------------------------------------------------------------------

    def _registry_mentions(self) -> list[Mention]:
        return [
            Mention(start, end, name)
            for start, end, _surface, name in self.gaz.people_matcher.finditer(self.text)
            if not self.doc.followed_by_place_suffix(end)
        ]

    def _pattern_mentions(self, taken: list[tuple[int, int]]) -> list[Mention]:
        """People found from VNA's patterns, outside the spans already taken by the registry."""
        doc, words, particles = self.doc, self.words, self.rules.particles
        taken_flags = doc.token_flags(taken)
        mentions: list[Mention] = []
        # A name starts with a capital, and has two words at least (see below): a capital or a
        # particle ("bin") must follow. The other tokens are skipped at once.
        capitalised, last = doc.capitalised, len(words) - 1
        followed = set(capitalised)
        firsts = [k for k in capitalised if k + 1 in followed or (k < last and words[k + 1] in particles)]
        i = 0
        for k in firsts:
            if k < i or taken_flags[k]:
                continue
            i = k
            j = self._name_run(i)
            if j == i:
                i += 1
                continue
            start, end = doc.starts[i], doc.end(j - 1)
            # A name found by pattern has two words or more: one word alone needs no title.
            if j - i < 2 or any(taken_flags[i:j]) or doc.followed_by_place_suffix(end):
                i = j
                continue
            name_words = words[i:j]
            title, country = self._title_before(i)
            after_title = None
            if title is None or title in self.rules.honorifics:
                after_title, after_country = self._title_after(j)
                country = country or after_country
            sentence_start = doc.sentence_start(i) or words[i - 1] == "to"
            vietnamese = 3 <= len(name_words) <= 4 and self._looks_vietnamese(name_words)
            if title or (after_title and sentence_start) or vietnamese:
                if country is None and self._looks_vietnamese(name_words):
                    country = HOME_COUNTRY
                mentions.append(Mention(start, end, " ".join(name_words), after_title or title, country))
            i = j
        return mentions

    def _name_run(self, i: int) -> int:
        """Index after the run of name tokens starting at i (particles allowed inside)."""
        is_name, words, particles, n = (
            self.doc.is_name_token,
            self.words,
            self.rules.particles,
            len(self.words),
        )
        j = i
        while j < n:
            if is_name(j):
                j += 1
                continue
            k = j
            while k < n and words[k] in particles:
                k += 1
            if j > i and k > j and k < n and is_name(k):
                j = k
            else:
                break
        return j

    def _looks_vietnamese(self, words: list[str]) -> bool:
        return words[0] in self.rules.vn_surnames and all(w.isalpha() and len(w) <= 7 for w in words)

    def _guess_person(self, mention: Mention) -> Person:
        words = mention.name.split()
        if any(w.lower() in ("bin", "binti", "bint") for w in words):
            order = "malay"
        elif words[0] in self.rules.vn_surnames and (mention.country in (None, HOME_COUNTRY)):
            order = "vietnamese"
        elif words[0] in self.rules.cn_surnames and len(words) <= 3:
            order = "chinese"
        else:
            order = "western"
        return Person(mention.name, mention.country, order, roles=(mention.title,) if mention.title else ())

    # -- titles -----------------------------------------------------------------------------

    def _title_before(self, i: int) -> tuple[str | None, str | None]:
        """The title phrase ending just before token i, and the country it names."""
        words, in_gazetteer = self.words, self.doc.in_gazetteer
        title_words, connectors = self.rules.title_words, self.rules.connectors
        j = i
        while j > 0 and i - j < _MAX_TITLE_TOKENS:
            word = words[j - 1]
            if (
                word in title_words
                or word in connectors
                or word in _POSSESSIVES
                or word.startswith("(")
                or in_gazetteer[j - 1]
            ):
                j -= 1
            else:
                break
        return self._describe_title(j, i)

    def _describe_title(self, j: int, i: int) -> tuple[str | None, str | None]:
        """The title text of tokens [j, i) and the person's country: the first country it names
        that is not a posting ("Vietnamese Ambassador to Argentina" is Vietnamese)."""
        doc, words, connectors = self.doc, self.words, self.rules.connectors
        country = None
        while j < i and words[j] in connectors:
            j += 1
        if i > j:
            low, high = doc.starts[j], doc.end(i - 1)
            # Country spans are in text order: start at the first one inside the title.
            spans = doc.country_spans
            for n in range(bisect_left(doc.country_starts, low), len(spans)):
                start, end, _surface, code = spans[n]
                if start > high:
                    break
                if end <= high and not _POSTING.search(self.text[max(low, start - 10) : start]):
                    country = code
                    break
        # Drop leading connectors, countries and possessives: "his Singaporean counterpart".
        while j < i and (
            words[j] in connectors
            or words[j] in _POSSESSIVES
            or words[j].startswith("(")
            or doc.in_gazetteer[j]
        ):
            j += 1
        while i > j and (words[i - 1] in connectors or words[i - 1].startswith("(")):
            i -= 1
        if self.rules.heads.isdisjoint(words[j:i]):
            return None, country
        return self.text[doc.starts[j] : doc.end(i - 1)], country

    def _title_after(self, k: int) -> tuple[str | None, str | None]:
        """ ", Secretary of the Party Central Committee and ..." after a name ending at token k."""
        words, n = self.words, len(self.words)
        if k + 1 >= n or words[k] != ",":
            return None, None
        j = k + 1
        if words[j] in ("the", "a", "an"):
            j += 1
        if j >= n or words[j] not in self.rules.heads:
            return None, None
        start = j
        while j < n and words[j] not in (",", ".", ";", "\n") and j - start < 20:
            j += 1
        return self._describe_title(start, j)

    # -- short forms and role phrases ---------------------------------------------------------

    def short_form(self, person: Person) -> str:
        if person.short:
            return person.short
        words = [w for w in person.name.split() if w not in ("Jr.", "Sr.", "Jr", "II", "III")]
        if person.name_order in ("malay", "chinese"):
            return words[0]
        if person.name_order == "mononym":
            return person.name
        return words[-1]

    def _tokens_equal_to(self, words: set[str]) -> list[int]:
        """Indices of the tokens that are one of `words`, in text order: one pass over the tokens
        (a search of the text for each word is quadratic with thousands of people)."""
        return [k for k, token in enumerate(self.words) if token in words]

    def _short_mentions(self, found: Found) -> None:
        by_short: dict[str, list[str]] = {}
        for person in found.people.values():
            by_short.setdefault(self.short_form(person), []).append(person.name)
        title_words = self.rules.title_words
        shorts = sorted((s for s in by_short if " " in s or s not in title_words), key=lambda s: -len(s))
        if not shorts:
            return
        doc = self.doc
        taken = doc.token_flags([(m.start, m.end) for m in found.mentions] + doc.excluded_spans)
        by_first: dict[str, list[list[str]]] = {}
        for short in shorts:  # longest first
            words = short.split()
            by_first.setdefault(words[0], []).append(words)
        # Who was named before each token, and with which titles, kept up to date along the text
        # (not found again from all mentions at each short form: quadratic).
        named = sorted(found.mentions, key=lambda m: m.start)
        titled: dict[str, list[str]] = {}
        for mention in named:
            if mention.title:
                titled.setdefault(mention.name, []).append(mention.title)
        expanded: dict[str, set[str]] = {}

        def titles_of(name: str) -> set[str]:
            if name not in expanded:
                given = [*titled.get(name, []), *found.people[name].roles]
                expanded[name] = {expand(t, self.rules) for t in given}
            return expanded[name]

        latest: dict[str, int] = {}  # the start of each person's latest mention before the token
        i = 0
        for k in self._tokens_equal_to(set(by_first)):
            while i < len(named) and named[i].start < doc.starts[k]:
                latest[named[i].name] = named[i].start
                i += 1
            if taken[k]:
                continue
            words = next((w for w in by_first[self.words[k]] if self._words_at(k, w)), None)
            if words is None:
                continue
            short = " ".join(words)
            last = k + len(words) - 1
            start, end = doc.starts[k], doc.end(last)
            names = by_short[short]
            if self._inside_other_name(k, last):
                continue
            name, title = self._resolve(names, k, titles_of, latest)
            if name:
                found.mentions.append(Mention(start, end, name))
                latest[name] = start
                if short != name and len(names) == 1:
                    found.aliases.setdefault(short, name)
                elif short != name and title:
                    found.aliases.setdefault(f"{title} {short}", name)

    def _words_at(self, k: int, words: list[str]) -> bool:
        """Tokens k, k+1, ... are exactly `words`, one space apart."""
        last = k + len(words) - 1
        if last >= len(self.words):
            return False
        return self.words[k : last + 1] == words and all(self.doc.adjacent(n, n + 1) for n in range(k, last))

    def _inside_other_name(self, k: int, k_end: int) -> bool:
        """Tokens k to k_end are part of a longer name: a name word beside them, or a place."""
        doc, words = self.doc, self.words
        neighbours = []
        if k > 0 and words[k - 1] not in SENTENCE_END:
            neighbours.append(k - 1)
        if k_end + 1 < len(words):
            neighbours.append(k_end + 1)
        return any(doc.is_name_token(n) for n in neighbours) or doc.followed_by_place_suffix(doc.end(k_end))

    def _resolve(
        self, names: list[str], k: int, titles_of: Callable[[str], set[str]], latest: dict[str, int]
    ) -> tuple[str | None, str | None]:
        """Which of the people sharing a short form is meant at token k, and the title used
        ("PM Chinh" is the Prime Minister, "Deputy PM Chinh" the Deputy Prime Minister) when
        the short form is shared (it is only needed then). `titles_of` a person: the titles
        (written out) of their mentions and roles; `latest`: where each was last named."""
        if len(names) == 1:
            return names[0], None
        title = self._title_before(k)[0]
        if title:
            wanted = expand(title, self.rules)
            exact = [name for name in names if wanted in titles_of(name)]
            if len(exact) == 1:
                return exact[0], title
        earlier = [name for name in names if name in latest]
        return (max(earlier, key=latest.__getitem__) if earlier else None), None

    def _role_references(self, found: Found) -> None:
        """A role phrase ("the Party chief") is the one person named before it with that role. One
        pass over phrases and mentions together (not all mentions for each phrase: quadratic)."""
        mentions = sorted(found.mentions, key=lambda m: m.start)
        # The people named so far with each required role; two are as good as many (ambiguous).
        roles = self.rules.role_references.values()
        named: dict[tuple[str, ...], set[str]] = {tuple(r): set() for r in roles}
        i = 0
        for match in self.rules.role_phrases.finditer(self.text):
            while i < len(mentions) and mentions[i].start < match.start():
                mention = mentions[i]
                roles = [mention.title or "", *found.people[mention.name].roles]
                for required, names in named.items():
                    if len(names) < 2 and any(all(word in role for word in required) for role in roles):
                        names.add(mention.name)
                i += 1
            phrase = match.group()
            names = named[tuple(self.rules.role_references[phrase])]
            if len(names) == 1:
                found.aliases.setdefault(phrase, next(iter(names)))
