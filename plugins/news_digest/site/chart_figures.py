"""What a picture is for the templates (`_charts.html`): its SVG, caption, table rows and legend."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup


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
