"""How fast `make serve` is for an editor (issue 16, measured by scripts/benchmark.py): seconds
from the command to the first page, and from saving an edit to the page showing it.

scripts/serve.py runs as an editor runs it, on a copy of docs/ and data/ (the repository is never
edited), once per language previewed. An edit is a new sentence at the end of a hand-written page,
or a changed name of a local contact in data/ (the municipality page shows it); each is timed from
the moment the file is saved until the page the browser would reload holds the new text.
"""
from __future__ import annotations

import copy
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mkdocs.utils.yaml import yaml_load

from hulproute import preview_mode
from hulproute.browser import free_port

ROOT = Path(__file__).resolve().parent.parent
START_BUDGET_SECONDS = 15
EDIT_BUDGET_SECONDS = 3
EDITS_PER_KIND = 3
TIMEOUT_SECONDS = 120
POLL_SECONDS = 0.05

# What is edited: a hand-written page (its path in the language's docs folder and its address),
# and a local contact's name in data/, which the municipality page shows in every language.
CONTENT_PAGE = ("veilig-bekijken.md", "veilig-bekijken/")
CONTACT_FILE, CONTACT_NAME = "local_contacts.yaml", "name: Blijf Groep (Oranje Huis Amsterdam)"
CONTACT_PAGE = "gemeente/amsterdam/"


@dataclass(frozen=True)
class PreviewFigures:
    first_page_seconds: float
    page_edit_seconds: float  # the median of the edits
    data_edit_seconds: float

    def as_dict(self) -> dict[str, float]:
        return {"first_page_seconds": self.first_page_seconds, "page_edit_seconds": self.page_edit_seconds,
                "data_edit_seconds": self.data_edit_seconds}


def _config(work: Path) -> Path:
    """The real mkdocs.yml, reading the copies of docs/ and data/ (written as the preview writes
    its own, hulproute/preview_mode.py, which then inherits this one)."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        settings = yaml_load(handle)
    settings["docs_dir"] = str(work / "docs")
    extra = copy.deepcopy(settings["extra"])
    extra["hulproute"]["data_dir"] = str(work / "data")
    return preview_mode.write_config(ROOT / "mkdocs.yml", settings, {"plugins": settings["plugins"], "extra": extra}, work)


def _page(address: str) -> str | None:
    try:
        with urllib.request.urlopen(address, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _seconds_until(started: float, address: str, shows: Callable[[str], bool], server: subprocess.Popen) -> float:
    while time.perf_counter() - started < TIMEOUT_SECONDS:
        if server.poll() is not None:
            raise RuntimeError(f"scripts/serve.py stopped (exit code {server.returncode})")
        body = _page(address)
        if body is not None and shows(body):
            return round(time.perf_counter() - started, 2)
        time.sleep(POLL_SECONDS)
    raise RuntimeError(f"{address} did not show the edit within {TIMEOUT_SECONDS} s")


def _edit(path: Path, change: Callable[[str], str]) -> float:
    """Save `path` changed; returns the moment it was saved."""
    text = change(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return time.perf_counter()


def measure(language: str, default_language: str, edits: int = EDITS_PER_KIND) -> PreviewFigures:
    """`scripts/serve.py --language LANGUAGE` on copies of docs/ and data/, `edits` of each kind."""
    with tempfile.TemporaryDirectory(prefix="hulproute-preview-timing-") as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "docs", work / "docs")
        shutil.copytree(ROOT / "data", work / "data")
        config, port = _config(work), free_port()
        origin = f"http://127.0.0.1:{port}/{'' if language == default_language else language + '/'}"
        log = (work / "serve.log").open("w", encoding="utf-8")
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--config", str(config),
                                   "--language", language, "--dev-addr", f"127.0.0.1:{port}"],
                                  stdout=log, stderr=subprocess.STDOUT, cwd=work)
        try:
            first = _seconds_until(started, origin, lambda body: "tel:112" in body, server)
            page_edits, data_edits = [], []
            for number in range(edits):
                sentence = f"Benchmarkzin{number}{port}"
                saved = _edit(work / "docs" / language / CONTENT_PAGE[0], lambda text: f"{text}\n\n{sentence}\n")
                page_edits.append(_seconds_until(saved, origin + CONTENT_PAGE[1], lambda body: sentence in body, server))
                name = f"Benchmarknaam{number}{port}"
                saved = _edit(work / "data" / CONTACT_FILE, lambda text: text.replace(CONTACT_NAME, f"{CONTACT_NAME} {name}", 1))
                data_edits.append(_seconds_until(saved, origin + CONTACT_PAGE, lambda body: name in body, server))
        except RuntimeError as exc:
            log.close()
            raise RuntimeError(f"{exc}; the preview said:\n{(work / 'serve.log').read_text(encoding='utf-8')[-2000:]}") from None
        finally:
            server.send_signal(signal.SIGINT)  # Ctrl-C, as an editor stops it: it removes its folders
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
    return PreviewFigures(first, statistics.median(page_edits), statistics.median(data_edits))
