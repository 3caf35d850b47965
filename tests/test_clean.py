"""The cleaner (`news_digest.extract.clean.extract`): every kind of scraping noise on small texts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_digest.extract import clean
from news_digest.extract.clean import ExtractionError, extract
from news_digest.tagging.tag import tag

TITLE = "Vietnam, Laos hold talks"


def article(*lines: str):
    return extract("\n".join(lines) + "\n", "x.txt")


def body(*lines: str) -> list[str]:
    """Paragraphs of a minimal article with the given lines after the dateline paragraph."""
    return article(TITLE, "Hanoi (VNA) – The two sides met in Hanoi.", *lines).paragraphs


def everything(a) -> str:
    return "\n".join([a.title, a.lead or "", *a.paragraphs, *a.captions])


# -- spam ------------------------------------------------------------------------------------


def test_spam_line_before_the_title_is_dropped() -> None:
    a = article("tk88 bet", "", TITLE, "Hanoi (VNA) – The two sides met./.")
    assert a.title == TITLE
    assert "tk88" not in everything(a)


def test_repeated_spam_blocks_are_dropped_anywhere() -> None:
    paragraphs = body("{tk88 bet}|{tk88 bet}|{tk88 bet}|", "They agreed to cooperate./.")
    assert paragraphs == ["The two sides met in Hanoi.", "They agreed to cooperate."]


def test_the_english_word_bet_in_a_short_title_is_not_spam() -> None:
    a = article("Foreign investors bet on Vietnam", "Hanoi (VNA) – Investors are upbeat./.")
    assert a.title == "Foreign investors bet on Vietnam"


def test_the_english_word_bet_in_a_short_paragraph_is_not_spam() -> None:
    assert "They bet on growth." in body("They bet on growth.", "More talks will follow./.")


# -- injected symbols ------------------------------------------------------------------------


def test_symbols_injected_inside_words_are_removed() -> None:
    paragraphs = body("The d♔elegation arrived in Ja꧅nuary./.")
    assert paragraphs[-1] == "The delegation arrived in January."


def test_symbol_injected_before_the_dateline_dash_is_removed() -> None:
    a = article(TITLE, "Hanoi (VNA) 🧔– The two sides met./.")
    assert a.dateline == "Hanoi"
    assert a.paragraphs == ["The two sides met."]


def test_symbol_at_paragraph_start_is_removed() -> None:
    assert body("💮 The Party official spoke./.")[-1] == "The Party official spoke."


def test_line_of_symbols_only_is_not_a_paragraph() -> None:
    assert body("🌄 ⛄", "They agreed./.") == ["The two sides met in Hanoi.", "They agreed."]


def test_symbol_in_the_title_is_removed() -> None:
    assert article("🌄 " + TITLE, "Hanoi (VNA) – The two sides met./.").title == TITLE


def test_symbol_inside_a_month_name_does_not_hide_the_date() -> None:
    a = article(TITLE, "Hanoi (VNA) – The talks opened on Ja꧅nuary 19, 2025./.")
    assert a.date == dt.date(2025, 1, 19)
    assert a.date_confidence == "stated"


@pytest.mark.parametrize(
    "text",
    [
        "António Costa met Hélène Luc in Lisbon.",
        "Lê Hoài Trung met Nguyễn Thị Thanh.",
        "Prices rose 5% to €20 at 30°C — a record… “so far”.",
    ],
)
def test_accented_latin_letters_and_ordinary_punctuation_are_kept(text: str) -> None:
    assert body(text + "/.")[-1] == text


def test_decomposed_accents_are_normalised_and_kept() -> None:
    decomposed = unicodedata.normalize("NFD", "Lê Hoài Trung spoke.")
    assert body(decomposed + "/.")[-1] == "Lê Hoài Trung spoke."


def test_zero_width_characters_inside_words_are_removed() -> None:
    assert body("The deleg\u200bation\u200d met for co\u2060operation\ufeff./.")[-1] == (
        "The delegation met for cooperation."
    )


def test_non_breaking_spaces_become_ordinary_spaces() -> None:
    assert body("Minister\u00a0Le Hoai\u202fTrung  spoke./.")[-1] == "Minister Le Hoai Trung spoke."


def test_crlf_line_ends() -> None:
    a = extract(f"{TITLE}\r\nThe lead.\r\nHanoi (VNA) – Body one.\r\nBody two./.\r\n", "x.txt")
    assert (a.title, a.lead, a.paragraphs) == (TITLE, "The lead.", ["Body one.", "Body two."])


# -- captions and image file names -----------------------------------------------------------


def test_duplicated_caption_is_kept_once_and_not_in_the_body() -> None:
    caption = "Minister Le Hoai Trung speaks at the meeting. (Photo: VNA)"
    a = article(TITLE, "The lead.", caption, caption, "Hanoi (VNA) – Body one./.")
    assert a.captions == [caption]
    assert a.paragraphs == ["Body one."]


def test_caption_copies_differing_only_by_injected_symbols_are_one_caption() -> None:
    a = article(
        TITLE, "A caption here. (Photo: VNA)", "A cap🉐tion here. (Photo: VNA)", "Hanoi (VNA) – Body."
    )
    assert a.captions == ["A caption here. (Photo: VNA)"]


@pytest.mark.parametrize(
    "file_name",
    [
        "le hoai trung.webp",
        "vna-potal-xyz-8557548.jpg",
        "vna-potal-bo-truong-ngoai-giao-le-hoai-trung-du-hoi-nghi-8557548.JPG",
        "photo.png",
        "VNA_Bo_Ngoai_giao.jpg",
        "https://img.vietnamplus.vn/t660/Uploaded/2025_09_21/vna_potal_lanh_dao.jpg",
        "//cdn.example.vn/images/le-hoai-trung.webp",
    ],
)
def test_image_file_names_are_dropped(file_name: str) -> None:
    caption = "Deputy Minister Dang Hoang Giang at the meeting. (Photo: VNA)"
    a = article(TITLE, "Hanoi (VNA) – Body one.", file_name, caption, "Body two./.")
    assert file_name not in everything(a)
    assert a.paragraphs == ["Body one.", "Body two."]
    assert a.captions == [caption]


def test_an_address_that_is_not_an_image_is_kept() -> None:
    assert body("See https://mofa.gov.vn/en/statement.jpg for the text./.")[-1].startswith("See https")


@pytest.mark.parametrize("byline", ["By Minh Anh", "By Nguyễn Thu Hà", "By Thu Hang"])
def test_a_byline_is_neither_the_lead_nor_a_paragraph(byline: str) -> None:
    a = article(TITLE, byline, "The lead.", "Hanoi (VNA) – The talks opened.", byline, "More./.")
    assert a.lead == "The lead."
    assert a.paragraphs == ["The talks opened.", "More."]


@pytest.mark.parametrize(
    "line",
    ["By 2030, trade should double.", "By Land and Sea Festival Opens In Hue Today", "By Tuesday, it ended."],
)
def test_a_sentence_starting_with_by_is_text(line: str) -> None:
    assert line in body(line, "More./.")


@pytest.mark.parametrize(
    "link",
    [
        "Read more: Vietnam, Cuba to celebrate 65 years of diplomatic relations",
        "See also: Vietnam, Laos hold talks",
        "Related news: Laos wins award",
    ],
)
def test_an_inline_link_to_another_article_is_dropped_and_the_article_goes_on(link: str) -> None:
    assert body("They agreed.", link, "More text./.") == [
        "The two sides met in Hanoi.",
        "They agreed.",
        "More text.",
    ]


# -- the end of the article ------------------------------------------------------------------

TEASERS = (
    "VNA",
    "See more",
    "Japan and Thailand sign a defence pact",
    "Japanese Prime Minister Shigeru Ishiba visited France and Germany, meeting President Emmanuel Macron.",
)


def test_end_marker_and_everything_after_it_are_dropped() -> None:
    a = article(TITLE, "Hanoi (VNA) – Vietnam and Laos agreed to cooperate./.", *TEASERS)
    assert a.paragraphs == ["Vietnam and Laos agreed to cooperate."]
    assert "/." not in everything(a)
    tags = tag(a)
    assert tags.country_codes == ["LA"]
    assert tags.officials == []


def test_teasers_after_the_end_marker_without_a_see_more_heading_are_dropped() -> None:
    a = article(TITLE, "Hanoi (VNA) – Vietnam and Laos agreed./.", *TEASERS[2:])
    assert a.paragraphs == ["Vietnam and Laos agreed."]
    assert tag(a).country_codes == ["LA"]


def test_see_more_heading_ends_the_article_even_without_the_end_marker() -> None:
    a = article(TITLE, "Hanoi (VNA) – Vietnam and Laos agreed.", "See more", *TEASERS[2:])
    assert a.paragraphs == ["Vietnam and Laos agreed."]
    assert "See more" not in everything(a)
    assert tag(a).country_codes == ["LA"]


def test_end_marker_with_a_space_before_it() -> None:
    assert article(TITLE, "Hanoi (VNA) – Body text /.", "VNA").paragraphs == ["Body text"]


@pytest.mark.parametrize(
    "last",
    [
        "They agreed to push ties forward.-VNA",
        "They agreed to push ties forward. - VNA",
        "They agreed to push ties forward.–VNA",
        "They agreed to push ties forward. -VNA/VNP",
        "They agreed to push ties forward./.",
        "They agreed to push ties forward. VNA",
        "They agreed to push ties forward./. TTXVN",
        "They agreed to push ties forward./.VNA",
        "They agreed to push ties forward. (VNA)",
        "They agreed to push ties forward. NDO",
    ],
)
def test_every_end_marker_ends_the_body(last: str) -> None:
    a = article(TITLE, "Hanoi (VNA) – The two sides met.", last, "Laos wins award", "Another teaser.")
    assert a.paragraphs == ["The two sides met.", "They agreed to push ties forward."]


@pytest.mark.parametrize("heading", ["VNA", "VNA/VNP", "VNP", "See more"])
def test_an_agency_line_ends_the_article(heading: str) -> None:
    a = article(TITLE, "Hanoi (VNA) – The two sides met.", "They agreed.", heading, "A teaser.")
    assert a.paragraphs == ["The two sides met.", "They agreed."]


@pytest.mark.parametrize(
    "line",
    [
        "The deal was reported by the Vietnam News Agency (VNA).",
        "The deal was reported by VNA",
        "He spoke to VNA-VNP reporters.",
        "Officials of VNA attended.",
    ],
)
def test_the_agency_named_in_a_sentence_is_no_end_marker(line: str) -> None:
    assert body(line, "More./.") == ["The two sides met in Hanoi.", line, "More."]


# -- captions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "Delegates at the talks in Vientiane (Photo: VNA)",
        "Delegates at the talks in Vientiane. Photo: VNA",
        "Delegates at the talks in Vientiane. Photo: VNA/Nguyen Khang",
        "Delegates at the talks in Vientiane - Photo: baoquocte.vn",
        "The ambassador speaks at the event (Photo courtesy of the embassy)",
        "The ambassador speaks at the event. Photo courtesy of the embassy",
        "Quang cảnh phiên họp (Ảnh: quochoi.vn)",
        "Toàn cảnh hội nghị. Ảnh: TTXVN",
        "The flag of Laos (Illustrative image: Shutterstock)",
        "(File photo)",
        "Ministers pose for a photo (Source: Reuters).",
        "Photo: VNA/Nguyen Khang",
        "Ministers at the talks [Photo: VNA]",
        "Ministers at the talks in Hà Nội. — VNA/VNS Photo Trí Dũng",
        "Ministers at the talks in Hà Nội. — VNA/VNS Photo",
        "Ministers at the talks in Hanoi (VNA Photo)",
        "Ministers at the talks in Hanoi (VNA/VNS Photo Văn Điệp)",
        "Illustrative photo",
        "File photo.",
    ],
)
def test_a_line_ending_in_a_credit_is_a_caption_and_the_lead_may_follow_it(caption: str) -> None:
    a = article(TITLE, caption, "Vietnam and Laos held talks.", "The two sides agreed.", "More./.")
    assert a.captions == [caption]
    assert a.lead == "Vietnam and Laos held talks."
    assert a.paragraphs == ["The two sides agreed.", "More."]


@pytest.mark.parametrize(
    "line",
    [
        "He said the photo exhibition will open in May.",
        "The source of growth was exports, he said.",
        "Officials discussed the sources: trade, investment and aid.",
        "The minister (photo) spoke first, then the envoy.",
        "The exhibition was organised by the VNA Photo Department.",
        "Visitors toured the archive. VNA photos from the war were shown there.",
    ],
)
def test_a_sentence_naming_a_photo_or_source_is_body(line: str) -> None:
    assert body(line, "More./.") == ["The two sides met in Hanoi.", line, "More."]


def test_a_title_with_a_colon_is_still_the_title() -> None:
    a = article("Infographic: Vietnam-Laos trade in figures", "Hanoi (VNA) – Trade grew./.")
    assert a.title == "Infographic: Vietnam-Laos trade in figures"


def test_the_lead_after_an_image_line_and_captions_then_the_dateline() -> None:
    a = article(
        TITLE,
        "vna_potal_hoi_dam.jpg",
        "Ministers at the talks (Photo: VNA)",
        "Ministers at the talks (Photo: VNA)",
        "Vietnam and Laos held talks in Hanoi.",
        "Hanoi (VNA) – Vietnam and Laos held talks in Hanoi.",
        "They agreed./.",
    )
    assert (a.lead, a.captions) == (
        "Vietnam and Laos held talks in Hanoi.",
        ["Ministers at the talks (Photo: VNA)"],
    )
    assert a.paragraphs == ["Vietnam and Laos held talks in Hanoi.", "They agreed."]


def test_a_dateline_alone_on_its_line_starts_the_body_on_the_next() -> None:
    a = article(TITLE, "The lead.", "Vientiane (VNA) –", "The two sides met.", "They agreed./.")
    assert (a.dateline, a.paragraphs) == ("Vientiane", ["The two sides met.", "They agreed."])


def test_a_caption_then_the_dateline_gives_no_lead() -> None:
    a = article(TITLE, "Ministers at the talks. Photo: VNA", "Hanoi (VNA) – They met.", "They agreed./.")
    assert (a.lead, a.dateline, a.paragraphs) == (None, "Hanoi", ["They met.", "They agreed."])


# -- dateline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Hanoi (VNA) – The talks opened.", "Hanoi"),
        ("Hanoi (VNA) - The talks opened.", "Hanoi"),
        ("Kuala Lumpur (VNA) – The talks opened.", "Kuala Lumpur"),
        ("Kuala Lumpur (VNA) - The talks opened.", "Kuala Lumpur"),
        ("Ho Chi Minh City (VNA) – The talks opened.", "Ho Chi Minh City"),
        ("Hanoi, July 3 (VNA) – The talks opened.", "Hanoi"),
        ("Ho Chi Minh City, March 12 (VNA/VNP) - The talks opened.", "Ho Chi Minh City"),
        ("Vientiane, Laos (VNA) — The talks opened.", "Vientiane, Laos"),
        ("Da Nang (VNA/VNP) -The talks opened.", "Da Nang"),
        ("Hanoi (VNA)–The talks opened.", "Hanoi"),
        ("Phnom Penh (VNA) ‒ The talks opened.", "Phnom Penh"),
        ("Bangkok, December 1, 2024 (VNS) – The talks opened.", "Bangkok"),
        ("Hanoi, 3 July (VNA) – The talks opened.", "Hanoi"),
        ("Đà Nẵng (VNA) – The talks opened.", "Đà Nẵng"),
        ("Điện Biên, May 7 (VNA) – The talks opened.", "Điện Biên"),
        ("Hanoi (VNS/VNA) - The talks opened.", "Hanoi"),
        ("Hanoi (VNA/VNS) – The talks opened.", "Hanoi"),
        ("Hanoi, (VNA) – The talks opened.", "Hanoi"),
        ("Hanoi (VNA): The talks opened.", "Hanoi"),
        ("Jakarta, Sept. 8 (VNA) – The talks opened.", "Jakarta"),
    ],
)
def test_dateline_place_is_found_and_removed_from_the_paragraph(line: str, place: str) -> None:
    a = article(TITLE, "The lead.", line)
    assert a.dateline == place
    assert a.paragraphs == ["The talks opened."]


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("VNA – The talks opened.", "VNA"),
        ("(VNA) – The talks opened.", "VNA"),
        ("NDO – The talks opened.", "NDO"),
        ("VOV.VN - The talks opened.", "VOV.VN"),
        ("VNA/VNS— The talks opened.", "VNA/VNS"),
    ],
)
def test_a_dateline_of_the_agency_alone_has_no_place_and_no_lead(line: str, source: str) -> None:
    a = article(TITLE, line, "More text./.")
    assert (a.lead, a.dateline, a.source) == (None, None, source)
    assert a.paragraphs == ["The talks opened.", "More text."]


@pytest.mark.parametrize("line", ["VNA-funded projects were reviewed.", "VOV reported the talks opened."])
def test_a_sentence_starting_with_the_agency_is_no_dateline(line: str) -> None:
    a = article(TITLE, line, "More text./.")
    assert (a.lead, a.dateline) == (line, None)


def test_no_dateline() -> None:
    a = article(TITLE, "The lead paragraph.", "The two sides met.")
    assert a.dateline is None


@pytest.mark.parametrize("agency", ["VNA", "VNA/VNS"])
def test_the_agencys_name_under_the_title_is_neither_lead_nor_body(agency: str) -> None:
    a = article(TITLE, agency, "The lead.", "Hanoi (VNA) – The talks opened./.")
    assert (a.lead, a.paragraphs) == ("The lead.", ["The talks opened."])
    a = article(TITLE, agency, "Hanoi (VNA) – The talks opened./.")
    assert (a.lead, a.paragraphs) == (None, ["The talks opened."])


def test_the_title_printed_twice_is_not_the_lead() -> None:
    a = article(TITLE, TITLE, "The lead.", "Hanoi (VNA) – The talks opened./.")
    assert (a.title, a.lead, a.paragraphs) == (TITLE, "The lead.", ["The talks opened."])


def test_lead_repeated_as_first_paragraph() -> None:
    lead = "Vietnam and Laos agreed to cooperate, the minister said."
    a = article(TITLE, lead, f"Hanoi (VNA) – {lead}", "More text./.")
    assert a.lead == lead
    assert a.paragraphs == [lead, "More text."]


# -- dates -----------------------------------------------------------------------------------


def test_header_lines_win_over_inference() -> None:
    a = article(
        "Published: 2024-11-23",
        "URL: https://en.vietnamplus.vn/vietnam-laos-hold-talks.vnp",
        TITLE,
        "Hanoi (VNA) – They met on September 16 to prepare for the 2025 ASEAN Chair this year./.",
    )
    assert a.date == dt.date(2024, 11, 23)
    assert a.date_confidence == "stated"
    assert a.url == "https://en.vietnamplus.vn/vietnam-laos-hold-talks.vnp"
    assert a.title == TITLE
    assert "Published" not in everything(a) and "vietnamplus" not in everything(a)


def test_header_like_line_inside_the_body_is_text_not_a_header() -> None:
    a = article(TITLE, "Hanoi (VNA) – The two sides met.", "Published: 2024-11-23", "More./.")
    assert a.date is None
    assert "Published: 2024-11-23" in a.paragraphs


def test_full_date_in_the_text_is_stated() -> None:
    a = article(TITLE, "Hanoi (VNA) – The talks opened on January 19, 2025./.")
    assert (a.date, a.date_confidence) == (dt.date(2025, 1, 19), "stated")


def test_year_from_a_caption_full_date_is_stated() -> None:
    a = article(
        TITLE,
        "Hanoi (VNA) – They met on September 16.",
        "Officials at the meeting in Hanoi on September 16, 2025. (Photo: VNA)",
        "More text./.",
    )
    assert (a.date, a.date_confidence) == (dt.date(2025, 9, 16), "stated")


def test_year_from_this_year_next_to_a_year_is_inferred() -> None:
    a = article(
        TITLE,
        "Hanoi (VNA) – The talks opened on January 29.",
        "Vietnam will host the forum in 2026 in the second quarter this year./.",
    )
    assert (a.date, a.date_confidence) == (dt.date(2026, 1, 29), "inferred")


def test_year_from_this_year_at_sentence_start_is_inferred() -> None:
    a = article(
        TITLE,
        "Hanoi (VNA) – The talks opened on January 29. This year, 2026, marks the 50th anniversary./.",
    )
    assert (a.date, a.date_confidence) == (dt.date(2026, 1, 29), "inferred")


def test_no_year_anywhere_gives_no_date() -> None:
    a = article(TITLE, "Hanoi (VNA) – The talks opened on January 29./.")
    assert a.date is None
    assert a.date_confidence == "unknown"


def test_day_without_a_year_is_not_dated_from_an_unrelated_past_year() -> None:
    a = article(TITLE, "Hanoi (VNA) – The talks concluded on November 23.", "Trade rose in 2023./.")
    assert a.date is None
    assert a.date_confidence == "unknown"


def test_no_month_or_day_gives_no_date() -> None:
    a = article(TITLE, "Hanoi (VNA) – The two sides will sign the plan later this year, in 2025./.")
    assert a.date is None
    assert a.date_confidence == "unknown"


# -- not an article --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["", "   \n\n\t\n", "tk88 bet\n", "tk88 bet\n{tk88 bet}|{tk88 bet}|{tk88 bet}|\n", "🌄⛄\n💮\n"],
    ids=["empty", "whitespace", "spam", "spam-blocks", "symbols"],
)
def test_empty_or_noise_only_text_is_an_extraction_error(raw: str) -> None:
    with pytest.raises(ExtractionError):
        extract(raw, "x.txt")


def test_captions_only_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        extract("Officials at the meeting. (Photo: VNA)\nAnother photo. (Photo: VNA)\n", "x.txt")


# -- quick paths give what the plain definitions give ------------------------------------------

NOISE = [
    *"aZ é{}|\t\r\n  ",
    "\u00a0",
    "\u2003",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "🌄",
    "\x07",
    "İ",
    "K",
    "tk88",
    "nhà cái",
]
NOISY_TEXTS = st.lists(st.sampled_from(NOISE), max_size=30).map("".join)


@settings(max_examples=300)
@given(NOISY_TEXTS)
def test_normalising_in_one_pass_is_the_plain_steps_in_turn(text: str) -> None:
    plain = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    plain = re.sub(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " ", plain)
    plain = re.sub(r"[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\ufeff]", "", plain)
    assert clean.normalise_text(text) == re.sub(f"[^{clean._ALLOWED}]+", "", plain)


def test_every_odd_space_becomes_a_space_and_every_zero_width_character_goes() -> None:
    spaces = (
        "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    )
    zero_width = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    zero_width += "".join(map(chr, range(0x2060, 0x2070))) + "\ufeff"
    assert clean.normalise_text(f"a{spaces}b{zero_width}c") == "a" + " " * len(spaces) + "bc"


@settings(max_examples=300)
@given(NOISY_TEXTS)
def test_a_line_ruled_out_as_spam_is_no_spam(text: str) -> None:
    for line in clean._collapse_spaces(clean.normalise_text(text)).split("\n"):
        line = line.strip()
        if line and not clean._may_be_spam(line):
            assert not clean.is_spam(line)
        assert clean.is_teaser_heading(line) == (line.lower() in clean.noise_rules().teaser_headings)
