"""Debian's Chromium driven by Playwright, and a static server on loopback for it: shared by the
PDF script (scripts/print_pdfs.py), the benchmark and the browser tests.

Playwright's own browser download does not work on these machines, so Debian's `chromium` is used.
"""
from __future__ import annotations

import functools
import shutil
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# No network of its own: a rendering must not depend on (or reveal anything to) another host.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Debian's Chromium is not installed: run `make system` (apt-get install chromium)")
    return path


class QuietHandler(SimpleHTTPRequestHandler):
    """No request log, and no traceback when the browser hangs up first (it does, on a page it
    leaves while a favicon or 404 answer is still being written)."""

    def log_message(self, *args) -> None:
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (for a server started in another process)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StaticServer:
    """A static server on 127.0.0.1 with an OS-chosen port, in a background thread."""

    handler: type[SimpleHTTPRequestHandler] = QuietHandler

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(self.handler, directory=str(directory))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "StaticServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
