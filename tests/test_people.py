"""Officials found from VNA's naming patterns (`tagging/people.py`, `tagging/titles.py`): every
shape of the issue "every official in the article, with the role the article gives them", each
with invented cases of that shape. A missed name, a country word in a name or a role the article
did not give that person are what a reader of a person page would notice."""

from __future__ import annotations

import pytest
from news_digest.article import Official, Tags
from news_digest.extract.clean import extract
from news_digest.tagging.tag import tag


def tags_for(*paragraphs: str, title: str = "Officials meet in Hanoi") -> Tags:
    lines = [title, f"Hanoi (VNA) – {paragraphs[0]}", *paragraphs[1:]]
    lines[-1] += "/."
    return tag(extract("\n".join(lines) + "\n", "x.txt"))


def officials(*paragraphs: str, **kwargs) -> dict[str, Official]:
    return {o.name: o for o in tags_for(*paragraphs, **kwargs).officials}


def only(text: str) -> Official:
    found = officials(text)
    assert len(found) == 1, found
    return next(iter(found.values()))


# -- a name after a long, multi-part title -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "title"),
    [
        (
            "Speaker of the Grand National Assembly of Turkey Numan Kurtulmus welcomed the guests.",
            "Numan Kurtulmus",
            "TR",
            "Speaker of the Grand National Assembly of Turkey",
        ),
        (
            "President of the Chamber of Deputies of the Republic of Chile Ignacio Urrutia Bonilla"
            " received the delegation.",
            "Ignacio Urrutia Bonilla",
            "CL",
            "President of the Chamber of Deputies of the Republic of Chile",
        ),
        (
            "General Secretary of the Central Committee of the Communist Party of Cuba and President"
            " of the Republic of Cuba Miguel Diaz-Canel Bermudez hosted the talks.",
            "Miguel Diaz-Canel",  # the registry's canonical name for this form
            "CU",
            "General Secretary of the Central Committee of the Communist Party of Cuba and President"
            " of the Republic of Cuba",
        ),
    ],
)
def test_name_after_a_long_title(text: str, name: str, country: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.country, official.title) == (name, country, title)


def test_a_long_title_is_not_read_across_another_name() -> None:
    found = officials("President Tran Van Minh and Chairman Lopez Garcia Ruiz of the Senate met.")
    assert "Lopez Garcia Ruiz" in found
    assert found["Lopez Garcia Ruiz"].title == "Chairman"


# -- heads of state and titles of sovereigns ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "title"),
    [
        (
            "Governor-General of New Zealand Cindy Kiro hosted a dinner.",
            "Cindy Kiro",
            "NZ",
            "Governor-General of New Zealand",
        ),
        ("Cambodian King Norodom Sihamoni received the envoy.", "Norodom Sihamoni", "KH", "King"),
        (
            "Qatari Emir Sheikh Tamim bin Hamad Al Thani met the delegation.",
            "Tamim bin Hamad Al Thani",
            "QA",
            "Emir",
        ),
        ("Pope Leo XIV sent a message to the conference.", "Leo XIV", None, "Pope"),
        ("Pope Francis sent a message to the conference.", "Francis", None, "Pope"),
        ("Danish Queen Margrethe II visited the pavilion.", "Margrethe II", "DK", "Queen"),
    ],
)
def test_sovereigns_and_religious_leaders(text: str, name: str, country: str | None, title: str) -> None:
    official = only(text)
    assert (official.name, official.country, official.title) == (name, country, title)


def test_a_single_word_is_a_name_only_after_a_sovereigns_title() -> None:
    assert officials("Minister Francis spoke to the press.") == {}


# -- "<Title of Country>, <Name>" and "<Name>, <Title of Country>" -------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "title"),
    [
        (
            "The minister presented the order to the outgoing Ambassador of Japan to Vietnam, Ito Naoki,"
            " at the ceremony.",
            "Ito Naoki",
            "JP",
            "Ambassador of Japan to Vietnam",
        ),
        (
            "He received the Ambassador of the Republic of Korea (RoK), Park Sung-min.",
            "Park Sung-min",
            "KR",
            "Ambassador of the Republic of Korea",
        ),
        (
            "Maria Teresa Ribeiro, Minister of Foreign Affairs of Portugal, said ties were good.",
            "Maria Teresa Ribeiro",
            "PT",
            "Minister of Foreign Affairs of Portugal",
        ),
    ],
)
def test_title_and_name_on_either_side_of_a_comma(text: str, name: str, country: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.country, official.title) == (name, country, title)


def test_a_title_before_a_comma_is_not_given_to_the_subject_after_it() -> None:
    """ "the Prime Minister, John Smith said" is not an apposition: no role for Smith."""
    found = officials("In talks with the Prime Minister, Jonathan Smithers said trade was growing.")
    assert all(o.title is None for o in found.values())


