"""Incremental builds: only pages whose inputs changed are written again, and the result is what a
build from scratch gives (plugins/news_digest/site/incremental.py).

The ledger is tested on its own, then with real Pelican builds in temporary copies of the
project: nothing changed, one seed added, one seed edited, a template edited, a lost cache.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from conftest import SAMPLES_DIR
from news_digest.site.incremental import Ledger
from test_determinism import SEARCH_INDEX, build, differences, make_project, tree

ADDED = "002_880e166ddbea81c7.txt"  # a real seed, added to a site built without it
EDITED = "004_7e1cebe2f3b09a14.txt"
STATIC = "theme"  # Pelican copies the theme's static files on every build


# -- the ledger on its own -------------------------------------------------------------------


def writer(output: Path, ledger: Ledger, name: str, text: str, calls: list[str]):
    def write() -> None:
        calls.append(name)
        target = output / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        ledger.wrote(target)

    return write


def run(output: Path, cache: Path, pages: dict[str, tuple[object, str]], salt: str = "s") -> list[str]:
    """One 'build' of `pages` (file name -> (inputs, text)); the names actually written."""
    ledger = Ledger.open(output, cache, salt)
    calls: list[str] = []
    for name, (inputs, text) in pages.items():
        ledger.page(name, inputs, writer(output, ledger, name, text, calls))
    ledger.sweep()
    ledger.save()
    return calls


def test_a_page_with_the_same_inputs_is_not_written_again(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    pages = {"a/index.html": (("a", 1), "A"), "b/index.html": (("b", 1), "B")}
    assert run(out, cache, pages) == ["a/index.html", "b/index.html"]
    assert run(out, cache, pages) == []
    pages["b/index.html"] = (("b", 2), "B2")
    assert run(out, cache, pages) == ["b/index.html"]
    assert (out / "b/index.html").read_text() == "B2"


def test_a_page_without_inputs_is_always_written(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    pages = {"always.html": (None, "x")}
    assert run(out, cache, pages) == ["always.html"]
    assert run(out, cache, pages) == ["always.html"]


def test_a_missing_file_or_another_salt_writes_the_page_again(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    pages = {"a.html": ("a", "A"), "b.html": ("b", "B")}
    run(out, cache, pages)
    (out / "a.html").unlink()
    assert run(out, cache, pages) == ["a.html"]
    assert run(out, cache, pages, salt="templates changed") == ["a.html", "b.html"]


def test_files_of_pages_that_are_gone_are_removed_with_their_empty_folders(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    run(out, cache, {"2025/09/x/index.html": ("x", "X"), "2025/08/y/index.html": ("y", "Y")})
    run(out, cache, {"2025/08/y/index.html": ("y", "Y")})
    assert not (out / "2025/09").exists()
    assert (out / "2025/08/y/index.html").is_file()
    ledger = json.loads((cache / "news-digest-pages.json").read_text())
    assert list(ledger["pages"]) == ["2025/08/y/index.html"]


def test_the_ledger_of_another_output_folder_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run(tmp_path / "one", cache, {"a.html": ("a", "A")})
    shutil.copytree(cache, tmp_path / "cache-copy")  # opening a ledger marks a build in progress
    assert not Ledger.open(tmp_path / "two", cache, "s").had_ledger
    assert Ledger.open(tmp_path / "one", tmp_path / "cache-copy", "s").had_ledger


# -- real builds -----------------------------------------------------------------------------


def stamps(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(STATIC + "/")
    }


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name in before.keys() & after.keys() if before[name] != after[name]}


def article_pages(files: dict[str, bytes]) -> set[str]:
    """`<year>/<month>/<slug>/index.html`, and `undated/<slug>/index.html` (no date in the text)."""
    dated = {n for n in files if n[:4].isdigit() and n.endswith("/index.html") and n.count("/") == 3}
    return dated | {n for n in files if n.startswith("undated/") and n.count("/") == 2}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A site built without one seed, rebuilt unchanged, then with the seed added; fresh builds."""
    project = make_project(tmp_path_factory.mktemp("incremental"), skip=(ADDED,))
    first = tree(build(project))
    stamps_first = stamps(project / "output")
    time.sleep(0.05)
    warm = tree(build(project))
    stamps_warm = stamps(project / "output")
    shutil.copyfile(SAMPLES_DIR / ADDED, project / "seeds" / ADDED)
    time.sleep(0.05)
    added = tree(build(project))
    stamps_added = stamps(project / "output")
    fresh = tree(build(make_project(tmp_path_factory.mktemp("fresh-all"))))
    return {
        "project": project,
        "first": first,
        "warm": warm,
        "added": added,
        "fresh": fresh,
        "stamps": (stamps_first, stamps_warm, stamps_added),
    }


def test_a_build_with_nothing_changed_writes_nothing(sites) -> None:
    first, warm, _added = sites["stamps"]
    assert rewritten(first, warm) == set(), "files were written again although nothing changed"
    assert first.keys() == warm.keys()
    assert sites["first"] == sites["warm"]


def test_adding_a_seed_gives_the_site_a_fresh_build_gives(sites) -> None:
    assert differences(sites["added"], sites["fresh"]) == []


def test_adding_a_seed_rewrites_only_pages_that_change(sites) -> None:
    _first, warm, added = sites["stamps"]
    before, after = sites["warm"], sites["added"]
    again = rewritten(warm, added)
    same_bytes = {n for n in again if before[n] == after[n]}
    assert same_bytes == set(), "pages were rendered again with nothing new to show"
    kept = article_pages(after) - again
    assert kept, "every article page was written again"
    assert len(article_pages(after)) == len(article_pages(before)) + 1


def test_adding_a_seed_rewrites_only_the_search_files_that_change(sites) -> None:
    def index(files: dict[str, bytes]) -> dict[str, bytes]:
        return {n: d for n, d in files.items() if n.startswith(SEARCH_INDEX + "/")}

    before, after = index(sites["warm"]), index(sites["added"])
    assert json.loads(after[SEARCH_INDEX + "/index.json"])["documents"] == len(article_pages(sites["added"]))
    _first, warm, added = sites["stamps"]
    again = rewritten(warm, added) & after.keys()
    assert again, "the search index was not updated"
    assert not [n for n in again if n in before and before[n] == after[n]], "search files rewritten unchanged"


def test_editing_a_seed_or_a_template_gives_what_a_fresh_build_gives(
    sites, tmp_path_factory: pytest.TempPathFactory
) -> None:
    project: Path = sites["project"]
    seed = project / "seeds" / EDITED
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Vietnam", "Viet Nam", 3), encoding="utf-8")
    base = project / "theme" / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("Skip to content", "Skip to the text"))
    after = tree(build(project))

    fresh = make_project(tmp_path_factory.mktemp("fresh-edited"))
    shutil.copyfile(seed, fresh / "seeds" / EDITED)
    shutil.copyfile(base, fresh / "theme" / "templates" / "base.html")
    assert differences(after, tree(build(fresh))) == []
    pages = [name for name in after if name.endswith(".html")]
    assert all(b"Skip to the text" in after[name] for name in pages), "a page kept the old template"


def test_without_its_ledger_a_build_starts_from_an_empty_output(sites) -> None:
    project: Path = sites["project"]
    shutil.rmtree(project / "cache")
    stray = project / "output" / "2020" / "01" / "left-over" / "index.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("<p>from an older build</p>", encoding="utf-8")
    build(project)
    assert not stray.exists()
    assert not (project / "output" / "2020").exists()
