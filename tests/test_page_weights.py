"""Page weights on the long archive (conftest.archive_site): listings are paginated or trimmed, so
no page but an article's own grows with the archive (issue 16); the budgets of issue 20."""

from __future__ import annotations

from pathlib import Path

HOME_MAX = 80_000
COUNTRIES_MAX = 150_000
LISTING_MAX = 300_000


def test_home_and_countries_stay_light(archive_site: Path) -> None:
    output = archive_site / "output"
    assert (output / "index.html").stat().st_size <= HOME_MAX
    # The world map is a file of its own, beside the page.
    assert (output / "countries" / "index.html").stat().st_size <= COUNTRIES_MAX
    assert (output / "countries" / "world.svg").is_file()


def test_no_listing_page_is_heavy(archive_site: Path) -> None:
    output = archive_site / "output"
    heavy = []
    for page in output.rglob("*.html"):
        parts = page.relative_to(output).parts
        is_article = len(parts) == 4 and parts[0].isdigit() and parts[2] != "page"
        if not is_article and page.stat().st_size > LISTING_MAX:
            heavy.append((page.relative_to(output).as_posix(), page.stat().st_size))
    assert heavy == []


def test_only_the_flags_shown_are_shipped_with_their_licence(archive_site: Path) -> None:
    flags = archive_site / "output" / "theme" / "flags"
    countries = {p.parent.name for p in (archive_site / "output" / "countries").glob("*/index.html")}
    shipped = {p.stem for p in flags.glob("*.svg")}
    assert (flags / "LICENSE").is_file()
    assert 0 < len(shipped) <= len(countries)
