"""`news-digest extract` on articles written in the shapes of real VNA pages that the examples do
not show (tests/fixtures/unseen-extract), field by field, against their gold."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import FIXTURES

UNSEEN_DIR = FIXTURES / "unseen-extract"
GOLD = {
    p.stem + ".txt": json.loads(p.read_text(encoding="utf-8"))
    for p in sorted((UNSEEN_DIR / "gold").glob("*.json"))
}
ARTICLES = sorted(GOLD)
FIELDS = ("title", "lead", "dateline", "date", "paragraphs", "captions")
# (article, field) pairs not right yet; each is a strict expected failure.
KNOWN_GAPS: set[tuple[str, str]] = set()
# Articles given a date their text does not give (the worst gap).
KNOWN_INVENTED_DATES: set[str] = set()


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    """One run of the real command over every article, from the folder of the raw files."""
    result = subprocess.run(
        [sys.executable, "-m", "news_digest.cli", "extract", *ARTICLES],
        cwd=UNSEEN_DIR / "raw",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {r["source_file"]: r for r in records}


def _cases() -> list:
    return [
        pytest.param(
            name,
            field,
            marks=[pytest.mark.xfail(strict=True, reason="known gap")] if (name, field) in KNOWN_GAPS else [],
            id=f"{name}-{field}",
        )
        for name in ARTICLES
        for field in FIELDS
    ]


@pytest.mark.parametrize(("name", "field"), _cases())
def test_field_matches_gold(extracted: dict[str, dict], name: str, field: str) -> None:
    record, expected = extracted[name], GOLD[name]
    assert "error" not in record, record.get("error")
    assert record[field] == expected[field], expected["date_basis"] if field == "date" else None


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=[pytest.mark.xfail(strict=True, reason="known gap")])
        if n in KNOWN_INVENTED_DATES
        else n
        for n in ARTICLES
    ],
)
def test_no_invented_date(extracted: dict[str, dict], name: str) -> None:
    """No date where the gold has none, and never a different one."""
    record, expected = extracted[name], GOLD[name]
    if expected["date"] is None:
        assert (record["date"], record["date_confidence"]) == (None, "unknown"), expected["date_basis"]
    elif record["date"] is not None:
        assert record["date"] == expected["date"], expected["date_basis"]