# -- a name after a verb, the role after it ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "title"),
    [
        (
            "Prime Minister Pham Minh Chinh congratulated Maria Lopez Garcia on her appointment as"
            " Minister of Foreign Affairs of Spain.",
            "Maria Lopez Garcia",
            "ES",
            "Minister of Foreign Affairs of Spain",
        ),
        (
            "The President cabled a message of congratulations to Anna Kowalska Nowak on her election"
            " as the new President of Poland.",
            "Anna Kowalska Nowak",
            "PL",
            "President of Poland",
        ),
        (
            "The Chairman congratulated Joao Pedro Santos on his re-appointment as Prime Minister of"
            " the African country.",
            "Joao Pedro Santos",
            None,
            "Prime Minister",
        ),
        (
            "The minister sent a message to Helena Costa Mendes on her appointment as Angola’s Minister"
            " of Foreign Affairs.",
            "Helena Costa Mendes",
            "AO",
            "Minister of Foreign Affairs",
        ),
    ],
)
def test_name_after_a_verb_with_the_role_after_it(
    text: str, name: str, country: str | None, title: str
) -> None:
    found = officials(text)
    assert name in found, found
    assert (found[name].country, found[name].title) == (country, title)


def test_a_name_after_congratulated_needs_no_title() -> None:
    found = officials("The Chairwoman congratulated Esperanza Villa Lobos, who took office on Monday.")
    assert "Esperanza Villa Lobos" in found
    assert found["Esperanza Villa Lobos"].title is None


def test_a_place_after_a_cue_is_not_a_person() -> None:
    assert officials("The minister congratulated Hai Phong City on its growth.") == {}


# -- initials ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Russian side was led by Deputy Foreign Minister B. K. Sokolov.", "B. K. Sokolov"),
        ("Deputy Minister F.A Karimov attended the meeting.", "F.A Karimov"),
        ("Director R.Tashkentov attended the meeting.", "R.Tashkentov"),
        ("Secretary-General Alberto J. Ramirez spoke at the forum.", "Alberto J. Ramirez"),
    ],
)
def test_names_with_initials(text: str, name: str) -> None:
    assert list(officials(text)) == [name]


def test_a_one_letter_name_at_the_end_of_a_sentence_keeps_its_full_stop_out() -> None:
    assert list(officials("The award went to Ambassador Nguyen Van A. The ceremony ended.")) == [
        "Nguyen Van A"
    ]


# -- names whose first word is a common word -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ambassador June Ko presented her credentials.", "June Ko"),
        ("Minister April Lindqvist chaired the session.", "April Lindqvist"),
    ],
)
def test_a_month_is_a_given_name_after_a_title(text: str, name: str) -> None:
    assert list(officials(text)) == [name]


def test_a_month_at_the_start_of_a_sentence_is_not_a_name() -> None:
    found = officials("In May Prime Minister Pham Minh Chinh visited the province.")
    assert list(found) == ["Pham Minh Chinh"]


# -- a country word is never glued to a name ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("President of South Africa Cyril Ramaphosa met the press.", "Cyril Ramaphosa", "ZA"),
        (
            "President of the Republic of the Congo Denis Sassou-N'guesso arrived.",
            "Denis Sassou-N'guesso",
            "CG",
        ),
        ("Vietnamese Ambassador to South Sudan Nguyen Nam Duong presented a gift.", "Nguyen Nam Duong", "VN"),
    ],
)
def test_no_country_word_in_a_name(text: str, name: str, country: str) -> None:
    official = only(text)
    assert (official.name, official.country) == (name, country)


# -- roles: only what the article gives that person ---------------------------------------------


def test_honorifics_stay_out_of_names_and_roles() -> None:
    found = officials("He met his Malaysian counterpart Dr Ahmad Bin Yusof in Hanoi.")
    assert list(found) == ["Ahmad Bin Yusof"]
    assert found["Ahmad Bin Yusof"].title is None
    assert found["Ahmad Bin Yusof"].country == "MY"


def test_his_counterpart_is_not_a_role() -> None:
    found = officials("Minister Bui Thanh Son held talks with his Thai counterpart Somchai Wongsawat Chai.")
    assert found["Somchai Wongsawat Chai"].title is None
    assert found["Somchai Wongsawat Chai"].country == "TH"


def test_his_excellency_is_not_part_of_the_name() -> None:
    found = officials("H.E. Mr. Jonathan Wells, Ambassador of Canada to Vietnam, said ties were good.")
    assert list(found) == ["Jonathan Wells"]
    assert found["Jonathan Wells"].title == "Ambassador of Canada to Vietnam"


def test_another_persons_title_is_not_read_into_the_role() -> None:
    found = officials(
        "Elena Duarte Vega, the new Prime Minister of Peru Prime Minister Pham Minh Chinh said, would visit."
    )
    assert found["Pham Minh Chinh"].title == "Prime Minister"


def test_a_title_on_the_line_above_is_not_the_role() -> None:
    found = officials("The minister met the new Ambassador of Peru", "Prime Minister Pham Minh Chinh spoke.")
    assert found["Pham Minh Chinh"].title == "Prime Minister"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Polish Foreign Minister Radek Wisniewski visited Hanoi.", "PL"),
        ("President of Cuba Ramon Castillo Perez visited Hanoi.", "CU"),
        ("Brazil’s President Joaquim Barbosa Lima visited Hanoi.", "BR"),
    ],
)
def test_country_from_the_title(text: str, country: str) -> None:
    assert only(text).country == country


# -- short forms ---------------------------------------------------------------------------------


