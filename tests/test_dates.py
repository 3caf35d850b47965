"""The article's date (`news_digest.extract.dates` through `extract`): the day of the event it reports or
the day it was filed, a year only where the text gives one, never a day the article recalls.

Every case is a small article written for the rule it checks, in the shapes VNA articles use.
"""

from __future__ import annotations

import datetime as dt

import pytest
from news_digest.extract.clean import extract

TITLE = "Vietnam, Laos hold talks"


def dated(*lines: str):
    return extract("\n".join([TITLE, *lines]) + "\n", "x.txt")


def date_of(*lines: str) -> tuple[dt.date | None, str]:
    a = dated(*lines)
    return a.date, a.date_confidence


# -- the event's own day, with its year written ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hanoi (VNA) – The two ministers signed a memorandum on March 4, 2024 in Hanoi./.",
        "Hanoi (VNA) – On March 4, 2024, the two ministers met in Hanoi./.",
        "Vientiane (VNA) – Vietnam will back the plan, the minister said on March 4, 2024./.",
        "Hanoi (VNA) – A ceremony marking the 60th anniversary of ties was held in Hanoi on March 4, 2024./.",
        "Hanoi (VNA) – The two ministers met in Hanoi on 4 March 2024./.",
        "Hanoi (VNA) – The two ministers met in Hanoi on Monday (March 4, 2024)./.",
        "Hanoi (VNA) – On the afternoon of March 4th, 2024, the two ministers met in Hanoi./.",
        "Hanoi (VNA) – The ministers met in Hanoi on March 4-5, 2024./.",
        "Hanoi (VNA) – The ministers' meeting was held in Hanoi on March 4–5, 2024./.",
        "Hanoi (VNA) – The fair runs in Hanoi from March 4 to 6, 2024./.",
    ],
)
def test_the_reported_events_day_with_its_year_is_stated(text: str) -> None:
    assert date_of(text) == (dt.date(2024, 3, 4), "stated")


def test_a_day_after_the_city_in_the_dateline_is_the_filing_day() -> None:
    a = dated("Hanoi, July 3 (VNA) – The two sides reviewed ties. 2023 is a pivotal year for both./.")
    assert (a.date, a.date_confidence, a.dateline) == (dt.date(2023, 7, 3), "inferred", "Hanoi")
    a = dated("Da Nang, May 9, 2024 (VNA/VNP) - The forum opened, as planned on June 1, 2023./.")
    assert (a.date, a.date_confidence, a.dateline) == (dt.date(2024, 5, 9), "stated", "Da Nang")
    a = dated("Hue, 9 May (VNA) - The forum opened on 10 May, as planned in 2024 (last year).")
    assert (a.date, a.date_confidence, a.dateline) == (dt.date(2025, 5, 9), "inferred", "Hue")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hanoi (VNA) – The ministers held talks on Sept. 8, 2025./.", dt.date(2025, 9, 8)),
        ("Hanoi (VNA) – The ministers held talks on Sept 8, 2025./.", dt.date(2025, 9, 8)),
        ("Hanoi (VNA) – The ministers held talks on Tuesday, Jan. 7, 2025./.", dt.date(2025, 1, 7)),
        ("Hanoi (VNA) – The ministers held talks on 14 Feb 2024./.", dt.date(2024, 2, 14)),
        (
            "Hanoi, Aug. 2 (VNA) – The talks opened. They ended on Aug. 2, 2023 with a statement./.",
            dt.date(2023, 8, 2),
        ),
        ("Hanoi (VNA): The ministers held talks on Dec. 1, 2024./.", dt.date(2024, 12, 1)),
    ],
)
def test_an_abbreviated_month_before_its_day_is_read(text: str, date: dt.date) -> None:
    assert date_of(text) == (date, "stated")


@pytest.mark.parametrize(
    "text",
    [
        "Hanoi (VNA) – Czech Foreign Minister Jan Lipavsky held talks in Prague./.",
        "Hanoi (VNA) – The Sept deadline passed; Dec exports rose./.",
    ],
)
def test_an_abbreviation_that_is_a_name_or_without_a_day_is_no_date(text: str) -> None:
    assert date_of(text) == (None, "unknown")


