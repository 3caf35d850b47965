"""`news-digest extract` on the fourteen real example articles, field by field, against their gold.

The examples are real articles nobody here wrote (tests/fixtures/examples, a copy of
shared/examples): the rules are written for the structure of a VNA page, and these are the
golden check that they hold. `KNOWN_GAPS` lists the (example, field) pairs not yet right; each is
a strict expected failure, so fixing one makes the test fail until it is removed from the list.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES_DIR, load_example_gold

GOLD = load_example_gold()
EXAMPLES = sorted(GOLD)
FIELDS = (
    "title",
    "lead",
    "dateline",
    "date",
    "paragraphs",
    "captions",
    "countries",
    "country_codes",
    "organisations",
    "officials",
    "official_aliases",
)
# Pairs that do not match yet; remove a pair when it is fixed (strict xfail says so).
KNOWN_GAPS = {
    ("01.txt", "date"),
}
# Examples given a date their text does not give (the worst gap: a false fact on the site).
KNOWN_INVENTED_DATES: set[str] = set()


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    """One run of the real command over every example, from the folder of the raw files."""
    result = subprocess.run(
        [sys.executable, "-m", "news_digest.cli", "extract", *EXAMPLES],
        cwd=EXAMPLES_DIR / "raw",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [r["source_file"] for r in records] == EXAMPLES
    return {r["source_file"]: r for r in records}


def _cases() -> list:
    return [
        pytest.param(
            example,
            field,
            marks=[pytest.mark.xfail(strict=True, reason="known gap")]
            if (example, field) in KNOWN_GAPS
            else [],
            id=f"{example}-{field}",
        )
        for example in EXAMPLES
        for field in FIELDS
    ]


@pytest.mark.parametrize(("example", "field"), _cases())
def test_field_matches_gold(extracted: dict[str, dict], example: str, field: str) -> None:
    record, expected = extracted[example], GOLD[example]
    assert "error" not in record, record.get("error")
    assert record[field] == expected[field], expected.get("date_basis") if field == "date" else None


@pytest.mark.parametrize(
    "example",
    [
        pytest.param(e, marks=[pytest.mark.xfail(strict=True, reason="known gap")])
        if e in KNOWN_INVENTED_DATES
        else e
        for e in EXAMPLES
    ],
)
def test_no_invented_date(extracted: dict[str, dict], example: str) -> None:
    """A date the gold says the text does not give is never output, and never called stated."""
    record, expected = extracted[example], GOLD[example]
    if expected["date"] is None:
        assert record["date"] is None, expected.get("date_basis")
        assert record["date_confidence"] == "unknown"
    elif record["date"] is not None:
        assert record["date"] == expected["date"], expected.get("date_basis")
