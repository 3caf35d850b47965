"""The self-hosted path: `deploy/post-receive` in a bare repository publishes every push to main.

A copy of the project is pushed to a bare repository in a temporary folder with the hook installed;
the web root must then hold the built site. A push that breaks the build must leave the old site
online and tell the pusher why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "deploy" / "post-receive"
# What a build needs (the lead commits concurrently, so `git ls-files` is not a reliable list).
PROJECT_PATHS = [
    "content",
    "plugins",
    "theme",
    "seeds",
    "pelicanconf.py",
    "publishconf.py",
    "pyproject.toml",
    "Makefile",
    "README.md",
]
SITEURL = "https://digest.example.test"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=120
    )


def git_env(tmp: Path, **extra: str) -> dict[str, str]:
    """An environment isolated from the user's git configuration, with a committer identity."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "DIGEST_"))}
    env.update(
        HOME=str(tmp),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="Editor",
        GIT_AUTHOR_EMAIL="editor@example.test",
        GIT_COMMITTER_NAME="Editor",
        GIT_COMMITTER_EMAIL="editor@example.test",
        **extra,
    )
    return env


def copy_project(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    generated = shutil.ignore_patterns("__pycache__", "posts")  # content/posts is made by the build
    for name in PROJECT_PATHS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=generated if name == "content" else ignore)
        elif source.exists():
            shutil.copy2(source, dest / name)
    (dest / "content").mkdir(exist_ok=True)


def push(work: Path, bare: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "push", str(bare), "main"], cwd=work, env=env, capture_output=True, text=True, timeout=120
    )


def commit_all(work: Path, env: dict[str, str], message: str) -> None:
    git(work, "add", "-A", env=env)
    git(work, "commit", "-q", "-m", message, env=env)


def releases(build_dir: Path) -> list[Path]:
    return sorted(p for p in (build_dir / "releases").iterdir() if p.is_dir())


def test_push_publishes_and_a_broken_build_keeps_the_old_site(tmp_path: Path) -> None:
    work, bare = tmp_path / "work", tmp_path / "site.git"
    web_root, build_dir = tmp_path / "www" / "digest", tmp_path / "builds"
    # The hook is configured both ways: paths in `git config`, the python in the environment.
    env = git_env(tmp_path, DIGEST_PYTHON=sys.executable, DIGEST_SITEURL=SITEURL)

    git(tmp_path, "init", "-q", "--bare", str(bare), env=env)
    shutil.copy2(HOOK, bare / "hooks" / "post-receive")
    git(bare, "config", "digest.webRoot", str(web_root), env=env)
    git(bare, "config", "digest.buildDir", str(build_dir), env=env)
    git(bare, "config", "digest.keep", "1", env=env)

    work.mkdir()
    copy_project(work)
    git(work, "init", "-q", "-b", "main", env=env)
    commit_all(work, env, "The site")

    # 1. A good push publishes the site.
    first = push(work, bare, env)
    assert first.returncode == 0, first.stderr
    assert "remote: digest: published" in first.stderr, first.stderr
    assert web_root.is_symlink()
    index = web_root / "index.html"
    assert index.is_file(), first.stderr
    served = index.read_text(encoding="utf-8")
    sitename = re.search(r'^SITENAME = "(.+)"', (work / "pelicanconf.py").read_text(), re.M)
    assert sitename and sitename.group(1) in served
    assert f"{SITEURL}/" in served, "built with publishconf.py and the configured SITEURL"
    articles = list(web_root.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
    assert articles, "an article page is published"
    first_release = web_root.resolve()

    # 2. A push that breaks the build: the old site stays, the pusher is told why.
    conf = work / "pelicanconf.py"
    good_conf = conf.read_text(encoding="utf-8")
    conf.write_text(good_conf + '\nraise SystemExit("broken on purpose")\n', encoding="utf-8")
    commit_all(work, env, "Break the build")
    broken = push(work, bare, env)
    assert "remote: digest: BUILD FAILED" in broken.stderr, broken.stderr
    assert "broken on purpose" in broken.stderr, broken.stderr
    assert "still serves the previous release" in broken.stderr
    assert web_root.resolve() == first_release
    assert index.read_text(encoding="utf-8") == served
    assert releases(build_dir) == [first_release.parent], "the failed release is cleaned up"

    # 3. The fix is published in place of the old release, which is pruned (digest.keep = 1).
    conf.write_text(good_conf.replace('SITENAME = "', 'SITENAME = "Fixed: '), encoding="utf-8")
    commit_all(work, env, "Fix the build")
    fixed = push(work, bare, env)
    assert "remote: digest: published" in fixed.stderr, fixed.stderr
    assert web_root.resolve() != first_release
    assert "Fixed: " in index.read_text(encoding="utf-8")
    assert releases(build_dir) == [web_root.resolve().parent]