# -- a past day the article recalls is never its date ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hanoi (VNA) – Laos and Vietnam established diplomatic relations on September 5, 1962, and "
        "have stood together since./.",
        "Hanoi (VNA) – Messages marked the 80th National Day (September 2, 1945-2025) of Vietnam./.",
        "Hanoi (VNA) – Leaders marked the Capital Liberation Day (October 10, 1954) with flowers./.",
        "Hanoi (VNA) – A festival celebrated the province's founding (November 1, 2001-2023)./.",
        "Hanoi (VNA) – Delegates recalled the leader, who was born on May 19, 1890 in Nghe An./.",
        "Hanoi (VNA) – Envoys sent greetings on the 65th Independence Day of Algeria on July 5./.",
        "Hanoi (VNA) – The rules have applied since January 1, 2024 to every member./.",
        "Hanoi (VNA) – Exactly 50 years ago, on April 30, 1975, the country was reunified./.",
        "HCM City (VNA) – On April 30, 1975, tanks crashed through the gates. Veterans met on Tuesday./.",
        "Hanoi (VNA) – Vietnam recognised the State of Palestine on December 19, 1988./.",
        "Hanoi (VNA) – The Paris Peace Accords, inked on January 27, 1973, were recalled at a forum "
        "on trade in 2023 and plans for 2024./.",
    ],
)
def test_a_recalled_day_is_not_the_articles_date(text: str) -> None:
    assert date_of(text) == (None, "unknown")


@pytest.mark.parametrize(
    "text",
    [
        "Hanoi (VNA) – Vietnam joined the United Nations on September 20, 1977, and has since sent "
        "peacekeepers abroad, the ambassador said at a ceremony in New York on September 20./.",
        "Hanoi (VNA) – The two countries set up ties on March 1, 1992, and have since expanded trade, "
        "officials said at a reception on March 1./.",
        "Hanoi (VNA) – The office opened on June 3, 2015. Since then it has grown, its head said on "
        "June 3./.",
        "Hanoi (VNA) – The airline launched the route on May 12, 2018 and has ever since flown daily, "
        "its director said on May 12./.",
    ],
)
def test_a_day_the_sentence_then_looks_back_on_is_recalled_and_gives_no_year(text: str) -> None:
    """The day restated without its year is the event's; the year belongs to the day recalled."""
    a = dated(text)
    assert (a.date, a.date_confidence) == (None, "unknown")
    assert a.event_month_day is not None


def test_a_day_followed_by_since_and_a_year_is_still_the_event() -> None:
    a = dated("Hanoi (VNA) – The ministers met on May 5, 2025. The firm has since 2019 doubled trade./.")
    assert (a.date, a.date_confidence) == (dt.date(2025, 5, 5), "stated")


@pytest.mark.parametrize(
    "text",
    [
        "Hanoi (VNA) – Members must submit their reports by December 31, 2025./.",
        "Hanoi (VNA) – The two leaders will meet in Tokyo on November 27, 2025./.",
        "Hanoi (VNA) – Delegates agreed on items to be submitted to the summit on May 10, 2025./.",
        "Hanoi (VNA) – The joint committee will be held in Brussels on June 25, 2025, the ministry said./.",
        "Hanoi (VNA) – The revised law takes effect from July 1, 2025./.",
        "Hanoi (VNA) – The agreement came into force on August 1, 2020, and trade has grown./.",
        "Hanoi (VNA) – Under Decision 123 dated May 2, 2025, the plan was approved./.",
        "Hanoi (VNA) – Starting May 20, 2025, visitors can apply for e-visas online./.",
        "Hanoi (VNA) – As of May 20, 2025, 100 projects had been registered./.",
        "Hanoi (VNA) – The summit is scheduled to be opened in Vientiane on October 9, 2024./.",
    ],
)
def test_a_deadline_or_an_event_still_to_come_is_not_the_articles_date(text: str) -> None:
    assert date_of(text) == (None, "unknown")


def test_a_past_event_after_a_future_cue_is_the_event() -> None:
    text = "Hanoi (VNA) – The next forum will open in Tokyo, but this one was held on May 2, 2025./."
    assert date_of(text) == (dt.date(2025, 5, 2), "stated")