def test_a_later_short_form_resolves_to_the_full_name_and_is_not_a_second_person() -> None:
    tags = tags_for(
        "President of the Senate of Chile Ignacio Urrutia Bonilla welcomed the delegation.",
        "Urrutia Bonilla said the two countries were close. Bonilla added that trade grew.",
    )
    assert [o.name for o in tags.officials] == ["Ignacio Urrutia Bonilla"]
    assert tags.aliases.get("Bonilla") == "Ignacio Urrutia Bonilla"


def test_a_shared_short_form_never_resolves_to_two_people() -> None:
    tags = tags_for(
        "Ambassador Jonathan Wells and Minister Margaret Wells attended.", "Wells said the talks went well."
    )
    assert "Wells" not in tags.aliases


def test_role_phrase_inside_a_longer_description_is_not_an_alias() -> None:
    tags = tags_for(
        "Party General Secretary and State President Nguyen Phu Trong received the envoys.",
        "After the ceremony, the Party and State leader hosted a reception.",
    )
    assert "State leader" not in tags.aliases


# -- "<Name>, <Title>" anywhere in a sentence, but not after a place preposition -----------------


def test_name_then_title_after_said() -> None:
    found = officials("Trade will grow, said Jonathan Wells, Ambassador of Canada to Vietnam.")
    assert found["Jonathan Wells"].title == "Ambassador of Canada to Vietnam"
    assert found["Jonathan Wells"].country == "CA"


def test_a_place_before_a_comma_and_a_title_is_not_a_person() -> None:
    found = officials("At the talks in Binh Duong, Deputy Minister of Foreign Affairs Le Thi Thu Hang spoke.")
    assert list(found) == ["Le Thi Thu Hang"]
    found = officials("After the visit to Quang Tri, Ambassador Jonathan Wells met the press.")
    assert list(found) == ["Jonathan Wells"]


def test_lower_case_title_before_a_name() -> None:
    official = only("Chinese Foreign Ministry spokesman Guo Weiming told reporters the talks went well.")
    assert (official.name, official.country) == ("Guo Weiming", "CN")
    assert official.title == "Foreign Ministry spokesman"


# -- more of VNA's shapes: ranks, Malay and Cambodian honorifics, spouses, places in titles -------


@pytest.mark.parametrize(
    ("text", "name", "country", "title"),
    [
        (
            "The talks were led by Deputy Minister of Public Security Lieut. Gen. Tran Quoc Binh.",
            "Tran Quoc Binh",
            "VN",
            "Deputy Minister of Public Security",
        ),
        (
            "Senior Lieutenant General Hoang Van Toan, Deputy Minister of National Defence, spoke.",
            "Hoang Van Toan",
            "VN",
            "Deputy Minister of National Defence",
        ),
        (
            "Senior Lieutenant General Hoang Van Toan spoke at the meeting.",
            "Hoang Van Toan",
            "VN",
            "Senior Lieutenant General",
        ),
        (
            "Malaysian Minister of Trade Dato' Seri Utama Tengku Zafrul Aziz will attend.",
            "Tengku Zafrul Aziz",
            "MY",
            "Minister of Trade",
        ),
        (
            "Prime Minister of the Kingdom of Cambodia Samdech Thipadei Sok Chenda Sophea received him.",
            "Sok Chenda Sophea",
            "KH",
            "Prime Minister of the Kingdom of Cambodia",
        ),
        (
            "His Majesty King Harald Olav V of Norway received the envoy.",
            "Harald Olav V",
            None,
            "King",
        ),
        (
            "Emir of Kuwait Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah hosted the talks.",
            "Mishal Al-Ahmad Al-Jaber Al-Sabah",
            "KW",
            "Emir of Kuwait",
        ),
        (
            "Secretary General of the Lao People's Revolutionary Party and President of Laos Khamphan"
            " Vongsavath held talks.",
            "Khamphan Vongsavath",
            "LA",
            "Secretary General of the Lao People's Revolutionary Party and President of Laos",
        ),
        (
            "IMF Managing Director Greta Lindholm said growth was strong.",
            "Greta Lindholm",
            None,
            "Managing Director",
        ),
    ],
)
def test_ranks_and_honorifics_stay_out_of_names_and_roles(
    text: str, name: str, country: str | None, title: str
) -> None:
    official = only(text)
    assert (official.name, official.country, official.title) == (name, country, title)


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Deputy Prime Minister Tran Hong Ha thanked Governor of Ohio Gregory Hale.",
            "Gregory Hale",
            "Governor of Ohio",
        ),
        (
            "The Vice Governor of Osaka Kenji Morimoto received the delegation.",
            "Kenji Morimoto",
            "Vice Governor of Osaka",
        ),
        ("Mayor of Incheon Yoo Jeong-bok met the delegation.", "Yoo Jeong-bok", "Mayor of Incheon"),
    ],
)
def test_a_city_or_state_after_of_is_the_titles_place_not_the_first_name(
    text: str, name: str, title: str
) -> None:
    found = officials(text)
    assert name in found, found
    assert found[name].title == title


def test_a_body_named_after_a_place_is_not_a_person() -> None:
    found = officials("Secretary of the Quang Tri Provincial Party Committee Le Quang Tung received them.")
    assert list(found) == ["Le Quang Tung"]


