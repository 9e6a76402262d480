"""Build the fixture site (2 municipalities x 6 languages) and check what readers and crawlers get.

This also guards hulproute/mkdocs_glue.py, which relies on mkdocs-static-i18n internals.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hulproute import css_trim
from hulproute.loader import load_site_data
from tests.helpers import body_dir, html_lang_dir, resolve_href, switcher_links, visible_text
from tests.helpers import prefix

GOLDEN = Path(__file__).parent / "golden" / "fixture_site_paths.txt"
LANGUAGES = ["nl", "en", "tr", "ar", "pl", "uk"]
SITE_URL = "https://hulproute.nl/"




def output_paths(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".xml"}
    )


def test_golden_list_of_output_paths(fixture_site):
    expected = [line for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line]
    assert output_paths(fixture_site) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_lang_and_direction(fixture_site, language):
    for page in ["index.html", "gemeente/index.html", "gemeente/de-ronde-venen/index.html", "404.html"]:
        html = (fixture_site / prefix(language) / page).read_text(encoding="utf-8")
        # The direction is on <html> (overrides/base.html), so <head> and <title> have it too,
        # and only there: one place decides it.
        assert html_lang_dir(html) == (language, "rtl" if language == "ar" else "ltr"), page
        assert body_dir(html) is None, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_keeps_reader_on_the_same_municipality(fixture_site, language):
    page = fixture_site / prefix(language) / "gemeente" / "de-ronde-venen" / "index.html"
    links = switcher_links(page.read_text(encoding="utf-8"))
    assert set(links) == set(LANGUAGES)
    for target_language, href in links.items():
        target = resolve_href(fixture_site, page, href) / "index.html"
        expected = (fixture_site / prefix(target_language) / "gemeente" / "de-ronde-venen" / "index.html").resolve()
        assert target == expected, (target_language, href)


def test_switcher_on_home_and_index(fixture_site):
    for page_path in ["index.html", "gemeente/index.html"]:
        page = fixture_site / "en" / page_path
        links = switcher_links(page.read_text(encoding="utf-8"))
        resolved = {lang: resolve_href(fixture_site, page, href) for lang, href in links.items()}
        assert resolved["nl"] == (fixture_site / page_path).parent.resolve()
        assert resolved["ar"] == (fixture_site / "ar" / page_path).parent.resolve()


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_on_404_leads_to_each_language_home(fixture_site, language):
    """A 404 is served at any address: absolute links to the homes, not some other page's twins."""
    links = switcher_links((fixture_site / prefix(language) / "404.html").read_text(encoding="utf-8"))
    assert links == {other: f"/{prefix(other)}" for other in LANGUAGES}


