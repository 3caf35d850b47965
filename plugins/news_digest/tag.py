"""Tag stage: `Article` -> `Tags` (countries, organisations, officials with their titles).

Countries and organisations come from the gazetteer; people from the registry and from
VNA's naming patterns (a title before a name, "Name, Title ...", Vietnamese full names),
with the short forms VNA uses later in the text resolved back to the full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .article import Article, Official, Tags
from .gazetteer import HOME_COUNTRY, Gazetteer, Person, gazetteer

_ABBREVIATIONS = "Gen|Dr|Jr|Sr|Mr|Mrs|Ms|Prof|Lt|Col|Maj|Sen|Rep|St|Hon"
# Parenthesised asides "(EC)", abbreviations "Gen.", words (a possessive ’s is a token of its
# own, a trailing apostrophe too: "Dato'"), numbers, punctuation.
_TOKEN = re.compile(
    rf"\([^()\n]{{1,16}}\)|(?:{_ABBREVIATIONS})\.|[^\W\d_](?:[\w-]|[’'](?!s\b)(?=\w))*|[’']s\b|\d[\w.,]*|\S"
)
_SENTENCE_END = {".", "!", "?", "\n", ":", ";", "“", '"'}
# Words before a country name that make it the country, not a person: "visited Jordan".
_COUNTRY_CUES = {"of", "in", "to", "from", "with", "visit", "visited", "visits", "visiting", "and"}
_MAX_TITLE_TOKENS = 16
_POSTING = re.compile(r"\b(?:to|in)\s+(?:the\s+)?$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words, possessives, known abbreviations with their dot, and punctuation."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class NameRules:
    """The word lists of names.toml as sets, built once per process."""

    heads: frozenset[str]
    title_words: frozenset[str]
    connectors: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    place_suffixes: frozenset[str]
    vn_surnames: frozenset[str]
    cn_surnames: frozenset[str]
    role_references: dict[str, list[str]]
    role_pattern: re.Pattern[str]
    abbreviations: dict[str, str]
    honorifics: frozenset[str]


@cache
def name_rules() -> NameRules:
    names = gazetteer().names
    heads = frozenset(names["title_heads"])
    roles = names["role_references"]
    return NameRules(
        heads=heads,
        title_words=frozenset(names["title_words"]) | heads,
        connectors=frozenset(names["title_connectors"]) | {"’", "'"},
        particles=frozenset(names["name_particles"]),
        not_names=frozenset(names["not_names"]),
        place_suffixes=frozenset(names["place_suffixes"]),
        vn_surnames=frozenset(names["vietnamese_surnames"]),
        cn_surnames=frozenset(names["chinese_surnames"]),
        role_references=roles,
        role_pattern=re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, roles)) + r")(?!\w)"),
        abbreviations=names["title_abbreviations"],
        honorifics=frozenset(names["honorifics"]),
    )


@dataclass
class Mention:
    start: int
    end: int
    name: str  # canonical name
    title: str | None = None
    country: str | None = None


@dataclass
class _Found:
    """People found in one article, with their mentions in text order."""

    mentions: list[Mention] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)


class ArticleTagger:
    """Tags one article; holds the article text and its token stream."""

    def __init__(self, article: Article, gaz: Gazetteer) -> None:
        self.gaz = gaz
        rules = self.rules = name_rules()
        self.heads, self.title_words, self.connectors = rules.heads, rules.title_words, rules.connectors
        self.particles, self.not_names = rules.particles, rules.not_names
        self.place_suffixes, self.vn_surnames, self.cn_surnames = (
            rules.place_suffixes,
            rules.vn_surnames,
            rules.cn_surnames,
        )
        self.text, self.caption_spans = document_text(article)
        self.tokens = tokenize(self.text)
        self.token_at_start = {t.start: k for k, t in enumerate(self.tokens)}
        self.token_at_end = {t.end: k for k, t in enumerate(self.tokens)}
        self.country_spans, country_excluded = gaz.country_matcher.scan(self.text)
        self.org_spans, org_excluded = gaz.organisation_matcher.scan(self.text)
        self.excluded_spans = country_excluded + org_excluded
        # Tokens inside a country, organisation or excluded place: never part of a name.
        spans = [(s, e) for s, e, *_ in self.country_spans + self.org_spans] + self.excluded_spans
        self.gazetteer_starts = dict(spans)
        self.in_gazetteer = self._token_flags(spans)

    def _token_flags(self, spans: list[tuple[int, int]]) -> list[bool]:
        """For each token, whether it starts inside one of `spans`."""
        flags = [False] * len(self.tokens)
        for start, end in spans:
            k = self.token_at_start.get(start)
            while k is not None and k < len(self.tokens) and self.tokens[k].start < end:
                flags[k] = True
                k += 1
        return flags

    # -- countries and organisations ------------------------------------------------------

    def _in_caption(self, position: int) -> bool:
        return any(s <= position < e for s, e in self.caption_spans)

    def countries(self) -> list[str]:
        """Codes named outside captions, in order of first mention anywhere."""
        first: dict[str, int] = {}
        named: set[str] = set()
        for start, end, surface, code in self.country_spans:
            if code == HOME_COUNTRY:
                continue
            if surface in self.gaz.risky_country_forms and self._looks_like_person(start, end):
                continue
            first.setdefault(code, start)
            if not self._in_caption(start):
                named.add(code)
        return [code for code in sorted(first, key=first.__getitem__) if code in named]

    def organisations(self) -> list[str]:
        first: dict[str, int] = {}
        named = set()
        for start, _end, _surface, key in self.org_spans:
            first.setdefault(key, start)
            if not self._in_caption(start):
                named.add(key)
        return [key for key in sorted(first, key=first.__getitem__) if key in named]

    def _looks_like_person(self, start: int, end: int) -> bool:
        """Georgia, Jordan, Chad beside another capitalised name word are people's names:
        "Chad Smith", "Michael Jordan"; but "visited Jordan", "Jordan, Georgia and Chad"."""
        k, k_end = self.token_at_start.get(start), self.token_at_end.get(end)
        if k is None or k_end is None:
            return False
        following = k_end + 1
        if (
            following < len(self.tokens)
            and self._adjacent(k_end, following)
            and self._is_name_token(self.tokens[following])
        ):
            return True
        if k > 0 and self._adjacent(k - 1, k):
            previous = self.tokens[k - 1]
            if previous.text in _COUNTRY_CUES:
                return False
            return self._is_name_token(previous) and not self._sentence_start(k - 1)
        return False

    def _adjacent(self, a: int, b: int) -> bool:
        """Tokens a and b are separated by a single space (no punctuation, no line break)."""
        return self.text[self.tokens[a].end : self.tokens[b].start] == " "

    def _sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        previous = self.tokens[i - 1]
        return previous.text in _SENTENCE_END or "\n" in self.text[previous.end : self.tokens[i].start]

    # -- people ----------------------------------------------------------------------------

    def _is_name_token(self, token: Token) -> bool:
        word = token.text
        return (
            word[:1].isupper()
            and word not in self.title_words
            and word not in self.not_names
            and token.start not in self.gazetteer_starts
            and not (word.isupper() and len(word) > 1)
        ) or (word[:1].isupper() and word in self.particles)

    def _name_run(self, i: int) -> int:
        """Index after the run of name tokens starting at i (particles allowed inside)."""
        j = i
        while j < len(self.tokens):
            if self._is_name_token(self.tokens[j]):
                j += 1
                continue
            k = j
            while k < len(self.tokens) and self.tokens[k].text in self.particles:
                k += 1
            if j > i and k > j and k < len(self.tokens) and self._is_name_token(self.tokens[k]):
                j = k
            else:
                break
        return j

    def _skip_gazetteer(self, j: int) -> int:
        """Skip tokens inside a country, organisation or excluded-place span starting at token j."""
        end = self.gazetteer_starts.get(self.tokens[j].start)
        if end is None:
            return j
        while j < len(self.tokens) and self.tokens[j].start < end:
            j += 1
        return j

    def _title_before(self, i: int) -> tuple[str | None, str | None]:
        """The title phrase ending just before token i, and the country it names."""
        j = i
        while j > 0 and i - j < _MAX_TITLE_TOKENS:
            token = self.tokens[j - 1]
            word = token.text
            if (
                word in self.title_words
                or word in self.connectors
                or word in ("’s", "'s")
                or word.startswith("(")
                or self.in_gazetteer[j - 1]
            ):
                j -= 1
            else:
                break
        return self._describe_title(j, i)

    def _describe_title(self, j: int, i: int) -> tuple[str | None, str | None]:
        """The title text of tokens [j, i) and the person's country: the first country it names
        that is not a posting ("Vietnamese Ambassador to Argentina" is Vietnamese)."""
        country = None
        while j < i and self.tokens[j].text in self.connectors:
            j += 1
        if i > j:
            low, high = self.tokens[j].start, self.tokens[i - 1].end
            for start, end, _surface, code in self.country_spans:
                if (
                    low <= start
                    and end <= high
                    and not _POSTING.search(self.text[max(low, start - 10) : start])
                ):
                    country = code
                    break
        # Drop leading connectors, countries and possessives: "his Singaporean counterpart".
        while j < i and (
            self.tokens[j].text in self.connectors
            or self.tokens[j].text in ("’s", "'s")
            or self.tokens[j].text.startswith("(")
            or self.in_gazetteer[j]
        ):
            j += 1
        while i > j and (
            self.tokens[i - 1].text in self.connectors or self.tokens[i - 1].text.startswith("(")
        ):
            i -= 1
        if not any(self.tokens[k].text in self.heads for k in range(j, i)):
            return None, country
        return self.text[self.tokens[j].start : self.tokens[i - 1].end], country

    def _title_after(self, k: int) -> tuple[str | None, str | None]:
        """ ", Secretary of the Party Central Committee and ..." after a name ending at token k."""
        if k + 1 >= len(self.tokens) or self.tokens[k].text != ",":
            return None, None
        j = k + 1
        if self.tokens[j].text in ("the", "a", "an"):
            j += 1
        if j >= len(self.tokens) or self.tokens[j].text not in self.heads:
            return None, None
        start = j
        while j < len(self.tokens) and self.tokens[j].text not in (",", ".", ";", "\n") and j - start < 20:
            j += 1
        return self._describe_title(start, j)

    def _registry_mentions(self) -> list[Mention]:
        mentions = []
        for start, end, _surface, name in self.gaz.people_matcher.finditer(self.text):
            if self._followed_by_place_suffix(end):
                continue
            mentions.append(Mention(start, end, name))
        return mentions

    def _followed_by_place_suffix(self, end: int) -> bool:
        after = _NEXT_WORD.match(self.text, end, end + 30)
        return bool(after and after.group(1) in self.place_suffixes)

    def _pattern_mentions(self, taken: list[tuple[int, int]]) -> list[Mention]:
        """People found from VNA's patterns, outside the spans already taken by the registry."""
        tokens = self.tokens
        taken_flags = self._token_flags(taken)
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            if taken_flags[i] or not tokens[i].text[0].isupper():
                i += 1
                continue
            j = self._name_run(i)
            if j == i:
                i += 1
                continue
            start, end = tokens[i].start, tokens[j - 1].end
            if any(taken_flags[i:j]) or self._followed_by_place_suffix(end):
                i = j
                continue
            words = [t.text for t in tokens[i:j]]
            title, country = self._title_before(i)
            after_title = None
            if title is None or title in self.rules.honorifics:
                after_title, after_country = self._title_after(j)
                country = country or after_country
            sentence_start = self._sentence_start(i) or tokens[i - 1].text == "to"
            vietnamese = 3 <= len(words) <= 4 and self._looks_vietnamese(words)
            if len(words) >= 2 and (title or (after_title and sentence_start) or vietnamese):
                if country is None and self._looks_vietnamese(words):
                    country = HOME_COUNTRY
                mentions.append(Mention(start, end, " ".join(words), after_title or title, country))
            i = j
        return mentions

    def _looks_vietnamese(self, words: list[str]) -> bool:
        return words[0] in self.vn_surnames and all(w.isalpha() and len(w) <= 7 for w in words)

    def short_form(self, person: Person) -> str:
        if person.short:
            return person.short
        words = [w for w in person.name.split() if w not in ("Jr.", "Sr.", "Jr", "II", "III")]
        if person.name_order in ("malay", "chinese"):
            return words[0]
        if person.name_order == "mononym":
            return person.name
        return words[-1]

    def _guess_person(self, mention: Mention) -> Person:
        words = mention.name.split()
        if any(w.lower() in ("bin", "binti", "bint") for w in words):
            order = "malay"
        elif words[0] in self.vn_surnames and (mention.country in (None, HOME_COUNTRY)):
            order = "vietnamese"
        elif words[0] in self.cn_surnames and len(words) <= 3:
            order = "chinese"
        else:
            order = "western"
        return Person(mention.name, mention.country, order, roles=(mention.title,) if mention.title else ())

    def people(self) -> _Found:
        found = _Found()
        registry = self._registry_mentions()
        taken = [(m.start, m.end) for m in registry]
        patterned = self._pattern_mentions(taken)
        for mention in registry:
            found.people[mention.name] = self.gaz.people[mention.name]
        # A pattern name that is part of another found name is an alias of it ("Mohamad Bin Haji").
        full_names = [m.name for m in patterned] + list(found.people)
        for mention in patterned:
            longer = [n for n in full_names if n != mention.name and _is_part_of(mention.name, n)]
            if longer:
                found.aliases[mention.name] = longer[0]
                mention.name = longer[0]
            elif mention.name not in found.people:
                found.people[mention.name] = self._guess_person(mention)
        mentions = sorted(registry + patterned, key=lambda m: m.start)
        for mention in mentions:
            if mention.title is None:
                k = self.token_at_start.get(mention.start)
                end_k = self.token_at_end.get(mention.end)
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

    def _short_mentions(self, found: _Found) -> None:
        by_short: dict[str, list[str]] = {}
        for person in found.people.values():
            by_short.setdefault(self.short_form(person), []).append(person.name)
        shorts = sorted((s for s in by_short if " " in s or s not in self.title_words), key=lambda s: -len(s))
        if not shorts:
            return
        taken = self._token_flags([(m.start, m.end) for m in found.mentions] + self.excluded_spans)
        by_first: dict[str, list[list[str]]] = {}
        for short in shorts:  # longest first
            words = short.split()
            by_first.setdefault(words[0], []).append(words)
        for k, token in enumerate(self.tokens):
            candidates = by_first.get(token.text)
            if not candidates:
                continue
            words = next((w for w in candidates if self._words_at(k, w)), None)
            if words is None:
                continue
            short = " ".join(words)
            start, end = token.start, self.tokens[k + len(words) - 1].end
            names = by_short[short]
            if taken[k] or self._inside_other_name(start, end):
                continue
            name, title = self._resolve(names, k, found)
            if name:
                found.mentions.append(Mention(start, end, name))
                if short != name and len(names) == 1:
                    found.aliases.setdefault(short, name)
                elif short != name and title:
                    found.aliases.setdefault(f"{title} {short}", name)

    def _words_at(self, k: int, words: list[str]) -> bool:
        """Tokens k, k+1, ... are exactly `words`, one space apart."""
        last = k + len(words) - 1
        if last >= len(self.tokens):
            return False
        return all(self.tokens[k + n].text == w for n, w in enumerate(words)) and all(
            self._adjacent(n, n + 1) for n in range(k, last)
        )

    def _inside_other_name(self, start: int, end: int) -> bool:
        k = self.token_at_start.get(start)
        if k is None:
            return True
        k_end = self.token_at_end.get(end, k)
        neighbours = []
        if k > 0 and self.tokens[k - 1].text not in _SENTENCE_END:
            neighbours.append(self.tokens[k - 1])
        if k_end + 1 < len(self.tokens):
            neighbours.append(self.tokens[k_end + 1])
        return any(self._is_name_token(t) for t in neighbours) or self._followed_by_place_suffix(end)

    def _resolve(self, names: list[str], k: int, found: _Found) -> tuple[str | None, str | None]:
        """Which of the people sharing a short form is meant at token k, and the title used
        ("PM Chinh" is the Prime Minister, "Deputy PM Chinh" the Deputy Prime Minister)."""
        abbreviations = self.rules.abbreviations
        title = self._title_before(k)[0]
        if len(names) == 1:
            return names[0], title
        if title:
            wanted = _expand(title, abbreviations)
            exact = [
                name
                for name in names
                if any(
                    _expand(t, abbreviations) == wanted
                    for t in [m.title for m in found.mentions if m.name == name and m.title]
                    + list(found.people[name].roles)
                )
            ]
            if len(exact) == 1:
                return exact[0], title
        start = self.tokens[k].start
        earlier = [m for m in found.mentions if m.start < start and m.name in names]
        return (earlier[-1].name if earlier else None), None

    def _role_references(self, found: _Found) -> None:
        for match in self.rules.role_pattern.finditer(self.text):
            phrase = match.group()
            required = self.rules.role_references[phrase]
            candidates = []
            for mention in found.mentions:
                if mention.start >= match.start():
                    break
                roles = [mention.title or "", *found.people[mention.name].roles]
                if any(all(word in role for word in required) for role in roles):
                    candidates.append(mention.name)
            if len(set(candidates)) == 1:
                found.aliases.setdefault(phrase, candidates[0])


