"""Officials, countries and roles of ninety invented VNA-style articles (`tests/fixtures/unseen/`):
foreign leaders of every region with their naming customs, Vietnamese officials with long titles,
lists, honorifics, short forms and people named only by their title. The first forty were written
before the rules they broke were fixed, the other fifty afterwards, a few at a time, as checks on
new text (and what they broke fixed in turn).
`bench/officials_score.py` prints the same figures over the folder.

`KNOWN_GAPS` lists the articles not yet right; each is a strict expected failure, so fixing one
makes the test fail until it is removed from the list.
"""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, bench_module
from news_digest.cli import extraction_record
from news_digest.posts.importer import process_seed
from news_digest.tagging.name_rules import expand, name_rules

officials_score = bench_module("officials_score")

UNSEEN = FIXTURES / "unseen"
ARTICLES = sorted(path.stem for path in (UNSEEN / "gold").glob("*.json"))
KNOWN_GAPS: set[str] = set()


def _record(name: str) -> tuple[dict, dict]:
    item = process_seed(str(UNSEEN / "raw" / f"{name}.txt"))
    assert item.error is None, item.error
    gold = json.loads((UNSEEN / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    return extraction_record(name, item.article, item.tags), gold


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=[pytest.mark.xfail(strict=True, reason="known gap")]) if n in KNOWN_GAPS else n
        for n in ARTICLES
    ],
)
def test_officials_countries_and_roles(name: str) -> None:
    record, gold = _record(name)
    forms = {form: names.split(" | ")[0] for names in gold["officials"] for form in names.split(" | ")}
    assert sorted(forms.get(n, n) for n in record["officials"]) == sorted(
        names.split(" | ")[0] for names in gold["officials"]
    )
    assert record["country_codes"] == gold["country_codes"]
    rules, judged = name_rules(), gold.get("official_titles", {})
    wrong = {
        person: role
        for person, role in record["official_titles"].items()
        if person in judged and expand(role, rules) not in {expand(r, rules) for r in judged[person]}
    }
    assert not wrong


def test_scores_over_the_folder() -> None:
    """The figures the project is held to: officials F1 0.97, countries F1 0.99, no wrong role."""
    score = officials_score.score_folder(UNSEEN / "raw", UNSEEN / "gold")
    assert score.officials.scores()[2] >= 0.97, score.lines
    assert score.countries.scores()[2] >= 0.99, score.lines
    assert not score.wrong_roles
