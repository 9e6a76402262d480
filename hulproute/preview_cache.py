"""What a preview rebuild (scripts/serve.py) may leave as it is: a page whose inputs did not change.

A one-language preview build takes about 4-7 s; an editor saving a page wants it back in under 3. So
the preview remembers, per built file, a key of everything the page is made from, and rebuilds
only pages whose key changed:
- a generated page: its Markdown (made from data/ and the page templates);
- a hand-written page: its source and what its macros print (they read data/), so an edit in
  data/ rebuilds only the pages that show it;
- every page: the chrome they share (overrides/, mkdocs.yml, the interface texts, the national
  numbers in the emergency bar, the search words, the page templates) and the list of pages (the
  navigation).
The generated pages' Markdown itself is made again only when data/, the page templates or a
hand-written page's front matter (titles other pages show) changed (`generated_key`).
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Iterable

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Data any page shows outside its Markdown: interface texts (emergency bar, quick exit, navigation),
# the national numbers of the emergency bar, the languages, and the everyday search words that
# hooks/language.py puts into any page (generated ones too).
_INHERIT = re.compile(r"^INHERIT:(.*)$", re.M)
CHROME_DATA = ("strings", "national_services.yaml", "languages.yaml", "search")


def _files(roots: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found.extend(sorted(path for path in root.rglob("*") if path.is_file()))
    return found


def files_key(roots: Iterable[Path]) -> str:
    """A key that changes when any file under `roots` is added, removed or written."""
    digest = hashlib.sha256()
    for path in _files(roots):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


def text_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return ""
    end = text.find("\n---", 3)
    return text[: end if end != -1 else len(text)]


def generated_key(data_dir: Path, docs_dir: Path) -> str:
    """When this changes, the generated pages' Markdown must be made again."""
    front_matter = "".join(f"{path}\0{_front_matter(path)}" for path in sorted(docs_dir.rglob("*.md")))
    return text_key(files_key([data_dir, TEMPLATES]), front_matter, date.today().isoformat())


def config_files(config_file: Path) -> list[Path]:
    """The config file and every file it INHERITs from."""
    chain = [config_file]
    while (inherit := _INHERIT.search(chain[-1].read_text(encoding="utf-8"))) and len(chain) < 10:
        chain.append((chain[-1].parent / inherit.group(1).strip().strip("'\"")).resolve())
    return chain


def chrome_key(data_dir: Path, config_file: Path, overrides: Path, page_paths: Iterable[str]) -> str:
    """When this changes, every page must be built again."""
    return text_key(files_key([overrides, *config_files(config_file), TEMPLATES,
                               *(data_dir / name for name in CHROME_DATA)]),
                    "\n".join(sorted(page_paths)))


class PageKeys:
    """The keys of the pages of the last preview build that finished, by output path."""

    def __init__(self) -> None:
        self.built: dict[str, str] = {}
        self.pending: dict[str, str] = {}

    def changed(self, output: str, key: str) -> bool:
        """Must the page at `output` be built again? (Remembered once the build finishes.)"""
        self.pending[output] = key
        return self.built.get(output) != key or not Path(output).is_file()

    def finished(self) -> None:
        self.built.update(self.pending)
        self.pending.clear()

    def failed(self) -> None:
        self.pending.clear()
