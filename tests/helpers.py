"""Test helpers: run the real build script and read what a browser would receive."""
from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_spec = importlib.util.spec_from_file_location("build_site", ROOT / "scripts" / "build_site.py")
_build_site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_build_site)
build_atomically = _build_site.build_atomically


@functools.lru_cache(maxsize=None)
def _default_language() -> str:
    from hulproute.loader import load_site_data

    return load_site_data().default_language


def prefix(language: str) -> str:
    """A language's folder in the built site: '' for Dutch (the root), 'en/' for English …"""
    from hulproute.urls import language_prefix

    return language_prefix(language, _default_language())


def html_lang_dir(html: str) -> tuple[str | None, str | None]:
    tag = re.search(r"<html\b[^>]*>", html).group(0)
    lang = re.search(r'\blang="([^"]+)"', tag)
    direction = re.search(r'\bdir="([^"]+)"', tag)
    return (lang.group(1) if lang else None, direction.group(1) if direction else None)


def body_dir(html: str) -> str | None:
    match = re.search(r'<body\b[^>]*\bdir="([^"]+)"', html)
    return match.group(1) if match else None


def resolve_href(site: Path, page: Path, href: str) -> Path:
    """The folder a link points to: absolute paths from the site root, others from the page."""
    if href.startswith("/"):
        return (site / href.lstrip("/")).resolve()
    return (page.parent / href).resolve()


def switcher_links(html: str) -> dict[str, str]:
    """Language switcher targets as {hreflang: href} (Material's .md-select__link anchors)."""
    return dict((lang, href) for href, lang in re.findall(
        r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', html))


def visible_text(html: str) -> str:
    """Text of the <article>, tags stripped: roughly what a reader sees in the content area."""
    article = re.search(r"<article\b.*?</article>", html, re.S).group(0)
    text = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", article, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text).replace("&amp;", "&").strip()


def set_csv_cell(path: Path, key_column: str, key: str, column: str, value: str) -> None:
    """Set one cell of a data CSV (the first row whose key_column is key), quoting as csv does."""
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0].keys())
    hits = [row for row in rows if row[key_column] == key]
    assert hits, f"test setup: {key} not in {path.name}"
    hits[0][column] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
