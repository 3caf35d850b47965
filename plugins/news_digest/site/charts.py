"""Pictures of the activity, made at build time as static, accessible SVG.

- the archive, articles per month (pygal `Bar`): on the home page, and on every monthly digest
  with that month highlighted;
- the countries most engaged (pygal `HorizontalBar`): the whole archive on the home page, one
  month on its digest;
- a world map coloured by article count (pygal_maps_world `World`), each country a link;
- one small bar chart of articles per month on each country, organisation and person page,
  written here by hand: pygal takes about 25 ms a chart, and a 10,000-article archive has about
  5,000 people (two minutes), where this takes a fraction of a millisecond.

No script reaches the browser: pygal's tooltip script and configuration are removed, and so are
its comments (they carry the day's date) and its random ids, so that the same content gives the
same bytes. Colours are CSS variables (`--chart-*`, theme/static/css/charts.css), so that the one
inline SVG is right in light and in dark mode. Every picture has a <title>; the templates put a
table (or list) of the same figures beside it (theme/templates/_charts.html).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any
from xml.sax.saxutils import escape

from markupsafe import Markup

from news_digest.site.model import Month, Site, Term, is_undated

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

TOP_COUNTRIES = 10
MAP_BINS = 5
# Longer spans are drawn a bar per year: a bar per month would be under 2 px on a phone.
YEARLY_AFTER_MONTHS = 60

# Sizes are in SVG user units; the SVG scales to its column (max width in charts.css), so these
# are chosen for a 375 px phone (about 0.7 of them on screen) as much as for a desktop.
BAR_WIDTH, BAR_HEIGHT = 480, 230
TERM_WIDTH, TERM_HEIGHT, TERM_FONT = 480, 130, 16
FONT = 15
# pygal_maps_world's map is 2475 x 1388; south of 1200 there is only Antarctica.
MAP_WIDTH, MAP_HEIGHT, MAP_CROPPED_HEIGHT = 800, 449, 388


@dataclass(frozen=True)
class Row:
    """One line of the table beside a picture: a label, its figure, the page it links to."""

    label: str
    value: int
    url: str | None = None


@dataclass(frozen=True)
class LegendItem:
    label: str
    color: str = "var(--chart-bar)"  # a CSS colour, in practice one of our variables


@dataclass(frozen=True)
class Chart:
    """A picture and its text alternative, as the `_charts.html` macros render them."""

    id: str
    kind: str  # "months" | "ranking" | "map" | "term"
    title: str  # the SVG's <title>, and the caption of its table
    caption: str  # the visible <figcaption>
    svg: Markup
    heading: tuple[str, str]  # column headings of the table
    rows: tuple[Row, ...]
    note: str = ""  # said under the table, e.g. which rows are left out
    legend: tuple[LegendItem, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return sum(row.value for row in self.rows)


# -- months ---------------------------------------------------------------------------------------


def month_span(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every (year, month) from `first` to `last`, both included."""
    span, (year, month) = [], first
    while (year, month) <= last:
        span.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return span


def month_label(key: tuple[int, int], short: bool = False) -> str:
    return dt.date(key[0], key[1], 1).strftime("%b %Y" if short else "%B %Y")


def month_ticks(span: list[tuple[int, int]]) -> dict[int, str]:
    """Index -> label of the months that get a label on the axis.

    Long spans: each January, as its year. Spans of two years or less: every third month, the
    first one and each January with the year. Never two labels closer than two months.
    """
    ticks: dict[int, str] = {}
    if len(span) <= 24:
        for i, (year, month) in enumerate(span):
            if i % 3 == 0:
                ticks[i] = f"{dt.date(year, month, 1):%b}" + (f" {year}" if i == 0 or month <= 3 else "")
        return ticks
    for i, (year, month) in enumerate(span):
        if month == 1:
            ticks[i] = str(year)
    first_january = min(ticks, default=len(span))
    if first_january >= 6:
        ticks[0] = str(span[0][0])
    return ticks


def year_ticks(years: list[int], width: float, font: float) -> dict[int, str]:
    """Index -> label of the years that get one: every year, or every 2nd, 5th, 10th... year (on
    round years), so that no two labels (about 2.4 em wide each) come closer than a label's width."""
    band = (width - 4 * font) / max(len(years), 1)
    need = 2 * 0.62 * font * 4  # a label, and as much again between two of them
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if s * band >= need), 100)
    return {i: str(year) for i, year in enumerate(years) if year % step == 0 or step == 1}


