"""`make serve`: Pelican's development server, answering a missing address with the site's 404.html
(with status 404), as GitHub Pages and most web servers configured for the site do.

    python -m news_digest.serve output 8000
"""

from __future__ import annotations

import argparse
import logging
import os
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path

from pelican.server import ComplexHTTPRequestHandler

log = logging.getLogger(__name__)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, nargs="?", default=Path("output"))
    parser.add_argument("port", type=int, nargs="?", default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    server = make_server(args.folder, args.port, args.bind)
    print(f"Serving {args.folder} on http://{args.bind}:{args.port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
