"""The README documents every plugin setting and every `news-digest` command (as datasette does)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import copy_project, run_pelican
from news_digest.cli import build_parser
from news_digest.settings import DEFAULTS, settings_table

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", README, flags=re.MULTILINE))
    assert set(DEFAULTS) <= documented, f"undocumented settings: {sorted(set(DEFAULTS) - documented)}"


def test_the_settings_table_is_the_one_settings_py_declares() -> None:
    assert settings_table() in README, "README's table of settings differs: paste settings_table()"


def build_with(tmp_path: Path, line: str):
    """A build of the project whose pelicanconf.py ends with `line`."""
    project = copy_project(tmp_path / "project")
    conf = project / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return run_pelican(project)


def test_an_unknown_setting_stops_the_build_naming_it(tmp_path: Path) -> None:
    result = build_with(tmp_path, 'NEWS_DIGEST["FEED_MAX_ITEM"] = 3')
    assert result.returncode != 0
    assert "unknown NEWS_DIGEST setting(s): FEED_MAX_ITEM" in result.stdout + result.stderr


def test_every_command_is_documented() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for command in commands:
        assert f"news-digest {command}" in README, f"`news-digest {command}` is not in the README"


def test_readme_gives_the_two_commands() -> None:
    assert "make html" in README and "make test" in README


def test_a_retired_setting_is_ignored_with_a_warning_naming_it(tmp_path: Path) -> None:
    result = build_with(tmp_path, 'NEWS_DIGEST["SEARCH_SHARD_PAGES"] = 2000')
    assert result.returncode == 0, result.stdout + result.stderr
    assert "NEWS_DIGEST['SEARCH_SHARD_PAGES'] is no longer used" in " ".join(
        (result.stdout + result.stderr).split()
    )
