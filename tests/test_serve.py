"""`make serve`'s server: pages as Pelican serves them, and the site's 404 page for the rest."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from news_digest.serve import make_server


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
