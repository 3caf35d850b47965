"""`make publish` (publishconf.py) never writes a placeholder address: without SITEURL it stops."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import copy_project, run_pelican, sample_seeds


def test_publish_without_siteurl_stops_and_says_how(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SITEURL", raising=False)
    project = copy_project(tmp_path / "project")
    result = run_pelican(project, settings="publishconf.py")
    assert result.returncode != 0
    assert "SITEURL is not set" in result.stdout + result.stderr
    assert not (project / "output" / "feeds").exists()


def test_publish_uses_the_given_siteurl_everywhere(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITEURL", "https://digest.example.test/sub/")
    project = copy_project(tmp_path / "project")
    result = run_pelican(project, settings="publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    output = project / "output"
    feed = (output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "https://digest.example.test/sub/" in feed
    for folder, _, names in os.walk(output):
        for name in names:
            if name.endswith((".html", ".xml", ".txt")):
                text = Path(folder, name).read_text(encoding="utf-8", errors="replace")
                assert "example.org" not in text, Path(folder, name)


def test_publish_builds_the_projects_own_seeds_with_its_own_settings(tmp_path: Path, monkeypatch) -> None:
    """publishconf.py imports pelicanconf.py: the one beside it, whose seeds are its folder's."""
    monkeypatch.setenv("SITEURL", "https://digest.example.test/")
    project = copy_project(tmp_path / "project", seeds=sample_seeds()[:2])
    result = run_pelican(project, settings="publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((project / "import-report.json").read_text(encoding="utf-8"))
    assert [entry["seed"] for entry in report["published"]] == [f"seeds/{s.name}" for s in sample_seeds()[:2]]
