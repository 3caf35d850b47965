"""The site built from the five samples is the expected site, file for file and byte for byte
(the search index's files too). A change to any page shows here; when it is wanted, `make
golden` writes the expected site anew and the diff is reviewed like code."""

from __future__ import annotations

from pathlib import Path

import pytest
from expected_site import EXPECTED, differences, site_files


def test_the_build_is_the_expected_site(built_site: Path) -> None:
    if not EXPECTED.is_dir():
        pytest.fail(f"no expected site at {EXPECTED}: run `make golden`", pytrace=False)
    found = differences(site_files(built_site / "output"), site_files(EXPECTED))
    assert not found, (
        "the site differs from tests/fixtures/expected-site (make golden, if wanted):\n" + "\n".join(found)
    )


def test_one_changed_page_is_a_difference() -> None:
    expected = site_files(EXPECTED)
    page = next(name for name in expected if name.endswith(".html"))
    built = {**expected, page: expected[page].replace(b"</main>", b"<p>one more line</p></main>")}
    assert built[page] != expected[page]
    found = differences(built, expected)
    assert f"changed: [{page!r}]" in found
    assert any(line == "+<p>one more line</p></main>" or "one more line" in line for line in found)
    assert differences(expected, expected) == []