def bin_label(key: tuple[int, int], short: bool = False) -> str:
    """A bar's name: its year (`(2025, 0)`) or its month."""
    return f"{key[0]}" if key[1] == 0 else month_label(key, short)


def bin_class(key: tuple[int, int]) -> str:
    return f"y-{key[0]:04d}" if key[1] == 0 else f"m-{key[0]:04d}-{key[1]:02d}"


def nice_ceiling(value: float) -> int:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is >= value (and an integer)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value and float(step * power).is_integer():
            return int(step * power)
    return int(10 * power)


def value_ticks(maximum: int, count: int = 4) -> list[int]:
    """Round, evenly spaced integer ticks from 0 to at least `maximum`."""
    step = nice_ceiling(max(maximum, 1) / count)
    top = step * math.ceil(max(maximum, 1) / step)
    return list(range(0, top + 1, step))


def plural(n: int, word: str = "article") -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


# -- pygal -------------------------------------------------------------------------------------


def _style(**extra: Any) -> Any:
    from pygal.style import Style

    base = {
        "background": "transparent",
        "plot_background": "transparent",
        "value_background": "transparent",
        "foreground": "var(--chart-text)",
        "foreground_strong": "var(--chart-text)",
        "foreground_subtle": "var(--chart-grid)",
        "guide_stroke_color": "var(--chart-grid)",
        "major_guide_stroke_color": "var(--chart-grid)",
        "guide_stroke_dasharray": "none",
        "major_guide_stroke_dasharray": "none",
        "colors": ("var(--chart-bar)",),
        "value_colors": ("var(--chart-value)",),
        "font_family": "inherit",
        "label_font_size": FONT,
        "major_label_font_size": FONT,
        "value_font_size": FONT,
        "title_font_size": FONT + 2,
        "opacity": "1",
        "opacity_hover": ".8",
        "stroke_opacity": "1",
        "stroke_opacity_hover": "1",
        "stroke_width_hover": "1",
        "transition": "none",
    }
    return Style(**{**base, **extra})


def _config(**extra: Any) -> dict[str, Any]:
    """Options shared by our pygal charts: no script, no XML declaration, no legend."""
    return {
        "js": [],
        "disable_xml_declaration": True,
        "show_legend": False,
        "pretty_print": False,
        "margin": 6,
        "spacing": 8,
        **extra,
    }


_LONG_FLOAT = re.compile(r"(\d\.\d\d)\d+")


def finish_svg(svg: str, chart_id: str, title: str, *, keep_links: bool = False) -> ET.Element:
    """pygal's SVG made static and stable: no script, no comment, our id and <title>, role=img.

    Returns the root element for more changes; `serialize` turns it into markup.
    """
    root = ET.fromstring(svg)  # comments (pygal's carry today's date) are dropped by the parser
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag.rsplit("}", 1)[-1]
            cls = child.get("class", "")
            if tag == "script" or (tag == "desc") or (tag == "g" and ("tooltip-overlay" in cls)):
                parent.remove(child)
    root.set("id", f"chart-{chart_id}")
    root.set("class", f"pygal-chart chart-svg chart-{chart_id}")
    root.set("role", "img")
    root.set("aria-labelledby", f"chart-{chart_id}-title")
    title_node = root.find(f"{{{SVG_NS}}}title")
    if title_node is None:
        title_node = ET.SubElement(root, f"{{{SVG_NS}}}title")
    title_node.text = title
    title_node.set("id", f"chart-{chart_id}-title")
    # The title first, so that it names the picture wherever it is read.
    root.remove(title_node)
    root.insert(0, title_node)
    for link in root.iter(f"{{{SVG_NS}}}a"):
        href = link.attrib.pop(f"{{{XLINK_NS}}}href", None)
        if href is not None:
            link.set("href", href)
        link.attrib.pop("target", None)
        if keep_links:
            # The picture is one image to assistive technology; the table beside it carries the
            # same links, so the map's own links stay out of the keyboard's way.
            link.set("tabindex", "-1")
    return root


def serialize(root: ET.Element) -> Markup:
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    # Coordinates to two decimals: a tenth of the size, the same picture.
    return Markup(_LONG_FLOAT.sub(r"\1", text))