def test_sitemap_lists_generated_pages_with_alternates(fixture_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(fixture_site / "sitemap.xml").getroot()
    entries = {
        url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in root.findall("s:url", ns)
    }
    html_pages = [p for p in output_paths(fixture_site) if p.endswith("index.html")]
    # Every page, except the route finder's steps and results (they stay in the browser history,
    # never in search) and the data-status page (for helpers, not for readers in need): they are
    # noindex, so the sitemap does not offer them either; nor the materials pages for organisations
    # (tools linked from the page for organisations, which is in the sitemap).
    noindex = {p for p in html_pages if 'name="robots" content="noindex"' in (fixture_site / p).read_text(encoding="utf-8")}
    status = {p for p in html_pages if p.endswith("data-status/index.html")}
    materials = {p for p in html_pages if re.search(r"(^|/)voor-organisaties/[^/]+/", p)}
    assert len(status) == len(LANGUAGES) and status <= noindex and materials <= noindex and materials
    assert all("hulp-zoeken/" in p and not p.endswith("hulp-zoeken/index.html") for p in noindex - status - materials)
    expected_locs = {SITE_URL + p.removesuffix("index.html") for p in html_pages if p not in noindex}
    assert set(entries) == expected_locs
    # Language by language, in the configured order, as one process writes it (the other
    # languages are built by two: hulproute/parallel_languages.py merges their sitemaps).
    first_segments = [loc.removeprefix(SITE_URL).split("/")[0] for loc in entries]
    order = [LANGUAGES.index(segment) if segment in LANGUAGES else 0 for segment in first_segments]
    assert order == sorted(order) and set(order) == set(range(len(LANGUAGES)))
    for language in LANGUAGES:
        loc = f"{SITE_URL}{prefix(language)}gemeente/amsterdam/"
        assert entries[loc] == {other: f"{SITE_URL}{prefix(other)}gemeente/amsterdam/" for other in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_404(fixture_site, language):
    html = (fixture_site / prefix(language) / "404.html").read_text(encoding="utf-8")
    strings = load_site_data().strings[language]
    assert strings["not_found_title"] in html
    assert f'href="/{prefix(language)}"' in html
    assert 'href="tel:112"' in html and 'href="tel:+318002000"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_puts_112_and_veilig_thuis_first(fixture_site, language):
    html = (fixture_site / prefix(language) / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", html, re.S).group(0)
    links = re.findall(r'href="(tel:[^"]+|[^"]*gemeente/)"', article)
    assert links[:2] == ["tel:112", "tel:+318002000"]
    assert "gemeente/" in links[2]
    text = visible_text(html)
    strings = load_site_data().strings[language]
    assert text.index("112") < text.index("0800-2000")
    assert strings["vt_facts"] in text


def test_municipality_page_content_in_order(fixture_site):
    html = (fixture_site / "gemeente" / "de-ronde-venen" / "index.html").read_text(encoding="utf-8")
    text = visible_text(html)
    order = ["Bel 112", "Veilig Thuis Utrecht", "Bel 0800-2000", "Gratis. Dag en nacht",
             "helpt in de plaats waar de persoon woont", "Hulp in de gemeente De Ronde Venen",
             "Landelijke hulp", "De Kindertelefoon", "Plaatsen in de gemeente De Ronde Venen",
             "Vinkeveen", "Bronnen en controle", "CBS (CC BY 4.0)"]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    # Every fact block shows when it was checked: Veilig Thuis, its regional website (if any),
    # each local contact and each national line, as data/ lists them.
    data = load_site_data()
    m = next(m for m in data.municipalities if m.slug == "de-ronde-venen")
    region = data.regions[m.veilig_thuis_region]
    local = [c for c in data.contacts_by_municipality.get(m.code, []) if c.kind != "regional_info" or c.website]
    national = [i for i in data.services if i not in ("emergency", "veilig-thuis")]
    assert text.count("laatst gecontroleerd op") == 1 + bool(region.website) + len(local) + len(national)


def test_pilot_municipality_shows_local_contacts_with_sources(fixture_site):
    text = visible_text((fixture_site / "gemeente" / "amsterdam" / "index.html").read_text(encoding="utf-8"))
    assert "Blijf Groep (Oranje Huis Amsterdam)" in text and "088 234 2450" in text
    # The OKT number is in data but not confirmed as the parents' line: never published.
    assert "Ouder- en Kindteams Amsterdam" in text and "555 5961" not in text
    assert "bron zonder datum" in text


def test_municipality_without_local_team_says_so(fixture_site):
    text = visible_text((fixture_site / "gemeente" / "de-ronde-venen" / "index.html").read_text(encoding="utf-8"))
    assert "nog geen lokaal team kunnen controleren" in text


def test_index_lists_fixture_municipalities_without_javascript(fixture_site):
    html = (fixture_site / "en" / "gemeente" / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", html, re.S).group(0)
    assert article.count('href="amsterdam/"') == 2  # A–Z and by province
    assert article.count('href="de-ronde-venen/"') == 2
    assert "<script" not in article


def test_no_external_assets(fixture_site):
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fetched = [tag for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html)
                   if not re.search(r'rel="(?:canonical|alternate)"', tag)]
        for tag in fetched:
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (page, tag)
        assert "fonts.googleapis" not in html and "Made with" not in html


def test_every_link_on_route_finder_pages_leads_to_a_page(fixture_site):
    """Route pages are raw HTML that MkDocs does not check: follow every local link."""
    checked = 0
    for page in fixture_site.rglob("hulp-zoeken/**/index.html"):
        html = page.read_text(encoding="utf-8")
        article = re.search(r"<article\b.*?</article>", html, re.S).group(0)
        for href in re.findall(r'href="([^"#]+)"', article):
            if href.startswith(("http://", "https://", "tel:")):
                continue
            target = resolve_href(fixture_site, page, href)
            assert (target / "index.html").is_file() or target.is_file(), (page, href)
            checked += 1
    assert checked > 1000


def test_material_files_the_site_does_not_use_are_left_out(fixture_site):
    """No JavaScript bundle, search workers, lunr, palette or source maps (hulproute/theme_assets.py),
    and Material's stylesheet only trimmed, inside the pages: no page links it or waits for a script."""
    shipped = [p.relative_to(fixture_site).as_posix() for p in (fixture_site / "assets").rglob("*") if p.is_file()]
    unused = [path for path in shipped if path.endswith((".map", ".map.gz")) or "/lunr/" in path
              or "/workers/" in path or "/bundle." in path or "/palette." in path]
    assert not unused
    assert not [p for p in shipped if css_trim.MATERIAL_CSS.search(p)]
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    head = home.split("</head>", 1)[0]
    assert head.count("<style>") == 1 and 'rel="stylesheet"' not in head
    assert ".md-header{" in head and ".hr-top" in head  # Material's rules and ours
    # Every script in the head is deferred: nothing holds up the first paint.
    assert [tag for tag in re.findall(r"<script[^>]*>", head) if "defer" not in tag] == []


def test_the_i18n_plugin_builds_its_languages_through_our_glue():
    """hulproute/mkdocs_glue.py shares the other languages' builds out over two processes by
    replacing the `build` the i18n plugin's loop calls: an upgrade that renames it would
    silently build in one process again."""
    import mkdocs_static_i18n.plugin

    from hulproute import mkdocs_glue

    assert mkdocs_static_i18n.plugin.build is mkdocs_glue._build_language
    assert "build(config, dirty=dirty)" in Path(mkdocs_static_i18n.plugin.__file__).read_text(encoding="utf-8")