def document_text(article: Article) -> tuple[str, list[tuple[int, int]]]:
    """Title, lead, body and captions in the order the raw text had them, and the caption spans."""
    parts: list[tuple[str, bool]] = [(article.title, False), (article.lead or "", False)]
    anchored: dict[int, list[str]] = {}
    for caption, anchor in zip(
        article.captions, article.caption_anchors or [0] * len(article.captions), strict=True
    ):
        anchored.setdefault(anchor, []).append(caption)
    for index, paragraph in enumerate(article.paragraphs):
        parts += [(c, True) for c in anchored.pop(index, [])]
        parts.append((paragraph, False))
    parts += [(c, True) for anchor in sorted(anchored) for c in anchored[anchor]]
    text, spans, position = [], [], 0
    for part, is_caption in parts:
        if is_caption:
            spans.append((position, position + len(part)))
        text.append(part)
        position += len(part) + 1
    return "\n".join(text), spans


def _is_part_of(short: str, long: str) -> bool:
    a, b = short.split(), long.split()
    return len(a) < len(b) and (b[: len(a)] == a or b[-len(a) :] == a)


@cache
def _abbreviation_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def _expand(title: str, abbreviations: dict[str, str]) -> str:
    """Abbreviations written out: "Deputy PM" -> "Deputy Prime Minister" (longest first)."""
    pattern = _abbreviation_pattern(tuple(sorted(abbreviations, key=lambda a: (-len(a), a))))
    return pattern.sub(lambda m: abbreviations[m.group()], title)


def tag(article: Article, gaz: Gazetteer | None = None) -> Tags:
    """Countries, organisations and officials named in an article."""
    tagger = ArticleTagger(article, gaz or gazetteer())
    found = tagger.people()
    officials: dict[str, Official] = {}
    for mention in found.mentions:
        if mention.name in officials:
            continue
        person = found.people[mention.name]
        titles = [m.title for m in found.mentions if m.name == mention.name and m.title]
        officials[mention.name] = Official(
            name=mention.name,
            country=person.country
            or next((m.country for m in found.mentions if m.name == mention.name and m.country), None),
            title=_expand(titles[0], tagger.rules.abbreviations) if titles else None,
            in_registry=mention.name in tagger.gaz.people,
        )
    return Tags(
        country_codes=tagger.countries(),
        organisations=tagger.organisations(),
        officials=list(officials.values()),
        aliases=found.aliases,
    )