@pytest.mark.parametrize(
    "later",
    [
        "The talks took place on Saturday, March 4, 2024, in Hanoi.",
        "Speaking at the debate on Monday (March 4, 2024), the ambassador urged restraint.",
        "The ministers met on Monday March 4, 2024 in Hanoi.",
    ],
)
def test_a_day_after_on_and_a_weekday_later_in_the_body_is_the_event(later: str) -> None:
    a = dated("Hanoi (VNA) – Vietnam and Laos have agreed to cooperate more closely.", later, "More./.")
    assert (a.date, a.date_confidence) == (dt.date(2024, 3, 4), "stated")


def test_the_first_day_that_can_be_the_events_is_taken() -> None:
    text = (
        "Hanoi (VNA) – On the occasion of the 50th anniversary of ties (June 25, 1975-2025), the "
        "President received the envoy on June 20, 2025./."
    )
    assert date_of(text) == (dt.date(2025, 6, 20), "stated")


# -- the year of a day given without one ----------------------------------------------------


@pytest.mark.parametrize(
    ("cue", "year"),
    [
        ("He noted that 2024 marks the 50th anniversary of bilateral ties.", 2024),
        ("He said 2023 is a pivotal year for the partnership.", 2023),
        ("They will cooperate closely, especially in 2025, when both are serving on the Council.", 2025),
        ("Both praised Malaysia's ASEAN Chairmanship 2025.", 2025),
        ("The two sides will celebrate the 30th anniversary of their ties (1994-2024).", 2024),
        ("This marks the 45th anniversary of diplomatic relations, which were set up in 1978.", 2023),
        ("It marked the 80th anniversary of Indonesia's Independence Day (August 17, 1945).", 2025),
        ("They marked the 52nd anniversary of ties (21 September 1973).", 2025),
        ("It was the 80th National Day of Vietnam (September 2, 1945 - September 2, 2025).", 2025),
        ("Officials celebrated 52 years of diplomatic relations (1973-2025).", 2025),
        ("They marked the 135th birth anniversary of the leader (May 19, 1890 - May 19, 2025).", 2025),
        ("Two-way trade rose by 12% last year (2023), the minister said.", 2024),
        ("The forum will take place in 2026 (next year), the host said.", 2025),
        ("The ASEAN Tourism Forum 2026 opens in January next year.", 2025),
        ("The 2023 election last year brought a new government.", 2024),
        ("They will hold events next year to celebrate the 50th anniversary of ties (1975-2025).", 2024),
        ("Ties grew last year, the 30th anniversary of relations (1994-2024).", 2025),
        ("Last year marked the 30th anniversary of relations (1994-2024).", 2025),
        ("Trade grew last year and will grow next year, the 50th anniversary of ties (1975-2025).", 2024),
        ("The plan for 2026 will be approved later this year.", 2026),
        ("Progress since 2023 was reviewed as Vietnam, the 2026 ASEAN Chair this year, prepares.", 2026),
    ],
)
def test_a_year_given_by_the_text_dates_a_day_without_one(cue: str, year: int) -> None:
    a = dated("Hanoi (VNA) – The two foreign ministers held talks on April 8.", f"{cue}/.")
    assert (a.date, a.date_confidence) == (dt.date(year, 4, 8), "inferred")
    assert a.date_basis


