"""The site's search index (Pagefind), built once after every language is on disk.

Why a separate step: Pagefind reads the finished HTML. It writes one index per `<html lang>`, so
an Arabic page searches Arabic pages only. What it indexes is decided in the pages themselves:
`data-pagefind-body` marks the content of pages worth finding (overrides/main.html), and the
chrome around it (navigation, the emergency bar, the quick exit) is outside that element. Inside
it, source lists and notices are left out here (EXCLUDE_SELECTORS), and generated blocks that
every municipality page repeats carry `data-pagefind-ignore="all"` in their templates.

The reader's browser loads only `pagefind.js`, the WebAssembly for its language and the index
files (overrides/assets/javascripts/hulproute-search.js runs Pagefind without a worker); the
other files Pagefind writes (its own UI, the worker, the highlighter) are removed.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from hulproute import forked
from hulproute.errors import SiteError

OUTPUT = "pagefind"
ENTRY = "pagefind-entry.json"
# Inside the indexed content: the footnote source lists of hand-written pages, the "bron: … ·
# laatst gecontroleerd" lines of data cards and the "not yet reviewed" translation notice.
EXCLUDE_SELECTORS = (".footnote", ".hr-source", ".hr-notice")
# What hulproute-search.js loads; everything else Pagefind writes is deleted after indexing.
KEEP = ("pagefind.js", ENTRY, "wasm.*.pagefind", "*.pf_meta", "index", "fragment")
TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class IndexSummary:
    """What was indexed, per language (page counts from Pagefind's own entry file)."""

    pages: dict[str, int]
    seconds: float

    def __str__(self) -> str:
        per_language = ", ".join(f"{code} {count}" for code, count in sorted(self.pages.items()))
        return f"search index: {sum(self.pages.values())} pages ({per_language}) in {self.seconds:.1f} s"


# Pagefind reads only the pages it indexes, hard-linked into this folder of the site at their own
# paths (so their addresses stay the same): of the ~10,900 pages of a full build, the materials for
# organisations, the route finder's steps and the places and postcodes lists (three quarters) have
# no data-pagefind-body, and parsing them took Pagefind half its time.
INPUT = "_search-input"
MARKER = b"data-pagefind-body"


def command(site_dir: Path, input_dir: Path) -> list[str]:
    """Pagefind reading `input_dir` (link_indexed_pages) and writing into the site."""
    return [sys.executable, "-m", "pagefind", "--site", str(input_dir),
            "--output-path", str(site_dir / OUTPUT), "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS)]


def link_indexed_pages(site_dir: Path, input_dir: Path) -> None:
    """Hard-link (or copy, where the file system cannot link) every page that has content to
    index into `input_dir`, at the same relative path."""
    for page in site_dir.rglob("*.html"):
        relative = page.relative_to(site_dir)
        if relative.parts[0] in (INPUT, OUTPUT) or MARKER not in page.read_bytes():
            continue
        target = input_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(page, target)
        except OSError:
            shutil.copyfile(page, target)


class RunningIndex:
    """Pagefind indexing in a process of its own while the build goes on (the CSP and the inline
    stylesheet of every page, hulproute/hosting.py): it reads the hard-linked pages of INPUT,
    which the build leaves as they are, since it writes every finished page as a new file."""

    def __init__(self, site_dir: Path | str, languages: list[str]) -> None:
        self.site_dir = Path(site_dir)
        self.languages = languages
        self.output, self.input_dir = self.site_dir / OUTPUT, self.site_dir / INPUT
        shutil.rmtree(self.output, ignore_errors=True)  # an older index can never be served stale
        shutil.rmtree(self.input_dir, ignore_errors=True)
        self.started = time.perf_counter()
        self._messages = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # never a full pipe
        try:
            link_indexed_pages(self.site_dir, self.input_dir)
            self._process = subprocess.Popen(command(self.site_dir, self.input_dir), stdout=self._messages,
                                             stderr=subprocess.STDOUT, text=True)
            self._owner = os.getpid()  # a process forked later inherits this object, not Pagefind
            forked.track(self)  # a stopped build stops it too (scripts/build_site.py)
        except OSError as exc:
            self._clean_up()
            raise SiteError(f"search index: Pagefind could not run ({exc})", _INSTALL_FIX) from None

    def finish(self) -> IndexSummary:
        """Wait for Pagefind; check that every site language got an index with pages in it."""
        try:
            returncode = self._process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.cancel()
            raise SiteError(f"search index: Pagefind did not finish in {TIMEOUT_SECONDS} s", _INSTALL_FIX) from None
        except BaseException:  # Ctrl-C or SIGTERM while waiting: Pagefind stops too
            self.cancel()
            raise
        forked.untrack(self)
        self._messages.seek(0)
        messages = self._messages.read()
        self._clean_up()
        if returncode != 0:
            detail = messages.strip().splitlines()[-5:]
            raise SiteError("search index: Pagefind failed: " + " / ".join(detail),
                            "read Pagefind's message above; a page without <html lang> or broken HTML is the usual cause")
        summary = IndexSummary(pages=_pages_per_language(self.output), seconds=time.perf_counter() - self.started)
        missing = [code for code in self.languages if summary.pages.get(code, 0) == 0]
        if missing:
            raise SiteError(f"search index: no indexed pages in {', '.join(missing)}",
                            "check that those pages have <html lang> and a data-pagefind-body element (overrides/main.html)")
        _remove_unused(self.output)
        return summary

    def cancel(self) -> None:
        """Stop Pagefind (the build failed or was stopped). Only the process that started it can."""
        if os.getpid() != self._owner:
            return
        forked.untrack(self)
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._clean_up()

    def _clean_up(self) -> None:
        self._messages.close()
        shutil.rmtree(self.input_dir, ignore_errors=True)


_INSTALL_FIX = "run `make setup` (it installs pagefind[bin] from requirements.txt) and build again"
# What Pagefind reads and writes inside the site: steps that run meanwhile leave these alone.
WORKING_FOLDERS = (INPUT, OUTPUT)


def start(site_dir: Path | str, languages: list[str]) -> RunningIndex:
    """Start indexing `site_dir` from scratch; `.finish()` waits for it."""
    return RunningIndex(site_dir, languages)


def build(site_dir: Path | str, languages: list[str]) -> IndexSummary:
    """Index `site_dir` from scratch and wait for it (see RunningIndex.finish)."""
    return start(site_dir, languages).finish()


def _pages_per_language(output: Path) -> dict[str, int]:
    try:
        entry = json.loads((output / ENTRY).read_text(encoding="utf-8"))
        return {code: int(info["page_count"]) for code, info in entry["languages"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SiteError(f"search index: Pagefind wrote no readable {OUTPUT}/{ENTRY} ({exc})",
                        "check the Pagefind version pinned in requirements.txt") from None


def _remove_unused(output: Path) -> None:
    keep = {path for pattern in KEEP for path in output.glob(pattern)}
    for path in output.iterdir():
        if path not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
