"""The pictures (plugins/news_digest/site/charts.py and its chart modules) in a real build of the seeds.

Every picture is an inline SVG that parses as XML, has a <title>, carries no script, and has the
same figures beside it (a table, or the page's own list or tables) as the articles give.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_project, resolve, run_pelican
from news_digest.site.chart_scales import month_span, month_ticks, nice_ceiling, value_ticks
from news_digest.site.world_map import bin_colors, bin_labels, map_bins

SVG = "{http://www.w3.org/2000/svg}"
PICTURE = re.compile(r'<div class="chart-picture">(<svg\b.*?</svg>)</div>', re.DOTALL)
# A picture in a file of its own (the world map), shown by an <object>.
PICTURE_FILE = re.compile(r'<div class="chart-picture"[^>]*><object\b[^>]*\bdata="([^"]+)"')
BAR_TITLE = re.compile(r"^(?P<label>.+): (?P<n>[\d,]+) articles?$")


@pytest.fixture(scope="module")
def output(built_site: Path) -> Path:
    return built_site / "output"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pictures(page: Path) -> dict[str, ET.Element]:
    """Chart id -> the parsed <svg> of every picture on `page` (parsed from the raw markup)."""
    found = {}
    for markup in PICTURE.findall(page.read_text(encoding="utf-8")):
        assert "<!--" not in markup, f"{page}: a comment in an SVG"
        svg = ET.fromstring(markup)  # well-formed XML, not just HTML
        found[svg.get("id").removeprefix("chart-")] = svg
    for href in PICTURE_FILE.findall(page.read_text(encoding="utf-8")):
        svg = ET.parse(page.parent / href).getroot()
        found[svg.get("id").removeprefix("chart-")] = svg
    return found


def table_of(page: Path, chart_id: str) -> dict[str, int]:
    """Label -> figure in the table beside the picture `chart_id`."""
    figure = soup_of(page).find("figure", id=f"figure-{chart_id}")
    assert figure is not None, f"{page}: no figure {chart_id}"
    table = figure.find("table", class_="chart-table")
    assert table is not None, f"{page}: no table beside {chart_id}"
    return {
        row.th.get_text(strip=True): int(row.td.get_text(strip=True).replace(",", ""))
        for row in table.tbody.find_all("tr")
    }


def bar_titles(svg: ET.Element) -> dict[str, int]:
    """Label -> figure from the <title> of each bar (or country) of a picture."""
    titles = {}
    for node in svg.iter():
        if node.tag in (f"{SVG}g", f"{SVG}rect", f"{SVG}a"):
            title = node.find(f"{SVG}title")
            match = BAR_TITLE.match(title.text or "") if title is not None else None
            if match:
                titles[match["label"]] = int(match["n"].replace(",", ""))
    return titles


def article_months(output: Path, page: Path) -> Counter:
    """Month label -> articles listed on `page` and the pages after it (pagination followed)."""
    months: Counter = Counter()
    while page is not None:
        soup = soup_of(page)
        for item in soup.select("article.item"):
            if item.find("time") is None:  # an undated article: in no month
                continue
            when = dt.date.fromisoformat(item.find("time")["datetime"])
            months[when.strftime("%B %Y")] += 1
        older = soup.select_one('nav.pagination a[rel="next"]')
        page = resolve(output, page, older["href"]) if older else None
    return months


def post_months(built_site: Path) -> Counter:
    """Month label -> posts, from the posts' own `Date:` metadata (undated posts are in no month)."""
    months: Counter = Counter()
    for post in (built_site / "content" / "posts").rglob("*.md"):
        text = post.read_text(encoding="utf-8")
        if "\nDate_confidence: unknown\n" in text:
            continue
        match = re.search(r"^Date: (\d{4}-\d{2}-\d{2})", text, re.MULTILINE)
        months[dt.date.fromisoformat(match[1]).strftime("%B %Y")] += 1
    return months


def all_pictures(output: Path) -> dict[Path, dict[str, ET.Element]]:
    return {page: pictures(page) for page in sorted(output.rglob("index.html"))}


# -- every picture -------------------------------------------------------------------------------


