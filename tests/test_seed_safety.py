"""Seeds are regular files inside the seeds folder only (seeds.py, importer.py).

Anyone who can push controls `seeds/`, and git stores symbolic links: a link to a key or to the
runner's environment must never be published. Links, pipes and devices are made by the tests
(git cannot hold some of them); each must be rejected with its reason and listed in the report.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project, run_pelican
from news_digest.extract import seeds as seeds_module
from news_digest.extract.seeds import SeedError, read_seed_bytes, walk_seeds
from news_digest.posts.importer import import_seeds

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")

SECRET = "TOKEN-9f2c-do-not-publish"
ARTICLE = (
    "Vietnam, Chile discuss trade ties\n"
    "Hanoi (VNA) – Deputy Minister Nguyen Van A met Chilean officials on March 3, 2025.\n"
    "Both sides agreed to raise two-way trade./.\n"
)
# A file outside the seeds folder that reads like an article: it would be published if followed.
SECRET_TEXT = (
    f"Secret key file {SECRET}\n"
    f"Hanoi (VNA) – The runner's token is {SECRET} on March 4, 2025.\n"
    f"More of the secret {SECRET} here./.\n"
)


def run_import(project: Path) -> dict:
    import_seeds(project / "seeds", project / "content" / "posts", project / "report.json")
    return json.loads((project / "report.json").read_text(encoding="utf-8"))


def reasons(report: dict) -> dict[str, str]:
    return {r["seed"]: r["reason"] for r in report["rejected"]}


def posts_text(project: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in (project / "content" / "posts").rglob("*.md"))


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A project whose seeds folder holds one article and every kind of odd entry."""
    secret_dir = tmp_path / "outside"
    secret_dir.mkdir()
    (secret_dir / "id_rsa.txt").write_text(SECRET_TEXT, encoding="utf-8")
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "sub" / "nested.txt").write_text(ARTICLE.replace("Chile", "Peru"), encoding="utf-8")
    (seeds / "to-outside.txt").symlink_to(secret_dir / "id_rsa.txt")
    (seeds / "to-inside.txt").symlink_to("good.txt")
    (seeds / "to-folder").symlink_to(secret_dir)
    (seeds / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (seeds / "absolute-passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(seeds / "pipe.txt")
    return tmp_path


def test_every_odd_entry_is_rejected_with_its_reason_and_listed(hostile: Path) -> None:
    report = run_import(hostile)
    why = reasons(report)
    assert {p["seed"] for p in report["published"]} == {"seeds/good.txt", "seeds/sub/nested.txt"}
    assert "outside the seeds folder" in why["seeds/to-outside.txt"]
    assert "outside the seeds folder" in why["seeds/absolute-passwd.txt"]
    assert "a file in the seeds folder" in why["seeds/to-inside.txt"]
    assert "points to a folder outside" in why["seeds/to-folder"]  # listed, not silently skipped
    assert "broken" in why["seeds/dangling.txt"]
    assert why["seeds/pipe.txt"] == "not a regular file (a named pipe)"
    assert report["counts"]["files"] == len(report["published"]) + len(report["duplicates"]) + len(why)


def test_nothing_outside_the_seeds_folder_reaches_a_post_or_the_report(hostile: Path) -> None:
    report = run_import(hostile)
    assert SECRET not in posts_text(hostile)
    assert SECRET not in json.dumps(report)
    assert "root:" not in posts_text(hostile)  # /etc/passwd


def test_sub_folders_are_read_and_links_to_folders_are_listed(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "inside-link.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "link").symlink_to(tmp_path / "elsewhere")
    listed = [p.relative_to(tmp_path).as_posix() for p, _inside in walk_seeds(tmp_path / "a")]
    assert listed == ["a/b/deep.txt", "a/link"]


def test_a_folder_on_the_path_swapped_for_a_link_is_not_followed(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.txt").write_text(SECRET_TEXT, encoding="utf-8")
    (seeds / "sub").symlink_to(tmp_path / "outside")  # as if swapped in after the listing
    with pytest.raises(SeedError, match="a folder on its path"):
        read_seed_bytes(seeds / "sub" / "x.txt", seeds)


def test_a_file_swapped_for_a_link_after_the_check_is_not_followed(tmp_path: Path, monkeypatch) -> None:
    """The race: the check saw a regular file, the open meets a link (`O_NOFOLLOW` refuses it)."""
    (tmp_path / "secret.txt").write_text(SECRET_TEXT, encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").symlink_to(tmp_path / "secret.txt")
    real_lstat = os.lstat
    regular = real_lstat(tmp_path / "secret.txt")

    def stale_lstat(path, *, dir_fd=None):
        info = real_lstat(path, dir_fd=dir_fd)
        return regular if stat.S_ISLNK(info.st_mode) else info

    monkeypatch.setattr(seeds_module.os, "lstat", stale_lstat)
    with pytest.raises(SeedError, match="symbolic link"):
        read_seed_bytes(seeds / "a.txt", seeds)


def test_a_device_is_rejected_without_being_opened() -> None:
    with pytest.raises(SeedError, match=r"not a regular file \(a device\)"):
        read_seed_bytes("/dev/null", "/dev")


def test_a_seeds_folder_that_is_a_link_publishes_nothing(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.txt").write_text(SECRET_TEXT, encoding="utf-8")
    (tmp_path / "seeds").symlink_to(tmp_path / "outside")
    report = run_import(tmp_path)
    assert report["published"] == []
    assert "symbolic link" in reasons(report)["seeds"]
    assert not list(tmp_path.glob("content/posts/**/*.md"))


def test_a_build_never_publishes_a_file_outside_the_seeds_folder(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (tmp_path / "secret.txt").write_text(SECRET_TEXT, encoding="utf-8")
    (project / "seeds" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (project / "seeds" / "passwd.txt").symlink_to("/etc/passwd")
    result = run_pelican(project)
    assert result.returncode == 0, result.stderr
    for path in (project / "output").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data, path
            assert b"root:x:0:0" not in data, path
    assert "leak.txt" in result.stderr and "outside the seeds folder" in result.stderr


def test_extract_follows_a_link_the_operator_names_on_the_command_line(tmp_path: Path) -> None:
    """`news-digest extract FILE` reads what its caller names; only the seeds folder is untrusted."""
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "article.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "news_digest.cli",
            "extract",
            str(tmp_path / "link.txt"),
            str(tmp_path / "pipe.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    linked, pipe = (json.loads(line) for line in result.stdout.splitlines())
    assert linked["title"] == "Vietnam, Chile discuss trade ties"
    assert pipe["error"] == "not a regular file (a named pipe)"
