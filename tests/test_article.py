"""The seam between posts and site: `PostFields` written by `to_metadata` and read back by
`from_metadata`, alone and through Pelican's Markdown reader; `DateConfidence`'s values."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_digest.article import (
    FALLBACK_DATE,
    INFERRED,
    STATED,
    UNKNOWN,
    DateConfidence,
    Official,
    PostFields,
    Tags,
)
from news_digest.posts.render import post_fields, render_post
from test_posts import make_article, pelican_read

FIELDS = PostFields(
    title="Vietnam, Laos: talks",
    date=dt.date(2025, 9, 16),
    date_confidence=DateConfidence.INFERRED,
    date_text="",
    slug="vietnam-laos-talks",
    summary="Lead: with a colon",
    dateline="Hanoi",
    source="VNA",
    source_file="seeds/a.txt",
    source_url="https://example.org/a",
    content_hash="0123",
    countries=("LA", "KH"),
    country_names=("Laos", "Cambodia"),
    organisations=("ASEAN", "United Nations"),
    officials=(
        Official("Le Hoai Trung", "VN", "Minister of Foreign Affairs"),
        Official("Someone Else", None, None, in_registry=False),
    ),
    captions=("A caption. (Photo: VNA)",),
)


def test_the_date_confidence_values_are_what_posts_carry() -> None:
    assert [c.value for c in DateConfidence] == ["stated", "inferred", "unknown"]
    assert tuple(DateConfidence) == (STATED, INFERRED, UNKNOWN)
    assert DateConfidence.INFERRED == "inferred" and f"{DateConfidence.UNKNOWN}" == "unknown"
    assert DateConfidence.parse("unknown") is DateConfidence.UNKNOWN
    # A post without the field, or with a word we do not know, reads as stated (as it always has).
    assert DateConfidence.parse(None) is DateConfidence.parse("sure") is DateConfidence.STATED


def test_the_fields_round_trip() -> None:
    meta = FIELDS.to_metadata()
    assert list(meta)[:3] == ["Title", "Date", "Date_confidence"]
    assert meta["Countries"] == "LA, KH" and meta["Date_confidence"] == "inferred"
    assert PostFields.from_metadata(meta) == FIELDS
    # Pelican lower-cases the keys, parses the date and leaves out the empty fields.
    pelican = {key.lower(): value for key, value in meta.items() if value != ""}
    pelican["date"] = dt.datetime(2025, 9, 16, tzinfo=dt.UTC)
    assert PostFields.from_metadata(pelican) == FIELDS


def test_missing_or_damaged_fields_read_as_empty() -> None:
    fields = PostFields.from_metadata({"countries": "MY", "officials": "[{", "captions": '{"a": 1}'})
    assert fields.countries == ("MY",) and fields.officials == () and fields.captions == ()
    assert fields.date == FALLBACK_DATE and fields.date_confidence is DateConfidence.STATED
    officials = PostFields.from_metadata({"officials": '[{"title": "no name"}, 3, {"name": "A"}]'}).officials
    assert officials == (Official("A"),)


def test_a_post_reads_back_as_its_fields(tmp_path) -> None:
    """Through the real writer and Pelican's reader: what the site reads is what the post wrote."""
    article = make_article("A title", "The lead.", ["The lead.", "More."])
    tags = Tags(["LA"], ["ASEAN"], [Official("Le Hoai Trung", "VN", "Minister")])
    written = post_fields(article, tags, "a-title", "seeds/x.txt")
    _content, metadata = pelican_read(render_post(article, tags, "a-title", "seeds/x.txt"), tmp_path)
    assert PostFields.from_metadata(metadata) == written
    assert written.country_names == ("Laos",)


ITEMS = st.text(st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters=","), min_size=1).map(
    str.strip
)
TEXTS = st.text(st.characters(blacklist_categories=["Cs"]))
OFFICIALS = st.builds(Official, ITEMS.filter(bool), st.none() | TEXTS, st.none() | TEXTS, st.booleans())


@settings(max_examples=200)
@given(
    title=TEXTS,
    confidence=st.sampled_from(DateConfidence),
    date=st.dates(),
    countries=st.lists(ITEMS.filter(bool), max_size=3),
    officials=st.lists(
        st.builds(Official, ITEMS.filter(bool), st.none() | TEXTS, st.none() | TEXTS, st.booleans())
    ),
    captions=st.lists(TEXTS, max_size=3),
)
def test_any_fields_round_trip(title, confidence, date, countries, officials, captions) -> None:
    """List items hold no comma and no space at their ends (as codes and names do)."""
    fields = PostFields(
        title=title,
        date=date,
        date_confidence=confidence,
        countries=tuple(countries),
        organisations=tuple(reversed(countries)),
        officials=tuple(officials),
        captions=tuple(captions),
    )
    assert PostFields.from_metadata(fields.to_metadata()) == fields


@pytest.mark.parametrize("confidence", list(DateConfidence))
def test_the_writer_writes_the_articles_confidence(confidence: DateConfidence) -> None:
    article = make_article("T", "L", ["L"])
    article.date_confidence = confidence.value  # as an old import cache may hold it: a plain string
    fields = post_fields(article, Tags(), "t", "x.txt")
    assert fields.date_confidence is confidence
