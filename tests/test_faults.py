"""Faults: a build killed at any point, a damaged cache or ledger, a file edited outside the build,
two builds at once (incremental.py, import_cache.py, lock.py).

Whatever happened before, the next build gives what a clean build of the same seeds gives. Kills
are real: the build runs in a subprocess that sends itself SIGKILL when a chosen function of the
plugin is called for the n-th time (during the import, the rendering, the search index).
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from news_digest.posts import cache as import_cache
from news_digest.posts.importer import import_seeds
from news_digest.posts.plan import SeedResult
from news_digest.site import incremental, lock
from news_digest.site.incremental import LEDGER_NAME, RUNNING_NAME, Ledger
from test_determinism import SEARCH_INDEX, build, differences, make_project, tree

pytestmark = pytest.mark.skipif(os.name == "nt" or not hasattr(signal, "SIGKILL"), reason="POSIX")

# The build, in a subprocess that kills itself at the `after`+1-th call of `module.function`.
KILLER = """
import os, signal, sys
sys.path.insert(0, "plugins")
import importlib
module_name, function, after = sys.argv[1], sys.argv[2], int(sys.argv[3])
module = importlib.import_module(module_name)
owner_name, _, attr = function.rpartition(".")
owner = getattr(module, owner_name) if owner_name else module
real = getattr(owner, attr)
calls = [0]
def killing(*args, **kwargs):
    calls[0] += 1
    if calls[0] > after:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(owner, attr, killing)
from pelican import main
main(["content", "-o", "output", "-s", "pelicanconf.py"])
"""

# Seeds that change between the builds: removed ones take pages with them, added ones bring some.
FIRST_ONLY = ("000_b614b422e6aefc18.txt", "same-title-1.txt", "rescrape-1 first.txt")
LATER = ("cp1252.txt", "no-dateline.txt")
NEW = "no-end-marker.txt"  # not in the first build, in the final one


def killed_build(project: Path, module: str, function: str, after: int) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-c", KILLER, module, function, str(after)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == -signal.SIGKILL, f"not killed at {function}:\n{result.stderr[-3000:]}"
    return result


def set_seeds(project: Path, source: Path, drop: tuple[str, ...]) -> None:
    """The seeds of `source` but `drop`."""
    shutil.rmtree(project / "seeds")
    shutil.copytree(source / "seeds", project / "seeds")
    for name in drop:
        (project / "seeds" / name).unlink(missing_ok=True)


def search_pages(output: Path) -> int:
    """Articles in the search index, by its own count."""
    return json.loads((output / SEARCH_INDEX / "index.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A clean build of the final seeds (all but FIRST_ONLY and LATER): the expected output."""
    everything = make_project(tmp_path_factory.mktemp("all"))
    final = make_project(tmp_path_factory.mktemp("final"))
    set_seeds(final, everything, (*FIRST_ONLY, *LATER))
    output = build(final)
    return {"all": everything, "final": tree(output), "final_search": search_pages(output)}


KILL_POINTS = [
    ("news_digest.posts.importer", "seed_result", 0),  # the import: reading new seeds, posts written ahead
    ("news_digest.posts.importer", "remove_stale", 0),  # the import: posts written, stale ones not removed
    ("news_digest.site.incremental", "Ledger.page", 10),  # rendering, early
    ("news_digest.site.incremental", "Ledger.page", 60),  # rendering, the lists
    ("news_digest.plugin", "articles_written", 0),  # article pages written, before the sweep
    ("news_digest.site.search", "write_if_changed", 5),  # the search index: partly written
    ("news_digest.site.incremental", "Ledger.save", 0),  # everything swept, the ledger not saved
]


@pytest.mark.parametrize(("module", "function", "after"), KILL_POINTS, ids=[p[1] for p in KILL_POINTS])
@pytest.mark.parametrize("then", ["other seeds", "same seeds"])
def test_a_killed_build_is_followed_by_what_a_clean_build_gives(
    tmp_path: Path, reference: dict, module: str, function: str, after: int, then: str
) -> None:
    project = make_project(tmp_path)
    set_seeds(project, reference["all"], (*LATER, NEW))  # the first build: without LATER and NEW
    build(project)
    final = (*FIRST_ONLY, *LATER)
    if then == "same seeds":  # NEW added, FIRST_ONLY removed: their pages go
        set_seeds(project, reference["all"], final)
        killed_build(project, module, function, after)
    else:  # killed while adding NEW and LATER (pages written for them), then built without LATER
        set_seeds(project, reference["all"], FIRST_ONLY[:1])
        killed_build(project, module, function, after)
        set_seeds(project, reference["all"], final)
    output = build(project)
    assert differences(tree(output), reference["final"]) == []
    assert search_pages(output) == reference["final_search"]
    # And the build after that one is incremental again (the ledger was saved).
    assert not (project / "cache" / RUNNING_NAME).exists()


