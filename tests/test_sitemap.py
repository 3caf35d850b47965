"""sitemap.xml: one list of every page, or past the protocol's 50,000 URLs an index of several."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from news_digest.site import sitemap
from news_digest.site.sitemap import robots_txt, sitemap_files

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "https://digest.example.org"


def entries(n: int) -> list[tuple[str, str | None]]:
    """n pages; every third without a date."""
    return [
        (f"2025/{i % 12 + 1:02d}/a-{i}/", None if i % 3 == 0 else f"2025-{i % 12 + 1:02d}-01")
        for i in range(n)
    ]


def locs(text: str, tag: str) -> list[str]:
    return [node.text or "" for node in ET.fromstring(text).findall(f"s:{tag}/s:loc", NS)]


def test_the_protocol_limit_is_fifty_thousand() -> None:
    assert sitemap.MAX_URLS == 50_000


@pytest.mark.parametrize("n", [0, 1, 7])
def test_up_to_the_limit_one_file(n: int) -> None:
    files = sitemap_files(entries(n), SITE, limit=7)
    assert list(files) == ["sitemap.xml"]
    root = ET.fromstring(files["sitemap.xml"])
    assert root.tag == f"{{{NS['s']}}}urlset"
    assert locs(files["sitemap.xml"], "url") == [f"{SITE}/{url}" for url, _ in entries(n)]


def test_past_the_limit_an_index_of_parts() -> None:
    pages = entries(17)
    files = sitemap_files(pages, SITE, limit=7)
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    assert locs(files["sitemap.xml"], "sitemap") == [f"{SITE}/sitemap-{i}.xml" for i in (1, 2, 3)]
    parts = [locs(files[f"sitemap-{i}.xml"], "url") for i in (1, 2, 3)]
    assert [len(p) for p in parts] == [7, 7, 3]
    assert [url for part in parts for url in part] == [
        f"{SITE}/{url}" for url, _ in pages
    ]  # every page once, in order
    # Each part's lastmod in the index: the newest of its pages.
    mods = [node.text for node in index.findall("s:sitemap/s:lastmod", NS)]
    assert mods == [max(m for _, m in pages[i : i + 7] if m) for i in (0, 7, 14)]


def test_the_default_limit_is_the_module_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 5)
    assert len(sitemap_files(entries(5), SITE)) == 1
    assert len(sitemap_files(entries(6), SITE)) == 3


def test_lastmod_only_where_there_is_a_date() -> None:
    text = sitemap_files([("a/", "2025-01-02"), ("b/", None)], SITE)["sitemap.xml"]
    assert f"<url><loc>{SITE}/a/</loc><lastmod>2025-01-02</lastmod></url>" in text
    assert f"<url><loc>{SITE}/b/</loc></url>" in text


def test_robots_txt_points_at_sitemap_xml_either_way() -> None:
    assert robots_txt(SITE + "/") == f"User-agent: *\nAllow: /\nSitemap: {SITE}/sitemap.xml\n"


def test_the_built_site_has_one_sitemap_of_its_pages(built_site: Path) -> None:
    output = built_site / "output"
    assert not list(output.glob("sitemap-*.xml"))
    urls = locs((output / "sitemap.xml").read_text(encoding="utf-8"), "url")
    assert len(urls) == len(set(urls)) > 5
    assert (output / "robots.txt").read_text(encoding="utf-8").endswith("/sitemap.xml\n")
