"""The import (importer.py): accounting of every seed, duplicates, stable URLs, re-runs, failures.

`tests/bad_inputs/` is a corpus of bad and tricky seeds; `EXPECTED` says how each one must end:
published, duplicate of another seed, or rejected with a reason naming the problem.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from news_digest import atomic
from news_digest.extract.seeds import MAX_SEED_BYTES
from news_digest.posts import cache as import_cache
from news_digest.posts import importer, report
from news_digest.posts.importer import TEMP_PREFIX, import_seeds, process_seed

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "bad_inputs"
SAMPLES = ROOT / "tests" / "fixtures" / "samples"

PUBLISHED, DUPLICATE, REJECTED = "published", "duplicate", "rejected"
EXPECTED: dict[str, tuple[str, str | None]] = {
    # rejected: the reason must contain the second item
    "empty.txt": (REJECTED, "empty"),
    "whitespace-only.txt": (REJECTED, "whitespace-only"),
    "binary-image.png": (REJECTED, "binary"),
    "binary-controls.txt": (REJECTED, "binary"),
    "binary-random-bytes.dat": (REJECTED, "not text"),
    "spam-only.txt": (REJECTED, "spam"),
    "headers-only.txt": (REJECTED, "no text"),
    "no-title.txt": (REJECTED, "no title"),
    "no-title-end-marker-only.txt": (REJECTED, "no title"),
    "no-body.txt": (REJECTED, "no body"),
    ".gitattributes": (REJECTED, "hidden file"),
    "too-large.txt": (REJECTED, "too large"),  # generated: MAX_SEED_BYTES + 1
    # published
    "cp1252.txt": (PUBLISHED, None),
    "latin-1.txt": (PUBLISHED, None),
    "utf8-bom.txt": (PUBLISHED, None),
    "utf16-bom.txt": (PUBLISHED, None),
    "crlf-line-ends.txt": (PUBLISHED, None),
    "mixed-utf8-and-cp1252.txt": (PUBLISHED, None),
    "zero-width-and-nbsp.txt": (PUBLISHED, None),
    "no-dateline.txt": (PUBLISHED, None),
    "no-end-marker.txt": (PUBLISHED, None),
    "Bản tin ngoại giao số 1.txt": (PUBLISHED, None),
    "very-long-title.txt": (PUBLISHED, None),
    "header-published-url.txt": (PUBLISHED, None),
    "hostile-markup.txt": (PUBLISHED, None),
    "same-title-1.txt": (PUBLISHED, None),
    "same-title-2.txt": (PUBLISHED, None),
    "duplicate-1 original.txt": (PUBLISHED, None),
    "rescrape-2 corrected.txt": (PUBLISHED, None),
    # duplicates: the seed they duplicate
    "duplicate-2 identical copy.txt": (DUPLICATE, "duplicate-1 original.txt"),
    "duplicate-3 other noise and teasers.txt": (DUPLICATE, "duplicate-1 original.txt"),
    "rescrape-1 first.txt": (DUPLICATE, "rescrape-2 corrected.txt"),
}


def make_seeds(folder: Path, names: list[str] | None = None) -> Path:
    """Copy corpus files (all by default, plus the generated too-large file) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in CORPUS.iterdir():
        if names is None or path.name in names:
            shutil.copyfile(path, folder / path.name)
    if names is None or "too-large.txt" in names:
        with (folder / "too-large.txt").open("wb") as handle:
            handle.write(b"Title\nLead\n")
            handle.truncate(MAX_SEED_BYTES + 1)
    return folder


def run_import(project: Path) -> tuple[importer.ImportReport, dict]:
    report = import_seeds(project / "seeds", project / "content" / "posts", project / "import-report.json")
    return report, json.loads((project / "import-report.json").read_text(encoding="utf-8"))


def states(data: dict) -> dict[str, tuple[str, str | None]]:
    """seed file name -> (state, detail) from a report."""
    found: dict[str, tuple[str, str | None]] = {}
    for entry in data["published"]:
        found[Path(entry["seed"]).name] = (PUBLISHED, entry["post"])
    for entry in data["duplicates"]:
        found[Path(entry["seed"]).name] = (DUPLICATE, Path(entry["duplicate_of"]).name)
    for entry in data["rejected"]:
        found[Path(entry["seed"]).name] = (REJECTED, entry["reason"])
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, importer.ImportReport, dict]:
    project = tmp_path_factory.mktemp("corpus")
    make_seeds(project / "seeds")
    report, data = run_import(project)
    return project, report, data


