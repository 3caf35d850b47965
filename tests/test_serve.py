"""`news-digest serve` (`make serve`): the editor's preview picks up a seed added while it runs, and
answers a missing address with the site's 404 page.

A real server on the loopback address, in a temporary copy of the project; every wait is bounded.
"""

from __future__ import annotations

import html
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import copy_project, example_seeds, load_example_gold
from news_digest.serve import make_server

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


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "index.html").write_text("<p>the year</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Page not found</h1>", encoding="utf-8")
    server = make_server(tmp_path, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_existing_pages_are_served(site: str) -> None:
    with urllib.request.urlopen(site + "/2025/", timeout=5) as response:
        assert response.status == 200 and b"the year" in response.read()


def test_a_missing_address_gets_the_404_page(site: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(site + "/2025/13/nothing-here/", timeout=5)
    assert error.value.code == 404
    assert b"Page not found" in error.value.read()