def test_every_picture_is_static_titled_svg(output: Path) -> None:
    found = {page: svgs for page, svgs in all_pictures(output).items() if svgs}
    assert len(found) > 10
    for page, svgs in found.items():
        for chart_id, svg in svgs.items():
            where = f"{page.relative_to(output)} {chart_id}"
            assert svg.tag == f"{SVG}svg", where
            title = svg.find(f"{SVG}title")
            assert title is not None and title.text and title.text.strip(), f"{where}: no <title>"
            assert svg.get("aria-labelledby") == title.get("id"), where
            # The map is a document of links (its own file): no links inside a role="img".
            assert svg.get("role") == (None if chart_id == "world" else "img"), where
            assert svg.get("viewBox"), where
            for node in svg.iter():
                tag = node.tag.rsplit("}", 1)[-1]
                assert tag not in ("script", "foreignObject", "image"), f"{where}: <{tag}>"
                assert not any(name.lower().startswith("on") for name in node.attrib), f"{where}: handler"
                for name, value in node.attrib.items():
                    if name.endswith("href"):
                        assert not value.startswith(("http:", "https:", "//", "javascript:")), where
            # Deterministic: no random ids (pygal's default is a uuid4).
            assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", ET.tostring(svg, encoding="unicode")), where


def test_pages_carry_their_pictures(output: Path) -> None:
    home = pictures(output / "index.html")
    assert {"archive", "countries"} <= set(home)
    assert set(pictures(output / "countries" / "index.html")) == {"world"}
    for month in (output / "digest").glob("*/index.html"):
        key = month.parent.name
        assert "archive" in pictures(month), key
    for folder, kind in (("countries", "country"), ("people", "person"), ("organisations", "organisation")):
        for page in (output / folder).glob("*/index.html"):
            # Articles per month: none to draw for a term named only in undated articles.
            dated = "<time" in page.read_text(encoding="utf-8")
            assert set(pictures(page)) == ({f"{kind}-{page.parent.name}"} if dated else set()), page
            # The second page of a long list does not repeat the picture.
            for later in (page.parent / "page").glob("*/index.html"):
                assert pictures(later) == {}, later


# -- the figures ---------------------------------------------------------------------------------


def test_archive_counts_every_month_of_the_posts(built_site: Path, output: Path) -> None:
    expected = post_months(built_site)
    page = output / "index.html"
    table = table_of(page, "archive")
    assert {label: n for label, n in table.items() if n} == dict(expected)
    first = dt.datetime.strptime(min(expected, key=lambda m: dt.datetime.strptime(m, "%B %Y")), "%B %Y")
    last = dt.datetime.strptime(max(expected, key=lambda m: dt.datetime.strptime(m, "%B %Y")), "%B %Y")
    span = month_span((first.year, first.month), (last.year, last.month))
    # The table lists the months with articles, in order; the picture has a bar for every month.
    in_order = [dt.date(y, m, 1).strftime("%B %Y") for y, m in span]
    assert list(table) == [label for label in in_order if label in expected]
    bars = bar_titles(pictures(page)["archive"])
    assert list(bars) == in_order
    assert {label: n for label, n in bars.items() if n} == table
    # Each month in the table links to its digest.
    links = soup_of(page).find("figure", id="figure-archive").select("tbody a")
    assert {a.get_text(strip=True) for a in links} == set(expected)


def test_a_digest_highlights_its_month(output: Path) -> None:
    for page in (output / "digest").glob("*/index.html"):
        if page.parent.name == "undated":  # the undated articles: no month to highlight
            continue
        svg = pictures(page)["archive"]
        current = [g for g in svg.iter(f"{SVG}g") if "current" in g.get("class", "").split()]
        assert len(current) == 1, page
        label = dt.date.fromisoformat(page.parent.name + "-01").strftime("%B %Y")
        assert current[0].find(f"{SVG}title").text.startswith(f"{label}:"), page


def test_digest_countries_picture_matches_its_list(output: Path) -> None:
    for page in (output / "digest").glob("*/index.html"):
        section = soup_of(page).find("section", attrs={"aria-labelledby": "engaged"})
        listed = {
            li.a.get_text(strip=True): int(li.find(class_="count").get_text(strip=True))
            for li in section.select("ol.ranked li")
        }
        svgs = pictures(page)
        chart_id = f"countries-{page.parent.name}"
        if not listed:
            assert chart_id not in svgs
            continue
        assert bar_titles(svgs[chart_id]) == listed, page


