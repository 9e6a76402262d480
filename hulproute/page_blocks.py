"""Generated pages are raw HTML blocks with one-line Markdown headings between them
(templates/*.md.j2): the headings give the table of contents, the title and the skip link. Only
they need Markdown, and running all of a page through Python-Markdown costs two HTML parses of
every tag: 14 s of a full build (issue 16).

So a generated page is split into its blocks; only the headings go through Markdown (the same
extensions, ids and table of contents), and the HTML blocks are put back around them as
Python-Markdown itself would output them. A page with any other Markdown (a list of links) is
not split and takes the ordinary way. tests/test_page_blocks.py renders every generated page
both ways and requires the same HTML, table of contents, title and anchors.
"""
from __future__ import annotations

import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HEADING = re.compile(r"#{1,6} [^\n]*")
_BLOCK_TAG = re.compile(r"<!--|<([a-zA-Z][a-zA-Z0-9-]*)")
# What MkDocs counts as an anchor of a page in raw HTML: any id, and <a name>.
_ID = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]*)\"")
_A_NAME = re.compile(r"<a\s[^>]*?\bname=\"([^\"]*)\"")


def is_heading(block: str) -> bool:
    return bool(_HEADING.fullmatch(block))


def split(markdown: str) -> list[str] | None:
    """The page's blocks, if each is a one-line heading or raw HTML starting with a block-level
    tag (which Markdown passes through unchanged); otherwise None."""
    blocks = [block for block in _BLANK_LINE.split(markdown.strip("\n")) if block.strip()]
    for block in blocks:
        if is_heading(block):
            continue
        tag = _BLOCK_TAG.match(block)
        if not tag or (tag.group(1) and tag.group(1).lower() not in BLOCK_LEVEL_ELEMENTS):
            return None
    return blocks


def headings(blocks: list[str]) -> str:
    """The Markdown document of only the headings, for Python-Markdown."""
    return "\n\n".join(block for block in blocks if is_heading(block))


def join(blocks: list[str], headings_html: str) -> str:
    """The page's HTML: the converted headings (one line each, in order) between the HTML blocks,
    spaced as Python-Markdown spaces them."""
    converted = iter(headings_html.split("\n") if headings_html else [])
    return "".join(next(converted) + "\n" if is_heading(block) else block + "\n\n" for block in blocks).rstrip("\n")


def anchors(blocks: list[str]) -> set[str]:
    """The anchors of the HTML blocks, as MkDocs collects them from raw HTML."""
    found: set[str] = set()
    for block in blocks:
        if not is_heading(block):
            found.update(_ID.findall(block))
            found.update(_A_NAME.findall(block))
    return found