def _title_child(node: ET.Element, text: str) -> None:
    title = ET.Element(f"{{{SVG_NS}}}title")
    title.text = text
    node.insert(0, title)


# -- the charts ---------------------------------------------------------------------------------


class Charts:
    """Every picture of the site, from `taxonomy.Site` (which is built in one pass).

    The site-wide pictures are made once, when first asked for; a term's picture is made when its
    page is written. `None` stands for a picture with nothing to show.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        keys = [(m.year, m.month) for m in site.months]
        self.span = month_span(min(keys), max(keys)) if keys else []
        # Over a long span a month is a hairline: bars are years, so that every bar can be seen.
        self.yearly = len(self.span) > YEARLY_AFTER_MONTHS
        if self.yearly:
            first, last = self.span[0][0], self.span[-1][0]
            self.bins: list[tuple[int, int]] = [(year, 0) for year in range(first, last + 1)]
            self.ticks = year_ticks([year for year, _ in self.bins], BAR_WIDTH, FONT)
        else:
            self.bins = self.span
            self.ticks = month_ticks(self.span)
        self.position = {key: i for i, key in enumerate(self.bins)}

    def bin_of(self, year: int, month: int) -> tuple[int, int]:
        """The bar an article of (year, month) adds to: its month, or its year ((year, 0))."""
        return (year, 0) if self.yearly else (year, month)

    @property
    def unit(self) -> str:
        return "year" if self.yearly else "month"

    # months of the whole archive

    @cached_property
    def archive(self) -> Chart | None:
        if not self.span:
            return None
        import pygal

        counts: dict[tuple[int, int], int] = {}
        for m in self.site.months:
            key = self.bin_of(m.year, m.month)
            counts[key] = counts.get(key, 0) + len(m.articles)
        values = [counts.get(key, 0) for key in self.bins]
        labels = [self.ticks.get(i, f"{bin_label(key, True)} ") for i, key in enumerate(self.bins)]
        chart = pygal.Bar(
            style=_style(),
            width=BAR_WIDTH,
            height=BAR_HEIGHT,
            x_labels=labels,
            x_labels_major=list(self.ticks.values()),
            show_minor_x_labels=False,
            truncate_label=-1,
            y_labels=value_ticks(max(values)),
            show_x_guides=False,
            **_config(),
        )
        chart.uuid = "archive"
        chart.add("Articles", values)
        per = f"per {self.unit}"
        root = finish_svg(chart.render(is_unicode=True), "archive", f"Articles {per}")
        bars = [node for node in root.iter(f"{{{SVG_NS}}}g") if node.get("class") == "bar"]
        for node, key, value in zip(bars, self.bins, values, strict=True):
            node.set("class", f"bar {bin_class(key)}")
            _title_child(node, f"{bin_label(key)}: {plural(value)}")
        first, last = month_label(self.span[0]), month_label(self.span[-1])
        total = sum(values)
        # Only the bars with articles: a table of every empty month of twenty years is no help.
        rows = tuple(
            Row(bin_label(key), value, self.bin_url(key))
            for key, value in zip(self.bins, values, strict=True)
            if value
        )
        empty = len(self.bins) - len(rows)
        return Chart(
            id="archive",
            kind="months",
            title=f"Articles {per}, {first} to {last}",
            caption=(
                f"Articles {per}, {first} to {last}: {plural(total)} in {plural(len(self.span), 'month')}."
            ),
            svg=serialize(root),
            heading=(self.unit.capitalize(), "Articles"),
            rows=rows,
            note=f"{plural(empty, self.unit).capitalize()} with no article left out." if empty else "",
        )

    def bin_url(self, key: tuple[int, int]) -> str:
        """The page of a bar: the year's index, or the month's digest."""
        return f"{key[0]:04d}/" if key[1] == 0 else f"digest/{key[0]:04d}-{key[1]:02d}/"

    def archive_for(self, month: Month) -> Chart | None:
        """The archive with `month` (or its year) highlighted (on its digest page)."""
        chart = self.archive
        if chart is None:
            return None
        if month.undated:  # the undated articles have no bar to highlight
            return chart
        key = self.bin_of(month.year, month.month)
        cls = bin_class(key)
        # str(): Markup.replace would escape the quotes of the replacement.
        svg = Markup(str(chart.svg).replace(f'class="bar {cls}"', f'class="bar {cls} current"', 1))
        where = month.label if not self.yearly else f"{month.year}, the year of {month.label},"
        return replace(
            chart,
            svg=svg,
            caption=f"{chart.caption} {where} is highlighted.",
            legend=(
                LegendItem(f"Articles per {self.unit}"),
                LegendItem(bin_label(key), "var(--chart-highlight)"),
            ),
        )

    # countries most engaged

    @cached_property
    def top_countries(self) -> Chart | None:
        ranked = sorted(self.site.countries.values(), key=lambda t: (-t.count, t.name))
        if not ranked:
            return None
        since = month_label(self.span[0])
        return self._ranking(
            "countries",
            [(t, t.count) for t in ranked[:TOP_COUNTRIES]],
            title=f"Countries most engaged since {since}",
            caption=(
                f"The {min(TOP_COUNTRIES, len(ranked))} countries named in the most articles since {since}, "
                f"of {len(ranked)} in all."
            ),
        )

    def month_countries(self, month: Month) -> Chart | None:
        if not month.country_terms:
            return None
        return self._ranking(
            f"countries-{month.key}",
            month.country_terms,
            title=f"Countries most engaged in {month.label}",
            caption=f"Countries named in the most articles of {month.label}.",
        )

    def _ranking(self, chart_id: str, items: list[tuple[Term, int]], *, title: str, caption: str) -> Chart:
        import pygal

        items = items[:TOP_COUNTRIES]
        names = [term.name for term, _ in items]
        values = [count for _, count in items]
        chart = pygal.HorizontalBar(
            style=_style(),
            width=BAR_WIDTH,
            height=36 + 28 * len(items),
            x_labels=list(reversed(names)),  # pygal draws the first label at the bottom
            range=(0, max(values)),
            # pygal swaps the axes of a horizontal chart: "x" is the axis of the figures.
            show_x_labels=False,
            show_x_guides=False,
            show_y_guides=False,
            print_values=True,
            truncate_label=-1,
            margin_right=12 + FONT * 0.62 * len(str(max(values))),
            **_config(),
        )
        chart.uuid = chart_id
        chart.add("Articles", list(reversed(values)))
        root = finish_svg(chart.render(is_unicode=True), chart_id, title)
        bars = [node for node in root.iter(f"{{{SVG_NS}}}g") if node.get("class") == "bar"]
        texts = [node for node in root.iter(f"{{{SVG_NS}}}text") if node.get("class") == "value"]
        for node, text, name, value in zip(bars, texts, reversed(names), reversed(values), strict=True):
            _title_child(node, f"{name}: {plural(value)}")
            # Each figure just after the end of its bar (pygal centres it on the bar).
            rect = node.find(f"{{{SVG_NS}}}rect")
            text.set("x", f"{float(rect.get('x', 0)) + float(rect.get('width', 0)) + 5:.2f}")
            text.set("text-anchor", "start")
        return Chart(
            id=chart_id,
            kind="ranking",
            title=title,
            caption=caption,
            svg=serialize(root),
            heading=("Country", "Articles"),
            rows=tuple(Row(term.name, count, term.url) for term, count in items),
        )

    # the world map

    @cached_property
    def world_map(self) -> Chart | None:
        from pygal_maps_world.i18n import COUNTRIES
        from pygal_maps_world.maps import World

        terms = sorted(self.site.countries.values(), key=lambda t: (-t.count, t.name))
        if not terms:
            return None
        most = max(t.count for t in terms)
        edges = map_bins(most)
        colors = bin_colors(len(edges))
        on_map = [t for t in terms if t.code and t.code.lower() in COUNTRIES]
        values = [
            {
                "value": (t.code.lower(), t.count),
                # Relative to /countries/, the only page that shows the map.
                "xlink": {"href": t.url.removeprefix("countries/")},
                "style": f"fill: {colors[bin_of(t.count, edges)]}",
            }
            for t in on_map
        ]
        chart = World(
            style=_style(plot_background="var(--chart-land)", foreground_subtle="var(--chart-border)"),
            width=MAP_WIDTH,
            height=MAP_HEIGHT,
            margin=0,
            spacing=0,
            **{k: v for k, v in _config().items() if k not in ("margin", "spacing")},
        )
        chart.uuid = "world"
        chart.add("Articles", values)
        title = "Map of the world: countries shaded by the number of articles that name them"
        root = finish_svg(chart.render(is_unicode=True), "world", title, keep_links=True)
        by_code = {t.code.lower(): t for t in on_map}
        parents = {child: parent for parent in root.iter() for child in parent}
        for node, parent in parents.items():
            # The sea is the page; Antarctica has no embassy, and without it the map is shorter.
            if node.get("class") == "background" or node.get("class", "").startswith("aq "):
                parent.remove(node)
        root.set("viewBox", f"0 0 {MAP_WIDTH} {MAP_CROPPED_HEIGHT}")
        for node in [g for g in root.iter(f"{{{SVG_NS}}}g") if "map-element" in g.get("class", "")]:
            code = node.get("class", "").split()[0]
            if code == "vn":
                node.set("class", node.get("class") + " home")
                node.set("style", "fill: var(--chart-home)")
                _title_child(node, "Vietnam")
            elif code in by_code:
                term = by_code[code]
                link = parents.get(node)
                target = link if link is not None and link.tag == f"{{{SVG_NS}}}a" else node
                _title_child(target, f"{term.name}: {plural(term.count)}")
        legend = tuple(
            LegendItem(label, color) for label, color in zip(bin_labels(edges, most), colors, strict=True)
        )
        missing = [t.name for t in terms if t not in on_map]
        note = f"Not drawn on the map: {', '.join(missing)}." if missing else ""
        self.world_document = world_document(root)
        picture = Markup(
            '<object class="chart-svg map-object" id="chart-world" data="world.svg" '
            'type="image/svg+xml" width="{w}" height="{h}" aria-label="{t}">'
            "<p>{t}: the tables below give the same counts.</p></object>"
        ).format(w=MAP_WIDTH, h=MAP_CROPPED_HEIGHT, t=title)
        return Chart(
            id="world",
            kind="map",
            title=title,
            caption=(
                f"The {len(terms)} countries named in the articles, shaded by article count; "
                "Vietnam in its own colour. Each country on the map links to its page; the tables "
                "below give the same counts."
            ),
            svg=picture,
            heading=("Country", "Articles"),
            rows=tuple(Row(t.name, t.count, t.url) for t in terms),
            note=note,
            legend=(*legend, LegendItem("Vietnam", "var(--chart-home)")),
        )

    # one country, organisation or person

    def term(self, term: Term) -> Chart | None:
        """Articles per month for one term, on the archive's time axis (drawn by hand: cheap)."""
        if not term.articles or not self.span:
            return None
        counts: dict[tuple[int, int], int] = {}
        for article in term.articles:
            if is_undated(article):  # filed under no month
                continue
            key = self.bin_of(article.date.year, article.date.month)
            counts[key] = counts.get(key, 0) + 1
        if not counts:
            return None
        undated = term.undated_count
        chart_id = f"{term.kind}-{term.slug}"
        first, last = month_label(self.span[0]), month_label(self.span[-1])
        title = f"Articles naming {term.name}, per {self.unit}, {first} to {last}"
        active = len(counts)
        empty_note = f"{self.unit.capitalize()}s with no article are left out."
        return Chart(
            id=chart_id,
            kind="term",
            title=title,
            caption=(
                f"Articles naming {term.name}, per {self.unit}, {first} to {last}: "
                f"{plural(sum(counts.values()))} in {plural(active, self.unit)}."
                + (f" {plural(undated)} without a date are not shown." if undated else "")
            ),
            svg=self._term_svg(chart_id, title, counts),
            heading=(self.unit.capitalize(), "Articles"),
            rows=tuple(Row(bin_label(key), counts[key]) for key in sorted(counts)),
            note=empty_note if active < len(self.bins) else "",
        )

    def _term_svg(self, chart_id: str, title: str, counts: dict[tuple[int, int], int]) -> Markup:
        width, height, font = TERM_WIDTH, TERM_HEIGHT, TERM_FONT
        ticks = value_ticks(max(counts.values()), count=2)
        top = ticks[-1]
        left = 8 + 0.6 * font * len(str(top))
        right, upper, lower = 2, 8, 8 + 1.4 * font
        plot_w, plot_h = width - left - right, height - upper - lower
        band = plot_w / len(self.bins)
        bar = max(band * 0.75, 1.0)
        base = upper + plot_h

        def y(value: float) -> float:
            return base - plot_h * value / top

        out = [
            f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" id="chart-{chart_id}" '
            f'class="chart-svg term-chart" font-size="{font}" role="img" '
            f'aria-labelledby="chart-{chart_id}-title">',
            f'<title id="chart-{chart_id}-title">{escape(title)}</title>',
            '<g class="axis y">',
        ]
        for tick in ticks:
            level = f"{y(tick):.1f}"
            out.append(
                f'<line class="guide" x1="{left:.1f}" x2="{width - right}" y1="{level}" y2="{level}"/>'
                f'<text x="{left - 5:.1f}" y="{y(tick) + font * 0.35:.1f}" text-anchor="end">{tick}</text>'
            )
        out.append('</g><g class="axis x">')
        for index, label in self.ticks.items():
            x = left + band * (index + 0.5)
            # Centred under its month, but kept inside the picture.
            half = 0.3 * font * len(label)
            text_x = min(max(x, half), width - half)
            out.append(
                f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="{base}" y2="{base + 4}"/>'
                f'<text x="{text_x:.1f}" y="{base + 4 + font:.1f}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
        out.append('</g><g class="bars">')
        for key in sorted(counts):
            value = counts[key]
            x = left + band * self.position[key] + (band - bar) / 2
            out.append(
                f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{bar:.1f}" height="{base - y(value):.1f}">'
                f"<title>{escape(bin_label(key))}: {plural(value)}</title></rect>"
            )
        out.append(
            f'</g><line class="baseline" x1="{left:.1f}" x2="{width - right}" y1="{base}" y2="{base}"/>'
        )
        out.append("</svg>")
        return Markup("".join(out))


def world_document(root: ET.Element) -> str:
    """The map as a file of its own (`countries/world.svg`, beside the page that shows it): the
    page stays light, and the map keeps its links. It takes its colours from the site's two
    stylesheets, so it follows light and dark mode like the page."""
    root.attrib.pop("role", None)  # a document of links, not one image: no nested interactive roles
    root.set("width", str(MAP_WIDTH))
    root.set("height", str(MAP_CROPPED_HEIGHT))
    for link in root.iter(f"{{{SVG_NS}}}a"):
        link.set("target", "_top")  # open the country's page, not inside the map's frame
    sheets = "".join(
        f'<?xml-stylesheet type="text/css" href="../theme/css/{name}.css"?>\n' for name in ("style", "charts")
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{sheets}{serialize(root)}\n'


# -- map shading -------------------------------------------------------------------------------


def map_bins(maximum: int, bins: int = MAP_BINS) -> list[int]:
    """Lower edges of the shading classes: 1 first, then round numbers on a log scale."""
    if maximum <= bins:
        return list(range(1, max(maximum, 1) + 1))
    edges = [1]
    if maximum > 1:
        ratio = maximum ** (1 / bins)
        for i in range(1, bins):
            edge = nice_ceiling(ratio**i)
            if edge > edges[-1] and edge <= maximum:
                edges.append(edge)
    return edges


def bin_of(value: int, edges: list[int]) -> int:
    return max(i for i, edge in enumerate(edges) if value >= edge)


def bin_colors(count: int) -> list[str]:
    """`count` steps of the map's colour ramp (`--map-1` to `--map-5` in charts.css), evenly spread."""
    if count == 1:
        return [f"var(--map-{MAP_BINS})"]
    return [f"var(--map-{1 + round(i * (MAP_BINS - 1) / (count - 1))})" for i in range(count)]


def bin_labels(edges: list[int], maximum: int) -> list[str]:
    """'1–4', '5–19', ... up to the largest count."""
    uppers = [edge - 1 for edge in edges[1:]] + [maximum]
    return [
        f"{low:,}" if high == low else f"{low:,}–{high:,}" for low, high in zip(edges, uppers, strict=True)
    ]


def build_charts(site: Site, settings: dict[str, Any]) -> Charts | None:
    """The pictures of `site`, or None when `NEWS_DIGEST["CHARTS"]` is off."""
    if not settings.get("CHARTS", True):
        return None
    return Charts(site)


__all__ = ["Chart", "Charts", "LegendItem", "Row", "build_charts"]
