"""The small bar chart of articles per month (or year) on each country, organisation and person
page, written here by hand: pygal takes about 25 ms a chart, and a 10,000-article archive has about
5,000 people (two minutes), where this takes a fraction of a millisecond."""

from __future__ import annotations

from xml.sax.saxutils import escape

from markupsafe import Markup

from news_digest.site.chart_figures import Chart, Row
from news_digest.site.chart_pygal import SVG_NS
from news_digest.site.chart_scales import TimeAxis, plural, value_ticks
from news_digest.site.model import Term

# In SVG user units; the SVG scales to its column (max width in charts.css).
TERM_WIDTH, TERM_HEIGHT, TERM_FONT = 480, 130, 16


def term_chart(axis: TimeAxis, term: Term) -> Chart | None:
    """Articles per month for one term, on the archive's time axis (drawn by hand: cheap)."""
    if not term.articles or not axis.span:
        return None
    counts: dict[tuple[int, int], int] = {}
    undated = 0
    bin_of = axis.bin_of_article
    for article in term.articles:
        key = bin_of(article)
        if key is None:  # undated: filed under no month
            undated += 1
        else:
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    chart_id = f"{term.kind}-{term.slug}"
    span, unit = axis.span_label, axis.unit
    title = f"Articles naming {term.name}, per {unit}, {span}"
    active = len(counts)
    keys = sorted(counts)
    return Chart(
        id=chart_id,
        kind="term",
        title=title,
        caption=(
            f"Articles naming {term.name}, per {unit}, {span}: "
            f"{plural(sum(counts.values()))} in {plural(active, unit)}."
            + (f" {plural(undated)} without a date are not shown." if undated else "")
        ),
        svg=term_svg(axis, chart_id, title, counts, keys),
        heading=(unit.capitalize(), "Articles"),
        rows=tuple(_row(axis, key, counts[key]) for key in keys),
        note=f"{unit.capitalize()}s with no article are left out." if active < len(axis.bins) else "",
    )


def _row(axis: TimeAxis, key: tuple[int, int], value: int) -> Row:
    """A table row: the same (bar, count) recurs on many terms, and rows are immutable."""
    row = axis.drawn.get(("row", key, value))
    if row is None:
        row = axis.drawn["row", key, value] = Row(axis.labels[key], value)
    return row


def term_svg(
    axis: TimeAxis, chart_id: str, title: str, counts: dict[tuple[int, int], int], keys: list[tuple[int, int]]
) -> Markup:
    """The picture: its frame (axes) depends only on the largest count and each bar only on its
    place, its count and that largest count, so both are made once and shared between terms."""
    most = max(counts.values())
    frame = axis.drawn.get(("frame", most))
    if frame is None:
        frame = axis.drawn["frame", most] = _frame(axis, most)
    out = [
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {TERM_WIDTH} {TERM_HEIGHT}" id="chart-{chart_id}" '
        f'class="chart-svg term-chart" font-size="{TERM_FONT}" role="img" '
        f'aria-labelledby="chart-{chart_id}-title">',
        f'<title id="chart-{chart_id}-title">{escape(title)}</title>',
        frame[0],
    ]
    drawn = axis.drawn
    for key in keys:
        value = counts[key]
        bar = drawn.get(("bar", most, key, value))
        if bar is None:
            bar = drawn["bar", most, key, value] = _bar(axis, frame[2], key, value)
        out.append(bar)
    out.append(frame[1])
    return Markup("".join(out))


def _frame(axis: TimeAxis, most: int) -> tuple[str, str, tuple[float, ...]]:
    """The markup before the bars and after them, and the geometry of the bars (`_bar`)."""
    width, height, font = TERM_WIDTH, TERM_HEIGHT, TERM_FONT
    ticks = value_ticks(most, count=2)
    top = ticks[-1]
    left = 8 + 0.6 * font * len(str(top))
    right, upper, lower = 2, 8, 8 + 1.4 * font
    plot_w, plot_h = width - left - right, height - upper - lower
    band = plot_w / len(axis.bins)
    bar = max(band * 0.75, 1.0)
    base = upper + plot_h
    head = ['<g class="axis y">']
    for tick in ticks:
        y = base - plot_h * tick / top
        head.append(
            f'<line class="guide" x1="{left:.1f}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text x="{left - 5:.1f}" y="{y + font * 0.35:.1f}" text-anchor="end">{tick}</text>'
        )
    head.append('</g><g class="axis x">')
    head.append(_x_axis(axis, left, band, base))
    head.append('</g><g class="bars">')
    tail = f'</g><line class="baseline" x1="{left:.1f}" x2="{width - right}" y1="{base}" y2="{base}"/></svg>'
    return "".join(head), tail, (left + (band - bar) / 2, band, bar, base, plot_h, top)


def _bar(axis: TimeAxis, geometry: tuple[float, ...], key: tuple[int, int], value: int) -> str:
    offset, band, bar, base, plot_h, top = geometry
    x = offset + band * axis.position[key]
    y = base - plot_h * value / top
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{base - y:.1f}">'
        f"<title>{escape(axis.labels[key])}: {plural(value)}</title></rect>"
    )


def _x_axis(axis: TimeAxis, left: float, band: float, base: float) -> str:
    """The ticks and labels of the time axis: the same on every term chart whose y axis is as wide,
    so made once for each width (a few) instead of once a chart."""
    made = axis.drawn.get(("x", left, band, base))
    if made is None:
        width, font = TERM_WIDTH, TERM_FONT
        parts = []
        for index, label in axis.ticks.items():
            x = left + band * (index + 0.5)
            # Centred under its month, but kept inside the picture.
            half = 0.3 * font * len(label)
            text_x = min(max(x, half), width - half)
            parts.append(
                f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="{base}" y2="{base + 4}"/>'
                f'<text x="{text_x:.1f}" y="{base + 4 + font:.1f}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
        made = axis.drawn["x", left, band, base] = "".join(parts)
    return made
