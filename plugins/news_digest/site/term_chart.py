"""The small bar chart of articles per month (or year) on each country, organisation and person
page, written here by hand: pygal takes about 25 ms a chart, and a 10,000-article archive has about
5,000 people (two minutes), where this takes a fraction of a millisecond."""

from __future__ import annotations

from xml.sax.saxutils import escape

from markupsafe import Markup

from news_digest.site.chart_figures import Chart, Row
from news_digest.site.chart_pygal import SVG_NS
from news_digest.site.chart_scales import TimeAxis, month_label, plural, value_ticks
from news_digest.site.model import Term

# In SVG user units; the SVG scales to its column (max width in charts.css).
TERM_WIDTH, TERM_HEIGHT, TERM_FONT = 480, 130, 16


def term_chart(axis: TimeAxis, term: Term) -> Chart | None:
    """Articles per month for one term, on the archive's time axis (drawn by hand: cheap)."""
    if not term.articles or not axis.span:
        return None
    counts: dict[tuple[int, int], int] = {}
    undated = 0
    for article in term.articles:
        key = axis.bin_of_article(article)
        if key is None:  # undated: filed under no month
            undated += 1
        else:
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    chart_id = f"{term.kind}-{term.slug}"
    first, last = month_label(axis.span[0]), month_label(axis.span[-1])
    title = f"Articles naming {term.name}, per {axis.unit}, {first} to {last}"
    active = len(counts)
    empty_note = f"{axis.unit.capitalize()}s with no article are left out."
    return Chart(
        id=chart_id,
        kind="term",
        title=title,
        caption=(
            f"Articles naming {term.name}, per {axis.unit}, {first} to {last}: "
            f"{plural(sum(counts.values()))} in {plural(active, axis.unit)}."
            + (f" {plural(undated)} without a date are not shown." if undated else "")
        ),
        svg=term_svg(axis, chart_id, title, counts),
        heading=(axis.unit.capitalize(), "Articles"),
        rows=tuple(Row(axis.labels[key], counts[key]) for key in sorted(counts)),
        note=empty_note if active < len(axis.bins) else "",
    )


def term_svg(axis: TimeAxis, chart_id: str, title: str, counts: dict[tuple[int, int], int]) -> Markup:
    width, height, font = TERM_WIDTH, TERM_HEIGHT, TERM_FONT
    ticks = value_ticks(max(counts.values()), count=2)
    top = ticks[-1]
    left = 8 + 0.6 * font * len(str(top))
    right, upper, lower = 2, 8, 8 + 1.4 * font
    plot_w, plot_h = width - left - right, height - upper - lower
    band = plot_w / len(axis.bins)
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
    out.append(_x_axis(axis, left, band, base))
    out.append('</g><g class="bars">')
    offset, labels, position = left + (band - bar) / 2, axis.labels, axis.position
    for key in sorted(counts):
        value = counts[key]
        x = offset + band * position[key]
        out.append(
            f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{bar:.1f}" height="{base - y(value):.1f}">'
            f"<title>{escape(labels[key])}: {plural(value)}</title></rect>"
        )
    out.append(f'</g><line class="baseline" x1="{left:.1f}" x2="{width - right}" y1="{base}" y2="{base}"/>')
    out.append("</svg>")
    return Markup("".join(out))


def _x_axis(axis: TimeAxis, left: float, band: float, base: float) -> str:
    """The ticks and labels of the time axis: the same on every term chart whose y axis is as wide,
    so made once for each width (a few) instead of once a chart."""
    made = axis.drawn.get((left, band, base))
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
        made = axis.drawn[(left, band, base)] = "".join(parts)
    return made
