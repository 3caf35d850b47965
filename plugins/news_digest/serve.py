"""`news-digest serve`: the editor's live preview, rebuilt when a seed is added, changed or removed.

Pelican's own `--autoreload` watches only the content folder, the theme and the settings, and runs
the import once per process (the plugin imports on Pelican's `initialized` signal). So this
command builds in a fresh Pelican process on every change of the seeds, the theme, the plugin,
the settings or the hand-written content, and serves `output/` with Pelican's server meanwhile.
The posts the import writes (`content/<POSTS_DIR>`) are output, not input: changes there are
not watched, or every build would start the next. The server answers a missing address with the
site's 404.html (status 404), as GitHub Pages and most web servers configured for the site do.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path

import watchfiles
from pelican.server import ComplexHTTPRequestHandler

WATCHED = ("seeds", "content", "theme", "plugins")


class NotFoundPageHandler(ComplexHTTPRequestHandler):
    """Serves `output/`; where Pelican's handler finds no file, sends `404.html` if there is one."""

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, *, head: bool) -> None:
        original = self.path.split("?", 1)[0]
        found = self.get_path_that_exists(original)
        if found:
            self.path = found
            if head:
                super().do_HEAD()
            else:
                super().do_GET()
            return
        page = Path(self.base_path) / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found\n"
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def make_server(folder: Path, port: int, bind: str = "127.0.0.1") -> ThreadingHTTPServer:
    NotFoundPageHandler.base_path = os.fspath(folder.resolve())
    return ThreadingHTTPServer((bind, port), NotFoundPageHandler)


def build(project: Path, settings: str) -> int:
    """One build in its own process (so that the import runs); returns its exit status."""
    command = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", settings]
    return subprocess.run(command, cwd=project, check=False).returncode


class InputFilter(watchfiles.DefaultFilter):
    """Changes to the build's inputs: not the posts the import writes, nor caches."""

    def __init__(self, posts: Path) -> None:
        super().__init__(ignore_dirs=(*watchfiles.DefaultFilter.ignore_dirs, ".ruff_cache"))
        self.posts = str(posts.resolve())

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        if path == self.posts or path.startswith(self.posts + "/"):
            return False
        return super().__call__(change, path)


def input_changes(
    project: Path, settings: str, posts_dir: str
) -> Iterator[set[tuple[watchfiles.Change, str]]]:
    """Each batch of changes to the build's inputs, as long as the process runs."""
    watched = [project / name for name in WATCHED if (project / name).is_dir()]
    watched.append(project / settings)
    yield from watchfiles.watch(*watched, watch_filter=InputFilter(project / "content" / posts_dir))


def serve(project: Path, settings: str, port: int, bind: str, posts_dir: str = "posts") -> int:
    """Build, serve `output/` on `bind:port`, and build again after every change of an input."""
    project = project.resolve()
    build(project, settings)
    (project / "output").mkdir(exist_ok=True)
    server = make_server(project / "output", port, bind)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"news-digest: serving http://{bind}:{port}/ ; rebuilding when seeds/, content/, theme/, "
        f"plugins/ or {settings} change (Ctrl-C stops)",
        file=sys.stderr,
    )
    try:
        for changes in input_changes(project, settings, posts_dir):
            names = sorted({Path(path).relative_to(project).as_posix() for _, path in changes})
            print(
                f"news-digest: changed {', '.join(names[:5])}{' …' if len(names) > 5 else ''}; rebuilding",
                file=sys.stderr,
            )
            build(project, settings)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
