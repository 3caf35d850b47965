"""Identity: a seed with the same `URL:` header as another (http or https, a trailing slash apart)
is the same story, and its page keeps its URL when a re-scrape corrects the title (posts.py
`url_slug`, import_plan.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from news_digest.posts.importer import import_seeds
from news_digest.posts.render import url_slug

STORY = "https://en.vietnamplus.vn/vietnam-laos-boost-railway-cooperation-post301234.vnp"


def article(title: str, url: str, extra: str = "") -> str:
    return (
        f"URL: {url}\n{title}\nThe two sides agreed on a railway link.\n"
        f"Vientiane (VNA) – Vietnam and Laos agreed on May 4, 2025 to build a railway link.{extra}\n"
        "Both sides will study the route./.\n"
    )


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        (STORY, "vietnam-laos-boost-railway-cooperation"),
        (
            "http://en.vietnamplus.vn/vietnam-laos-boost-railway-cooperation-post301234.vnp/",
            "vietnam-laos-boost-railway-cooperation",
        ),
        ("https://vietnam.vn/en/pm-meets-us-ambassador-12345.html", "pm-meets-us-ambassador"),
        ("https://en.vietnamplus.vn/a%C3%A9roport-de-hanoi-ouvert/", "aeroport-de-hanoi-ouvert"),
        ("https://link.example/?id=123", None),  # nothing that reads as a title
        ("https://en.vietnamplus.vn/headers-only", None),  # two words: too little to be a title
        ("", None),
    ],
)
def test_the_slug_of_a_source_url(url: str, slug: str | None) -> None:
    assert url_slug(url) == slug


def run_import(project: Path) -> dict:
    import_seeds(project / "seeds", project / "posts", project / "report.json")
    return json.loads((project / "report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "rescrape_url",
    [STORY, STORY.replace("https://", "http://"), STORY + "/", STORY.replace("https://", "http://") + "/"],
)
def test_a_rescrape_that_corrects_the_title_keeps_the_url(tmp_path: Path, rescrape_url: str) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "b-first.txt").write_text(article("Vietnam, Laos boost railway coperation", STORY), "utf-8")
    before = run_import(tmp_path)
    [old] = before["published"]
    corrected = article("Vietnam, Laos boost railway cooperation", rescrape_url, " It was signed.")
    for name in ("a-rescrape.txt", "c-rescrape.txt"):  # before or after the first in name order
        (seeds / name).write_text(corrected, "utf-8")
        after = run_import(tmp_path)
        [new] = after["published"]
        assert (new["url"], new["post"]) == (old["url"], old["post"])
        assert len(after["duplicates"]) == 1
        (seeds / name).unlink()
    assert old["url"] == "2025/05/vietnam-laos-boost-railway-cooperation/"


def test_two_stories_with_the_same_title_and_other_urls_stay_two(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    title = "Vietnam, Laos boost railway cooperation"
    (seeds / "a.txt").write_text(article(title, STORY), "utf-8")
    other = "https://en.vietnamplus.vn/vietnam-laos-boost-railway-cooperation-post309999.vnp"
    (seeds / "b.txt").write_text(article(title, other, " A second round of talks."), "utf-8")
    report = run_import(tmp_path)
    assert len(report["published"]) == 2
    assert len({entry["url"] for entry in report["published"]}) == 2