def test_a_short_form_inside_a_body_name_is_not_an_alias() -> None:
    tags = tags_for("The meeting was attended by Mr. Jonathan Wells, CEO of the Wells Group.")
    assert [o.name for o in tags.officials] == ["Jonathan Wells"]
    assert "Wells" not in tags.aliases


def test_spouses_are_people_without_a_role() -> None:
    found = officials("Singaporean Prime Minister Lawrence Wong and his wife Loo Tze Lui visited the museum.")
    assert "Loo Tze Lui" in found
    assert found["Loo Tze Lui"].title is None


@pytest.mark.parametrize(
    ("text", "name", "country", "title"),
    [
        (
            "The Prime Minister sent a letter to Hiroko Tanabe, who was elected Prime Minister of Japan.",
            "Hiroko Tanabe",
            "JP",
            "Prime Minister of Japan",
        ),
        (
            "The message went to Piotr Zielinski on the occasion of his inauguration as President of Poland.",
            "Piotr Zielinski",
            "PL",
            "President of Poland",
        ),
    ],
)
def test_more_ways_to_say_an_appointment(text: str, name: str, country: str, title: str) -> None:
    found = officials(text)
    assert name in found, found
    assert (found[name].country, found[name].title) == (country, title)


def test_a_country_after_to_is_the_persons_when_a_title_follows_it() -> None:
    found = officials("He presented his credentials to Chilean President Rodrigo Valdes Soto.")
    assert found["Rodrigo Valdes Soto"].country == "CL"


def test_a_vietnamese_name_on_a_street_or_in_quotes_is_not_a_person() -> None:
    assert officials("The festival was held on Dinh Tien Hoang street in Hanoi.") == {}
    assert officials('The book "Nguyen Du Poems" was launched in Hanoi.') == {}


def test_former_is_kept_in_the_role_given_after_the_name() -> None:
    assert only("The event drew Nguyen Thi Binh, former Vice President.").title == "former Vice President"


# -- names joined to another person's ------------------------------------------------------------


def test_a_name_joined_by_and_to_a_persons_name_is_a_person() -> None:
    found = officials("Foreign Ministers Bui Thanh Son and Penelope Wongsa signed the agreement.")
    assert list(found) == ["Bui Thanh Son", "Penelope Wongsa"]
    assert found["Penelope Wongsa"].title is None
    found = officials("Minister Bui Thanh Son, Jonathan Wells, and Maria Lopez attended.")
    assert list(found) == ["Bui Thanh Son", "Jonathan Wells", "Maria Lopez"]


def test_a_body_or_place_joined_to_a_persons_name_is_not_a_person() -> None:
    found = officials("Deputy Prime Minister Bui Thanh Son and Vietnam Airlines signed the deal.")
    assert list(found) == ["Bui Thanh Son"]
    found = officials("Minister Bui Thanh Son and New Zealand officials held talks.")
    assert list(found) == ["Bui Thanh Son"]


def test_first_lady_is_not_part_of_the_name() -> None:
    found = officials("President Luong Cuong and First Lady Nguyen Thi Minh Nguyet welcomed the guests.")
    assert "Nguyen Thi Minh Nguyet" in found


def test_a_plural_title_before_a_place_names_nobody() -> None:
    assert officials("The minister met Cambodian Ambassadors in Phnom Penh on Monday.") == {}
    assert officials("Deputy Prime Minister Tran Hong Ha meets Cambodian leaders in Phnom Penh.").keys() == {
        "Tran Hong Ha"
    }


def test_a_later_form_with_fewer_middle_words_is_an_alias_not_a_second_person() -> None:
    tags = tags_for(
        "The Prime Minister congratulated Joao Manuel Pereira dos Santos on his re-appointment as Prime"
        " Minister of Angola.",
        "Joao dos Santos thanked him for the message.",
    )
    assert [o.name for o in tags.officials] == ["Joao Manuel Pereira dos Santos"]
    assert tags.aliases == {"Joao dos Santos": "Joao Manuel Pereira dos Santos"}


def test_a_spelling_without_accents_is_the_same_person() -> None:
    tags = tags_for(
        "The Chairwoman congratulated Conceição Vaz on her appointment as Speaker of Angola.",
        "Conceicao Vaz said ties were strong.",
    )
    assert [o.name for o in tags.officials] == ["Conceição Vaz"]


def test_a_ministry_with_commas_in_its_name_is_one_title() -> None:
    official = only("He received Japan's Minister of Economy, Trade and Industry Saito Kenji.")
    assert (official.name, official.country, official.title) == (
        "Saito Kenji",
        "JP",
        "Minister of Economy, Trade and Industry",
    )


def test_a_prince_after_a_post_is_not_part_of_the_role() -> None:
    official = only("He welcomed Saudi Arabian Foreign Minister Prince Khalid bin Nasser Al Rashid.")
    assert (official.name, official.title) == ("Khalid bin Nasser Al Rashid", "Minister of Foreign Affairs")


def test_sri_after_a_malay_honorific_is_not_a_given_name() -> None:
    official = only("Malaysian Minister of Transport Dato' Sri Tiong Hock Leong attended.")
    assert (official.name, official.title) == ("Tiong Hock Leong", "Minister of Transport")
    assert only("Indonesian Finance Minister Sri Wahyuni Lestari attended.").name == "Sri Wahyuni Lestari"


