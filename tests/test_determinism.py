"""Re-runs: the same input gives byte-identical output; a removed seed takes its pages with it.

Real Pelican builds in temporary copies of the project (plugins, theme, settings, seeds),
with the five real seeds plus corpus files that exercise duplicates, title clashes,
unknown dates, odd encodings and hostile text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import build_project, copy_project, sample_seeds

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "bad_inputs"
EXTRA_SEEDS = [
    "cp1252.txt",
    "utf16-bom.txt",
    "zero-width-and-nbsp.txt",
    "no-dateline.txt",
    "no-end-marker.txt",
    "Bản tin ngoại giao số 1.txt",
    "duplicate-1 original.txt",
    "duplicate-2 identical copy.txt",
    "duplicate-3 other noise and teasers.txt",
    "rescrape-1 first.txt",
    "rescrape-2 corrected.txt",
    "same-title-1.txt",
    "same-title-2.txt",
    "hostile-markup.txt",
    "empty.txt",
]
REMOVED = "000_b614b422e6aefc18.txt"  # the only September 2025 article: its digest month goes too
SEARCH_INDEX = "search/data"


def make_project(target: Path, skip: tuple[str, ...] = ()) -> Path:
    corpus = [CORPUS / name for name in EXTRA_SEEDS]
    return copy_project(target, seeds=[s for s in [*sample_seeds(), *corpus] if s.name not in skip])


LOGS: dict[Path, str] = {}


def build(project: Path) -> Path:
    output = build_project(project)
    LOGS[project] = (project / "build.log").read_text(encoding="utf-8")
    return output


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (Pelican's cache/ is outside output/)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    only = sorted(set(a) ^ set(b))
    changed = sorted(name for name in set(a) & set(b) if a[name] != b[name])
    return [f"only in one: {n}" for n in only] + [f"differs: {n}" for n in changed]


def without(files: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not name.startswith(prefix + "/")}


def only(files: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if name.startswith(prefix + "/")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Build A, a fresh copy B in another folder, then A again over its own output."""
    first = make_project(tmp_path_factory.mktemp("first"))
    second = make_project(tmp_path_factory.mktemp("second"))
    a1 = tree(build(first))
    posts1 = tree(first / "content")
    b = tree(build(second))
    a2 = tree(build(first))
    return {"first": first, "second": second, "a1": a1, "b": b, "a2": a2, "posts1": posts1}


def test_output_is_not_empty_and_holds_no_report(builds) -> None:
    a1 = builds["a1"]
    assert "index.html" in a1
    assert sum(name.endswith("/index.html") for name in a1) > 20
    assert not [name for name in a1 if "import-report" in name], "the import report is not published"


def test_build_says_what_became_of_the_seeds(builds) -> None:
    log = " ".join(LOGS[builds["second"]].split())
    assert "rejected seeds/empty.txt: empty or whitespace-only file" in log


def test_build_prints_the_summary_counts_and_duplicates(builds) -> None:
    log = " ".join(LOGS[builds["second"]].split())
    assert "published," in log and "duplicates," in log
    assert "duplicate seeds/duplicate-2 identical copy.txt -> seeds/duplicate-1 original.txt" in log


def test_two_fresh_builds_are_byte_identical(builds) -> None:
    assert differences(builds["a1"], builds["b"]) == []


def test_rebuilding_in_place_is_byte_identical(builds) -> None:
    assert differences(builds["a1"], builds["a2"]) == []


def test_search_index_is_byte_identical(builds) -> None:
    assert only(builds["a1"], SEARCH_INDEX)
    assert differences(only(builds["a1"], SEARCH_INDEX), only(builds["b"], SEARCH_INDEX)) == []
    assert differences(only(builds["a1"], SEARCH_INDEX), only(builds["a2"], SEARCH_INDEX)) == []


def test_posts_are_identical_and_not_rewritten(builds) -> None:
    assert differences(builds["posts1"], tree(builds["second"] / "content")) == []
    assert differences(builds["posts1"], tree(builds["first"] / "content")) == []


def test_no_build_timestamp_in_the_output(builds) -> None:
    import datetime as dt

    today = dt.date.today()
    stamps = {today.isoformat(), f"{today:%d %b %Y}", f"{today:%a, %d %b %Y}"}
    for name, data in builds["a1"].items():
        text = data.decode("utf-8", "replace")
        assert not [s for s in stamps if s in text], f"{name} holds today's date"


@pytest.fixture(scope="module")
def removal(builds, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Project A with one seed removed and rebuilt in place; a fresh build without that seed."""
    first = tmp_path_factory.mktemp("removal") / "project"
    shutil.copytree(builds["first"], first, symlinks=True)  # output, posts, cache and all
    (first / "seeds" / REMOVED).unlink()
    after = tree(build(first))
    fresh = make_project(tmp_path_factory.mktemp("fresh"), skip=(REMOVED,))
    return {"first": first, "after": after, "fresh": tree(build(fresh))}


def removed_url(builds) -> str:
    import json

    report = json.loads((builds["second"] / "import-report.json").read_text(encoding="utf-8"))
    return next(e["url"] for e in report["published"] if e["seed"].endswith(REMOVED))


def test_removed_seed_takes_its_post_and_every_link_to_it(builds, removal) -> None:
    url = removed_url(builds)
    first: Path = removal["first"]
    assert not [p for p in (first / "content").rglob("*.md") if url.rstrip("/").split("/")[-1] in p.name]
    linking = [
        name
        for name, data in without(removal["after"], SEARCH_INDEX).items()
        if name in removal["fresh"] and url in data.decode("utf-8", "replace")
    ]
    assert linking == [], "pages of the site still link to the removed article"
    assert not [name for name in removal["fresh"] if name.startswith(url)]


def test_removed_seed_takes_every_page_only_it_fed(builds, removal) -> None:
    url = removed_url(builds)
    after, fresh = removal["after"], removal["fresh"]
    assert not [name for name in after if name.startswith(url)], "the article page is gone"
    assert not [name for name in after if name.startswith("digest/2025-09/")], "the month only it fed is gone"
    assert differences(after, fresh) == []
