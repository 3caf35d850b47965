"""pygal's SVG made static and stable, in our colours: the style and options of our pygal charts,
and the clean-up of what pygal renders (no script, no comment, no random id; our <title>).

No script reaches the browser: pygal's tooltip script and configuration are removed, and so are
its comments (they carry the day's date) and its random ids, so that the same content gives the
same bytes. Colours are CSS variables (`--chart-*`, theme/static/css/charts.css), so that the one
inline SVG is right in light and in dark mode.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

FONT = 15  # in SVG user units (see charts.py for the sizes)


def pygal_style(**extra: Any) -> Any:
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


def pygal_config(**extra: Any) -> dict[str, Any]:
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
    # Coordinates to two decimals: a tenth of the size, the same picture. Splitting on the pattern
    # keeps its group and drops the rest of each match: `sub(r"\1")`, at less than half the cost.
    return Markup("".join(_LONG_FLOAT.split(text)))


def title_child(node: ET.Element, text: str) -> None:
    title = ET.Element(f"{{{SVG_NS}}}title")
    title.text = text
    node.insert(0, title)