@pytest.mark.parametrize(
    "cue",
    [
        "Two-way trade rose by 12% in 2023.",  # a past year, not the article's
        "The two sides will celebrate the 30th anniversary of their ties (1990-2024).",  # 34 years
        "He noted that 2024 marks the 50th anniversary of ties. Both praised the ASEAN Chairmanship 2025.",
        "The countries set targets for the 2021-2025 period and Vision 2045.",
        "He hailed the success of Vietnam's 2020 ASEAN Chairmanship.",
        "He said 2030 is the target year for the plan.",
        "Trade reached 5 billion USD in 2023, up 5% from last year.",
        "Vietnam has seen 30 years of growth (1986-2016).",  # no anniversary: a period
        "In 2024, the assembly approved next year's budget.",
        "Exports hit 400 billion USD in 2024 and will grow next year.",
        "Growth in 2024 was strong, but the bank expects a slowdown next year.",
        "Exports in 2024 rose 14%; growth is expected next year.",  # too far apart
        "They praised last year's growth and the 50th anniversary of ties (1975-2025).",
        "Next year will mark the 50th anniversary of ties (1975-2025), and this year trade grew.",
        "Officials celebrated 52 years of diplomatic relations (1970-2025).",  # 55 years, not 52
        "They marked the 52nd anniversary of ties, the first visit (in 1992) being recalled.",
        "They marked the 52nd anniversary of ties with the visit of an envoy whose trip (1992) was cited.",
    ],
)
def test_no_year_or_disagreeing_years_leave_the_date_unknown(cue: str) -> None:
    a = dated("Hanoi (VNA) – The two foreign ministers held talks on April 8.", f"{cue}/.")
    assert (a.date, a.date_confidence, a.known_date_parts) == (None, "unknown", "month-day")
    assert a.event_month_day == (4, 8)


@pytest.mark.parametrize(
    "cue",
    [
        "Trade reached 86 billion USD in 2024 and 13 billion USD in the first two months of this year.",
        "In the first four months of this year, trade rose 8% compared with the same period of 2024.",
        "Trade hit 20 billion USD in 2024, while this year it is expected to grow further.",
        "This year, exports are forecast to be higher than in 2024.",
    ],
)
def test_a_year_set_against_this_year_is_not_this_year(cue: str) -> None:
    a = dated("Hanoi (VNA) – The two foreign ministers held talks on April 8.", f"{cue}/.")
    assert (a.date, a.date_confidence) == (None, "unknown")


def test_a_present_year_after_the_years_presented_as_past_wins() -> None:
    a = dated(
        "Hanoi (VNA) – The ministers held phone talks on April 16.",
        "He praised the country's achievements, notably its ASEAN Chairmanship 2020.",
        "They will coordinate, especially in 2021, when both are serving on the UN Security Council./.",
    )
    assert (a.date, a.date_confidence) == (dt.date(2021, 4, 16), "inferred")


def test_the_same_day_with_its_year_in_a_caption_is_stated() -> None:
    a = dated(
        "Hanoi (VNA) – Officials met on October 12.",
        "Officials at the talks in Hanoi on October 12, 2024 (Photo: VNA)",
        "More talks followed./.",
    )
    assert (a.date, a.date_confidence) == (dt.date(2024, 10, 12), "stated")


def test_the_same_day_recalled_with_a_past_year_gives_no_year() -> None:
    a = dated(
        "Hanoi (VNA) – Leaders sent greetings on September 2.",
        "Vietnam declared its independence on September 2, 1945./.",
    )
    assert (a.date, a.date_confidence) == (None, "unknown")


def test_an_anniversary_on_the_day_it_recalls_is_that_many_years_after_it() -> None:
    a = dated(
        "Hanoi (VNA) – A ceremony was held on July 11 to mark the 30th anniversary of ties.",
        "The two countries normalised relations on July 11, 1995./.",
    )
    assert (a.date, a.date_confidence) == (dt.date(2025, 7, 11), "inferred")


def test_the_events_day_restated_with_its_year_wins_over_an_anniversary() -> None:
    a = dated(
        "Hanoi (VNA) – A ceremony was held on July 11 to mark the 30th anniversary of ties.",
        "The ceremony on July 11, 2025 drew 500 guests./.",
    )
    assert (a.date, a.date_confidence) == (dt.date(2025, 7, 11), "stated")


def test_a_captions_year_of_the_day_wins_over_an_anniversary() -> None:
    a = dated(
        "Hanoi (VNA) – A ceremony was held on July 11 to mark the 30th anniversary of ties.",
        "Officials at the ceremony in Hanoi on July 11, 2025 (Photo: VNA)",
        "More./.",
    )
    assert (a.date, a.date_confidence) == (dt.date(2025, 7, 11), "stated")