def countries_index(output: Path) -> dict[str, tuple[int, str]]:
    """Country -> (count, href) from the region tables of /countries/."""
    soup = soup_of(output / "countries" / "index.html")
    found = {}
    for section in soup.find_all("section"):
        heading = section.find("h2")
        if heading is None or heading.get("id") == "organisations":
            continue
        for row in section.select("table.terms tbody tr"):
            link = row.find("a")
            found[link.get_text(strip=True)] = (
                int(row.find(class_="num").get_text(strip=True)),
                link["href"],
            )
    return found


def test_home_ranks_the_countries_most_engaged(output: Path) -> None:
    counts = {name: n for name, (n, _) in countries_index(output).items()}
    table = table_of(output / "index.html", "countries")
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:10]
    assert list(table.items()) == expected
    assert bar_titles(pictures(output / "index.html")["countries"]) == table


def test_term_pictures_count_the_articles_of_their_page(output: Path) -> None:
    for folder, kind in (("countries", "country"), ("people", "person"), ("organisations", "organisation")):
        for page in (output / folder).glob("*/index.html"):
            chart_id = f"{kind}-{page.parent.name}"
            expected = article_months(output, page)
            if not expected:  # named only in undated articles: no months to draw
                assert chart_id not in pictures(page), page
                continue
            table = table_of(page, chart_id)
            assert table == dict(expected), page
            assert bar_titles(pictures(page)[chart_id]) == table, page


def test_world_map_shades_and_links_every_country(output: Path) -> None:
    page = output / "countries" / "index.html"
    svg = pictures(page)["world"]
    index = countries_index(output)
    links = {}
    for link in svg.iter(f"{SVG}a"):
        title = link.find(f"{SVG}title")
        match = BAR_TITLE.match(title.text)
        links[match["label"]] = (int(match["n"]), link.get("href"))
        assert link.get("tabindex") == "-1"  # the tables below carry the same links for the keyboard
        target = resolve(output, page, link.get("href"))
        assert target is not None and target.is_file(), link.get("href")
        assert soup_of(target).find("h1").get_text(strip=True).endswith(match["label"])
    note = soup_of(page).find("figure", id="figure-world").find(class_="note")
    missing = note.get_text() if note else ""
    for name, (count, href) in index.items():
        if name in links:
            assert links[name][0] == count, name
            assert resolve(output, page, links[name][1]) == resolve(output, page, href), name
        else:
            assert name in missing, f"{name} is neither on the map nor listed as missing"
    # Vietnam stands out; the legend names every shade.
    home = [g for g in svg.iter(f"{SVG}g") if g.get("class", "").startswith("vn ")]
    assert home and "home" in home[0].get("class")
    legend = soup_of(page).select("figure#figure-world .chart-legend li")
    assert legend[-1].get_text(strip=True) == "Vietnam"


def test_pictures_use_theme_colours_only(output: Path) -> None:
    """Colours are CSS variables, so the same SVG is right in light and dark mode."""
    for page in (output / "index.html", output / "countries" / "index.html"):
        for markup in PICTURE.findall(page.read_text(encoding="utf-8")):
            fills = set(re.findall(r"(?:fill|stroke|background-color|background):\s*([^;}\"]+)", markup))
            fixed = {f for f in fills if not f.strip().startswith(("var(", "transparent", "none", "inherit"))}
            assert not fixed, f"{page}: fixed colours {fixed}"


# -- switched off --------------------------------------------------------------------------------


OFF_SETTINGS = """import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403
NEWS_DIGEST = {**NEWS_DIGEST, "CHARTS": False, "SEARCH": False}  # noqa: F405
"""


