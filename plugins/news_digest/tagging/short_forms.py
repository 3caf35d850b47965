"""The shorter forms VNA uses after a person's full name ("Chinh", "PM Chinh", "Lazo Hernández")
and role phrases ("the Party chief"), resolved back to the one person they name: a short form
shared by two people is resolved by the title before it or the nearest earlier mention, and is
an alias only when it names one person."""

from __future__ import annotations

from collections.abc import Callable

from news_digest.tagging.document import Document, DocumentReader
from news_digest.tagging.gazetteer import Person
from news_digest.tagging.mentions import Found, Mention
from news_digest.tagging.name_rules import SENTENCE_END, expand
from news_digest.tagging.titles import TitleReader


class ShortForms(DocumentReader):
    """Finds the short forms and role phrases of one article's people."""

    def __init__(self, doc: Document, titles: TitleReader) -> None:
        super().__init__(doc)
        self.titles = titles

    def short_forms(self, person: Person) -> tuple[str, ...]:
        """The forms used after the first mention: `short` or the name order's (people.toml);
        a name of either order ("Ishiba Shigeru", "Shigeru Ishiba") has both its words."""
        if person.short:
            return (person.short,)
        words = [w for w in person.name.split() if w not in ("Jr.", "Sr.", "Jr", "II", "III")]
        if person.name_order in ("malay", "chinese"):
            return (words[0],)
        if person.name_order == "mononym":
            return (person.name,)
        if person.name_order == "either":
            return (words[0], words[-1])
        return (words[-1],)

    def _tokens_equal_to(self, words: set[str]) -> list[int]:
        """Indices of the tokens that are one of `words`, in text order: one pass over the tokens
        (a search of the text for each word is quadratic with thousands of people), over the
        capitalised ones only when every word is capitalised (a fifth of the tokens)."""
        capitalised = all(word[0].isupper() for word in words)
        tokens = self.doc.capitalised if capitalised else range(len(self.words))
        return [k for k in tokens if self.words[k] in words]

    def short_mentions(self, found: Found) -> None:
        by_short: dict[str, list[str]] = {}
        for person in found.people.values():
            for short in self.short_forms(person):
                by_short.setdefault(short, []).append(person.name)
        never = self.rules.never_short_forms
        shorts = sorted((s for s in by_short if " " in s or s not in never), key=lambda s: -len(s))
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
            if taken[k] or doc.in_gazetteer[k]:  # "Thai" of "the Thai PM" is no one's short form
                continue
            words = self._form_at(k, by_first[self.words[k]])
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

    def _form_at(self, k: int, forms: list[list[str]]) -> list[str] | None:
        """The first of `forms` (the words of short forms that start with token k's word, longest
        first) that the text writes at token k; a one-word form is token k itself."""
        for words in forms:
            if len(words) == 1 or self._words_at(k, words):
                return words
        return None

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

    def _resolve(
        self, names: list[str], k: int, titles_of: Callable[[str], set[str]], latest: dict[str, int]
    ) -> tuple[str | None, str | None]:
        """Which of the people sharing a short form is meant at token k, and the title used
        ("PM Chinh" is the Prime Minister, "Deputy PM Chinh" the Deputy Prime Minister) when
        the short form is shared (it is only needed then). `titles_of` a person: the titles
        (written out) of their mentions and roles; `latest`: where each was last named."""
        if len(names) == 1:
            return names[0], None
        title = self.titles.before(k).text
        if title:
            wanted = expand(title, self.rules)
            exact = [name for name in names if wanted in titles_of(name)]
            if len(exact) == 1:
                return exact[0], title
        earlier = [name for name in names if name in latest]
        return (max(earlier, key=latest.__getitem__) if earlier else None), None

    def role_references(self, found: Found) -> None:
        """A role phrase ("the Party chief") is the one person named before it with that role. One
        pass over phrases and mentions together (not all mentions for each phrase: quadratic)."""
        rules, doc = self.rules, self.doc
        phrases = list(rules.role_phrases.finditer(self.text))
        if not phrases:  # most articles: nothing to resolve, and no need to look at the mentions
            return
        mentions = sorted(found.mentions, key=lambda m: m.start)
        # The people named so far with each role that this text's phrases require; two are as good
        # as many (ambiguous).
        required = {tuple(rules.role_references[match.group()]) for match in phrases}
        named: dict[tuple[str, ...], set[str]] = {words: set() for words in required}
        # A person named again with the same title changes nothing: most mentions are short forms.
        seen: set[tuple[str, str | None]] = set()
        i = 0
        for match in phrases:
            while i < len(mentions) and mentions[i].start < match.start():
                mention = mentions[i]
                i += 1
                if (mention.name, mention.title) in seen:
                    continue
                seen.add((mention.name, mention.title))
                roles = [mention.title or "", *found.people[mention.name].roles]
                for required, names in named.items():
                    if len(names) < 2 and any(all(word in role for word in required) for role in roles):
                        names.add(mention.name)
            # "the Party chief said": a reference; "the Party and State leader", "Party chief
            # To Lam" are not.
            k, k_end = doc.token_starting_at(match.start()), doc.token_ending_at(match.end())
            if k is None or k_end is None or k == 0:
                continue
            if self.words[k - 1] not in rules.role_reference_determiners:
                continue
            if k_end + 1 < len(self.words) and doc.is_name_token(k_end + 1):
                continue
            names = named[tuple(rules.role_references[match.group()])]
            if len(names) == 1:
                found.aliases.setdefault(match.group(), next(iter(names)))
