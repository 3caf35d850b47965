"""The chart code that does less work than pygal's own, checked against pygal: the same bytes."""

from __future__ import annotations

from types import MethodType

from news_digest.site.chart_pygal import pygal_config
from news_digest.site.world_map import _indexed_plot
from pygal_maps_world.i18n import COUNTRIES
from pygal_maps_world.maps import World


def test_the_indexed_world_map_is_pygals_own() -> None:
    """world_map._indexed_plot finds each country in an index instead of searching the map: the
    SVG must be pygal's, byte for byte, with every country coloured and linked (a check that a
    new pygal has not changed the `_plot` it copies)."""

    def render(indexed: bool) -> str:
        chart = World(width=800, height=449, **pygal_config())
        chart.uuid = "world"
        if indexed:
            chart._plot = MethodType(_indexed_plot, chart)
        values = [
            {"value": (code, n + 1), "xlink": {"href": f"{code}/"}, "style": "fill: red"}
            for n, code in enumerate(sorted(COUNTRIES))
        ]
        chart.add("Articles", values)
        chart.add("Unlinked", [("vn", 3), ("fr", None)])
        return chart.render(is_unicode=True)

    assert render(indexed=True) == render(indexed=False)