def test_a_place_then_the_sentences_subject_is_not_an_apposition() -> None:
    assert officials("After visiting Trang An, the President toured the Hoa Lu citadel.") == {}
    assert officials("Leaving Bac Ninh, the Ambassador went on to Hai Duong.") == {}


def test_a_plural_title_stays_in_a_bodys_name() -> None:
    official = only("Chairman of the Council of Ministers Andrius Kubilius Jonas welcomed the guests.")
    assert official.title == "Chairman of the Council of Ministers"


@pytest.mark.parametrize(
    "headline",
    ["Vietnamese, Cuban Leaders Exchange Warm Greetings", "Deputy PM Meets Outgoing Japanese Ambassador"],
)
def test_a_title_case_headline_names_nobody_by_its_capitals(headline: str) -> None:
    found = officials(
        "President Luong Cuong and Cuban Ambassador Orlando Hernandez Guillen exchanged greetings.",
        title=headline,
    )
    assert list(found) == ["Luong Cuong", "Orlando Hernandez Guillen"]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Singaporean Minister Grace Tan visited Hanoi.", "Grace Tan", "Minister"),
        (
            "Former Australian Foreign Minister Bob Carlton visited Hanoi.",
            "Bob Carlton",
            "Former Minister of Foreign Affairs",
        ),
        ("Deputy Minister Will Thompson spoke.", "Will Thompson", "Deputy Minister"),
    ],
)
def test_given_names_that_are_common_words(text: str, name: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.title) == (name, title)


@pytest.mark.parametrize(
    "text",
    [
        "Tran Hung Dao Street in Nha Trang was closed.",
        "The Nguyen Du Prize and the Ho Chi Minh Award were presented.",
        "Le Loi Street, Hoan Kiem District, Hanoi.",
    ],
)
def test_a_place_or_prize_named_after_a_person_is_not_a_person(text: str) -> None:
    assert officials(text) == {}


def test_a_surname_that_is_also_a_place_word_stays_in_the_name() -> None:
    assert only("US Ambassador Michael Park attended.").name == "Michael Park"


# -- words before a title that are not part of it ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "He met Vice President Vo Thi Anh Xuan and later the same day Chilean Foreign Minister"
            " Alberto van Klaveren.",
            "Alberto van Klaveren",
            "Minister of Foreign Affairs",
        ),
        ("The country, under President Bola Ahmed Tinubu, is growing.", "Bola Ahmed Tinubu", "President"),
        ("Meeting New Zealand Ambassador Caroline Beresford, he said.", "Caroline Beresford", "Ambassador"),
        ("Earlier this year President Gustavo Petro visited Hanoi.", "Gustavo Petro", "President"),
    ],
)
def test_an_ordinary_word_before_a_title_is_not_part_of_the_role(text: str, name: str, title: str) -> None:
    assert officials(text)[name].title == title


def test_an_event_is_not_a_role_nor_its_place_a_person() -> None:
    assert officials("The 58th ASEAN Foreign Ministers’ Meeting opened in Kuala Lumpur on July 8.") == {}
    assert officials("The Mekong-Japan Summit in Phnom Penh Thmey was held on Sunday.") == {}


def test_a_plural_post_gives_no_one_a_role() -> None:
    found = officials(
        "Leaders of Laos, Cambodia and Thailand, Prime Ministers Sonexay Siphandone, Hun Manet and"
        " Anutin Charnvirakul, attended."
    )
    assert list(found) == ["Sonexay Siphandone", "Hun Manet", "Anutin Charnvirakul"]
    assert [o.title for o in found.values()] == [None, None, None]
    found = officials("Deputy Prime Ministers Nguyen Van Long and Tran Van Binh attended.")
    assert {name: o.title for name, o in found.items()} == {"Nguyen Van Long": None, "Tran Van Binh": None}


# -- the place of a title before a name ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Vietnamese Consul General in Osaka Ngo Trinh Ha met the governor.",
            "Ngo Trinh Ha",
            "Consul General in Osaka",
        ),
        ("Consul General in Sydney Mark Smith said so.", "Mark Smith", "Consul General in Sydney"),
        (
            "Vietnamese Ambassador in Kuala Lumpur Tran Quoc Thuy attended.",
            "Tran Quoc Thuy",
            "Ambassador in Kuala Lumpur",
        ),
        ("Chairman of the Mazhilis Yerlan Koshanov said so.", "Yerlan Koshanov", "Chairman of the Mazhilis"),
    ],
)
def test_the_place_after_in_or_of_the_is_not_part_of_the_name(text: str, name: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.title) == (name, title)


@pytest.mark.parametrize(
    "text",
    [
        "The Governor of Xieng Khouang thanked the Vietnamese side.",
        "The Thai ambassador to Laos and the Chinese consul general in Luang Prabang attended.",
    ],
)
def test_a_titles_place_alone_is_not_a_person(text: str) -> None:
    assert officials(text) == {}


