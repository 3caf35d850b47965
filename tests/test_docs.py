"""The README documents every plugin setting and every `news-digest` command (as datasette does)."""

from __future__ import annotations

import re
from pathlib import Path

from news_digest.cli import build_parser
from news_digest.settings import DEFAULTS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", README, flags=re.MULTILINE))
    assert set(DEFAULTS) <= documented, f"undocumented settings: {sorted(set(DEFAULTS) - documented)}"


def test_every_command_is_documented() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for command in commands:
        assert f"news-digest {command}" in README, f"`news-digest {command}` is not in the README"


def test_readme_gives_the_two_commands() -> None:
    assert "make html" in README and "make test" in README