@pytest.mark.parametrize(
    "recalled",
    [
        "Relations were normalised on July 11, 1995, and a first visit made on July 11, 1997.",
        "Relations were normalised on July 11, 1995; the 20th anniversary of the embassy was marked too.",
        "Relations were normalised on July 12, 1995.",
    ],
)
def test_no_anniversary_year_without_one_count_and_one_recalled_year_of_the_day(recalled: str) -> None:
    a = dated(
        "Hanoi (VNA) – A ceremony was held on July 11 to mark the 30th anniversary of ties.", f"{recalled}/."
    )
    assert (a.date, a.date_confidence) == (None, "unknown")


def test_a_written_year_before_the_year_the_text_presents_as_its_own_is_not_used() -> None:
    a = dated(
        "Hanoi (VNA) – The two countries held talks on March 3, 2019.", "He said 2024 marks a new era./."
    )
    assert (a.date, a.date_confidence) == (None, "unknown")


def test_a_plan_year_far_ahead_does_not_make_a_written_date_look_recalled() -> None:
    a = dated("Hanoi (VNA) – The forum opened on May 5, 2025, on Vietnam's goal of high income in 2045./.")
    assert (a.date, a.date_confidence) == (dt.date(2025, 5, 5), "stated")


def test_no_day_but_a_present_year_gives_the_year_only() -> None:
    a = dated("Hanoi (VNA) – The ambassador spoke at a recent ceremony. 2022 marks 60 years of ties./.")
    assert (a.date, a.known_date_parts) == (None, "year")


# -- headers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("Published: 2024-11-23", dt.date(2024, 11, 23)),
        ("Published: 23/11/2024 08:15", dt.date(2024, 11, 23)),
        ("Date: November 23, 2024", dt.date(2024, 11, 23)),
        ("Date: 2024/11/23", dt.date(2024, 11, 23)),
        ("Published: 2024.11.23 08:15", dt.date(2024, 11, 23)),
        (
            "Published: 2024-11-23 10:30\nUpdated: 2024-11-24 08:00\nURL: https://en.vietnamplus.vn/x.vnp",
            dt.date(2024, 11, 23),
        ),
    ],
)
def test_a_header_date_is_stated(header: str, date: dt.date) -> None:
    a = extract(f"{header}\n{TITLE}\nHanoi (VNA) – They met on May 2, 2020./.\n", "x.txt")
    assert (a.date, a.date_confidence, a.date_warnings) == (date, "stated", [])
    assert (a.title, a.lead) == (TITLE, None)


@pytest.mark.parametrize("header", ["Published: 0001-01-01", "Published: 9999-12-31", "Date: 1900-05-05"])
def test_a_header_date_out_of_range_is_not_used_and_warned(header: str) -> None:
    a = extract(f"{header}\n{TITLE}\nHanoi (VNA) – They met on May 2, 2020./.\n", "x.txt")
    assert (a.date, a.date_confidence) == (dt.date(2020, 5, 2), "stated")
    assert len(a.date_warnings) == 1 and "not used" in a.date_warnings[0]
    a = extract(f"{header}\n{TITLE}\nHanoi (VNA) – They met recently./.\n", "x.txt")
    assert (a.date, a.date_confidence) == (None, "unknown")


@pytest.mark.parametrize(
    "stamp",
    [
        "Thursday, May 15, 2025 10:30",
        "15/05/2025 10:30",
        "May 15, 2025 | 10:30 GMT+7",
        "2025-05-15",
        "15 May 2025 - 10:30 AM",
    ],
)
def test_a_time_of_publication_under_the_title_is_the_date_and_not_the_lead(stamp: str) -> None:
    a = extract(f"{TITLE}\n{stamp}\nHanoi (VNA) – The ministers held talks on May 14.\nMore./.\n", "x.txt")
    assert (a.date, a.date_confidence, a.lead) == (dt.date(2025, 5, 15), "stated", None)
    assert a.paragraphs[0] == "The ministers held talks on May 14."
    assert "publication" in a.date_basis


def test_a_line_that_starts_with_a_date_but_says_more_is_text() -> None:
    a = extract(
        f"{TITLE}\nMay 15, 2025 is a big day for both.\nHanoi (VNA) – Talks opened.\nMore./.\n", "x.txt"
    )
    assert a.lead == "May 15, 2025 is a big day for both."