# -- the ledger of pages ---------------------------------------------------------------------


def one_page_build(output: Path, cache: Path, text: str = "A", inputs: object = "a") -> bool:
    ledger = Ledger.open(output, cache, "salt")

    def write() -> None:
        output.mkdir(parents=True, exist_ok=True)
        (output / "a.html").write_text(text, encoding="utf-8")
        ledger.wrote(output / "a.html")

    written = ledger.page("a.html", inputs, write)
    ledger.sweep()
    ledger.save()
    return written


@pytest.mark.parametrize("edit", ["same size", "other size", "emptied"])
def test_an_output_file_changed_outside_the_build_is_rendered_again(tmp_path: Path, edit: str) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert one_page_build(out, cache, "Hello")
    assert not one_page_build(out, cache, "Hello")
    page = out / "a.html"
    page.write_text({"same size": "Hxllo", "other size": "Hello, edited", "emptied": ""}[edit])
    assert one_page_build(out, cache, "Hello")
    assert page.read_text() == "Hello"


def test_an_untouched_page_is_not_read_again(tmp_path: Path, monkeypatch) -> None:
    """Its size and modification time are those recorded: no need to hash it (every kept file
    was hashed on every build)."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    monkeypatch.setattr(incremental, "RACY_NS", 0)  # as if the last build were long ago
    assert one_page_build(out, cache, "Hello")
    hashed: list[object] = []
    real = incremental.file_sum
    monkeypatch.setattr(incremental, "file_sum", lambda path: hashed.append(path) or real(path))
    assert not one_page_build(out, cache, "Hello")
    assert hashed == []
    os.utime(out / "a.html", ns=(1, 1))  # touched (a copy, a checkout), not changed
    assert not one_page_build(out, cache, "Hello")
    assert len(hashed) == 1
    assert not one_page_build(out, cache, "Hello")
    assert len(hashed) == 1, "the new time is recorded"


def test_an_edit_in_the_same_tick_as_the_build_is_found(tmp_path: Path) -> None:
    """Same size, and the modification time the ledger recorded (a file system's clock ticks in
    milliseconds): a file written just before the ledger was saved is hashed anyway."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert one_page_build(out, cache, "Hello")
    page = out / "a.html"
    recorded = page.stat().st_mtime_ns
    page.write_text("Hxllo", encoding="utf-8")
    os.utime(page, ns=(recorded, recorded))
    assert one_page_build(out, cache, "Hello")
    assert page.read_text() == "Hello"