# -- the words of a ministry's or a legislature's name ---------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "He met Coordinating Minister for Economic Affairs Airlangga Hartarto.",
            "Airlangga Hartarto",
            "Coordinating Minister for Economic Affairs",
        ),
        (
            "Brunei’s Second Minister of Foreign Affairs Erywan Yusof attended.",
            "Erywan Yusof",
            "Second Minister of Foreign Affairs",
        ),
        (
            "Egyptian Minister of Foreign Affairs, Emigration and Egyptian Expatriates Badr Abdelatty"
            " received him.",
            "Badr Abdelatty",
            "Minister of Foreign Affairs, Emigration and Egyptian Expatriates",
        ),
        (
            "He met Irish Minister of State for Trade Promotion Robert Troy.",
            "Robert Troy",
            "Minister of State for Trade Promotion",
        ),
        ("Australian Foreign Minister Senator Penny Wong said.", "Penny Wong", "Minister of Foreign Affairs"),
    ],
)
def test_a_ministrys_fields_are_part_of_the_title(text: str, name: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.title) == (name, title)


def test_a_long_title_after_the_name_is_read_whole() -> None:
    title = (
        "Member of the Political Bureau of the Communist Party of China (CPC) Central Committee and"
        " Director of the Office of the Central Commission for Foreign Affairs"
    )
    official = only(f"He received Wang Yong, {title}, in Hanoi.")
    assert (official.name, official.title) == ("Wang Yong", title)


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("He called on Sultan Haji Hassanal Bolkiah.", "Hassanal Bolkiah", "Sultan"),
        (
            "Brunei’s Second Minister of Foreign Affairs Dato Seri Setia Awang Haji Erywan Pehin Yusof"
            " co-chaired it.",
            "Erywan Pehin Yusof",
            "Second Minister of Foreign Affairs",
        ),
        (
            "He met Minister of Health Dato Seri Setia Haji Mohd Isham Jaafar.",
            "Mohd Isham Jaafar",
            "Minister of Health",
        ),
    ],
)
def test_malay_honorifics_at_the_start_of_a_name_are_left_off(text: str, name: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.title) == (name, title)
    assert only("Foreign Minister Mohamad bin Haji Hasan spoke.").name == "Mohamad Bin Haji Hasan"


def test_a_pronoun_that_is_a_family_name_after_a_title() -> None:
    found = officials("Chinese Ambassador to Vietnam He Wei attended. He said ties were good.")
    assert {name: o.title for name, o in found.items()} == {"He Wei": "Ambassador to Vietnam"}
    assert tags_for("Chinese Ambassador He Wei attended. He said ties were good.").aliases == {}
    assert officials("He Nguyen said so.") == {}


def test_a_bodys_name_before_its_acronym_is_not_a_person() -> None:
    official = only(
        "Secretary-General of the Community of Portuguese Language Countries (CPLP) Zacarias da Costa"
        " attended the forum."
    )
    assert (official.name, official.title) == (
        "Zacarias da Costa",
        "Secretary-General of the Community of Portuguese Language Countries",
    )
    assert officials("Delegates of the Mekong River Commission (MRC) met in Vientiane.") == {}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "He met Madam Rania Al-Mashat, Minister of Planning, Economic Development and International"
            " Cooperation.",
            "Minister of Planning, Economic Development and International Cooperation",
        ),
        (
            "He met Rania Al-Mashat, Minister of Trade, Industry and Energy, in Cairo.",
            "Minister of Trade, Industry and Energy",
        ),
        ("He met Rania Al-Mashat, Minister of Trade, Industry leaders said.", "Minister of Trade"),
    ],
)
def test_a_title_after_the_name_reads_a_bodys_fields_across_commas(text: str, title: str) -> None:
    assert only(text).title == title


def test_a_long_title_may_end_in_a_lower_case_title_word() -> None:
    official = only("Earlier, the Consul General met Mayor of Sakai city Nagafuji Hideki.")
    assert (official.name, official.title) == ("Nagafuji Hideki", "Mayor of Sakai city")


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "British Minister for the Indo-Pacific Catherine West said so.",
            "Catherine West",
            "Minister for the Indo-Pacific",
        ),
        (
            "He met Lord Mayor of the City of London Alastair King, and others.",
            "Alastair King",
            "Lord Mayor of the City of London",
        ),
        (
            "Former Foreign Minister Julie Bishop attended.",
            "Julie Bishop",
            "Former Minister of Foreign Affairs",
        ),
    ],
)
def test_a_surname_that_is_a_title_word_ends_a_name(text: str, name: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.title) == (name, title)


def test_a_title_word_before_a_capitalised_word_is_not_a_surname() -> None:
    found = officials("Prime Minister Hun Manet and King Norodom Sihamoni attended.")
    assert {name: o.title for name, o in found.items()} == {
        "Hun Manet": "Prime Minister",
        "Norodom Sihamoni": "King",
    }
    assert tags_for("Minister Catherine West attended. West said so.").aliases == {}


