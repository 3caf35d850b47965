"""gazetteer.Matchers: one scan of a text finds what each matcher's own scan finds."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from news_digest.tagging.gazetteer import Matcher, Matchers, gazetteer

# Forms that overlap across matchers: shorter and longer ones at the same place, one starting inside
# another and one running past another's end, an exclusion (None), non-word characters inside.
COUNTRIES = {
    "Guinea": "GN",
    "Papua New Guinea": "PG",
    "Lao": "LA",
    "Lao Cai": None,
    "Viet Nam": "VN",
    "Nam": "X",
}
ORGANISATIONS = {
    "Lao Front": "LF",
    "Party of Viet Nam": "CPV",
    "New Guinea-Bissau Bank": "B",
    "Nam-Viet": "NV",
}
PEOPLE = {"Nam Viet": "Nam Viet", "Guinea Lao": "Guinea Lao", "Cai": "Cai"}
WORDS = ["Guinea", "Papua", "New", "Lao", "Cai", "Front", "Viet", "Nam", "Party", "of", "Bank", "Bissau"]
TEXTS = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", " ", "-", ", ", "x", "é", "\n", "("])),
    max_size=12,
).map(lambda parts: "".join(word + sep for word, sep in parts))


@settings(max_examples=500)
@given(TEXTS)
@example("Party of Viet Nam Viet")  # a person's name starts inside an organisation's, runs past it
@example("Papua New Guinea Lao Front")  # inside, then one matcher's form right after another's
@example("Lao Front-Lao Cai Lao")  # a shorter form of another matcher where one starts
@example("Nam-Viet Nam Viet Nam")
def test_one_scan_finds_what_each_matcher_finds(text: str) -> None:
    matchers = tuple(Matcher.build(forms) for forms in (COUNTRIES, ORGANISATIONS, PEOPLE))
    assert Matchers.build(matchers).scan(text) == [matcher.scan(text) for matcher in matchers]


def test_the_gazetteer_scans_an_article_once() -> None:
    gaz = gazetteer()
    text = (
        "General Secretary To Lam of the Communist Party of Vietnam met Lao Prime Minister Sonexay "
        "Siphandone in Lao Cai; the Papua New Guinea and Guinea-Bissau delegations, ASEAN and the UN."
    )
    matchers = (gaz.country_matcher, gaz.organisation_matcher, gaz.people_matcher)
    assert gaz.matchers.scan(text) == [matcher.scan(text) for matcher in matchers]
