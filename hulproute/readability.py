"""Readability of Dutch pages: Flesch–Douma (textstat with language 'nl').

B1 Dutch scores roughly 60 or more. Headings, list items and table cells are lines without a full
stop; they are scored as sentences of their own, as a reader takes them in.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import textstat

from hulproute.content import FOOTNOTE_DEF, FOOTNOTE_REF, split_front_matter, without_macros

MEDIAN_TARGET = 60.0
PAGE_MINIMUM = 50.0

_HTML = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ATTRS = re.compile(r"{[:.#][^}]*}|{ *[.#][^}]*}")
_BLOCK_START = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s+|\d+[.)]\s+|>|\|)")
_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s*|[-*+]\s+|\d+[.)]\s+|>\s*|\|)|[*_`|]")


@dataclass(frozen=True)
class PageScore:
    page: str
    score: float
    words: int


def plain_text(markdown: str) -> str:
    """What a reader reads: no front matter, macros, footnotes, markup or links' targets."""
    _, body = split_front_matter(markdown)
    body = FOOTNOTE_DEF.sub("", without_macros(body))
    body = FOOTNOTE_REF.sub("", body)
    body = _ATTRS.sub("", _LINK.sub(r"\1", _HTML.sub(" ", body)))
    # Join wrapped lines: a paragraph or list item is one unit however it is wrapped in the file.
    units: list[str] = []
    joinable = False
    for raw in body.splitlines():
        if not raw.strip():
            joinable = False
            continue
        starts_unit = bool(_BLOCK_START.match(raw))
        if joinable and not starts_unit:
            units[-1] += " " + raw.strip()
        else:
            units.append(raw)
        joinable = not raw.lstrip().startswith(("#", "|"))
    sentences = []
    for unit in units:
        line = _MARKUP.sub("", unit).strip()
        if not line or set(line) <= set("-:| "):
            continue
        sentences.append(line if line[-1] in ".!?:;" else line + ".")
    return " ".join(sentences)


def score(markdown: str) -> float:
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(plain_text(markdown)))


def score_file(path: Path, name: str) -> PageScore:
    text = path.read_text(encoding="utf-8")
    return PageScore(name, round(score(text), 1), len(plain_text(text).split()))


def score_pages(docs_dir: Path, language: str = "nl") -> list[PageScore]:
    root = docs_dir / language
    return [score_file(path, path.relative_to(root).as_posix()) for path in sorted(root.rglob("*.md"))]


def meets_targets(scores: list[PageScore]) -> bool:
    return bool(scores) and statistics.median(s.score for s in scores) >= MEDIAN_TARGET and \
        min(s.score for s in scores) >= PAGE_MINIMUM