def test_a_patronymic_ends_a_name() -> None:
    official = only("Speaker of the Jogorku Kenesh Nurlanbek Turgunbek uulu hosted a luncheon.")
    assert (official.name, official.title) == ("Nurlanbek Turgunbek uulu", "Speaker of the Jogorku Kenesh")


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "He met French Minister for Europe and Foreign Affairs Jean-Noël Barrot in Paris.",
            "Jean-Noël Barrot",
            "Minister for Europe and Foreign Affairs",
        ),
        (
            "He met Minister Delegate for Foreign Trade Laurent Saint-Martin in Paris.",
            "Laurent Saint-Martin",
            "Minister Delegate for Foreign Trade",
        ),
        (
            "He met Commander of the Royal Brunei Armed Forces Major General Dato Seri Pahlawan Haji"
            " Khairul Hamed.",
            "Khairul Hamed",
            "Commander of the Royal Brunei Armed Forces",
        ),
        (
            "He met Chairman of Samsung Electronics Lee Jae-yong.",
            "Lee Jae-yong",
            "Chairman of Samsung Electronics",
        ),
    ],
)
def test_regions_companies_and_forces_in_a_title(text: str, name: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.title) == (name, title)


def test_a_longer_name_that_starts_with_a_registry_name_is_another_person() -> None:
    found = officials("Vietnamese Ambassador to Ireland Nguyen Thi Thanh Huong met Nguyen Thi Thanh.")
    assert list(found) == ["Nguyen Thi Thanh Huong", "Nguyen Thi Thanh"]
    assert found["Nguyen Thi Thanh Huong"].title == "Ambassador to Ireland"
    headline = officials("He spoke.", title="To Lam Meets Lao Leader In Vientiane")
    assert list(headline) == ["To Lam"]


def test_a_place_before_a_post_after_and_is_not_a_person() -> None:
    found = officials("She met Gabriel Martino, Chairman of the chamber, and Buenos Aires Mayor Jorge Macri.")
    assert {name: o.title for name, o in found.items()} == {
        "Gabriel Martino": "Chairman of the chamber",
        "Jorge Macri": "Mayor",
    }


def test_a_vietnamese_given_name_that_is_an_english_word() -> None:
    found = officials("First Secretary of the Embassy Tran Van An attended. An agreement was signed.")
    assert {name: o.title for name, o in found.items()} == {"Tran Van An": "First Secretary of the Embassy"}
    assert tags_for("Deputy Minister Tran Van An spoke. An agreement was signed.").aliases == {}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Ambassador-designate Park Sung-jin attended.", "Park Sung-jin", "Ambassador-designate"),
        ("President-elect Jose Antonio Kast spoke.", "Jose Antonio Kast", "President-elect"),
    ],
)
def test_a_designated_or_elected_post_is_a_title(text: str, name: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.title) == (name, title)


def test_tan_sri_is_an_honorific_and_tan_a_family_name() -> None:
    official = only("“We will cooperate,” said Tan Sri Muhyiddin Yassin, former Prime Minister of Malaysia.")
    assert (official.name, official.title) == ("Muhyiddin Yassin", "former Prime Minister of Malaysia")
    found = officials("Ambassador Tan Yang Thai and Tan Sri Dato’ Sri Abdul Wahab Abdullah attended.")
    assert list(found) == ["Tan Yang Thai", "Abdul Wahab Abdullah"]


def test_a_country_in_a_possessive_title_after_the_name() -> None:
    official = only("He received Ruth Kaye, New Zealand’s Ambassador to Vietnam, on Monday.")
    assert (official.title, official.country) == ("Ambassador to Vietnam", "NZ")


@pytest.mark.parametrize(
    ("text", "name", "title", "country"),
    [
        (
            "Minister-Chairman of the Committee for Ethnic Minority Affairs Hau A Lenh attended.",
            "Hau A Lenh",
            "Minister-Chairman of the Committee for Ethnic Minority Affairs",
            "VN",
        ),
        (
            "The Laotian Deputy Prime Minister cum Foreign Minister Saleumxay Kommasith attended.",
            "Saleumxay Kommasith",
            "Deputy Prime Minister cum Minister of Foreign Affairs",
            "LA",
        ),
    ],
)
def test_compound_posts(text: str, name: str, title: str, country: str) -> None:
    official = only(text)
    assert (official.name, official.title, official.country) == (name, title, country)


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Vice President of the National Assembly of People’s Power of Cuba Ana María Mari Machado"
            " attended.",
            "Ana María Mari Machado",
            "Vice President of the National Assembly of People’s Power of Cuba",
        ),
        (
            "Deputy Secretary-General of the Community of Portuguese Language Countries (CPLP) Armindo"
            " Brito Fernandes attended.",
            "Armindo Brito Fernandes",
            "Deputy Secretary-General of the Community of Portuguese Language Countries",
        ),
        ("Deputy Speaker of the DPR Sufmi Dasco spoke.", "Sufmi Dasco", "Deputy Speaker of the DPR"),
    ],
)
def test_a_deputys_long_title_keeps_its_first_words(text: str, name: str, title: str) -> None:
    """A deputy is not given the post of the person they deputise for."""
    official = only(text)
    assert (official.name, official.title) == (name, title)


def test_a_list_of_ambassadors_each_with_their_country() -> None:
    found = officials(
        "Attending were Ambassadors of Japan Ito Naoki, of India Sandeep Arya and of New Zealand"
        " Caroline Beresford."
    )
    assert {name: (o.title, o.country) for name, o in found.items()} == {
        "Ito Naoki": (None, "JP"),
        "Sandeep Arya": (None, "IN"),
        "Caroline Beresford": (None, "NZ"),
    }
    assert officials("The minister met Cambodian Ambassadors in Phnom Penh on Monday.") == {}