LEDGERS = {
    "truncated": lambda text: text[: len(text) // 2],
    "binary": lambda text: "\x00\xff garbage",
    "a list": lambda text: "[1, 2, 3]",
    "pages a list": lambda text: json.dumps({**json.loads(text), "pages": ["a.html"]}),
    "entry too short": lambda text: json.dumps({**json.loads(text), "pages": {"a.html": ["x"]}}),
    "files not a list": lambda text: json.dumps({**json.loads(text), "pages": {"a.html": ["x", 3]}}),
    "file of wrong type": lambda text: json.dumps({**json.loads(text), "pages": {"a.html": ["x", [[1, 2]]]}}),
    "file outside": lambda text: json.dumps(
        {**json.loads(text), "pages": {"a.html": ["x", [["../../etc/passwd", 1, "h"]]]}}
    ),
    "deeply nested": lambda text: "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("damage", list(LEDGERS))
def test_a_damaged_ledger_is_reported_and_rebuilt_never_a_crash(tmp_path: Path, damage: str, caplog) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    one_page_build(out, cache)
    path = cache / LEDGER_NAME
    path.write_text(
        LEDGERS[damage](path.read_text(encoding="utf-8")), encoding="utf-8", errors="surrogateescape"
    )
    ledger = Ledger.open(out, cache, "salt")
    assert not ledger.had_ledger and ledger.problem
    assert "ledger of pages" in caplog.text
    assert ledger.previous == {}


def test_a_ledger_left_by_an_unfinished_build_is_not_trusted(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    one_page_build(out, cache)
    Ledger.open(out, cache, "salt")  # a build starts, and never saves: killed
    ledger = Ledger.open(out, cache, "salt")
    assert not ledger.had_ledger
    assert "did not finish" in (ledger.problem or "")


def test_a_build_after_an_unfinished_one_starts_from_an_empty_output(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    output = build(project)
    stray = output / "2020" / "01" / "left-by-a-killed-build" / "index.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("a page of a removed article", encoding="utf-8")
    (project / "cache" / RUNNING_NAME).write_text("123\n", encoding="utf-8")
    build(project)
    assert not stray.exists()


# -- the import cache ------------------------------------------------------------------------

ARTICLE = (
    "Vietnam, Chile talks\nHanoi (VNA) – Deputy Minister Le Van An met guests on May 2, 2025.\nMore./.\n"
)


def import_twice(project: Path, damage) -> tuple[dict, dict]:
    seeds = project / "seeds"
    seeds.mkdir(exist_ok=True)
    for n in range(3):
        (seeds / f"{n}.txt").write_text(ARTICLE.replace("Chile", f"Chile {n}"), encoding="utf-8")
    cache = project / "cache" / "news-digest-import.pickle"
    report = project / "report.json"
    import_seeds(seeds, project / "posts", report, cache_path=cache)
    first = json.loads(report.read_text(encoding="utf-8"))
    damage(cache)
    import_seeds(seeds, project / "posts", report, cache_path=cache)
    return first, json.loads(report.read_text(encoding="utf-8"))


def _rewrite(cache: Path, index: tuple, results: object) -> None:
    with open(cache, "wb") as handle:
        pickle.dump(index, handle)
        pickle.dump(results, handle)


def _index(cache: Path) -> tuple:
    with open(cache, "rb") as handle:
        return pickle.load(handle)


CACHES = {
    "truncated": lambda c: c.write_bytes(c.read_bytes()[: c.stat().st_size // 2]),
    "results cut off": lambda c: c.write_bytes(c.read_bytes()[:-20]),
    "garbage": lambda c: c.write_bytes(b"\x80\x05garbage" * 100),
    "empty": lambda c: c.write_bytes(b""),
    "wrong shape": lambda c: _rewrite(c, (import_cache.code_fingerprint(), ["x"], None, "plan"), {}),
    "plan of wrong type": lambda c: _rewrite(c, (*_index(c)[:3], {"posts": 1}), {}),
    "results of wrong type": lambda c: _rewrite(
        c, _index(c), {key: ("x",) * len(SeedResult._fields) for key in _index(c)[1]}
    ),
    "results not a mapping": lambda c: _rewrite(c, (*_index(c)[:3], None), [1, 2]),
}


@pytest.mark.parametrize("damage", list(CACHES))
def test_a_damaged_import_cache_is_rebuilt_and_gives_the_same_import(tmp_path: Path, damage: str) -> None:
    first, second = import_twice(tmp_path, CACHES[damage])
    assert second["published"] == first["published"]
    assert second["rejected"] == first["rejected"] == []
    assert len(first["published"]) == 3


# -- Pelican's own caches --------------------------------------------------------------------

PELICAN_CACHES = {
    "cut short": lambda data: data[: len(data) // 2],
    "garbage": lambda data: b"not a gzip stream at all",
    "another shape": lambda data: gzip.compress(pickle.dumps(["a", "list"])),
    "empty": lambda data: b"",
}


@pytest.mark.parametrize("damage", list(PELICAN_CACHES))
def test_a_damaged_pelican_cache_is_rebuilt_never_a_crash(
    tmp_path: Path, reference: dict, damage: str
) -> None:
    project = make_project(tmp_path)
    set_seeds(project, reference["all"], (*FIRST_ONLY, *LATER))
    build(project)
    caches = [p for p in (project / "cache").iterdir() if p.name.endswith("-Readers")]
    assert caches
    for path in caches:
        path.write_bytes(PELICAN_CACHES[damage](path.read_bytes()))
    output = build(project)
    assert differences(tree(output), reference["final"]) == []


# -- two builds at once ----------------------------------------------------------------------


def test_a_second_build_in_the_same_folder_stops_with_a_clear_message(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    lock.hold(project / "cache")  # as a build running now would
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        lock.release(project / "cache")
    assert result.returncode != 0
    assert "another build is running in this folder" in result.stderr
    assert not (project / "output" / "index.html").exists()
    build(project)  # once the other build is done
    assert (project / "output" / "index.html").is_file()


def test_the_lock_of_a_killed_build_does_not_stay(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from news_digest.site import lock; "
            "lock.hold(sys.argv[1]); print('held', flush=True); time.sleep(60)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "held"
        with pytest.raises(lock.BuildLocked, match=f"process {holder.pid}"):
            lock.hold(tmp_path)
    finally:
        holder.kill()
        holder.wait()
    lock.hold(tmp_path)  # the system released it with the process
    lock.release(tmp_path)
