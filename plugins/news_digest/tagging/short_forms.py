"""The shorter forms VNA uses after a person's full name ("Chinh", "PM Chinh", "Lazo Hernández")
and role phrases ("the Party chief"), resolved back to the one person they name: a short form
shared by two people is resolved by the title before it or the nearest earlier mention, and is
an alias only when it names one person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from news_digest.tagging.mentions import Found, Mention
from news_digest.tagging.name_rules import SENTENCE_END, expand

if TYPE_CHECKING:
    from news_digest.tagging.gazetteer import Person
    from news_digest.tagging.tag import ArticleTagger
    from news_digest.tagging.titles import TitleReader


class ShortForms:
    """Finds the short forms and role phrases of one article's people."""

    def __init__(self, doc: ArticleTagger, titles: TitleReader) -> None:
        self.doc = doc
        self.rules = doc.rules
        self.words = doc.words
        self.text = doc.text
        self.titles = titles

    def short_form(self, person: Person) -> str:
        """The form used after the first mention: from `short` or the name order (people.toml)."""
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

    def short_mentions(self, found: Found) -> None:
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
        for k in self._tokens_equal_to(set(by_first)):
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
        if last >= len(self.words):
            return False
        return self.words[k : last + 1] == words and all(self.doc.adjacent(n, n + 1) for n in range(k, last))

    def _inside_other_name(self, k: int, k_end: int) -> bool:
        """Tokens k to k_end are part of a longer name: a name word beside them, or a place."""
        doc, words = self.doc, self.words
        neighbours = []
        if k > 0 and words[k - 1] not in SENTENCE_END:
            neighbours.append(k - 1)
            if k > 1 and words[k - 1] in self.rules.particles:  # "Carlos do Rosario"
                neighbours.append(k - 2)
        if k_end + 1 < len(words):
            neighbours.append(k_end + 1)
        return (
            any(doc.is_name_token(n) for n in neighbours)
            or doc.followed_by_place_suffix(doc.end(k_end))
            or self.doc.names_a_body(k_end + 1)
        )

    def _resolve(self, names: list[str], k: int, found: Found) -> tuple[str | None, str | None]:
        """Which of the people sharing a short form is meant at token k, and the title used
        ("PM Chinh" is the Prime Minister, "Deputy PM Chinh" the Deputy Prime Minister) when
        the short form is shared (it is only needed then)."""
        if len(names) == 1:
            return names[0], None
        title = self.titles.before(k).text
        if title:
            wanted = expand(title, self.rules)
            exact = [
                name
                for name in names
                if any(
                    expand(t, self.rules) == wanted
                    for t in [m.title for m in found.mentions if m.name == name and m.title]
                    + list(found.people[name].roles)
                )
            ]
            if len(exact) == 1:
                return exact[0], title
        start = self.doc.starts[k]
        earlier = [m for m in found.mentions if m.start < start and m.name in names]
        return (earlier[-1].name if earlier else None), None

    def role_references(self, found: Found) -> None:
        rules, doc = self.rules, self.doc
        for match in rules.role_phrases.finditer(self.text):
            phrase = match.group()
            # "the Party chief said": a reference; "the Party and State leader", "Party chief
            # To Lam" are not.
            k, k_end = doc.token_starting_at(match.start()), doc.token_ending_at(match.end())
            if (
                k is None
                or k_end is None
                or k == 0
                or self.words[k - 1] not in rules.role_reference_determiners
            ):
                continue
            if k_end + 1 < len(self.words) and doc.is_name_token(k_end + 1):
                continue
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