def test_a_ministry_of_many_fields() -> None:
    official = only(
        "Moroccan Minister of Agriculture, Maritime Fisheries, Rural Development, Water and Forests Ahmed"
        " El Bouari received him."
    )
    assert (official.name, official.title) == (
        "Ahmed El Bouari",
        "Minister of Agriculture, Maritime Fisheries, Rural Development, Water and Forests",
    )


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Thai Deputy Prime Minister Police General Patcharawat Wongsuwan attended.",
            "Patcharawat Wongsuwan",
            "Deputy Prime Minister",
        ),
        (
            "Thai Defence Minister Air Chief Marshal Sutin Klungsang attended.",
            "Sutin Klungsang",
            "Defence Minister",
        ),
        ("Minister of Police Senzo Mchunu attended.", "Senzo Mchunu", "Minister of Police"),
        ("Police Chief Tran Van Nam said so.", "Tran Van Nam", "Police Chief"),
    ],
)
def test_a_services_rank_after_a_post_is_left_off(text: str, name: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.title) == (name, title)


def test_the_country_before_a_long_title_read_past_a_bodys_words() -> None:
    official = only("Indonesian Minister of State-Owned Enterprises Erick Thohir attended.")
    assert (official.title, official.country) == ("Minister of State-Owned Enterprises", "ID")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Canadian Chargé d’Affaires Jane Doe said so.", "Chargé d’Affaires"),
        ("Canadian Charge d'Affaires Jane Doe said so.", "Charge d'Affaires"),
        (
            "Chargé d'Affaires of the Embassy of Canada Jane Doe attended.",
            "Chargé d'Affaires of the Embassy of Canada",
        ),
    ],
)
def test_a_charge_daffaires(text: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.title, official.country) == ("Jane Doe", title, "CA")
    assert only("He was in charge of Tran Van Nam’s team.").title is None


def test_a_grand_duke_needs_one_name() -> None:
    official = only("Grand Duke Henri of Luxembourg welcomed the President.")
    assert (official.name, official.title) == ("Henri", "Grand Duke")


def test_sayyid_is_an_honorific() -> None:
    official = only("Omani Foreign Minister Sayyid Badr bin Hamad bin Hamood Albusaidi held talks.")
    assert official.name == "Badr bin Hamad bin Hamood Albusaidi"
    assert official.title == "Minister of Foreign Affairs"


@pytest.mark.parametrize(
    "text",
    [
        "The Prime Minister’s spouse Madam Le Thi Bich Tran visited a school.",
        "Japanese Prime Minister’s wife Ishiba Yoshiko visited a school.",
    ],
)
def test_a_spouse_is_not_given_the_post_of_the_person_before_the_possessive(text: str) -> None:
    assert only(text).title is None
    assert only("The President’s Special Envoy Nguyen Van Thanh said.").title == "President’s Special Envoy"


# -- "a.i." (ad interim) inside a title ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "title"),
    [
        (
            "Vietnamese Chargé d'Affaires a.i. to Japan Nguyen Van Hai met officials in Tokyo.",
            "Nguyen Van Hai",
            "VN",
            "Chargé d'Affaires a.i. to Japan",
        ),
        (
            "Chargé d'Affaires a.i. of the Vietnamese Embassy in Cuba Le Thi Mai attended the event.",
            "Le Thi Mai",
            "VN",
            "Chargé d'Affaires a.i. of the Vietnamese Embassy in Cuba",
        ),
        (
            "Australian Chargé d'Affaires a.i. Mark Smith attended the event in Hanoi.",
            "Mark Smith",
            "AU",
            "Chargé d'Affaires",
        ),
    ],
)
def test_ad_interim_stays_inside_the_title(text: str, name: str, country: str, title: str) -> None:
    official = only(text)
    assert (official.name, official.country, official.title) == (name, country, title)


# -- names written in either order (Japanese) ------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "name", "short"),
    [
        (  # not in the registry, family name first, then the family name alone
            (
                "Deputy Foreign Minister Le Thi Thu Hang met Japanese Ambassador Ono Hiroshi.",
                "Ono said ties grow.",
            ),
            "Ono Hiroshi",
            "Ono",
        ),
        (  # not in the registry, given name first, then the family name alone
            (
                "Deputy Foreign Minister Le Thi Thu Hang met Japanese Ambassador Hiroshi Ono.",
                "Ono said ties grow.",
            ),
            "Hiroshi Ono",
            "Ono",
        ),
        (  # in the registry as "Shigeru Ishiba", written family name first
            (
                "Prime Minister Pham Minh Chinh met Japanese Prime Minister Ishiba Shigeru.",
                "Ishiba thanked Chinh.",
            ),
            "Shigeru Ishiba",
            "Ishiba",
        ),
    ],
)
def test_a_japanese_name_in_either_order_is_one_person_with_its_short_form(
    paragraphs: tuple[str, ...], name: str, short: str
) -> None:
    tags = tags_for(*paragraphs)
    assert name in {o.name for o in tags.officials}
    assert tags.aliases.get(short) == name


def test_either_order_is_only_for_the_countries_that_use_it() -> None:
    tags = tags_for(
        "Deputy Foreign Minister Le Thi Thu Hang met German Ambassador Helga Barth.", "Helga spoke."
    )
    assert "Helga" not in tags.aliases