def post_of(data: dict, name: str) -> str:
    return next(e["post"] for e in data["published"] if Path(e["seed"]).name == name)


def read_meta(post: Path) -> dict[str, str]:
    head = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


# Accounting -------------------------------------------------------------------------------


def test_every_corpus_file_has_an_expectation() -> None:
    assert {p.name for p in CORPUS.iterdir()} | {"too-large.txt"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_ends_in_its_expected_state(corpus, name: str) -> None:
    _project, _report, data = corpus
    state, detail = states(data)[name]
    expected_state, expected_detail = EXPECTED[name]
    assert state == expected_state, (name, detail)
    if state == REJECTED:
        assert expected_detail in detail.lower(), f"{name}: the reason {detail!r} does not name the problem"
    if state == DUPLICATE:
        assert detail == expected_detail


def test_accounting_holds_each_file_in_exactly_one_state(corpus) -> None:
    project, report, data = corpus
    files = [Path(d, f) for d, _, names in os.walk(project / "seeds") for f in names]
    seeds = [e["seed"] for e in data["published"] + data["duplicates"] + data["rejected"]]
    assert len(seeds) == len(set(seeds)) == len(files) == data["counts"]["files"] == report.files
    assert {Path(s).name for s in seeds} == {f.name for f in files}
    counts = data["counts"]
    assert counts["published"] + counts["duplicates"] + counts["rejected"] == counts["files"]
    published = {e["seed"] for e in data["published"]}
    assert all(d["duplicate_of"] in published for d in data["duplicates"]), (
        "a duplicate names a published seed"
    )
    posts = sorted(p.relative_to(project / "content" / "posts").as_posix() for p in project.rglob("*.md"))
    assert posts == sorted(e["post"] for e in data["published"])


def test_summary_counts_and_one_line_per_rejected_file_and_new_duplicate(corpus, tmp_path: Path) -> None:
    _project, report, data = corpus
    lines = report.summary_lines()
    counts = data["counts"]
    assert f"{counts['published']} published" in lines[0]
    assert f"{counts['duplicates']} duplicates" in lines[0]
    assert f"{counts['rejected']} rejected" in lines[0]
    for entry in data["rejected"]:
        assert f"  rejected {entry['seed']}: {entry['reason']}" in lines
    for entry in data["duplicates"]:
        assert f"  duplicate {entry['seed']} -> {entry['duplicate_of']}" in lines
    kinds = {w.split(":", 1)[0] for e in data["published"] for w in e.get("warnings", ())}
    for kind in kinds:
        warned = [
            e["seed"] for e in data["published"] if any(w.startswith(kind) for w in e.get("warnings", ()))
        ]
        (line,) = [line for line in lines if line.startswith(f"  {len(warned)} {kind}: ")]
        assert warned[0] in line, "the first files with that warning are named"
    candidates = 1 if data["registry_candidates"] else 0
    assert len(lines) <= 1 + len(data["rejected"]) + len(data["duplicates"]) + len(kinds) + candidates + 1
    assert lines[-1].startswith("  full report: ")


def test_duplicates_already_reported_are_not_repeated(tmp_path: Path) -> None:
    make_seeds(tmp_path / "seeds", ["duplicate-1 original.txt", "duplicate-2 identical copy.txt"])
    first, _ = run_import(tmp_path)
    assert any(line.startswith("  duplicate ") for line in first.summary_lines())
    second, data = run_import(tmp_path)
    assert not any(line.startswith("  duplicate ") for line in second.summary_lines())
    assert len(data["duplicates"]) == 1, "the report still lists it"


def test_report_is_json_beside_the_content_not_in_it(corpus) -> None:
    project, _report, data = corpus
    assert set(data) >= {"counts", "published", "duplicates", "rejected"}
    assert all({"seed", "post", "url"} <= set(e) for e in data["published"])
    assert not list((project / "content").rglob("*.json"))


def run_cli(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "news_digest.cli", "import", "--seeds", "seeds"]
    command += ["--posts", "content/posts", "--report", "report.json", *extra]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120)


def test_cli_strict_fails_only_when_something_was_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    make_seeds(bad / "seeds", ["empty.txt", "cp1252.txt"])
    lenient = run_cli(bad)
    assert lenient.returncode == 0, lenient.stderr
    assert "rejected seeds/empty.txt: empty or whitespace-only file" in lenient.stderr
    strict = run_cli(bad, "--strict")
    assert strict.returncode != 0
    assert "1 rejected" in strict.stderr
    report = json.loads((bad / "report.json").read_text(encoding="utf-8"))
    assert [r["seed"] for r in report["rejected"]] == ["seeds/empty.txt"]

    good = tmp_path / "good"
    shutil.copytree(SAMPLES, good / "seeds")
    clean = run_cli(good, "--strict")
    assert clean.returncode == 0, clean.stderr
    assert "5 published, 0 duplicates, 0 rejected" in clean.stderr


