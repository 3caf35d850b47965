"""`news-digest serve` (`make serve`): the editor's preview picks up a seed added while it runs.

A real server on the loopback address, in a temporary copy of the project; every wait is bounded.
"""

from __future__ import annotations

import html
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import copy_project, example_seeds, load_example_gold

WAIT = 180  # seconds for one build on a busy 2-core machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(check: Callable[[], object], what: str) -> object:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    pytest.fail(f"gave up after {WAIT} s waiting for {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "news_digest.cli", "serve", "--project", str(project), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def published_url(project: Path, seed: str) -> str | None:
    report = project / "import-report.json"
    try:
        entries = json.loads(report.read_text(encoding="utf-8"))["published"]
    except (OSError, ValueError, KeyError):
        return None
    return next((e["url"] for e in entries if e["seed"] == f"seeds/{seed}"), None)


def test_a_seed_added_while_serving_gets_its_page(served: tuple[Path, str]) -> None:
    project, base = served
    wait_for(lambda: fetch(base), "the first build to be served")
    added = example_seeds()[0]
    shutil.copyfile(added, project / "seeds" / added.name)
    url = wait_for(lambda: published_url(project, added.name), "the added seed to be imported")
    page = wait_for(lambda: fetch(base + str(url)), f"its page /{url}")
    assert load_example_gold()[added.name]["title"] in html.unescape(str(page))

    (project / "seeds" / added.name).unlink()
    wait_for(lambda: published_url(project, added.name) is None and fetch(base + str(url)) is None, "removal")
