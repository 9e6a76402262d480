"""Printed materials (issue 15): for every campaign and municipality, in each of its languages, a
QR code that decodes to the page's permanent address (nothing else), and a poster (A4) and flyer
(A6) with 112, Veilig Thuis and the address written out, that print on exactly one page.

QR codes are read the way a phone reads a poster: the shipped SVG rasterised by Chromium, then
decoded with zxing-cpp. PDFs come from the shipped script (scripts/print_pdfs.py).
"""
from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hulproute import phones, print_pdf
from hulproute.loader import load_site_data
from hulproute.partners import SHEETS, targets
from hulproute.urls import PARTNER_SECTION, site_host
from tests.conftest import FIXTURE_MUNICIPALITIES, ROOT
from tests.helpers import prefix

DATA = load_site_data()
# In the order the site lists them (A–Z), as a fixture build makes them.
BUILT = [m for m in DATA.municipalities if m.code in FIXTURE_MUNICIPALITIES]


def site_url(site: Path) -> str:
    """The public address the build used (mkdocs.yml site_url), as the home page's canonical link says."""
    return re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8")).group(1)


def expected(site: Path) -> list[tuple[str, str, Path, str]]:
    """(kind, language, materials folder, permanent address) of every set of materials."""
    base = site_url(site).rstrip("/")
    rows = []
    for target in targets(DATA, BUILT):
        for lang in target.languages(DATA):
            folder = site / prefix(lang) / PARTNER_SECTION / target.kind / target.slug
            rows.append((target.kind, lang, folder, base + target.page_path(lang, DATA.default_language)))
    return rows


def test_materials_exist_for_every_campaign_and_built_municipality_in_its_languages(fixture_site):
    rows = expected(fixture_site)
    kinds = {kind for kind, *_ in rows}
    assert kinds == {"gemeente", "campagne"}
    assert len(rows) == len(BUILT) * len(DATA.language_codes) + sum(len(c.languages) for c in DATA.campaigns.values())
    for _, lang, folder, _ in rows:
        for name in ("qr.svg", "index.html", "poster/index.html", "flyer/index.html"):
            assert (folder / name).is_file(), (folder, name)


def decode(browser, svg: str) -> list[str]:
    """What a phone camera reads from the code: Chromium draws the SVG, zxing-cpp decodes it."""
    import zxingcpp
    from PIL import Image

    page = browser.new_page(viewport={"width": 480, "height": 480})
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    page.set_content(f'<body style="margin:0;background:#fff"><img id="qr" src="{source}" style="width:360px;height:360px"></body>')
    page.locator("#qr").wait_for()
    png = page.locator("#qr").screenshot()
    page.close()
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_every_qr_code_decodes_to_the_permanent_address_and_nothing_else(fixture_site, browser):
    rows = expected(fixture_site)
    for kind, lang, folder, address in rows:
        decoded = decode(browser, (folder / "qr.svg").read_text(encoding="utf-8"))
        assert decoded == [address], (kind, lang)
        parts = urlsplit(decoded[0])
        assert parts.scheme == "https" and not parts.query and not parts.fragment, "no tracking parameters"
        # The address leads to a page of this build.
        assert (fixture_site / parts.path.lstrip("/") / "index.html").is_file(), address


def test_a_qr_code_of_the_wrong_address_would_fail(browser):
    from hulproute import qr

    assert decode(browser, qr.svg("https://hulproute.nl/gemeente/amsterdam/", "t")) != ["https://hulproute.nl/gemeente/de-ronde-venen/"]


