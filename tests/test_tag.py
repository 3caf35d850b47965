"""The tagger (`news_digest.tagging.tag.tag`): countries, organisations and officials, and their traps."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_digest.article import Tags
from news_digest.cli import extraction_record
from news_digest.extract.clean import extract
from news_digest.tagging.document import _TOKEN, tokenize
from news_digest.tagging.tag import tag

TOKEN = re.compile(_TOKEN)

NEUTRAL_TITLE = "Officials meet in Hanoi"


def tags_for(*paragraphs: str, title: str = NEUTRAL_TITLE, captions: tuple[str, ...] = ()) -> Tags:
    """Tags of an article with the given body paragraphs (the first one after the dateline)."""
    lines = [title, *captions, f"Hanoi (VNA) – {paragraphs[0]}", *paragraphs[1:]]
    lines[-1] += "/."
    return tag(extract("\n".join(lines) + "\n", "x.txt"))


def countries(*paragraphs: str, **kwargs) -> list[str]:
    return tags_for(*paragraphs, **kwargs).country_codes


def officials(*paragraphs: str, **kwargs) -> dict[str, object]:
    return {o.name: o for o in tags_for(*paragraphs, **kwargs).officials}


# -- countries: names inside other names ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vietnam and Papua New Guinea signed a deal.", ["PG"]),
        ("Vietnam and Equatorial Guinea signed a deal.", ["GQ"]),
        ("Vietnam and Guinea signed a deal.", ["GN"]),
        ("Vietnam and Niger signed a deal.", ["NE"]),
        ("Vietnam and Nigeria signed a deal.", ["NG"]),
        ("He met the Nigerien and Nigerian envoys.", ["NE", "NG"]),
        ("Vietnam and Dominica signed a deal.", ["DM"]),
        ("Vietnam and the Dominican Republic signed a deal.", ["DO"]),
        ("Papua New Guinea, Equatorial Guinea and Guinea-Bissau attended.", ["PG", "GQ", "GW"]),
    ],
)
def test_a_country_name_inside_another_is_not_tagged(text: str, expected: list[str]) -> None:
    assert countries(text) == expected


# -- countries that are also people's names ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chad Smith said the market was growing.",
        "Former basketball player Michael Jordan visited Hanoi.",
        "Speaking to Michael Jordan, he said the trip was good.",
        "The talks were attended by Georgia Smith.",
    ],
)
def test_a_persons_first_name_or_surname_is_not_a_country(text: str) -> None:
    assert countries(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The delegation was welcomed by Michael Jordan and Chad Smith.",
        "Chad Smith and Jordan Brown spoke to reporters.",
        "Investors praised the plants they visited. Jordan Henderson, a businessman, joined the talks.",
    ],
)
def test_a_persons_name_next_to_other_words_is_not_a_country(text: str) -> None:
    assert countries(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The delegation visited Jordan last week.", ["JO"]),
        ("He met the President of Georgia in Tbilisi.", ["GE"]),
        ("Vietnam and Chad set up diplomatic ties.", ["TD"]),
        ("He flew to Georgia and Jordan last week.", ["GE", "JO"]),
        ("Georgian Prime Minister Irakli Kobakhidze visited Hanoi.", ["GE"]),
        ("He visited Jordan, Georgia and Chad.", ["JO", "GE", "TD"]),
    ],
)
def test_the_country_georgia_jordan_chad_is_tagged(text: str, expected: list[str]) -> None:
    assert countries(text) == expected


# -- ambiguous and composite names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials discussed Korea and the Korean Peninsula.", []),
        ("Vietnam and South Korea agreed to boost trade.", ["KR"]),
        ("Vietnam and the RoK agreed to boost trade.", ["KR"]),
        ("He met the South Korean ambassador.", ["KR"]),
        ("Vietnam and the DPRK agreed to boost trade.", ["KP"]),
        ("Officials discussed the Congo and Congolese exports.", []),
        ("The Democratic Republic of the Congo sent a delegation.", ["CD"]),
    ],
)
def test_korea_and_congo_alone_are_ambiguous(text: str, expected: list[str]) -> None:
    assert countries(text) == expected


def test_ho_chi_minh_city_is_neither_a_person_nor_a_country() -> None:
    tags = tags_for("He arrived in Ho Chi Minh City on Monday to meet investors.")
    assert tags.country_codes == []
    assert tags.officials == []


def test_president_ho_chi_minh_is_a_person() -> None:
    assert "Ho Chi Minh" in officials("The delegation laid a wreath at the statue of President Ho Chi Minh.")


def test_lao_cai_is_not_laos() -> None:
    assert countries("The railway links Lao Cai and Hanoi with Hai Phong.") == []


def test_vietnam_is_never_a_tag() -> None:
    tags = tags_for(
        "Vietnam and the Socialist Republic of Viet Nam: Vietnamese leaders met Laotian officials.",
        title="Vietnam, Laos boost ties",
    )
    assert tags.country_codes == ["LA"]


def test_captions_do_not_add_countries_but_their_people_are_officials() -> None:
    caption = "Japanese Prime Minister Shigeru Ishiba in Tokyo. (Photo: Kyodo)"
    tags = tags_for("Vietnam and Laos agreed to boost trade.", captions=(caption,))
    assert tags.country_codes == ["LA"]
    assert "Shigeru Ishiba" in {o.name for o in tags.officials}


def test_title_and_lead_count() -> None:
    tags = tag(
        extract("Vietnam, Japan boost ties\nThe Cambodian side agreed.\nHanoi (VNA) – Talks./.\n", "x")
    )
    assert tags.country_codes == ["JP", "KH"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He held talks with his Singaporean counterpart.", ["SG"]),
        ("Filipino workers arrived in Hanoi.", ["PH"]),
        ("The Philippine side agreed.", ["PH"]),
        ("Malaysian leaders welcomed the plan.", ["MY"]),
        ("Two Laotians and three Cambodians were rescued.", ["LA", "KH"]),
    ],
)
def test_demonyms_count(text: str, expected: list[str]) -> None:
    assert countries(text) == expected


def test_countries_in_order_of_first_mention_and_once() -> None:
    assert countries("Thailand, Cambodia and Thailand again; Thai and Cambodian firms.") == ["TH", "KH"]


# -- organisations ----------------------------------------------------------------------------


def test_unclos_does_not_tag_the_un() -> None:
    tags = tags_for("They respect the 1982 UN Convention on the Law of the Sea (UNCLOS) and UNCLOS.")
    assert "United Nations" not in tags.organisations
    tags = tags_for("They respect the 1982 United Nations Convention on the Law of the Sea.")
    assert "United Nations" not in tags.organisations


def test_the_united_nations_tags_the_un() -> None:
    assert tags_for("Both sides support the role of the United Nations.").organisations == ["United Nations"]
    assert tags_for("Both sides support the role of the UN.").organisations == ["United Nations"]


def test_asean_and_the_gcc() -> None:
    tags = tags_for(
        "The Association of Southeast Asian Nations (ASEAN) met the Gulf Cooperation Council (GCC)."
    )
    assert tags.organisations == ["ASEAN", "GCC"]


# -- officials: short forms -------------------------------------------------------------------


def test_short_form_resolves_to_the_full_name_given_earlier() -> None:
    tags = tags_for(
        "Acting Minister of Foreign Affairs Le Hoai Trung met the press.", "Trung said ties were strong."
    )
    assert [o.name for o in tags.officials] == ["Le Hoai Trung"]
    assert tags.aliases.get("Trung") == "Le Hoai Trung"


def test_short_form_alone_names_nobody() -> None:
    assert tags_for("Trung said ties were strong.").officials == []


def test_a_name_inside_a_full_name_counts_once() -> None:
    tags = tags_for(
        "Deputy Prime Minister and Minister of Foreign Affairs Bui Thanh Son spoke.",
        "Son said the ties were strong.",
    )
    assert [o.name for o in tags.officials] == ["Bui Thanh Son"]
    assert tags.aliases.get("Son") == "Bui Thanh Son"


def test_son_la_province_is_not_bui_thanh_son() -> None:
    tags = tags_for(
        "Deputy Prime Minister Bui Thanh Son visited Son La province.", "Investors in Son La welcomed him."
    )
    assert [o.name for o in tags.officials] == ["Bui Thanh Son"]
    assert "Son" not in tags.aliases
    assert tags_for("Officials visited Son La province on Monday.").officials == []


def test_two_people_with_the_same_given_name_are_both_kept() -> None:
    found = officials(
        "Prime Minister Pham Minh Chinh and Deputy Prime Minister Mai Van Chinh attended the meeting.",
        "Chinh said the economy grew.",
    )
    assert set(found) == {"Pham Minh Chinh", "Mai Van Chinh"}
    assert found["Pham Minh Chinh"].title == "Prime Minister"
    assert found["Mai Van Chinh"].title == "Deputy Prime Minister"


def test_the_title_before_a_shared_short_form_picks_the_person() -> None:
    tags = tags_for(
        "Prime Minister Pham Minh Chinh and Deputy Prime Minister Mai Van Chinh attended the meeting.",
        "PM Chinh said the economy grew, and Deputy PM Chinh agreed.",
    )
    assert tags.aliases.get("PM Chinh") == "Pham Minh Chinh"
    assert tags.aliases.get("Deputy PM Chinh") == "Mai Van Chinh"


def test_registry_alias_resolves_to_the_canonical_name() -> None:
    found = officials("Malaysian Foreign Minister Mohamad Hasan chaired the retreat.")
    assert list(found) == ["Mohamad Bin Haji Hasan"]
    assert found["Mohamad Bin Haji Hasan"].country == "MY"


# -- officials found from VNA's naming patterns -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "title_word"),
    [
        (
            "Malaysian Foreign Minister Mohamad Bin Haji Hasan chaired the retreat.",
            "Mohamad Bin Haji Hasan",
            "MY",
            "Minister",
        ),
        ("Brazilian Foreign Minister Mauro Vieira visited Hanoi.", "Mauro Vieira", "BR", "Minister"),
        ("Nigerian President Bola Tinubu visited Hanoi.", "Bola Tinubu", "NG", "President"),
        ("Kenyan Ambassador to Vietnam Peter Kanyago presented a gift.", "Peter Kanyago", "KE", "Ambassador"),
        (
            "Chilean President Gabriel Boric Font met Vietnamese leaders.",
            "Gabriel Boric Font",
            "CL",
            "President",
        ),
        ("Chinese Ambassador Xiong Bo attended the event.", "Xiong Bo", "CN", "Ambassador"),
        ("Vietnamese Ambassador to Malaysia Dinh Ngoc Linh attended.", "Dinh Ngoc Linh", "VN", "Ambassador"),
    ],
)
def test_official_found_from_a_title_before_the_name(
    text: str, name: str, country: str, title_word: str
) -> None:
    found = officials(text)
    assert name in found, found
    assert found[name].country == country
    assert title_word in (found[name].title or "")


def test_unknown_official_is_marked_as_not_in_the_registry() -> None:
    found = officials(
        "Brazilian Foreign Minister Mauro Vieira visited Hanoi.", "Vieira said ties were strong."
    )
    assert list(found) == ["Mauro Vieira"]
    assert found["Mauro Vieira"].in_registry is False


def test_unknown_officials_short_form_resolves() -> None:
    tags = tags_for("Indian Ambassador to Vietnam Sandeep Arya spoke.", "Arya said investment grew.")
    assert [o.name for o in tags.officials] == ["Sandeep Arya"]
    assert tags.aliases.get("Arya") == "Sandeep Arya"


def test_vietnamese_name_ending_in_a_single_letter() -> None:
    assert list(officials("Ambassador Nguyen Van A presented his credentials.")) == ["Nguyen Van A"]


def test_name_then_title_in_the_middle_of_a_paragraph() -> None:
    found = officials(
        "The event was held on Monday. John Smith, Ambassador of Canada to Vietnam, said ties were good."
    )
    assert "John Smith" in found


def test_name_then_title_at_paragraph_start() -> None:
    found = officials("John Smith, Ambassador of Canada to Vietnam, said ties were good.")
    assert "John Smith" in found


def test_country_from_a_title_after_the_name() -> None:
    found = officials(
        "The event was held on Monday. John Smith, Ambassador of Canada to Vietnam, said ties were good."
    )
    assert found["John Smith"].country == "CA"


def test_role_words_alone_name_nobody() -> None:
    assert (
        tags_for("The Prime Minister and the Foreign Minister met the Ambassador of Japan.").officials == []
    )


# -- the token stream ------------------------------------------------------------------------

TOKEN_PIECES = [*"aB zÀ-_’'s().,\n\t:;1“Ωǅ٣²\u00a0", "Gen.", "Mr.", "(EC)", "Dato'"]
TOKEN_TEXTS = st.lists(st.sampled_from(TOKEN_PIECES), max_size=40).map("".join)


@settings(max_examples=500)
@given(TOKEN_TEXTS)
def test_tokens_are_the_matches_of_the_token_pattern(text: str) -> None:
    """`tokenize` builds the tokens from running sums: they are what `finditer` would give."""
    words, starts = tokenize(text)
    assert list(zip(words, starts, strict=True)) == [(m.group(), m.start()) for m in TOKEN.finditer(text)]


def test_tokens_of_a_sentence() -> None:
    words, starts = tokenize("Gen. Smith’s visit (EC) to Hanoi, Dato' Seri 2,5.1 co-op")
    assert words == [
        "Gen.",
        "Smith",
        "’s",
        "visit",
        "(EC)",
        "to",
        "Hanoi",
        ",",
        "Dato",
        "'",
        "Seri",
        "2,5.1",
        "co-op",
    ]
    assert starts[:3] == [0, 5, 10]


def test_people_are_given_as_the_article_writes_them_and_filed_under_the_registry_name() -> None:
    """`extract` gives the fullest form the article writes; the site's page is the registry's."""
    raw = (
        "Vietnam, Brazil leaders talk\n"
        "Hanoi (VNA) – President Luong Cuong held talks with Brazilian President Luis Inácio Lula da"
        " Silva on May 2, 2025. President Ho Chi Minh was remembered. Lula thanked Vietnam./.\n"
    )
    article = extract(raw, "lula.txt")
    tags = tag(article)
    lula = next(o for o in tags.officials if "Lula" in o.name)
    assert lula.name == "Luiz Inacio Lula da Silva"  # the registry's: one person page
    assert lula.written == "Luis Inácio Lula da Silva"
    record = extraction_record("lula.txt", article, tags)
    assert "Luis Inácio Lula da Silva" in record["officials"]
    assert [name for name in record["officials"] if "Lula" in name] == ["Luis Inácio Lula da Silva"]
    ho = next((o for o in tags.officials if o.name == "Ho Chi Minh"), None)
    assert ho is None or ho.written is None, "a title is no part of a written name"


# -- country words that end a name -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "codes"),
    [
        ("Deputy Minister Nguyen Van Thai said the talks were good.", "Nguyen Van Thai", []),
        ("He met Le Quang Thai, Ambassador to Laos.", "Le Quang Thai", ["LA"]),
        ("Malaysian Ambassador to Vietnam Dato’ Tan Yang Thai attended.", "Tan Yang Thai", ["MY"]),
        ("Vietnamese Ambassador to Côte d’Ivoire Dang Thai Son attended.", "Dang Thai Son", ["CI"]),
    ],
)
def test_a_country_word_that_ends_a_name_is_the_names(text: str, name: str, codes: list[str]) -> None:
    tags = tags_for(text)
    assert [o.name for o in tags.officials] == [name]
    assert tags.country_codes == codes


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Pham Minh Chinh and Thai PM Anutin Charnvirakul met.",
        "Deputy Minister Nguyen Van Thai said so, and the Thai PM agreed.",
        "Passengers of Thai Airways praised the new route.",
        "Party chief To Lam and Thai Prime Minister Anutin Charnvirakul met.",
    ],
)
def test_the_country_word_elsewhere_is_the_country(text: str) -> None:
    tags = tags_for(text)
    assert tags.country_codes == ["TH"]
    assert all("Thai" not in alias for alias in tags.aliases)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("He met Ambassador Nguyen Thi Thai Binh.", ["Nguyen Thi Thai Binh"]),
        ("Deputy Minister Nguyen Thai Binh said so.", ["Nguyen Thai Binh"]),
        ("Farmers of Thai Binh province met Nguyen Van Nam.", ["Nguyen Van Nam"]),
        ("Chairman of the Thai Binh provincial People’s Committee Nguyen Van Hai said.", ["Nguyen Van Hai"]),
    ],
)
def test_a_province_that_ends_a_vietnamese_name_is_the_names(text: str, names: list[str]) -> None:
    tags = tags_for(text)
    assert [o.name for o in tags.officials] == names
    assert tags.country_codes == []


@pytest.mark.parametrize(
    "text", ["They gathered at Ly Thai To Square in Hanoi.", "Le Van Tam Park is in Ho Chi Minh City."]
)
def test_a_place_named_after_a_vietnamese_person_is_no_person_nor_country(text: str) -> None:
    tags = tags_for(text)
    assert (tags.officials, tags.country_codes) == ([], [])
    assert [o.name for o in tags_for("He met Nguyen Van Bay, a veteran.").officials] == ["Nguyen Van Bay"]
    deputy_pm = tags_for("Former Deputy Prime Minister Vu Duc Dam attended.").officials
    assert [(o.name, o.title) for o in deputy_pm] == [("Vu Duc Dam", "Former Deputy Prime Minister")]


@pytest.mark.parametrize(
    "text",
    [
        "The US$2 billion project was approved.",
        "Exports reached US$ 5 billion.",
        "It cost 3 million US dollars.",
    ],
)
def test_a_sum_in_us_dollars_does_not_name_the_united_states(text: str) -> None:
    tags = tag(extract(f"Officials meet\nHanoi (VNA) – {text}/.\n", "x.txt"))
    assert "US" not in tags.country_codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Korean firms invested in Bac Ninh province.", ["KR"]),
        ("He met Korean Ambassador Choi Young-sam in Hanoi.", ["KR"]),
        ("North Korean leader Kim Jong Un sent greetings.", ["KP"]),
        ("Inter-Korean talks resumed, the ministry said.", []),
        ("Veterans of the Korean War met in Hanoi.", []),
        ("Peace on the Korean Peninsula was discussed.", []),
    ],
)
def test_korean_alone_is_south_korea_as_vna_writes_it(text: str, codes: list[str]) -> None:
    tags = tag(extract(f"Officials meet\nHanoi (VNA) – {text}/.\n", "x.txt"))
    assert list(tags.country_codes) == codes
