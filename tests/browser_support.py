"""Serving a built site on loopback and driving Debian's Chromium through Playwright.

The site on a loopback origin; the quick exit's neutral page is answered by Chromium itself
(tests/conftest.py, ExitAnsweringBrowser), so the exit can be followed without leaving this machine.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from hulproute.browser import QuietHandler, StaticServer, free_port

LANGUAGES = ("nl", "en", "tr", "ar", "pl", "uk")


class SiteHandler(QuietHandler):
    """Static files, plus the language's own 404 page for unknown paths (as a web host would)."""

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


class LocalServer(StaticServer):
    """The site on loopback, answering unknown paths with the language's 404 page."""

    handler = SiteHandler


def url(origin: str, lang: str, path: str) -> str:
    """A page's address: Dutch at the root, other languages under /<lang>/."""
    return f"{origin}/{'' if lang == 'nl' else lang + '/'}{path}"


# -- nginx: the site as it is deployed (deploy/nginx/hulproute.conf + the build's generated part) --

NGINX = "/usr/sbin/nginx"
DEPLOY_CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "hulproute.conf"
DEPLOYED_SITE = "/srv/hulproute/site"


def nginx_path() -> str | None:
    return shutil.which("nginx") or (NGINX if Path(NGINX).is_file() else None)


class NginxServer:
    """Debian's nginx in the foreground on 127.0.0.1, with a private prefix, logs and pid file.

    Serves `site` with the repository's deploy/nginx/hulproute.conf, its paths pointed here;
    `generated` replaces the build's _deploy/nginx/ folder (e.g. a config with test redirects).
    """

    def __init__(self, site: Path, prefix: Path, generated: Path | None = None) -> None:
        self.site, self.prefix = Path(site), Path(prefix)
        self.generated = Path(generated) if generated else self.site / "_deploy" / "nginx"
        self.process = None
        self.port = 0

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _write_config(self) -> Path:
        import os

        site_conf = DEPLOY_CONF.read_text(encoding="utf-8")
        site_conf = site_conf.replace(f"{DEPLOYED_SITE}/_deploy/nginx", str(self.generated))
        site_conf = site_conf.replace(DEPLOYED_SITE, str(self.site))
        site_conf = site_conf.replace("    listen 80;\n", f"    listen 127.0.0.1:{self.port};\n")
        site_conf = site_conf.replace("    listen [::]:80;\n", "")
        (self.prefix / "hulproute.conf").write_text(site_conf, encoding="utf-8")
        temp = "\n".join(f"    {kind}_temp_path {self.prefix / kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # As root, nginx would drop to 'nobody', who may not read a temp folder: stay root then.
        user = "user root;\n" if os.geteuid() == 0 else ""
        main = self.prefix / "nginx.conf"
        main.write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {self.prefix / 'nginx.pid'};\n"
            f"error_log {self.prefix / 'error.log'} warn;\nevents {{ worker_connections 128; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    access_log {self.prefix / 'access.log'};\n{temp}\n"
            f"    include {self.prefix / 'hulproute.conf'};\n}}\n", encoding="utf-8")
        return main

    def __enter__(self) -> "NginxServer":
        import subprocess
        import time
        import urllib.request

        self.prefix.mkdir(parents=True, exist_ok=True)
        binary = nginx_path()
        if binary is None:
            raise RuntimeError("nginx is not installed: run `make system` (apt-get install nginx-light)")
        for _attempt in range(5):  # the free port may be taken between probing and binding
            self.port = free_port()
            config = self._write_config()
            command = [binary, "-p", str(self.prefix), "-c", str(config)]
            check = subprocess.run(command + ["-t", "-q"], capture_output=True, text=True)
            if check.returncode != 0:
                raise RuntimeError(f"nginx rejects the config:\n{check.stderr}")
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    urllib.request.urlopen(self.origin + "/", timeout=1).close()
                    return self
                except OSError:
                    time.sleep(0.05)
            if self.process.poll() is None:
                self.__exit__()
                raise RuntimeError(f"nginx did not answer on {self.origin}")
            error = self.process.stderr.read().decode()
            if "Address already in use" not in error:
                raise RuntimeError(f"nginx stopped:\n{error}")
        raise RuntimeError("nginx found no free port")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # our own process, by its id
            try:
                self.process.wait(timeout=10)
            except Exception:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stderr:
            self.process.stderr.close()
