"""For partners (issue 15): a page per language with a copyable permanent link per municipality,
and a help block an organisation pastes into its own site. The block is plain HTML (no script,
iframe, style, image or tracking), shows 112 and Veilig Thuis from data/ and links the
municipality's page; what the page offers to copy is exactly what its preview shows.

The paste is tried for real: the block goes into a page of another origin whose CSP allows
nothing to load, and Chromium shows it without a single request.
"""
from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

import pytest

from hulproute import phones
from hulproute.partners import help_block
from hulproute.urls import PARTNER_SECTION, municipality_url
from tests.helpers import prefix
from tests.test_print_materials import DATA, BUILT, site_url

ALLOWED = {"div": {"class", "lang", "dir"}, "p": set(), "strong": set(), "a": {"href"}, "bdi": {"dir"}}


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(markup: str) -> list[tuple[str, dict[str, str]]]:
    parser = Elements()
    parser.feed(markup)
    return parser.found


def copy_and_preview(html: str) -> tuple[str, str]:
    """(the HTML a partner copies from the text area, the preview's inner HTML)."""
    code = re.search(r'<textarea[^>]*id="hr-block-code"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    preview = re.search(r'<div class="hr-block-preview"[^>]*>(.*?</div>)\s*</div>', html, re.S).group(1)
    return html_lib.unescape(code).strip(), preview.strip()


@pytest.mark.parametrize("municipality", [None, *BUILT], ids=["general", *(m.slug for m in BUILT)])
@pytest.mark.parametrize("lang", DATA.language_codes)
def test_the_help_block_is_plain_html_with_the_numbers_from_data_and_one_link(lang, municipality):
    base = "https://hulproute.nl/"
    block = str(help_block(DATA, lang, base, municipality))
    found = elements(block)
    for tag, attrs in found:
        assert tag in ALLOWED, tag
        assert set(attrs) <= ALLOWED[tag], (tag, attrs)
    assert found[0] == ("div", {"class": "hulproute-hulpblok", "lang": lang, "dir": DATA.direction(lang)})
    links = [attrs["href"] for tag, attrs in found if tag == "a"]
    emergency, vt = DATA.services["emergency"], DATA.services["veilig-thuis"]
    target = (municipality_url(municipality.slug, lang, DATA.default_language) if municipality
              else f"/{prefix(lang)}gemeente/")
    assert links == [phones.tel_href(emergency.phone), phones.tel_href(vt.phone), base.rstrip("/") + target]
    text = re.sub(r"<[^>]+>", "", block)
    assert phones.display(emergency.phone) in text and phones.display(vt.phone) in text
    assert DATA.strings[lang]["bar_vt_facts"] in text
    if municipality:
        assert municipality.name in text


@pytest.mark.parametrize("lang", DATA.language_codes)
def test_the_partner_page_lists_a_permanent_link_and_materials_per_municipality(fixture_site, lang):
    page = fixture_site / prefix(lang) / PARTNER_SECTION / "index.html"
    html = page.read_text(encoding="utf-8")
    base = site_url(fixture_site).rstrip("/")
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a><br><span class="hr-address">([^<]+)</span></li>', html)
    campaigns = [c for c in DATA.campaigns.values() if lang in c.languages]
    assert [name for _, name, _ in items] == [c.texts[lang].headline for c in campaigns] + [m.name for m in BUILT]
    addresses = [f"/{prefix(lang)}{c.slug}/" for c in campaigns] + [municipality_url(m.slug, lang, DATA.default_language) for m in BUILT]
    assert [address for _, _, address in items] == [base + a for a in addresses]
    for href, _, address in items:
        assert (page.parent / href / "index.html").is_file(), href
        assert (fixture_site / address.removeprefix(base).lstrip("/") / "index.html").is_file(), address
    assert DATA.strings[lang]["partner_block_title"] in html


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_what_a_partner_copies_is_what_the_preview_shows(fixture_site, lang):
    pages = [fixture_site / prefix(lang) / PARTNER_SECTION / "index.html"]
    pages += [fixture_site / prefix(lang) / PARTNER_SECTION / "gemeente" / m.slug / "index.html" for m in BUILT]
    base = site_url(fixture_site)
    for page, municipality in zip(pages, [None, *BUILT]):
        code, preview = copy_and_preview(page.read_text(encoding="utf-8"))
        assert code == preview, page
        assert code == str(help_block(DATA, lang, base, municipality)), page


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_a_pasted_block_shows_on_another_site_without_loading_anything(fixture_site, browser, tmp_path, lang):
    from tests.browser_support import LocalServer

    municipality = BUILT[0]
    code, _ = copy_and_preview((fixture_site / prefix(lang) / PARTNER_SECTION / "gemeente" / municipality.slug
                                / "index.html").read_text(encoding="utf-8"))
    partner = tmp_path / "partner"
    partner.mkdir()
    (partner / "index.html").write_text(
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        """<meta http-equiv="Content-Security-Policy" content="default-src 'none'">"""
        f"<title>Buurthuis</title></head><body><h1>Buurthuis</h1>{code}</body></html>", encoding="utf-8")
    with LocalServer(partner) as server:
        context = browser.new_context()
        page = context.new_page()
        requests, violations = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: violations.append(message.text) if message.type == "error" else None)
        page.goto(server.origin + "/")
        block = page.locator(".hulproute-hulpblok")
        assert block.is_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('.hulproute-hulpblok')).direction") == DATA.direction(lang)
        assert phones.display(DATA.services["veilig-thuis"].phone) in block.inner_text()
        assert block.locator(f"a[href$='{municipality_url(municipality.slug, lang, DATA.default_language)}']").count() == 1
        assert requests == [server.origin + "/"], "the block loads nothing"
        assert violations == []
        context.close()


def test_the_materials_page_offers_the_address_qr_poster_and_flyer(fixture_site):
    base = site_url(fixture_site).rstrip("/")
    for lang in DATA.language_codes:
        for municipality in BUILT:
            folder = fixture_site / prefix(lang) / PARTNER_SECTION / "gemeente" / municipality.slug
            html = (folder / "index.html").read_text(encoding="utf-8")
            address = base + municipality_url(municipality.slug, lang, DATA.default_language)
            assert f'<a class="hr-address" href="{address}">{address}</a>' in html
            for href in ("qr.svg", "poster/", "flyer/"):
                assert f'href="{href}"' in html and (folder / href).exists()
            assert '<a href="../../">' in html and (folder.parent.parent / "index.html").is_file()

