"""The site model: each article's `digest`, read from its post once by `build_site`."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from news_digest.article import DateConfidence, Official, PostFields
from news_digest.site.model import ArticleDigest, build_site, date_label, is_undated


def fake_article(day: dt.date, fields: PostFields, url: str = "") -> SimpleNamespace:
    """What `build_site` reads of a Pelican article: its metadata (as Pelican gives it), date and url."""
    metadata = {key.lower(): value for key, value in fields.to_metadata().items() if value != ""}
    return SimpleNamespace(metadata=metadata, date=dt.datetime(day.year, day.month, day.day), url=url)


def test_the_date_label_says_what_the_text_gives() -> None:
    date = dt.datetime(2025, 9, 6)
    post = PostFields("t", date.date())
    assert date_label(date, post) == "6 September 2025"
    inferred = PostFields("t", date.date(), DateConfidence.INFERRED)
    assert date_label(date, inferred) == "6 September 2025 (year inferred)"
    assert date_label(date, PostFields("t", date.date(), DateConfidence.UNKNOWN)) == "Date unknown"
    unknown = PostFields("t", date.date(), DateConfidence.UNKNOWN, date_text="17 May")
    assert date_label(date, unknown) == "17 May, year not given"


def test_build_site_gives_each_article_its_digest() -> None:
    trung = Official("Le Hoai Trung", "VN", "Minister")
    dated = fake_article(
        dt.date(2025, 9, 6),
        PostFields(
            "Dated", dt.date(2025, 9, 6), countries=("LA", "XX"), organisations=("ASEAN",), officials=(trung,)
        ),
        url="2025/09/dated/",
    )
    undated = fake_article(
        dt.date(1970, 1, 1),
        PostFields("Undated", dt.date(1970, 1, 1), DateConfidence.UNKNOWN),
        url="undated/u/",
    )
    site = build_site([dated, undated])
    digest = dated.digest
    assert isinstance(digest, ArticleDigest)
    assert digest.post.countries == ("LA", "XX")  # as the post has them; the site knows only LA
    assert [(t.name, t.url, t.feed_url) for t in digest.tagged_countries] == [
        ("Laos", "countries/laos/", "feeds/countries/laos.rss.xml")
    ]
    assert [(t.name, t.feed_url) for t in digest.tagged_organisations] == [("ASEAN", None)]
    assert [(t.name, t.title) for t in digest.tagged_people] == [("Le Hoai Trung", "Minister")]
    assert (digest.url, digest.date_label, digest.undated) == ("2025/09/dated/", "6 September 2025", False)
    assert is_undated(undated) and undated.digest.date_label == "Date unknown"
    assert site.undated.articles == [undated] and site.months[0].articles == [dated]
    assert site.people["Le Hoai Trung"].roles == [(dt.date(2025, 9, 6), "Minister", dated)]
