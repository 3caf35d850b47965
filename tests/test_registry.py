"""`news-digest people candidates` / `people add NAME` (`news_digest.registry`): an editor adds a
person found in the seeds to people.toml in one command, in the file's own format."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from conftest import EXAMPLES_DIR
from news_digest.cli import main
from news_digest.registry import default_registry


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """Two example articles: 07 names Esteban Lazo Hernández (not in the registry) and 08 three
    Mozambican officials who are not either."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("07.txt", "08.txt"):
        shutil.copy(EXAMPLES_DIR / "raw" / name, folder / name)
    return folder


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "people.toml"
    shutil.copy(default_registry(), path)
    return path


def test_candidates_list_people_not_in_the_registry(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["people", "candidates", "--seeds", str(seeds), "--json"]) == 0
    rows = {row["name"]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["Esteban Lazo Hernández"]["country"] == "CU"
    assert rows["Esteban Lazo Hernández"]["titles"] == [
        "President of the National Assembly of People’s Power of Cuba"
    ]
    assert rows["Esteban Lazo Hernández"]["articles"] == ["seeds/07.txt"]
    assert "Veronica Nataniel Macamo Dlhovo" in rows
    # Registry people are not candidates.
    assert "Vuong Dinh Hue" not in rows


def test_add_appends_an_entry_in_the_files_format(
    seeds: Path, registry: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = registry.read_text("utf-8")
    assert (
        main(["people", "add", "Esteban Lazo Hernández", "--seeds", str(seeds), "--registry", str(registry)])
        == 0
    )
    after = registry.read_text("utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        "\n[[person]]\n"
        'name = "Esteban Lazo Hernández"\n'
        'country = "CU"\n'
        'name_order = "western"\n'
        "aliases = []\n"
        'roles = ["President of the National Assembly of People’s Power of Cuba"]\n'
    )
    people = tomllib.loads(after)["person"]
    assert people[-1]["name"] == "Esteban Lazo Hernández"


def test_the_added_person_is_no_longer_a_candidate_and_cannot_be_added_twice(
    seeds: Path, registry: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["people", "add", "Esteban Lazo Hernández", "--seeds", str(seeds), "--registry", str(registry)]
    assert main(args) == 0
    written = registry.read_text("utf-8")
    assert main(args) == 1
    assert "already in the registry" in capsys.readouterr().err
    assert registry.read_text("utf-8") == written


def test_a_name_the_seeds_do_not_give_is_refused_unless_forced(
    seeds: Path, registry: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = registry.read_text("utf-8")
    args = ["people", "add", "Jane Invented", "--seeds", str(seeds), "--registry", str(registry)]
    assert main(args) == 1
    assert registry.read_text("utf-8") == before
    assert main([*args, "--force", "--country", "FR", "--role", "Ambassador"]) == 0
    person = tomllib.loads(registry.read_text("utf-8"))["person"][-1]
    assert person == {
        "name": "Jane Invented",
        "country": "FR",
        "name_order": "western",
        "aliases": [],
        "roles": ["Ambassador"],
    }


def test_an_unknown_country_code_is_refused(seeds: Path, registry: Path) -> None:
    before = registry.read_text("utf-8")
    args = ["people", "add", "Jane Invented", "--force", "--country", "QQ", "--registry", str(registry)]
    assert main([*args, "--seeds", str(seeds)]) == 1
    assert registry.read_text("utf-8") == before