def test_posters_and_flyers_show_112_veilig_thuis_and_the_address_to_type(fixture_site):
    emergency, vt = phones.display(DATA.services["emergency"].phone), phones.display(DATA.services["veilig-thuis"].phone)
    for kind, lang, folder, address in expected(fixture_site):
        short = site_host(address) + urlsplit(address).path.rstrip("/")
        for sheet in SHEETS:
            html = (folder / sheet / "index.html").read_text(encoding="utf-8")
            main = re.search(r"<main\b.*?</main>", html, re.S).group(0)
            assert f'<bdi dir="ltr">{emergency}</bdi>' in main and f'<bdi dir="ltr">{vt}</bdi>' in main, (folder, sheet)
            assert DATA.strings[lang]["bar_vt_facts"] in main
            assert f'dir="ltr">{short}</bdi>' in main, (folder, sheet)
            assert '<img src="../qr.svg"' in main
            assert f'<html lang="{lang}" dir="{DATA.direction(lang)}">' in html


def test_every_sheet_prints_on_one_page_of_its_paper_size_in_every_language(fixture_site, browser, tmp_path):
    sheets = print_pdf.sheets_in(fixture_site, DATA.language_codes)
    assert len(sheets) == len(expected(fixture_site)) * len(SHEETS)
    written = print_pdf.render(fixture_site, tmp_path, sheets, DATA.default_language, browser=browser)
    for path, sheet in zip(written, sheets):
        sizes = print_pdf.page_sizes(path.read_bytes())
        assert len(sizes) == 1, path
        assert all(abs(got - want) <= 2 for got, want in zip(sizes[0], print_pdf.PAPER[sheet.sheet])), (path, sizes)


def test_an_overfull_sheet_is_refused_naming_it():
    with pytest.raises(Exception) as caught:
        print_pdf.check(b"/Type /Page /MediaBox [0 0 595.28 841.89] /Type /Page /MediaBox [0 0 595.28 841.89]",
                        "/voor-organisaties/campagne/x/poster/", "poster")
    assert "fills 2 pages" in str(caught.value) and "/campagne/x/poster/" in str(caught.value)


def test_in_print_only_the_sheet_remains(fixture_site, browser):
    from tests.browser_support import LocalServer

    with LocalServer(fixture_site) as server:
        page = browser.new_page()
        page.goto(f"{server.origin}/ar/{PARTNER_SECTION}/gemeente/{BUILT[0].slug}/flyer/")
        assert page.locator("a[data-hr-exit]").is_visible() and page.locator(".hr-bar").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("a[data-hr-exit]").is_visible() and not page.locator(".hr-bar").is_visible()
        assert page.locator(".hr-sheet__headline").is_visible() and page.locator(".hr-sheet__qr img").is_visible()
        assert page.evaluate("document.querySelector('.hr-sheet__qr img').naturalWidth") > 0, "the QR image loads"
        page.close()


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "print_pdfs.py"), *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_the_script_makes_the_pdfs_asked_for(fixture_site, tmp_path):
    slug = BUILT[1].slug
    run = run_script("--site", str(fixture_site), "--out", str(tmp_path), "--municipality", slug, "--language", "nl", "ar")
    assert run.returncode == 0, run.stderr
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf"))
    assert made == sorted(f"{lang}/gemeente-{slug}-{sheet}.pdf" for lang in ("nl", "ar") for sheet in SHEETS)
    assert all(p.read_bytes().startswith(b"%PDF") for p in tmp_path.rglob("*.pdf"))


@pytest.mark.parametrize("args, words", [
    (["--municipality", "bestaat-niet"], "no poster or flyer matches"),
    (["--campaign", next(iter(DATA.campaigns))] + ["--language", "xx"], "no poster or flyer matches"),
])
def test_the_script_says_what_is_wrong(fixture_site, tmp_path, args, words):
    run = run_script("--site", str(fixture_site), "--out", str(tmp_path), *args)
    assert run.returncode == 1 and words in run.stderr and "fix:" in run.stderr and "Traceback" not in run.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_the_script_needs_a_built_site(tmp_path):
    run = run_script("--site", str(tmp_path / "leeg"), "--out", str(tmp_path))
    assert run.returncode == 1 and "make build" in run.stderr and "Traceback" not in run.stderr
