"""Render the printable posters and flyers of a built site to PDF with headless Chromium
(scripts/print_pdfs.py). The build itself needs no browser: this runs afterwards, on the
finished site, for campaign teams and partners who want files for a print shop.

Each sheet must come out as one page of its paper size (A4 poster, A6 flyer); a text that pushes
it onto a second page is an error naming the sheet, so nobody prints a poster cut in two.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from hulproute.browser import CHROMIUM_ARGS, StaticServer, chromium_path
from hulproute.errors import SiteError
from hulproute.partners import SHEETS
from hulproute.urls import PARTNER_SECTION

# Paper sizes in PDF points (1/72 inch), as hulproute-partners.css asks for them.
PAPER = {"poster": (595.3, 841.9), "flyer": (297.6, 419.5)}
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")


@dataclass(frozen=True)
class Sheet:
    """One printable page of the built site: /en/voor-organisaties/gemeente/amsterdam/poster/."""

    language: str
    kind: str
    slug: str
    sheet: str

    def site_path(self, default_language: str) -> str:
        prefix = "" if self.language == default_language else f"{self.language}/"
        return f"/{prefix}{PARTNER_SECTION}/{self.kind}/{self.slug}/{self.sheet}/"

    @property
    def file_name(self) -> str:
        return f"{self.language}/{self.kind}-{self.slug}-{self.sheet}.pdf"


def sheets_in(site_dir: Path, languages: list[str]) -> list[Sheet]:
    """Every poster and flyer the build wrote, in every language."""
    found = []
    for language in languages:
        root = site_dir / ("" if language == languages[0] else language) / PARTNER_SECTION
        for page in sorted(root.glob("*/*/*/index.html")):
            sheet, slug, kind = page.parent.name, page.parent.parent.name, page.parent.parent.parent.name
            if sheet in SHEETS:
                found.append(Sheet(language, kind, slug, sheet))
    return found


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """The (width, height) in points of each page of a PDF written by Chromium."""
    pages = len(_PAGE.findall(pdf))
    boxes = [(float(w), float(h)) for w, h in _MEDIA_BOX.findall(pdf)]
    # Chromium writes one MediaBox per page; a page without its own inherits the first.
    return [boxes[min(i, len(boxes) - 1)] for i in range(pages)] if boxes else []


def check(pdf: bytes, where: str, sheet: str) -> None:
    """One page, of the sheet's paper size (2 pt of rounding allowed)."""
    sizes = page_sizes(pdf)
    want = PAPER[sheet]
    if len(sizes) != 1:
        raise SiteError(f"{where}: the {sheet} fills {len(sizes)} pages instead of one",
                        "shorten its headline or message (data/campaigns/ or data/strings/) until it fits")
    if any(abs(got - wanted) > 2 for got, wanted in zip(sizes[0], want)):
        raise SiteError(f"{where}: page size {sizes[0]} pt, not {want}",
                        "check the @page rules in overrides/assets/stylesheets/hulproute-partners.css")


def render(site_dir: Path, out_dir: Path, sheets: Iterable[Sheet], default_language: str,
           log: Optional[Callable[[str], None]] = None, browser: Any = None) -> list[Path]:
    """Write one PDF per sheet under out_dir/<language>/; returns the files. `browser`: a
    running Playwright Chromium to use (the tests'); without it Debian's Chromium is started."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                return render(site_dir, out_dir, sheets, default_language, log, launched)
            finally:
                launched.close()
    written = []
    with StaticServer(site_dir) as server:
        page = browser.new_page()
        for sheet in sheets:
            where = sheet.site_path(default_language)
            page.goto(server.origin + where, wait_until="load")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            check(pdf, where, sheet.sheet)
            target = out_dir / sheet.file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
            written.append(target)
            if log:
                log(str(target))
        page.close()
    return written
