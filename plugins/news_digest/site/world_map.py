"""The world map (pygal_maps_world `World`) coloured by article count, each country a link; a
file of its own (`countries/world.svg`), shown on /countries/ with the same counts in tables."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from markupsafe import Markup

from news_digest.site.chart_figures import Chart, LegendItem, Row
from news_digest.site.chart_pygal import SVG_NS, finish_svg, pygal_config, pygal_style, serialize, title_child
from news_digest.site.chart_scales import nice_ceiling, plural
from news_digest.site.model import Term

MAP_BINS = 5
# pygal_maps_world's map is 2475 x 1388; south of 1200 there is only Antarctica.
MAP_WIDTH, MAP_HEIGHT, MAP_CROPPED_HEIGHT = 800, 449, 388
TITLE = "Map of the world: countries shaded by the number of articles that name them"


def world_map(countries: Iterable[Term]) -> tuple[Chart, str] | None:
    """The map's chart (an <object> of the file) and the file's text; None without countries."""
    from pygal_maps_world.i18n import COUNTRIES

    terms = sorted(countries, key=lambda t: (-t.count, t.name))
    if not terms:
        return None
    most = max(t.count for t in terms)
    edges = map_bins(most)
    colors = bin_colors(len(edges))
    on_map = [t for t in terms if t.code and t.code.lower() in COUNTRIES]
    root = _map_svg(on_map, edges, colors)
    legend = tuple(
        LegendItem(label, color) for label, color in zip(bin_labels(edges, most), colors, strict=True)
    )
    drawn = {id(t) for t in on_map}
    missing = [t.name for t in terms if id(t) not in drawn]
    note = f"Not drawn on the map: {', '.join(missing)}." if missing else ""
    picture = Markup(
        '<object class="chart-svg map-object" id="chart-world" data="world.svg" '
        'type="image/svg+xml" width="{w}" height="{h}" aria-label="{t}">'
        "<p>{t}: the tables below give the same counts.</p></object>"
    ).format(w=MAP_WIDTH, h=MAP_CROPPED_HEIGHT, t=TITLE)
    chart = Chart(
        id="world",
        kind="map",
        title=TITLE,
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
    return chart, world_document(root)


def _map_svg(on_map: list[Term], edges: list[int], colors: list[str]) -> ET.Element:
    """pygal's map of the countries on it, each shaded and titled, without the sea and Antarctica."""
    from pygal_maps_world.maps import World

    values = [
        {
            "value": (t.code.lower(), t.count),
            # Relative to /countries/, the only page that shows the map.
            "xlink": {"href": t.url.removeprefix("countries/")},
            "style": f"fill: {colors[bin_of(t.count, edges)]}",
        }
        for t in on_map
        if t.code
    ]
    chart = World(
        style=pygal_style(plot_background="var(--chart-land)", foreground_subtle="var(--chart-border)"),
        width=MAP_WIDTH,
        height=MAP_HEIGHT,
        margin=0,
        spacing=0,
        **{k: v for k, v in pygal_config().items() if k not in ("margin", "spacing")},
    )
    chart.uuid = "world"
    chart.add("Articles", values)
    root = finish_svg(chart.render(is_unicode=True), "world", TITLE, keep_links=True)
    by_code = {t.code.lower(): t for t in on_map if t.code}
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
            title_child(node, "Vietnam")
        elif code in by_code:
            term = by_code[code]
            link = parents.get(node)
            target = link if link is not None and link.tag == f"{{{SVG_NS}}}a" else node
            title_child(target, f"{term.name}: {plural(term.count)}")
    return root


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
