"""The title an article gives a person, read around their name: before it ("Deputy Foreign
Minister A. I. Denisov", "the Ambassador of the Republic of Korea (RoK), Park Noh-wan"), after it
(", the new Prime Minister of France") or after "on her appointment as".

A role is only what the article says of that person: honorifics (Dr, H.E., Dato'), "counterpart",
"his" and "new" are left out, and another person's title in the same sentence is not read across.
"""

from __future__ import annotations

from news_digest.tagging.document import Document, DocumentReader
from news_digest.tagging.roles import NO_TITLE, POSSESSIVES, Roles, Title

_MAX_TITLE_TOKENS = 24
_MAX_TITLE_AFTER = 40
# Tokens that close an appositive name: "..., Park Noh-wan, in recognition".
_CLOSERS = frozenset({",", ".", ";", ":", "(", ")", "!", "?"})
# Tokens that end a title read forwards.
_TITLE_STOPS = frozenset({",", ".", ";", ":", "(", ")", "!", "?", "“", '"', "/"})
# Where the title read forwards is cut when it runs into a common noun: "as Prime Minister of
# the African country" is "Prime Minister".
_OF_WORDS = frozenset({"of", "to", "in", "for", "from"})
_ARTICLES = frozenset({"the", "a", "an"})


class TitleReader(DocumentReader):
    """Reads titles in the tokens of one `Document`."""

    def __init__(self, doc: Document) -> None:
        super().__init__(doc)
        self.describe = Roles(doc).describe

    def line_break(self, a: int, b: int) -> bool:
        """A line break between tokens a and b = a + 1."""
        return b in self.doc.line_starts

    def closed(self, j: int) -> bool:
        """The name ending before token j ends its phrase (a comma, full stop, bracket, line end)."""
        return j >= len(self.words) or self.words[j] in _CLOSERS or self.line_break(j - 1, j)

    # -- before the name ------------------------------------------------------------------

    def before(self, i: int, closed: bool = False) -> Title:
        """The title ending just before token i; across one comma when the name is closed after
        it ("the Ambassador of the Republic of Korea (RoK), Park Noh-wan, ...")."""
        if i > 1 and self.words[i - 1] == "," and closed and not self.line_break(i - 2, i - 1):
            title = self._before(i - 1)
            return title if title.text else NO_TITLE
        return self._before(i)

    def _before(self, i: int) -> Title:
        j = self._walk(i, relaxed=False)
        title = self.describe(self._after_other_title(j, i), i)
        if title.text:
            return title
        # A long body name with words of its own: "President of the National Assembly of
        # People's Power of Cuba Esteban Lazo Hernández".
        if j == 0 or not self.words[j - 1][:1].isupper():
            return title  # the strict walk did not stop at a word of a body's name
        j_relaxed = self._walk(i, relaxed=True)
        if j_relaxed < j:
            head = self._relaxed_head(j_relaxed, i)
            if head is not None:
                relaxed = self.describe(self._after_other_title(head, i), i)
                if relaxed.text:
                    return relaxed
        return title

    def before_with_place(self, i: int, end: int | None = None) -> Title:
        """The title ending with the place of tokens [i, end) (one token by default) after "of":
        "Governor of California", "Ambassador in Kuala Lumpur"."""
        j = self._walk(i, relaxed=False)
        return self.describe(self._after_other_title(j, i), end or i + 1) if j < i else NO_TITLE

    def only_ranks(self, title: str) -> bool:
        """ "Senior Lieutenant General": a rank, not a post (a post after the name is better)."""
        return self.rules.ranks.issuperset(title.split())

    def _walk(self, i: int, relaxed: bool) -> int:
        """Where the run of title-like tokens ending before token i starts (same line)."""
        words, doc = self.words, self.doc
        title_words, connectors, in_gazetteer = (
            self.rules.title_words,
            self.rules.connectors,
            doc.in_gazetteer,
        )
        line_starts, lower_case = doc.line_starts, self.rules.lower_case_title_words
        j = i
        while j > 0 and i - j < _MAX_TITLE_TOKENS:
            word = words[j - 1]
            if j < i and j in line_starts:
                break
            if (
                word in title_words
                or word in connectors
                or word in lower_case  # "spokesman"
                or (word == "," and self._comma_in_a_body(j - 1, i))
                or word in POSSESSIVES
                or word.startswith("(")
                or in_gazetteer[j - 1]
                or (relaxed and word[:1].isupper() and not doc.sentence_start(j - 1))
            ):
                j -= 1
            else:
                break
        return j

    def _comma_in_a_body(self, k: int, i: int) -> bool:
        """The comma at token k lists a body's fields ("Minister of Economy, Trade and Industry"):
        a title word, not a head, on both sides of it, and no head yet between it and the name."""
        words, rules = self.words, self.rules
        if k < 1 or k + 1 >= i or k + 1 in self.doc.line_starts:
            return False
        before, after = words[k - 1], words[k + 1]
        return (
            before in rules.title_words
            and after in rules.title_words
            and before not in rules.any_case_heads
            and after not in rules.any_case_heads
            and rules.any_case_heads.isdisjoint(words[k + 1 : i])
        )

    def _relaxed_head(self, j: int, i: int) -> int | None:
        """The last title head in tokens [j, i) after which every other capitalised word comes
        after an "of" ("of People's Power of Cuba"), so that no other name is read as a title."""
        words, rules, in_gazetteer = self.words, self.rules, self.doc.in_gazetteer
        # The body's name ends right before the person's: "... of Cuba Esteban", never "... in
        # Abu Dhabi" (a place after another person's name).
        last = words[i - 1]
        if not (
            in_gazetteer[i - 1]
            or last in rules.title_words
            or last in rules.lower_case_title_words
            or last[:1] == "("
            or (last.isupper() and last.isalpha() and len(last) > 1)
        ):
            return None  # (or its acronym: "... Countries (CPLP) Zacarias da Costa", "of the DPR")
        for head in range(i - 1, j - 1, -1):
            if words[head] not in rules.heads or words[head] in rules.honorifics:
                continue
            after_of = False
            for k in range(head + 1, i):
                word = words[k]
                if word == "of":
                    after_of = True
                elif (
                    not (word in rules.title_words or word in rules.connectors or in_gazetteer[k])
                    and not after_of
                ):
                    break
            else:
                # With the title words right before it: "Vice President of ...", not "President".
                while head > j and (words[head - 1] in rules.title_words or in_gazetteer[head - 1]):
                    head -= 1
                return head
        return None

    def _after_other_title(self, j: int, i: int) -> int:
        """Where the title of the name at token i starts when tokens [j, i) hold the end of
        another title first: "... Prime Minister of France Prime Minister Pham Minh Chinh" (a
        country after "of", then a post of its own)."""
        words, in_gazetteer, title_words = self.words, self.doc.in_gazetteer, self.rules.title_words
        start = j
        k = j + 1
        while k < i:
            if in_gazetteer[k] and not in_gazetteer[k - 1] and words[k - 1] == "of":
                end = k
                while end < i and in_gazetteer[end]:
                    end += 1
                if (
                    end < i
                    and words[end] in title_words
                    and words[end] not in self.rules.connectors
                    and not self.rules.role_heads.isdisjoint(words[end:i])
                ):
                    start = end
                k = end + 1
            else:
                k += 1
        return start

    # -- after the name -------------------------------------------------------------------

    def after(self, k: int) -> Title:
        """ ", Secretary of the Party Central Committee and ..." after a name ending before token k."""
        words = self.words
        if k + 1 >= len(words) or words[k] != ",":
            return NO_TITLE
        # An apposition closes: "X, Ambassador of Canada, said", but not "After visiting Trang
        # An, the President toured ..." (a place, then the sentence's subject).
        return self.forwards(k + 1, closed=True)

    def appointment(self, k: int) -> Title:
        """ "... on her appointment as the new Prime Minister of France" after a name ending
        before token k."""
        if k >= len(self.words):
            return NO_TITLE
        doc = self.doc
        match = self.rules.appointment.match(self.text, doc.end(k - 1))
        if match is None:
            return NO_TITLE
        start = doc.token_starting_at(match.end())
        return NO_TITLE if start is None else self.forwards(start)

    def forwards(self, j: int, closed: bool = False) -> Title:
        """The title starting at token j (after "the", "new"), up to the end of its phrase;
        `closed`: only when punctuation or a line end ends it, not a lower-case word."""
        words, rules, n = self.words, self.rules, len(self.words)
        while j < n and (
            words[j] in _ARTICLES or (words[j] in rules.not_role_words and not self.doc.in_gazetteer[j])
        ):
            j += 1  # (but "New" of "New Zealand's Ambassador" is the country's)
        if j >= n or not (
            self._is_head(words[j])
            or words[j] in rules.title_words
            or words[j] in rules.lower_case_title_words  # "former Vice President"
            or self.doc.in_gazetteer[j]
        ):
            return NO_TITLE
        start = j
        last_of = None
        while j < n and j - start < _MAX_TITLE_AFTER:
            word = words[j]
            if word == "," and self._comma_in_a_body_ahead(j):
                j += 1
                continue
            if word in _TITLE_STOPS or (j > start and self.line_break(j - 1, j)):
                break
            if (
                word[:1].islower()
                and word not in rules.connectors
                and not self._is_head(word)
                and word not in rules.lower_case_title_words
                and not self.doc.in_gazetteer[j]  # "Côte d'Ivoire"
            ):
                # "as Prime Minister of the African country": the phrase after the last "of"
                # is not part of the title.
                if closed:
                    return NO_TITLE
                if last_of is not None:
                    j = last_of
                break
            if self._starts_a_name(j):
                # ", Deputy Minister Le Thi Thu Hang said": the title of the name after it.
                return NO_TITLE
            if word in _OF_WORDS:
                last_of = j
            j += 1
        return self.describe(start, j)

    def _comma_in_a_body_ahead(self, k: int) -> bool:
        """The comma at token k lists a body's fields in a title read forwards ("Minister of
        Planning, Economic Development and International Cooperation."): title words, not heads,
        on both sides of it, and only title words, connectors and places after it up to the end of
        the phrase."""
        words, rules, n = self.words, self.rules, len(self.words)
        if k < 1 or k + 1 >= n or self.line_break(k, k + 1):
            return False
        if words[k - 1] not in rules.title_words or words[k - 1] in rules.any_case_heads:
            return False
        end = min(n, k + _MAX_TITLE_AFTER)
        for m in range(k + 1, end):
            word = words[m]
            if word in _TITLE_STOPS or self.line_break(m - 1, m):
                return m > k + 1
            if word in rules.any_case_heads or not (
                word in rules.title_words or word in rules.connectors or self.doc.in_gazetteer[m]
            ):
                return False
        return end == n

    def _starts_a_name(self, j: int) -> bool:
        """Token j is a capitalised word of no title or place, and a second one follows."""
        doc = self.doc
        return (
            doc.is_name_token(j)
            and self.words[j] not in self.rules.title_words
            and j + 1 < len(self.words)
            and (doc.is_name_token(j + 1) or self.words[j + 1] in self.rules.particles)
        )

    def _is_head(self, word: str) -> bool:
        return word in self.rules.any_case_heads
