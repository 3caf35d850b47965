"""People in an article: from the registry and from VNA's naming patterns (a title before a
name, "Name, Title ...", Vietnamese full names), with the short forms VNA uses later in the text
("Chinh", "PM Chinh") and role phrases ("the Vietnamese PM") resolved back to the full name.

Works on the token stream of `document.Document`; `PeopleFinder.find` is the entry point. Titles
are read by `titles.py`, short forms resolved by `short_forms.py`.
"""

from __future__ import annotations

from news_digest.tagging.document import Document, DocumentReader
from news_digest.tagging.gazetteer import HOME_COUNTRY, Person
from news_digest.tagging.mentions import Found, Mention
from news_digest.tagging.names import KnownNames, fuller_names, guess_name_order, longer_names
from news_digest.tagging.roles import Title
from news_digest.tagging.short_forms import ShortForms
from news_digest.tagging.titles import TitleReader

# Tokens after a name that close it, for a name after a cue word ("congratulated X on ...").
_CUE_CLOSERS = frozenset({",", ".", "on", "who", "(", ";"})
_QUOTES = frozenset({'"', "“", "‘", "'"})
# Words between a title and its place: "Governor of California", "Consul General in Osaka".
_PLACE_WORDS = frozenset({"of", "in", "to"})


class PeopleFinder(DocumentReader):
    """Finds the people of one article in the tokens of its `Document`."""

    def __init__(self, doc: Document) -> None:
        super().__init__(doc)
        self.gaz = doc.gaz
        self.titles = TitleReader(doc)

    def find(self) -> Found:
        found = Found()
        registry = self._registry_mentions()
        patterned = self._pattern_mentions([(m.start, m.end) for m in registry], [m.name for m in registry])
        for mention in registry:
            found.people[mention.name] = self.gaz.people[mention.name]
        # A pattern name that is part of another found name is an alias of it ("Mohamad Bin Haji").
        names = list(found.people) + list(dict.fromkeys(m.name for m in patterned))
        longer_of = longer_names(names)
        other_forms = fuller_names(names)
        fuller = {
            name: longer_of.get(tuple(name.split())) or other_forms[name]
            for name in names[len(found.people) :]
        }
        for mention in patterned:
            longer = fuller[mention.name]
            if longer:
                if len(longer.split()) > len(mention.name.split()):
                    found.aliases[mention.name] = longer
                mention.name = longer
            elif mention.name not in found.people:
                found.people[mention.name] = self._guess_person(mention)
        doc = self.doc
        for mention in registry:
            k = doc.token_starting_at(mention.start)
            end_k = doc.token_ending_at(mention.end)
            if k is not None and end_k is not None:
                mention.title = self._title_around(k, end_k + 1).text
        found.mentions = sorted(registry + patterned, key=lambda m: m.start)
        aliases = ShortForms(self.doc, self.titles)
        aliases.short_mentions(found)
        aliases.role_references(found)
        found.mentions.sort(key=lambda m: m.start)
        return found

    def _title_around(self, i: int, j: int) -> Title:
        """The title of the name in tokens [i, j): before it, else after it, else after
        "on his appointment as"; the country from whichever names one."""
        titles = self.titles
        before = titles.before(i, titles.closed(j))
        if before.text and not titles.only_ranks(before.text):
            return before
        after = titles.after(j)
        if not after.text:
            after = titles.appointment(j)
        if not after.text:
            return before
        return Title(after.text, before.country or after.country, True)

    # -- full names -------------------------------------------------------------------------

    def _registry_mentions(self) -> list[Mention]:
        doc = self.doc
        # Where a title-case headline ends: every word is capitalised before it.
        headline_end = max((end for _start, end in doc.title_case_spans()), default=0)
        return [
            Mention(start, end, name)
            for start, end, _surface, name in self.doc.registry_spans
            if not doc.followed_by_place_suffix(end) and (start < headline_end or not self._name_goes_on(end))
        ]

    def _name_goes_on(self, end: int) -> bool:
        """A name word follows the name ending at `end`: "Nguyen Thi Thanh Huong" is not the
        registry's "Nguyen Thi Thanh" (but "To Lam Meets ..." in a title-case headline is)."""
        doc = self.doc
        k = doc.token_ending_at(end)
        if k is None or k + 1 >= len(self.words):
            return False
        return doc.adjacent(k, k + 1) and doc.is_name_token(k + 1)

    def _pattern_mentions(self, taken: list[tuple[int, int]], registry_names: list[str]) -> list[Mention]:
        """People found from VNA's patterns, outside the spans already taken by the registry
        (whose people are known, as are the people found so far)."""
        known = KnownNames(registry_names)
        doc, words, rules = self.doc, self.words, self.rules
        # No name is read from a title-case headline's capitals ("Leaders Exchange Greetings").
        taken_flags = doc.token_flags(taken + doc.title_case_spans())
        mentions: list[Mention] = []
        # A name starts with a capital, and has two words at least (see below): a capital, a
        # particle ("bin") or an initial's full stop must follow. The other tokens are skipped
        # at once.
        capitalised, last = doc.capitalised, len(words) - 1
        followed = set(capitalised)
        firsts = [
            k
            for k in capitalised
            if k + 1 in followed
            or (
                k < last and (words[k + 1] in rules.particles or (words[k + 1] == "." and len(words[k]) == 1))
            )
            or (k > 0 and words[k - 1] in rules.single_name_heads)
        ]
        # Where the people found so far end: "Foreign Ministers Bui Thanh Son and Penny Wong".
        person_ends = {end for _start, end in taken}  # in the text
        i = 0
        for k in firsts:
            if k < i or taken_flags[k]:
                continue
            i = k
            j = self._name_run(i)
            if j == i:
                i += 1
                continue
            end = doc.end(j - 1)
            single = j - i == 1 and i > 0 and words[i - 1] in rules.single_name_heads
            # A name found by pattern has two words or more, or one right after "Pope", "King".
            if (
                (j - i < 2 and not single)
                or any(taken_flags[i:j])
                or doc.followed_by_place_suffix(end)
                or doc.names_a_body(j)
            ):
                i = j
                continue
            mention = self._pattern_mention(i, j, person_ends, known)
            if mention:
                mentions.append(mention)
                person_ends.add(mention.end)
                known.add(mention.name)
            i = j
        return mentions

    def _coordinated(self, i: int, j: int, person_ends: set[int]) -> bool:
        """Tokens [i, j) follow a person's name and "and" (or a comma, when the name is closed
        by one too): "Ministers Bui Thanh Son and Penny Wong", "... Son, Penny Wong, and ...";
        also with their countries: "Ambassadors of Japan Ito Naoki, of India Sandeep Arya"."""
        words, end, in_gazetteer = self.words, self.doc.end, self.doc.in_gazetteer
        k = i
        while k > 0 and in_gazetteer[k - 1]:
            k -= 1
        with_country = i - 3 <= k < i and k > 0 and words[k - 1] == "of"
        if with_country:
            i = k - 1
        if i < 2:
            return False
        joint = words[i - 1]
        if with_country and joint == ",":
            return end(i - 2) in person_ends
        if joint == "and":
            previous = i - 3 if words[i - 2] == "," else i - 2  # "A, B, and C"
            return end(previous) in person_ends
        return joint == "," and end(i - 2) in person_ends and self.titles.closed(j) and words[j] != "("

    def _pattern_mention(self, i: int, j: int, person_ends: set[int], known: KnownNames) -> Mention | None:
        """The person named by tokens [i, j), if VNA's patterns say it is one."""
        doc, words, titles = self.doc, self.words, self.titles
        opened = self._past_honorifics(i, j)
        if opened is None:
            return None
        i, before = opened
        placed = self._past_title_place(i, j, before)
        if placed is None:
            return None
        i, before = placed
        start, end = doc.starts[i], doc.end(j - 1)
        name = " ".join(self.text[start:end].split())
        name_words = name.split()
        before = before or titles.before(i, titles.closed(j))
        title, country = before.text, before.country
        evidence = before.titled
        if not title or titles.only_ranks(title):
            after = titles.after(j)
            cued = self._cued(i, j)
            # "John Smith, Ambassador of Canada, said", but not "talks in Binh Duong, Deputy ...".
            in_place = i > 0 and words[i - 1] in self.rules.place_prepositions
            if after.text and not in_place:
                title, country, evidence = after.text, country or after.country, True
            elif not title:
                appointed = titles.appointment(j)
                if appointed.text:
                    title, country, evidence = appointed.text, country or appointed.country, True
                elif cued:
                    evidence = True
        # A Vietnamese name needs no title, but a quoted one is a book's or a song's.
        quoted = i > 0 and words[i - 1] in _QUOTES
        vietnamese = 3 <= len(name_words) <= 4 and self._looks_vietnamese(name_words) and not quoted
        # Another form of a name already found: "Carlos do Rosario", "Esperanca Bias".
        if not (
            evidence
            or vietnamese
            or (self._coordinated(i, j, person_ends) and not self._before_a_post(j))
            or known.other_form_of(name_words)
        ):
            return None
        if len(name_words) == 1 and not title:
            return None
        if country is None and self._looks_vietnamese(name_words):
            country = HOME_COUNTRY
        return Mention(start, end, name, title, country)

    def _past_honorifics(self, i: int, j: int) -> tuple[int, Title | None] | None:
        """Where the name in tokens [i, j) starts after the honorifics that open it, with the
        title read before them; None when too little is left for a name."""
        words, titles, rules = self.words, self.titles, self.rules
        before = None
        # "Dato' Sri Tiong King Sing": "Sri" after a Malay honorific is part of it.
        if j - i >= 3 and words[i] in rules.honorific_followers:
            k = i - 2 if words[i - 1] in ("'", "’") else i - 1  # "Dato" "'" "Sri"
            if k >= 0 and words[k] in rules.honorifics:
                before = titles.before(i, titles.closed(j))
                i += 1
        if j - i >= 2 and words[i] in rules.honorific_openers and words[i + 1] in rules.honorific_followers:
            # "said Tan Sri Muhyiddin Yassin": a two-word honorific, and no name on its own.
            if j - i < 4:
                return None
            before = before or titles.before(i, titles.closed(j))
            i += 2
        if j - i >= 3 and words[i] in rules.name_honorifics:
            # "Sultan Haji Hassanal Bolkiah": the title is read before the honorifics.
            before = before or titles.before(i, titles.closed(j))
            while j - i >= 3 and words[i] in rules.name_honorifics:
                i += 1
        return i, before

    def _past_title_place(self, i: int, j: int, before: Title | None) -> tuple[int, Title | None] | None:
        """Where the name in tokens [i, j) starts after the place of a title before it ("Governor
        of California Gavin Newsom", "Consul General in Osaka Ngo Trinh Ha", "Chairman of the
        Mazhilis Yerlan Koshanov"), with that title; None when the place is all there is."""
        words, titles = self.words, self.titles
        if not self._after_place_word(i) or self._looks_vietnamese(words[i:j]):
            return i, before
        with_place = titles.before_with_place(i)
        if not with_place.text:
            return i, before
        if j - i < 3:
            return None  # "the Governor of Xieng Khouang thanked ...": a place alone
        # The place is one word, or all before a Vietnamese name ("in Kuala Lumpur Tran Quoc
        # Thuy"); its title runs to the place's last word.
        k = next((k for k in range(i + 1, j - 2) if self._looks_vietnamese(words[k:j])), i + 1)
        if k > i + 1:
            with_place = titles.before_with_place(i, k)
        return k, with_place

    def _before_a_post(self, j: int) -> bool:
        """A post's head follows the run ending before token j: "... and Buenos Aires Mayor Jorge
        Macri" (the run is the post's place)."""
        words = self.words
        return j < len(words) and words[j] in self.rules.post_heads and self.doc.adjacent(j - 1, j)

    def _after_place_word(self, i: int) -> bool:
        """Token i follows "of", "in", "to" or "of the": the place of a title may start there."""
        words = self.words
        if i < 1:
            return False
        if words[i - 1] == "the":
            return i > 1 and words[i - 2] == "of"
        return words[i - 1] in _PLACE_WORDS

    def _cued(self, i: int, j: int) -> bool:
        """ "congratulated X on ...", "a message to X, ...": a name that needs no title."""
        start = self.doc.starts[i]
        if not self.rules.person_cue.search(self.text, max(0, start - 30), start):
            return False
        return j >= len(self.words) or self.words[j] in _CUE_CLOSERS

    def _name_run(self, i: int) -> int:
        """Index after the run of name tokens starting at i, on one line: particles ("bin")
        and initials ("A. I. Denisov", "F.A Sidikov", "R.Kurbanov") allowed inside."""
        is_name, words, particles = self.doc.is_name_token, self.words, self.rules.particles
        initial = len(words[i]) == 1 and self._initial_at(i)
        if not (
            initial
            or is_name(i)
            or (words[i] in self.rules.common_word_names and self._common_word_name_at(i))
        ):
            return i  # most calls: a capitalised word that is not a name's
        line_starts, n = self.doc.line_starts, len(words)
        j = i + 2 if initial else i + 1
        place_suffixes = (
            self.rules.vietnamese_run_breaking_places
            if words[i] in self.rules.vn_surnames
            else self.rules.run_breaking_places
        )
        while j < n and j not in line_starts:
            if len(words[j]) == 1 and self._initial_at(j):
                j += 2
                continue
            if words[j] in place_suffixes:
                break  # "Tran Phu Street": the run before it is followed by a place suffix
            if is_name(j):
                j += 1
                continue
            if words[j] in self.rules.vietnamese_name_words and words[i] in self.rules.vn_surnames:
                j += 1  # "Tran Van An"
                continue
            if (words[j] in self.rules.surname_title_words and self._ends_phrase(j)) or (
                words[j] in self.rules.final_particles and j - i >= 2
            ):
                return j + 1  # "Catherine West said", "Nurlanbek Turgunbek uulu"
            k = j
            while k < n and words[k] in particles:
                k += 1
            if k > j and k < n and is_name(k):
                j = k
            else:
                break
        return j

    def _ends_phrase(self, j: int) -> bool:
        """No capitalised word follows token j on its line: "West" ends "Catherine West said"."""
        k = j + 1
        return k >= len(self.words) or k in self.doc.line_starts or not self.words[k][:1].isupper()

    def _common_word_name_at(self, j: int) -> bool:
        """A month, weekday or pronoun that is a name: right after a title or the country that
        ends one, before a name word ("Ambassador June Ko", "Ambassador to Vietnam He Wei"),
        never at the start of a sentence ("On Monday Nguyen ...")."""
        words, rules = self.words, self.rules
        return (
            words[j] in rules.common_word_names
            and j > 0
            and (words[j - 1] in rules.heads or self.doc.in_gazetteer[j - 1])
            and j + 1 < len(words)
            and self.doc.is_name_token(j + 1)
        )

    def _initial_at(self, j: int) -> bool:
        """Token j is an initial ("A" of "A. I. Denisov"): one capital, its full stop right
        after it, then a name word or another initial."""
        words, n = self.words, len(self.words)
        word = words[j]
        if len(word) != 1 or not word.isupper() or j + 2 >= n or words[j + 1] != ".":
            return False
        doc = self.doc
        if doc.end(j) != doc.starts[j + 1]:
            return False
        following = j + 2
        if self.titles.line_break(j + 1, following):
            return False
        return (len(words[following]) == 1 and words[following].isupper()) or doc.is_name_token(following)

    def _looks_vietnamese(self, words: list[str]) -> bool:
        return words[0] in self.rules.vn_surnames and all(w.isalpha() and len(w) <= 7 for w in words)

    def _guess_person(self, mention: Mention) -> Person:
        order = guess_name_order(mention.name, mention.country, self.rules)
        return Person(mention.name, mention.country, order, roles=(mention.title,) if mention.title else ())
