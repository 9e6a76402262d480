"""Serving a built site on loopback and driving Debian's Chromium through Playwright.

Two local origins: the site, and a stand-in for the quick exit's neutral page, so the exit can
be followed without leaving this machine.
"""
from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LANGUAGES = ("nl", "en", "tr", "ar", "pl", "uk")


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Debian's Chromium is not installed: run `make browser` (apt-get install chromium)")
    return path


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files, plus the language's own 404 page for unknown paths (as a web host would)."""

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        first = self.path.lstrip("/").split("/", 1)[0]
        language = first if first in LANGUAGES[1:] else ""
        page = Path(self.directory) / language / "404.html"
        if not page.is_file():  # the stand-in exit page has no 404 page (e.g. a favicon request)
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class LocalServer:
    """A static server on 127.0.0.1 with an OS-chosen port, in a background thread."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(SiteHandler, directory=str(directory))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def url(origin: str, lang: str, path: str) -> str:
    """A page's address: Dutch at the root, other languages under /<lang>/."""
    return f"{origin}/{'' if lang == 'nl' else lang + '/'}{path}"