# What the published posts say ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "in_body"),
    [
        ("cp1252.txt", "Vietnam, France hold “strategic” dialogue in Paris", "a “milestone” year"),
        ("latin-1.txt", "Vietnam, Portugal discuss visit by António Costa", "by António Costa."),
        ("utf8-bom.txt", "Vietnam, Singapore boost digital economy links", "data connectivity"),
        ("utf16-bom.txt", "Vietnam, Japan review cooperation in Tokyo", "human resources training"),
        ("crlf-line-ends.txt", "Vietnam, Thailand agree to expand rice trade", "in the Mekong Delta."),
        ("mixed-utf8-and-cp1252.txt", "Vietnam, Mexico mark 50 years of “friendship”", "élite “partners”"),
        (
            "zero-width-and-nbsp.txt",
            "Vietnam, Indonesia step up maritime cooperation",
            "The two navies will hold joint patrols in 2026.",
        ),
        ("Bản tin ngoại giao số 1.txt", "Vietnam, Laos pledge closer ties in Vientiane", "their leaders."),
    ],
)
def test_text_is_decoded_and_cleaned(name: str, title: str, in_body: str) -> None:
    item = process_seed(str(CORPUS / name))
    assert item.error is None
    article = item.article
    assert article.title == title
    assert any(in_body in p for p in article.paragraphs), article.paragraphs
    everything = [article.title, article.lead or "", *article.paragraphs, *article.captions]
    for bad in ("\r", "\ufeff", "\u200b", "\u00a0", "\u00ad", "\ufffd"):
        assert not any(bad in text for text in everything), repr(bad)


def test_nbsp_between_words_is_a_space_and_the_dateline_is_found() -> None:
    article = process_seed(str(CORPUS / "zero-width-and-nbsp.txt")).article
    assert article.dateline == "Hanoi"
    assert article.lead == "Vietnam and Indonesia agreed on October 22 to step up cooperation at sea."
    assert article.paragraphs[-1] == "Both sides stressed the importance of international law."


def test_no_end_marker_and_no_dateline_are_published_with_a_warning(corpus) -> None:
    _project, _report, data = corpus
    warnings = {Path(e["seed"]).name: " ".join(e.get("warnings", [])) for e in data["published"]}
    assert "no end marker" in warnings["no-end-marker.txt"]
    assert "no dateline" in warnings["no-dateline.txt"]
    article = process_seed(str(CORPUS / "no-end-marker.txt")).article
    assert not any("Peru" in p or "Lima" in p for p in article.paragraphs), "teasers are not the body"


def test_very_long_title_gets_a_bounded_slug(corpus) -> None:
    project, _report, data = corpus
    post = post_of(data, "very-long-title.txt")
    assert len(Path(post).stem) <= 90
    meta = read_meta(project / "content" / "posts" / post)
    assert len(meta["Title"]) > 3000, "the title itself is kept whole"
    assert len(meta["Slug"]) <= 90


def test_seed_name_with_spaces_and_vietnamese_letters_is_kept(corpus) -> None:
    project, _report, data = corpus
    post = post_of(data, "Bản tin ngoại giao số 1.txt")
    assert (
        read_meta(project / "content" / "posts" / post)["Source_file"] == "seeds/Bản tin ngoại giao số 1.txt"
    )


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as a name")
def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds", ["cp1252.txt"])
    os.rename(seeds / "cp1252.txt", os.fsencode(seeds) + b"/caf\xe9 cp1252.txt")
    report, data = run_import(tmp_path)
    assert report.files == 1
    assert data["published"][0]["seed"] == "seeds/caf\\xe9 cp1252.txt"


# Duplicates and identity ----------------------------------------------------------------------


def test_same_title_different_articles_get_distinct_stable_urls(tmp_path: Path) -> None:
    pair = ["same-title-1.txt", "same-title-2.txt"]
    make_seeds(tmp_path / "a" / "seeds", pair)
    _, alone = run_import(tmp_path / "a")
    urls = {Path(e["seed"]).name: e["url"] for e in alone["published"]}
    assert len(set(urls.values())) == 2
    assert urls["same-title-1.txt"].endswith("/prime-minister-receives-foreign-ambassadors/")

    # Same URLs with other seeds around, and when the second one's text is corrected.
    seeds = make_seeds(tmp_path / "b" / "seeds", [*pair, "cp1252.txt", "duplicate-1 original.txt"])
    second = seeds / "same-title-2.txt"
    second.write_text(second.read_text(encoding="utf-8").replace("faster", "much faster"), encoding="utf-8")
    _, crowded = run_import(tmp_path / "b")
    assert {Path(e["seed"]).name: e["url"] for e in crowded["published"] if "same-title" in e["seed"]} == urls


