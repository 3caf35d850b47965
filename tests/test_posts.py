"""The post writer: article text is data and must come out of Markdown exactly as it went in.

Rendering uses Python-Markdown configured as pelicanconf.MARKDOWN configures Pelican, on a
document that starts with a metadata header, as every post written by `render_post` does.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from news_digest.article import Article, Official, Tags
from news_digest.posts.render import (
    SLUG_PLACEHOLDER,
    collapse_spaces,
    escape_markdown,
    escape_paragraphs,
    fill_slug,
    render_post,
)
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG


def _pelicanconf():
    spec = importlib.util.spec_from_file_location("_pelicanconf_for_tests", PROJECT_ROOT / "pelicanconf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PELICANCONF = _pelicanconf()


def markdown_settings() -> dict:
    """pelicanconf.MARKDOWN, completed the way Pelican's MarkdownReader completes it."""
    config = copy.deepcopy(PELICANCONF.MARKDOWN)
    config.setdefault("extensions", [])
    for extension in config.get("extension_configs", {}):
        if extension not in config["extensions"]:
            config["extensions"].append(extension)
    return config


MD = markdown.Markdown(**markdown_settings())


def render(paragraph: str) -> str:
    MD.reset()
    return MD.convert("Title: A post\n\n" + escape_markdown(paragraph))


def assert_literal(paragraph: str, html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"p"}, html
    assert len(soup.find_all("p")) == 1, html
    assert soup.get_text() == paragraph, html


NASTY = [
    "# Not a heading",
    "## Not a heading either",
    "#hashtag at the start",
    "* not a list item",
    "*emphasis* at the start",
    "1. not a numbered item",
    "2025. A year at the start",
    "> not a quote",
    "- not a list item",
    "--- not a rule",
    "+ not a list item",
    "+84 is Vietnam's calling code",
    "Text with <script>alert(1)</script> inside",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](http://example.com/x.png)",
    "**bold** and __bold__",
    "_it_ and *it*",
    "`code` and ``double`` backticks",
    "&amp; and & and &copy; and &#169;",
    "{{ 7*7 }} and {% raw %}",
    "Back\\slash and \\* an escaped star",
    "<http://example.com> autolink and https://example.com/x_y_z",
    "Price: 5 * 3 = 15",
    "=== a setext underline",
    "| a | b |",
    "~~~ and ``` fences",
    "<!-- a comment -->",
    "[1]: http://example.com a reference definition",
    "Café “quotes” – dashes … and ’apostrophes’",
]


@pytest.mark.parametrize("paragraph", NASTY)
def test_paragraph_renders_as_its_own_text(paragraph: str) -> None:
    assert_literal(paragraph, render(paragraph))


def test_script_and_event_handlers_never_become_html() -> None:
    html = render("<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None and soup.find("a") is None


def test_whitespace_is_collapsed_to_one_paragraph() -> None:
    html = render("One  line\nand\tanother   line")
    assert_literal("One line and another line", html)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *list("#*_-+>.1234567890`[]()!<>&;:=|~\\/{}%'\" abcA\xa0é"),
                "&amp;",
                "<b>",
                "</b>",
                "http://",
                "javascript:",
                "&#x41;",
                "  ",
                "\n",
            ]
        ),
        min_size=1,
        max_size=30,
    ).map("".join)
)
def test_any_text_renders_as_itself(text: str) -> None:
    if text.split():
        assert_literal(" ".join(text.split()), render(text))


# -- a whole post, read by Pelican's own Markdown reader --------------------------------------


def pelican_read(text: str, tmp_path) -> tuple[str, dict]:
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    config = copy.deepcopy(DEFAULT_CONFIG)
    config.update(MARKDOWN=copy.deepcopy(PELICANCONF.MARKDOWN), FORMATTED_FIELDS=[])
    return MarkdownReader(config).read(str(path))


def make_article(title: str, lead: str, paragraphs: list[str]) -> Article:
    return Article(
        source_file="seeds/x.txt",
        title=title,
        lead=lead,
        dateline="Hanoi",
        source="VNA",
        date=dt.date(2025, 9, 16),
        date_confidence="stated",
        paragraphs=paragraphs,
        captions=["A caption: with a colon. (Photo: VNA)"],
        content_hash="0123456789abcdef",
    )


def test_a_post_reads_back_as_the_article(tmp_path) -> None:
    title = "*Vietnam* & <Laos>: Title: with colons\nand a newline"
    lead = "Lead: # with *markup* <b>and</b> [a](javascript:x)"
    paragraphs = [*NASTY[:12], "Summary: not metadata", "Title: not metadata either"]
    tags = Tags(
        country_codes=["LA"], officials=[Official("Le Hoai Trung", "VN", "Minister: of Foreign Affairs")]
    )
    text = render_post(make_article(title, lead, paragraphs), tags, "a-slug", "seeds/x.txt")
    content, metadata = pelican_read(text, tmp_path)

    soup = BeautifulSoup(content, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"p"}, content
    assert [p.get_text() for p in soup.find_all("p")] == paragraphs
    assert metadata["title"] == " ".join(title.split())
    assert metadata["summary"] == lead
    assert metadata["slug"] == "a-slug"
    assert metadata["date"].date() == dt.date(2025, 9, 16)
    assert json.loads(metadata["officials"])[0]["title"] == "Minister: of Foreign Affairs"
    assert json.loads(metadata["captions"]) == ["A caption: with a colon. (Photo: VNA)"]


PARAGRAPH_TEXTS = st.text(alphabet=st.sampled_from(list("ab #>+-1.*_[]\\`<>&\n\t\u2028\u00a0 ")), max_size=12)


@settings(max_examples=300)
@given(st.lists(st.one_of(PARAGRAPH_TEXTS, PARAGRAPH_TEXTS.map(collapse_spaces)), max_size=4))
def test_paragraphs_are_escaped_in_one_pass_as_one_by_one(paragraphs: list[str]) -> None:
    assert escape_paragraphs(paragraphs) == "\n\n".join(escape_markdown(p) for p in paragraphs)
    for text in paragraphs:
        assert collapse_spaces(text) == " ".join(text.split())


def test_post_rendered_before_its_slug_is_known_gets_it_later() -> None:
    article = make_article("Vietnam, Laos hold talks", "The lead.", ["A paragraph.", "Another."])
    tags = Tags(country_codes=["LA"])
    early = render_post(article, tags, SLUG_PLACEHOLDER, "seeds/x.txt").encode("utf-8")
    assert fill_slug(early, "a-slug") == render_post(article, tags, "a-slug", "seeds/x.txt").encode("utf-8")
