"""What holds for any seeds an editor pushes: the real `seeds/` folder, whatever it holds, and the
five samples with the fourteen real examples added (as an editor adding articles would).

Each set is built in a temporary copy of the project. Only what is true of every input is
checked: every file is accounted for in the report, the site builds, every article published
has its page, no internal link is broken, every feed parses.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from pathlib import Path

import feedparser
import pytest
from conftest import PROJECT_ROOT, build_copy, example_seeds, sample_seeds
from test_html import broken_references


def editor_seeds(dest: Path) -> list[Path]:
    """A copy of the real seeds/ (links kept as links: they must be rejected, not followed)."""
    source = PROJECT_ROOT / "seeds"
    if source.is_dir():
        shutil.copytree(source, dest, symlinks=True)
    else:
        dest.mkdir()
    return sorted(dest.iterdir())


@pytest.fixture(scope="module", params=["editor", "examples"])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if request.param == "editor":
        seeds = editor_seeds(tmp_path_factory.mktemp("editor-seeds") / "seeds")
    else:
        seeds = [*sample_seeds(), *example_seeds()]
    return build_copy(tmp_path_factory.mktemp(f"site-{request.param}"), seeds=seeds)


def report(project: Path) -> dict:
    return json.loads((project / "import-report.json").read_text(encoding="utf-8"))


def test_every_seed_file_is_accounted_for(project: Path) -> None:
    data = report(project)
    on_disk = sorted(
        Path(folder, name).relative_to(project).as_posix()
        for folder, _, names in os.walk(project / "seeds")
        for name in names
    )
    listed = sorted(e["seed"] for key in ("published", "duplicates", "rejected") for e in data[key])
    assert listed == on_disk


def test_every_published_article_has_its_page(project: Path) -> None:
    for entry in report(project)["published"]:
        page = project / "output" / entry["url"] / "index.html"
        assert page.is_file(), entry
        assert entry["title"] in html.unescape(page.read_text(encoding="utf-8"))


def test_no_broken_internal_reference(project: Path) -> None:
    assert broken_references(project / "output") == []


def test_every_feed_parses(project: Path) -> None:
    feeds = sorted((project / "output" / "feeds").rglob("*.xml"))
    assert feeds or not report(project)["published"]
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"


def test_examples_are_all_published(project: Path) -> None:
    """With the examples added, every one of them is on the site (none lost, none merged)."""
    if not (project / "seeds" / "01.txt").exists():
        pytest.skip("only for the set with the examples")
    published = {Path(e["seed"]).name for e in report(project)["published"]}
    assert {p.name for p in [*sample_seeds(), *example_seeds()]} <= published