def test_corrected_rescrape_updates_the_same_post(tmp_path: Path) -> None:
    make_seeds(tmp_path / "seeds", ["rescrape-1 first.txt"])
    _, before = run_import(tmp_path)
    [old] = before["published"]
    make_seeds(tmp_path / "seeds", ["rescrape-2 corrected.txt"])
    report, after = run_import(tmp_path)
    [new] = after["published"]
    assert (new["post"], new["url"]) == (old["post"], old["url"])
    assert new["seed"] == "seeds/rescrape-2 corrected.txt"
    assert after["duplicates"] == [{"seed": "seeds/rescrape-1 first.txt", "duplicate_of": new["seed"]}]
    assert (report.written, report.removed) == (1, 0)
    assert "600 Vietnamese students" in (tmp_path / "content" / "posts" / new["post"]).read_text(
        encoding="utf-8"
    )


def test_rescrape_with_the_same_source_url_but_a_corrected_title(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds", ["header-published-url.txt"])
    text = (seeds / "header-published-url.txt").read_text(encoding="utf-8")
    (seeds / "header-published-url (2).txt").write_text(
        text.replace("discuss defence cooperation", "discuss defence industry cooperation"), encoding="utf-8"
    )
    _, data = run_import(tmp_path)
    # One post: the same source URL is the same article, whatever its title now says.
    assert [e["seed"] for e in data["published"]] == ["seeds/header-published-url.txt"]
    assert data["duplicates"] == [
        {"seed": "seeds/header-published-url (2).txt", "duplicate_of": "seeds/header-published-url.txt"}
    ]


def test_noise_only_copy_gives_one_post(corpus) -> None:
    original = process_seed(str(CORPUS / "duplicate-1 original.txt")).article
    noisy = process_seed(str(CORPUS / "duplicate-3 other noise and teasers.txt")).article
    assert noisy.content_hash == original.content_hash


# Re-runs ------------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_reimporting_unchanged_seeds_rewrites_nothing(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds")
    run_import(tmp_path)
    run_import(tmp_path)  # the report settles (its counts say what the last run wrote)
    posts, report_file = tmp_path / "content" / "posts", tmp_path / "import-report.json"
    before, report_before = snapshot(posts), snapshot(tmp_path)["import-report.json"]
    time.sleep(0.01)
    future = time.time() + 3600  # a git checkout changes modification times, not content
    for seed in seeds.iterdir():
        os.utime(seed, (future, future))
    report, _ = run_import(tmp_path)
    assert report.written == 0
    assert report.unchanged == len(before)
    assert snapshot(posts) == before
    assert snapshot(tmp_path)["import-report.json"] == report_before
    assert report_file.is_file()


def test_removed_seed_takes_its_post_with_it(tmp_path: Path) -> None:
    seeds = make_seeds(
        tmp_path / "seeds", ["cp1252.txt", "latin-1.txt", "same-title-1.txt", "same-title-2.txt"]
    )
    _, before = run_import(tmp_path)
    gone = post_of(before, "latin-1.txt")
    (seeds / "latin-1.txt").unlink()
    report, after = run_import(tmp_path)
    assert report.removed_posts == [gone]
    assert not (tmp_path / "content" / "posts" / gone).exists()
    assert {Path(e["seed"]).name for e in after["published"]} == {
        "cp1252.txt",
        "same-title-1.txt",
        "same-title-2.txt",
    }


def test_interrupted_write_leaves_old_post_whole_and_no_temporary_file(tmp_path, monkeypatch) -> None:
    make_seeds(tmp_path / "seeds", ["rescrape-1 first.txt"])
    _, data = run_import(tmp_path)
    post = tmp_path / "content" / "posts" / data["published"][0]["post"]
    old = post.read_bytes()
    make_seeds(tmp_path / "seeds", ["rescrape-2 corrected.txt"])

    class HalfWritten(io.FileIO):
        def write(self, data) -> int:
            """Writes half of the data, then the process is "killed"."""
            super().write(bytes(data[: len(data) // 2]))
            raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "open", HalfWritten, raising=False)
    with pytest.raises(KeyboardInterrupt):
        run_import(tmp_path)
    monkeypatch.undo()
    assert post.read_bytes() == old, "the old post is intact"
    assert not [p for p in (tmp_path / "content").rglob("*") if p.name.startswith(TEMP_PREFIX)]
    run_import(tmp_path)
    assert "600 Vietnamese students" in post.read_text(encoding="utf-8")


def test_import_interrupted_between_posts_leaves_only_whole_posts(tmp_path, monkeypatch) -> None:
    reference = tmp_path / "reference"
    make_seeds(reference / "seeds")
    run_import(reference)
    project = tmp_path / "project"
    make_seeds(project / "seeds")
    real_replace, calls = os.replace, []

    def replace_then_die(src, dst) -> None:
        calls.append(dst)
        if len(calls) == 4:
            raise KeyboardInterrupt  # killed between writing the temporary file and renaming it
        real_replace(src, dst)

    monkeypatch.setattr(importer.os, "replace", replace_then_die)
    with pytest.raises(KeyboardInterrupt):
        run_import(project)
    monkeypatch.undo()
    written = sorted((project / "content" / "posts").rglob("*.md"))
    assert len(written) == 3
    for post in written:
        name = post.relative_to(project).as_posix()
        assert post.read_bytes() == (reference / name).read_bytes(), f"{name} is whole"
    assert not [p for p in project.rglob("*") if p.name.startswith(TEMP_PREFIX)]


def test_temporary_files_of_a_killed_import_are_never_posts_and_are_cleaned(tmp_path: Path) -> None:
    make_seeds(tmp_path / "seeds", ["cp1252.txt"])
    posts = tmp_path / "content" / "posts" / "2025"
    posts.mkdir(parents=True)
    left = posts / f"{TEMP_PREFIX}abc123.part"  # what `kill -9` during a write leaves
    left.write_text("Title: half a po", encoding="utf-8")
    old_format = posts / f"{TEMP_PREFIX}def456.md"
    old_format.write_text("Title: half", encoding="utf-8")
    long_ago = time.time() - 3600
    os.utime(left, (long_ago, long_ago))
    report, _ = run_import(tmp_path)
    assert not left.exists() and not old_format.exists()
    assert report.removed_posts == []


# Bugs in one seed do not stop the others --------------------------------------------------------


@pytest.mark.parametrize("stage", ["extract", "tag", "render_post"])
def test_internal_error_in_one_seed_is_a_rejection(tmp_path: Path, monkeypatch, stage: str) -> None:
    make_seeds(tmp_path / "seeds", ["cp1252.txt", "latin-1.txt", "utf8-bom.txt"])
    real = getattr(importer, stage)

    def buggy(article_or_raw, *args, **kwargs):
        text = article_or_raw if isinstance(article_or_raw, str) else article_or_raw.title
        if "Portugal" in text:
            raise IndexError("list index out of range")
        return real(article_or_raw, *args, **kwargs)

    monkeypatch.setattr(importer, stage, buggy)
    report, data = run_import(tmp_path)
    assert data["rejected"] == [
        {"seed": "seeds/latin-1.txt", "reason": "internal error: IndexError: list index out of range"}
    ]
    assert len(data["published"]) == 2
    assert "  rejected seeds/latin-1.txt: internal error: IndexError: list index out of range" in (
        report.summary_lines()
    )


def write_seed(folder: Path, name: str, title: str, date: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"Published: {date}\n{title}\n{body}\nHanoi (VNA) – {body}/.\n", encoding="utf-8")
    return path


def test_same_title_in_different_months_of_a_year_gets_two_posts(tmp_path: Path) -> None:
    """Posts live in <year>/<slug>.md: a title that returns in July must not overwrite January's."""
    seeds, title = tmp_path / "seeds", "Vietnam attends ASEAN retreat"
    write_seed(seeds, "a.txt", title, "2025-01-18", "The retreat took place in Langkawi.")
    write_seed(seeds, "b.txt", title, "2025-07-09", "The meeting took place in Kuala Lumpur.")
    _, data = run_import(tmp_path)
    posts = {e["seed"]: e["post"] for e in data["published"]}
    assert len(set(posts.values())) == 2
    assert posts["seeds/a.txt"] == "2025/vietnam-attends-asean-retreat.md", "the earlier one keeps the slug"
    texts = {(tmp_path / "content" / "posts" / p).read_text(encoding="utf-8") for p in posts.values()}
    assert len(texts) == 2


def test_suffixed_slug_never_takes_another_articles_slug(tmp_path: Path) -> None:
    import hashlib

    seeds = tmp_path / "seeds"
    suffix = hashlib.sha256(b"b.txt").hexdigest()[:6]
    write_seed(seeds, "a.txt", "Talks", "2025-03-01", "First talks were held.")
    write_seed(seeds, "b.txt", "Talks", "2025-03-02", "Second talks were held.")
    write_seed(seeds, "c.txt", f"Talks {suffix}", "2025-03-03", "A title that looks like a suffixed slug.")
    _, data = run_import(tmp_path)
    posts = [e["post"] for e in data["published"]]
    assert len(posts) == len(set(posts)) == 3
    assert len(list((tmp_path / "content").rglob("*.md"))) == 3


def test_urls_do_not_depend_on_the_name_of_the_seeds_folder(tmp_path: Path) -> None:
    pair = ["same-title-1.txt", "same-title-2.txt"]
    make_seeds(tmp_path / "a" / "seeds", pair)
    make_seeds(tmp_path / "b" / "raw articles", pair)
    _, first = run_import(tmp_path / "a")
    import_seeds(tmp_path / "b" / "raw articles", tmp_path / "b" / "posts", tmp_path / "b" / "report.json")
    second = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert sorted(e["url"] for e in first["published"]) == sorted(e["url"] for e in second["published"])


def test_broken_link_is_rejected_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    _, data = run_import(tmp_path)
    assert data["rejected"] == [
        {
            "seed": "seeds/gone.txt",
            "reason": "symbolic link, not followed (broken: its target does not exist); "
            "seeds must be regular files inside the seeds folder",
        }
    ]


# The import cache and worker processes ----------------------------------------------------------


def cached_import(project: Path, workers: int | None = None) -> tuple[importer.ImportReport, dict]:
    report = import_seeds(
        project / "seeds",
        project / "content" / "posts",
        project / "import-report.json",
        workers,
        cache_path=project / "cache" / "news-digest-import.pickle",
    )
    return report, json.loads((project / "import-report.json").read_text(encoding="utf-8"))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def lists(data: dict) -> dict:
    """What a report says of the seeds (not what this run wrote or removed)."""
    return {key: data[key] for key in ("published", "duplicates", "rejected", "registry_candidates")}


@pytest.fixture
def seeds_read(monkeypatch) -> list[str]:
    """The names of the seeds an import reads (`seed_result` runs for them)."""
    read: list[str] = []
    real = importer.seed_result

    def counting(path: str, name: str, posts_dir: Path | None = None, root: str | None = None):
        read.append(name)
        return real(path, name, posts_dir, root)

    monkeypatch.setattr(importer, "seed_result", counting)
    return read


def article(title: str, day: str, body: str) -> str:
    return f"{title}\nHanoi (VNA) – On {day}, 2024, {body}./.\n"


def test_a_cached_post_whose_slug_changes_is_read_again_once(tmp_path: Path, seeds_read: list[str]) -> None:
    """The cache keeps no posts: a cached seed whose slug a new seed takes is read again to write
    its post under the new slug; while the clash stays, the plan's hash serves and nothing is read."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(article("Vietnam, Peru talks", "May 9", "talks were held"), encoding="utf-8")
    (seeds / "c.txt").write_text(article("Laos visit", "May 2", "a visit took place"), encoding="utf-8")
    _, first = cached_import(tmp_path)
    assert [e["post"] for e in first["published"]] == ["2024/vietnam-peru-talks.md", "2024/laos-visit.md"]

    # An earlier article with the same title takes the plain slug: a.txt's post moves.
    (seeds / "b.txt").write_text(article("Vietnam, Peru talks", "May 1", "other talks"), encoding="utf-8")
    seeds_read.clear()
    _, second = cached_import(tmp_path)
    assert sorted(seeds_read) == ["seeds/a.txt", "seeds/b.txt"]
    moved = next(e["post"] for e in second["published"] if e["seed"] == "seeds/a.txt")
    assert moved.startswith("2024/vietnam-peru-talks-")

    # Another seed: the clash is as it was, and a.txt's post is not read again.
    (seeds / "d.txt").write_text(article("Cuba visit", "May 3", "a visit to Cuba"), encoding="utf-8")
    seeds_read.clear()
    _, third = cached_import(tmp_path)
    assert seeds_read == ["seeds/d.txt"]
    fresh = tmp_path / "fresh"
    shutil.copytree(seeds, fresh / "seeds")
    _, without_cache = run_import(fresh)
    assert lists(third) == lists(without_cache)
    assert tree(tmp_path / "content" / "posts") == tree(fresh / "content" / "posts")


def test_reimport_with_the_cache_reads_only_what_changed(tmp_path: Path, seeds_read: list[str]) -> None:
    seeds = make_seeds(tmp_path / "seeds", [p.name for p in CORPUS.iterdir()])  # all small files
    _, first = cached_import(tmp_path)
    seeds_read.clear()
    posts = tmp_path / "content" / "posts"
    before = tree(posts)

    report, again = cached_import(tmp_path)
    assert seeds_read == [] and report.written == 0 and report.unchanged == len(before)
    assert lists(again) == lists(first) and tree(posts) == before

    gone = posts / first["published"][0]["post"]
    gone.unlink()
    (posts / first["published"][1]["post"]).write_text("edited by hand", encoding="utf-8")
    report, _ = cached_import(tmp_path)
    # The cache keeps no posts (half its size): the seeds of these two, and no other, are read.
    assert sorted(seeds_read) == sorted(entry["seed"] for entry in first["published"][:2])
    assert report.written == 2 and tree(posts) == before
    seeds_read.clear()

    shutil.copyfile(CORPUS / "cp1252.txt", seeds / "cp1252 again.txt")
    (seeds / "latin-1.txt").write_text(
        "Vietnam, Peru talks\nHanoi (VNA) – Talks were held./.\n", encoding="utf-8"
    )
    _, changed = cached_import(tmp_path)
    assert sorted(seeds_read) == ["seeds/cp1252 again.txt", "seeds/latin-1.txt"]
    fresh = tmp_path / "fresh"
    shutil.copytree(seeds, fresh / "seeds")
    _, without_cache = run_import(fresh)
    assert lists(changed) == lists(without_cache)
    assert tree(posts) == tree(fresh / "content" / "posts")


def test_the_command_line_and_the_build_share_the_cache(tmp_path: Path, monkeypatch, seeds_read) -> None:
    """`news-digest import` names the folder `seeds`, the build `<project>/seeds`: the same seeds."""
    make_seeds(tmp_path / "seeds", ["cp1252.txt", "latin-1.txt", "utf8-bom.txt"])
    monkeypatch.chdir(tmp_path)
    cache = Path("cache/news-digest-import.pickle")
    import_seeds(Path("seeds"), Path("content/posts"), Path("import-report.json"), cache_path=cache)
    first = json.loads(Path("import-report.json").read_text(encoding="utf-8"))
    assert len(seeds_read) == 3
    seeds_read.clear()
    report, again = cached_import(tmp_path)
    assert seeds_read == [] and report.written == 0 and lists(again) == lists(first)


def test_a_copy_of_the_project_elsewhere_reuses_the_cache(tmp_path: Path, seeds_read) -> None:
    """The deploy hook builds each release in a new folder with the last release's cache."""
    make_seeds(tmp_path / "old" / "seeds", ["cp1252.txt", "latin-1.txt", "utf8-bom.txt"])
    _, first = cached_import(tmp_path / "old")
    shutil.copytree(tmp_path / "old", tmp_path / "new")
    shutil.rmtree(tmp_path / "old")  # nothing is read from the old folder
    seeds_read.clear()
    report, again = cached_import(tmp_path / "new")
    assert seeds_read == [] and report.written == 0 and lists(again) == lists(first)
    make_seeds(tmp_path / "new" / "seeds", ["no-dateline.txt"])  # and one seed more: only it is read
    report, more = cached_import(tmp_path / "new")
    assert seeds_read == ["seeds/no-dateline.txt"] and report.written == 1
    assert len(more["published"]) == len(first["published"]) + 1


def test_a_cache_of_other_code_or_a_broken_one_is_not_used(tmp_path: Path, monkeypatch, seeds_read) -> None:
    make_seeds(tmp_path / "seeds", ["cp1252.txt", "latin-1.txt", "utf8-bom.txt"])
    _, first = cached_import(tmp_path)
    seeds_read.clear()
    monkeypatch.setattr(import_cache, "code_fingerprint", lambda: "other code")
    _, data = cached_import(tmp_path)
    assert len(seeds_read) == 3 and lists(data) == lists(first)
    monkeypatch.undo()
    cache = tmp_path / "cache" / "news-digest-import.pickle"
    cache.write_bytes(cache.read_bytes()[:1000])
    _, data = cached_import(tmp_path)
    assert lists(data) == lists(first)


def test_workers_import_what_one_process_imports(tmp_path: Path, monkeypatch) -> None:
    make_seeds(tmp_path / "one" / "seeds")
    _, alone = run_import(tmp_path / "one")
    monkeypatch.setattr(importer, "PARALLEL_THRESHOLD", 1)
    make_seeds(tmp_path / "two" / "seeds")
    _, together = cached_import(tmp_path / "two", workers=2)
    assert lists(together) == lists(alone)
    assert tree(tmp_path / "two" / "content") == tree(tmp_path / "one" / "content")
    assert not [p for p in (tmp_path / "two").rglob("*") if p.name.startswith(TEMP_PREFIX)]


def test_report_says_why_a_date_is_unknown_or_inferred_and_files_undated_apart(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    texts = {
        "stated.txt": "Laos and Vietnam sign plan\nHanoi (VNA) – They signed a plan on May 2, 2024./.\n",
        "inferred.txt": "Laos, Vietnam talk\nHanoi (VNA) – They met on May 3. 2024 marks a new era./.\n",
        "undated.txt": "Laos and Vietnam review ties\nHanoi (VNA) – They met on May 4 in Vientiane./.\n",
        "bad-header.txt": "Published: 9999-12-31\nLaos, Vietnam agree\nHanoi (VNA) – They met recently./.\n",
    }
    for name, text in texts.items():
        (seeds / name).write_text(text, encoding="utf-8")
    _report, data = run_import(tmp_path)
    entries = {Path(e["seed"]).name: e for e in data["published"]}
    warnings = {name: " ".join(e.get("warnings", [])) for name, e in entries.items()}
    assert "date" not in warnings["stated.txt"]
    assert "date inferred" in warnings["inferred.txt"] and "2024 marks" in warnings["inferred.txt"]
    assert "date unknown" in warnings["undated.txt"] and "May 4" in warnings["undated.txt"]
    assert "9999-12-31" in warnings["bad-header.txt"] and "not used" in warnings["bad-header.txt"]
    for name in ("undated.txt", "bad-header.txt"):
        assert entries[name]["post"].startswith("undated/") and entries[name]["url"].startswith("undated/")
        meta = read_meta(tmp_path / "content" / "posts" / entries[name]["post"])
        assert meta["Url"] == entries[name]["url"] and meta["Save_as"] == entries[name]["url"] + "index.html"
    assert read_meta(tmp_path / "content" / "posts" / entries["undated.txt"]["post"])["Date_text"] == "4 May"
    assert entries["stated.txt"]["url"].startswith("2024/05/")


@pytest.mark.parametrize(
    ("raw", "marked"),
    [
        ("Title\nHanoi (VNA) – Text.-VNA\nVNA\nTeaser\n", True),
        ("Title\nHanoi (VNA) – Text. - VNA\n", True),
        ("Title\nHanoi (VNA) – Text./.\n", True),
        ("Title\nHanoi (VNA) – Text about the VNA\nMore\n", False),
        ("Title\nHanoi (VNA) – Text.\nVNA\nTeaser\n", False),
        ("Title\nHanoi (VNA) – Text.\n/.\nTeaser\n", True),
        ("Title\nThe lead, which ends the article./.\nTeaser\n", True),
        ("Title\nHanoi (VNA) – Text.\nRelated news\nA teaser./.\n", False),
    ],
)
def test_the_end_marker_warning_says_whether_the_body_ended_with_a_marker(
    tmp_path: Path, raw: str, marked: bool
) -> None:
    """Every form of the end marker counts (`/.` on a line of its own or glued to the last
    sentence, `-VNA`); one found only after a teaser heading does not end the body."""
    seed = tmp_path / "seed.txt"
    seed.write_text(raw, encoding="utf-8")
    item = process_seed(str(seed))
    assert item.article is not None and item.article.end_marker == marked
    assert any(w.startswith("no end marker") for w in item.warnings) != marked


def test_an_article_naming_thousands_of_officials_tags_the_first_hundred(tmp_path: Path) -> None:
    """Each official gets a page listing the article: 10,000 names made 75 GB of pages."""
    names = " ".join(
        f"Lao Deputy Minister Khamphao Ern{chr(65 + n // 26 % 26)}{chr(97 + n % 26)}x met guests."
        for n in range(300)
    )
    seed = tmp_path / "many.txt"
    seed.write_text(
        f"Vietnam, Laos talks\nLead.\nHanoi (VNA) – {names} on May 2, 2025./.\n", encoding="utf-8"
    )
    item = process_seed(str(seed))
    assert item.tags is not None and len(item.tags.officials) == report.MAX_OFFICIALS
    assert any("officials named: only the first 100 are tagged" in w for w in item.warnings)
    assert set(item.tags.aliases.values()) <= {o.name for o in item.tags.officials}
