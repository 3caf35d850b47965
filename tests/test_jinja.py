"""The filters and globals the plugin gives the theme, and the theme's macros that use them."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from conftest import PROJECT_ROOT
from jinja2 import Environment, FileSystemLoader
from news_digest.article import DateConfidence, PostFields
from news_digest.site.jinja import FILTERS, GLOBALS, isodate, month_year, plural, short_date
from news_digest.site.model import ArticleDigest


def test_plural() -> None:
    assert [plural(n, "article") for n in (0, 1, 2)] == ["0 articles", "1 article", "2 articles"]
    assert plural(1, "country", "countries") == "1 country"
    assert plural(3, "partner country", "partner countries") == "3 partner countries"


def test_date_filters() -> None:
    day = dt.datetime(2025, 9, 6, 7, 30)
    assert (isodate(day), short_date(day), month_year(day)) == ("2025-09-06", "6 Sep 2025", "September 2025")
    assert isodate(day.date()) == day.date().isoformat()


def theme() -> Environment:
    """The theme's templates as the plugin configures Pelican's environment (pelicanconf.py)."""
    env = Environment(
        loader=FileSystemLoader(PROJECT_ROOT / "theme" / "templates"),
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env


def article(confidence: DateConfidence, label: str) -> SimpleNamespace:
    post = PostFields("A title", dt.date(2025, 9, 6), confidence)
    return SimpleNamespace(date=dt.datetime(2025, 9, 6), digest=ArticleDigest(post, "2025/09/a/", label))


def test_the_article_date_macro() -> None:
    macros = theme().get_template("_macros.html").make_module({"SITEURL": ""})
    dated = article(DateConfidence.INFERRED, "6 September 2025 (year inferred)")
    assert (
        str(macros.article_date(dated))
        == '<time datetime="2025-09-06">6 September 2025 (year inferred)</time>'
    )
    undated = article(DateConfidence.UNKNOWN, "Date unknown")
    assert str(macros.article_date(undated)) == '<span class="undated">Date unknown</span>'


def test_the_feed_link_macro() -> None:
    macros = theme().get_template("_macros.html").make_module({"SITEURL": ".."})
    link = str(macros.feed_link("A & B", "feeds/all.atom.xml", "atom"))
    assert link == (
        '<link rel="alternate" type="application/atom+xml" title="A &amp; B (Atom)"'
        ' href="../feeds/all.atom.xml">'
    )
