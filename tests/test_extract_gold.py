"""`news-digest extract` (the real command) against the gold extraction of the five samples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, load_gold

GOLD = load_gold()
SEEDS = sorted(GOLD)

# Field groups compared exactly with the gold, one test per seed per group.
FIELD_GROUPS = {
    "title": ("title",),
    "lead": ("lead",),
    "dateline": ("dateline", "source"),
    "paragraphs": ("paragraphs",),
    "captions": ("captions",),
    "countries": ("countries", "country_codes"),
    "organisations": ("organisations",),
    "officials": ("officials",),
}


@pytest.fixture(scope="module")
def cli_run() -> subprocess.CompletedProcess:
    """One run of the command over every sample, as an editor types it (paths relative to the folder)."""
    args = [f"samples/{seed}" for seed in SEEDS]
    return subprocess.run(
        [sys.executable, "-m", "news_digest.cli", "extract", *args],
        cwd=FIXTURES,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def extracted(cli_run: subprocess.CompletedProcess) -> dict[str, dict]:
    records = [json.loads(line) for line in cli_run.stdout.splitlines() if line.strip()]
    return {Path(r["source_file"]).name: r for r in records}


def test_one_json_line_per_file_in_input_order(cli_run: subprocess.CompletedProcess) -> None:
    assert cli_run.returncode == 0, cli_run.stderr
    records = [json.loads(line) for line in cli_run.stdout.splitlines()]
    assert [r["source_file"] for r in records] == [f"samples/{seed}" for seed in SEEDS]
    assert not [r for r in records if "error" in r]


@pytest.mark.parametrize("group", FIELD_GROUPS)
@pytest.mark.parametrize("seed", SEEDS)
def test_fields_match_gold(extracted: dict[str, dict], seed: str, group: str) -> None:
    record, expected = extracted[seed], GOLD[seed]
    assert "error" not in record, record.get("error")
    for field in FIELD_GROUPS[group]:
        if field not in expected:
            continue
        assert record[field] == expected[field], f"{seed}: {field}"


@pytest.mark.parametrize("seed", SEEDS)
def test_date_matches_gold(extracted: dict[str, dict], seed: str) -> None:
    record, expected = extracted[seed], GOLD[seed]
    if expected["date"] is not None:
        assert record["date"] == expected["date"]
        assert record["date_confidence"] in ("stated", "inferred")
    else:
        # The text does not give the full date: never invent one, never claim it is stated.
        assert record["date"] is None, expected.get("date_basis")
        assert record["date_confidence"] != "stated"


@pytest.mark.parametrize("seed", SEEDS)
def test_date_confidence_is_consistent_with_date(extracted: dict[str, dict], seed: str) -> None:
    record = extracted[seed]
    assert record["date_confidence"] in ("stated", "inferred", "unknown")
    assert (record["date"] is None) == (record["date_confidence"] == "unknown")