def test_charts_and_search_can_be_switched_off(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    (project / "off.py").write_text(OFF_SETTINGS, encoding="utf-8")
    result = run_pelican(project, settings="off.py")
    assert result.returncode == 0, result.stdout + result.stderr
    output = project / "output"
    assert not (output / "search").exists()
    for page in (output / "index.html", output / "countries" / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert "<svg" not in text and "chart-picture" not in text
        assert 'role="search"' not in text


# -- helpers -------------------------------------------------------------------------------------


def test_month_helpers() -> None:
    assert month_span((2024, 11), (2025, 2)) == [(2024, 11), (2024, 12), (2025, 1), (2025, 2)]
    long = month_span((2022, 1), (2025, 12))
    assert month_ticks(long) == {0: "2022", 12: "2023", 24: "2024", 36: "2025"}
    assert month_ticks(month_span((2025, 1), (2026, 1))) == {
        0: "Jan 2025",
        3: "Apr",
        6: "Jul",
        9: "Oct",
        12: "Jan 2026",
    }
    late = month_span((2021, 3), (2024, 2))
    assert month_ticks(late)[0] == "2021" and month_ticks(late)[10] == "2022"


def test_value_ticks_are_round_and_cover_the_maximum() -> None:
    assert value_ticks(1) == [0, 1]
    assert value_ticks(4) == [0, 1, 2, 3, 4]
    assert value_ticks(7) == [0, 2, 4, 6, 8]
    assert value_ticks(230) == [0, 100, 200, 300]
    assert [nice_ceiling(v) for v in (0.3, 1, 3, 7, 12, 24, 51)] == [1, 1, 5, 10, 20, 25, 100]


def test_map_shading_classes() -> None:
    assert map_bins(1) == [1]
    assert map_bins(3) == [1, 2, 3]
    assert map_bins(1000) == [1, 5, 20, 100, 500]
    assert bin_labels([1, 5, 20], 57) == ["1–4", "5–19", "20–57"]
    assert bin_labels([1, 2, 3], 3) == ["1", "2", "3"]
    assert bin_labels([1], 1) == ["1"]
    assert bin_colors(5) == [f"var(--map-{i})" for i in range(1, 6)]
    assert bin_colors(2) == ["var(--map-1)", "var(--map-5)"]


# -- a long archive ------------------------------------------------------------------------------


def fake_site(dates: list[dt.date]):
    from types import SimpleNamespace

    from news_digest.site.model import build_site

    articles = [
        SimpleNamespace(
            metadata={"countries": "MY", "officials": "[]", "organisations": ""},
            date=dt.datetime(d.year, d.month, d.day),
            url="",
        )
        for d in sorted(dates, reverse=True)
    ]
    return build_site(articles)


def test_a_long_archive_is_drawn_a_bar_per_year_with_labels_apart() -> None:
    from news_digest.site.charts import Charts

    dates = [dt.date(2003 + i % 23, 1 + i % 12, 1 + i % 27) for i in range(300)]
    charts = Charts(fake_site(dates))
    assert charts.yearly and len(charts.bins) == 23
    chart = charts.archive
    svg = ET.fromstring(str(chart.svg))
    bars = bar_titles(svg)
    assert list(bars) == [str(y) for y in range(2003, 2026)]
    assert sum(bars.values()) == 300
    # Year labels, none closer than a label's width (2.5 em of FONT=15 at most 480 units wide).
    labels = [
        t for t in svg.iter(f"{SVG}text") if (t.text or "").strip().isdigit() and len(t.text.strip()) == 4
    ]
    xs = sorted(float(t.get("x")) for t in labels)
    assert 3 <= len(xs) <= 12
    assert min(b - a for a, b in itertools.pairwise(xs)) >= 2 * 0.62 * 15 * 4 * 0.9
    # The table is short: the years with articles, each linking to its year's page.
    assert [row.label for row in chart.rows] == [str(y) for y in range(2003, 2026)]
    assert chart.rows[0].url == "2003/"


def test_a_digest_of_a_long_archive_highlights_its_year() -> None:
    from news_digest.site.charts import Charts

    dates = [dt.date(2003, 5, 1), dt.date(2014, 6, 2), dt.date(2025, 7, 3)]
    site = fake_site(dates)
    charts = Charts(site)
    month = next(m for m in site.months if m.key == "2014-06")
    chart = charts.archive_for(month)
    svg = ET.fromstring(str(chart.svg))
    current = [g for g in svg.iter(f"{SVG}g") if "current" in g.get("class", "").split()]
    assert len(current) == 1 and current[0].find(f"{SVG}title").text == "2014: 1 article"
    # Only the years with articles are in the table; the empty ones are counted in a note.
    assert [row.label for row in chart.rows] == ["2003", "2014", "2025"]
    assert chart.note == "20 years with no article left out."


def test_a_short_archive_keeps_a_bar_per_month() -> None:
    from news_digest.site.charts import Charts

    charts = Charts(fake_site([dt.date(2024, 1, 5), dt.date(2025, 12, 5)]))
    assert not charts.yearly and len(charts.bins) == 24
