"""The role in the words read before or after a name: what is not the role is left off at both
ends (honorifics, "counterpart", "his", an event's name, a rank after a post), and the person's
country is the first one the words name that is not a posting ("Vietnamese Ambassador to
Argentina" is Vietnamese)."""

from __future__ import annotations

from typing import NamedTuple

from news_digest.tagging.document import DocumentReader

POSSESSIVES = frozenset({"’s", "'s"})


class Title(NamedTuple):
    text: str | None  # the role, None when the article gives none
    country: str | None  # the person's country named in it (not a posting)
    titled: bool  # a title head or an honorific was there: the name is a person's


NO_TITLE = Title(None, None, False)


class Roles(DocumentReader):
    """Reads the role in a run of tokens of one `Document`."""

    def _plural_of_a_country(self, j: int, i: int) -> bool:
        """Tokens [j, i) end with a plural title, "of" and a country: "Ambassadors of Japan"."""
        k, in_gazetteer = i, self.doc.in_gazetteer
        while k > j and in_gazetteer[k - 1]:
            k -= 1
        return (
            j <= k - 2 < i - 1 and self.words[k - 1] == "of" and self.words[k - 2] in self.rules.plural_titles
        )

    def _plural_post(self, j: int, i: int) -> bool:
        """Tokens [j, i) name a post in the plural ("Prime Ministers A, B and C": whose post is
        which?), not in a body's name after "of" ("Chairman of the Council of Ministers")."""
        for word in self.words[j:i]:
            if word == "of":
                return False
            if word in self.rules.plural_titles:
                return True
        return False

    def describe(self, j: int, i: int) -> Title:
        """The title of tokens [j, i) and the person's country: the first country it names
        that is not a posting ("Vietnamese Ambassador to Argentina" is Vietnamese)."""
        doc, words, rules = self.doc, self.words, self.rules
        if i <= j:
            return NO_TITLE
        while j < i and words[j] in rules.connectors:  # "(credentials) to Chilean President"
            j += 1
        if i <= j:
            return NO_TITLE
        country = self._persons_country(j, i)
        # A head anywhere, or an honorific right before the name ("Mr", "his wife"; not
        # "Cambodian Ambassadors in Phnom Penh").
        titled = (
            not rules.heads.isdisjoint(words[j:i])
            or words[i - 1] in rules.honorifics
            or words[i - 1] in rules.plural_titles
            or self._plural_of_a_country(j, i)
        )
        j, i = self._role_words(j, i)
        if i > j and words[i - 1] in rules.event_words:
            return Title(None, country, False)  # "the Foreign Ministers' Meeting in": an event
        if i > j and words[i - 1] in POSSESSIVES:
            return Title(None, country, True)  # "the Prime Minister's spouse Madam ...": his post
        if rules.role_heads.isdisjoint(words[j:i]):
            return Title(None, country, titled)
        if self._plural_post(j, i):
            return Title(None, country, True)
        i = self._without_rank_after_post(j, i)
        prefix = ""
        if words[j] in ("Former", "former") and j + 1 < i and doc.in_gazetteer[j + 1]:
            # "Former Australian Foreign Minister": the country is the person's, not the role's.
            prefix, j = words[j] + " ", j + 1
            while j < i and (doc.in_gazetteer[j] or words[j] in POSSESSIVES):
                j += 1
        return Title(prefix + " ".join(self.text[doc.starts[j] : doc.end(i - 1)].split()), country, True)

    def _persons_country(self, j: int, i: int) -> str | None:
        """The first country tokens [j, i) name that is not a posting ("to Argentina")."""
        doc, rules = self.doc, self.rules
        low, high = doc.starts[j], doc.end(i - 1)
        spans = doc.country_spans
        for n in range(doc.first_country_at(low), len(spans)):
            start, end, _surface, code = spans[n]
            if start > high:
                break
            if end <= high and not rules.posting.search(self.text, max(low, start - 10), start):
                return code
        return None

    def _role_words(self, j: int, i: int) -> tuple[int, int]:
        """[j, i) without what is not the role at either end: "his Singaporean counterpart Dr",
        "Meeting", a country, an honorific, an aside in brackets."""
        doc, words, rules = self.doc, self.words, self.rules
        while j < i and (
            words[j] in rules.event_words
            or words[j] in rules.connectors
            or words[j] in POSSESSIVES
            or words[j].startswith("(")
            or words[j] in rules.not_role_words
            or words[j] in rules.honorifics
            or doc.in_gazetteer[j]
        ):
            j += 1
        while i > j and (
            words[i - 1] in rules.connectors
            or words[i - 1].startswith("(")
            or words[i - 1] in rules.not_role_words
            or words[i - 1] in rules.honorifics
        ):
            i -= 1
        return j, i

    def _without_rank_after_post(self, j: int, i: int) -> int:
        """The end of the role without a rank after a post: "Deputy Minister of Public Security
        Lieut. Gen.", "Police General", "Air Chief Marshal"."""
        words, rules = self.words, self.rules
        k = i
        while k > j and (
            words[k - 1] in rules.ranks
            or words[k - 1] in rules.connectors
            or (
                words[k - 1] in rules.rank_services
                and k < i
                and (words[k] in rules.ranks or words[k] in rules.rank_services)
            )
        ):
            k -= 1
        return k if k < i and not rules.post_heads.isdisjoint(words[j:k]) else i
