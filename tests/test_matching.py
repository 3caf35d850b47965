"""Whole-word matching (matching.py): the same matches as a pattern with a leading look-behind."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from news_digest.matching import (
    Phrases,
    has_whole_word,
    trie_regex,
    whole_words,
    words_pattern,
)

FORMS = [
    "ab",
    "abc",
    "b c",
    "c",
    "ba",
    "a-b",
    "x",
    "Guinea",
    "Papua New Guinea",
    "Guinea-Bissau",
    "US",
    "US$",
]
TEXTS = st.text(alphabet="abcx Guine-Bsu1_é.PpwNUS$2", max_size=30)
# A form ends at a word's end, or with a character that is no word character itself ("US$2").
END = r"(?:(?!\w)|(?<=[^\w\s]))"


def spans(matches) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


@settings(max_examples=300)
@given(TEXTS)
def test_whole_words_finds_what_a_leading_look_behind_finds(text: str) -> None:
    for body in ("|".join(map(re.escape, sorted(FORMS, key=len, reverse=True))), trie_regex(FORMS)):
        expected = re.compile(rf"(?<!\w)(?:{body}){END}").finditer(text)
        assert spans(whole_words(words_pattern(body), text)) == spans(expected)
        assert has_whole_word(words_pattern(body), text) == bool(
            spans(re.finditer(rf"(?<!\w)(?:{body}){END}", text))
        )


@settings(max_examples=300)
@given(st.text(alphabet="12 0a9-", max_size=20))
def test_whole_words_with_another_character_before(text: str) -> None:
    found = whole_words(re.compile(r"(?:19|20)\d\d(?!\d)"), text, not_after=re.compile(r"\d"))
    assert spans(found) == spans(re.finditer(r"(?<!\d)(?:19|20)\d\d(?!\d)", text))


def test_trie_regex_prefers_the_longest_form_that_ends_a_word() -> None:
    pattern = words_pattern(trie_regex(FORMS))
    assert [m.group() for m in whole_words(pattern, "Papua New Guinea and Guinea-Bissau, Guinea")] == [
        "Papua New Guinea",
        "Guinea-Bissau",
        "Guinea",
    ]
    assert [m.group() for m in whole_words(pattern, "abcd ab-c abc")] == ["ab", "c", "abc"]
    assert [m.group() for m in whole_words(pattern, "US$2, US$ 3, US 4, USA")] == ["US$", "US$", "US"]


# Listed as role phrases are: overlapping ("b c" inside "ab c"), one a prefix of another, lower case.
PHRASES = ["ab c", "b c", "ab", "Guinea", "Guinea-Bissau", "c"]


@settings(max_examples=300)
@given(TEXTS)
def test_phrases_find_what_their_alternation_finds(text: str) -> None:
    for phrases in (PHRASES, PHRASES[::-1]):  # the first listed wins where two start together
        found = Phrases(phrases).finditer(text)
        expected = whole_words(words_pattern("|".join(map(re.escape, phrases))), text)
        assert [(m.span(), m.group()) for m in found] == [(m.span(), m.group()) for m in expected]


def test_phrases_are_whole_words() -> None:
    text = "stop legislator; the top legislators; UN chief, top legislator"
    found = Phrases(["top legislator", "UN chief"]).finditer(text)
    assert [m.span() for m in found] == [(38, 46), (48, 62)]
