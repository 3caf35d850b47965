"""Pictures of the activity, made at build time as static, accessible SVG.

- the archive, articles per month (pygal `Bar`): on the home page, and on every monthly digest
  with that month highlighted;
- the countries most engaged (pygal `HorizontalBar`): the whole archive on the home page, one
  month on its digest;
- a world map coloured by article count (`world_map.py`), each country a link;
- one small bar chart of articles per month on each country, organisation and person page
  (`term_chart.py`, drawn by hand).

The pictures are static and stable (`chart_pygal.py`: no script, no date, no random id), coloured
by CSS variables so that they follow light and dark mode. Every picture has a <title>; the
templates put a table (or list) of the same figures beside it (theme/templates/_charts.html).
The time axis and scales are in `chart_scales.py`, what a picture is (`Chart`) in `chart_figures.py`.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from typing import Any

from markupsafe import Markup

from news_digest.site.chart_figures import Chart, LegendItem, Row
from news_digest.site.chart_pygal import (
    FONT,
    SVG_NS,
    finish_svg,
    pygal_config,
    pygal_style,
    serialize,
    title_child,
)
from news_digest.site.chart_scales import (
    TimeAxis,
    bin_class,
    bin_label,
    month_label,
    plural,
    value_ticks,
)
from news_digest.site.model import Month, Site, Term
from news_digest.site.term_chart import term_chart
from news_digest.site.world_map import world_map

TOP_COUNTRIES = 10
# Sizes are in SVG user units; the SVG scales to its column (max width in charts.css), so these
# are chosen for a 375 px phone (about 0.7 of them on screen) as much as for a desktop.
BAR_WIDTH, BAR_HEIGHT = 480, 230


class Charts:
    """Every picture of the site, from `taxonomy.Site` (which is built in one pass).

    The site-wide pictures are made once, when first asked for; a term's picture is made when its
    page is written. `None` stands for a picture with nothing to show.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self.axis = TimeAxis([(m.year, m.month) for m in site.months], BAR_WIDTH, FONT)
        self.span, self.yearly, self.bins = self.axis.span, self.axis.yearly, self.axis.bins
        self.ticks, self.position = self.axis.ticks, self.axis.position
        self.world_document: str | None = None  # the map's file, once `world_map` is made

    def bin_of(self, year: int, month: int) -> tuple[int, int]:
        """The bar an article of (year, month) adds to: its month, or its year ((year, 0))."""
        return self.axis.bin_of(year, month)

    @property
    def unit(self) -> str:
        return self.axis.unit

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
            style=pygal_style(),
            width=BAR_WIDTH,
            height=BAR_HEIGHT,
            x_labels=labels,
            x_labels_major=list(self.ticks.values()),
            show_minor_x_labels=False,
            truncate_label=-1,
            y_labels=value_ticks(max(values)),
            show_x_guides=False,
            **pygal_config(),
        )
        chart.uuid = "archive"
        chart.add("Articles", values)
        per = f"per {self.unit}"
        root = finish_svg(chart.render(is_unicode=True), "archive", f"Articles {per}")
        bars = [node for node in root.iter(f"{{{SVG_NS}}}g") if node.get("class") == "bar"]
        for node, key, value in zip(bars, self.bins, values, strict=True):
            node.set("class", f"bar {bin_class(key)}")
            title_child(node, f"{bin_label(key)}: {plural(value)}")
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
            style=pygal_style(),
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
            **pygal_config(),
        )
        chart.uuid = chart_id
        chart.add("Articles", list(reversed(values)))
        root = finish_svg(chart.render(is_unicode=True), chart_id, title)
        bars = [node for node in root.iter(f"{{{SVG_NS}}}g") if node.get("class") == "bar"]
        texts = [node for node in root.iter(f"{{{SVG_NS}}}text") if node.get("class") == "value"]
        for node, text, name, value in zip(bars, texts, reversed(names), reversed(values), strict=True):
            title_child(node, f"{name}: {plural(value)}")
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

    # the world map

    @cached_property
    def world_map(self) -> Chart | None:
        made = world_map(self.site.countries.values())
        if made is None:
            return None
        chart, self.world_document = made
        return chart

    # one country, organisation or person

    def term(self, term: Term) -> Chart | None:
        """Articles per month for one term, on the archive's time axis."""
        return term_chart(self.axis, term)


def build_charts(site: Site, settings: dict[str, Any]) -> Charts | None:
    """The pictures of `site`, or None when `NEWS_DIGEST["CHARTS"]` is off."""
    if not settings.get("CHARTS", True):
        return None
    return Charts(site)


__all__ = ["Chart", "Charts", "LegendItem", "Row", "build_charts"]
