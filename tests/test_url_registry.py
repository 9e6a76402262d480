"""Addresses never break: every address in data/published_urls.txt still answers, every page is
registered, and a merged municipality's old page leads to its successor's (issue 15).

The merger is a fixture: De Ronde Venen "merged into" Amsterdam in a copy of data/, built and
served through nginx with the deployed config, then visited in Chromium.
"""
from __future__ import annotations

import http.client
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hulproute import url_registry
from hulproute.errors import DataError, SiteError
from hulproute.loader import load_site_data
from tests.conftest import ROOT, write_fixture_config
from tests.helpers import prefix

DATA = load_site_data()
OLD, OLD_SLUG, SUCCESSOR = "GM0736", "de-ronde-venen", "GM0363"




# ---- the real registry against the complete site ---------------------------------------------

def test_every_registered_address_still_answers(full_site):
    broken = url_registry.unresolved(url_registry.read(), url_registry.site_pages(full_site), DATA.redirects)
    assert broken == [], "registered addresses without a page or redirect (add a redirect): " + ", ".join(broken[:10])


def test_every_page_of_the_site_is_registered(full_site):
    new = url_registry.unregistered(url_registry.read(), url_registry.site_pages(full_site))
    assert new == [], "pages missing from data/published_urls.txt (run `python scripts/urls.py add`): " + ", ".join(new[:10])


def test_the_registry_covers_every_language_and_municipality():
    registered = set(url_registry.read())
    for lang in DATA.language_codes:
        assert {f"/{prefix(lang)}gemeente/{m.slug}/" for m in DATA.municipalities} <= registered, lang


# ---- the registry file itself -----------------------------------------------------------------

@pytest.mark.parametrize("line, problem", [("gemeente/x/", "is not a site address"), ("/a/\n/a/", "listed twice")])
def test_a_malformed_registry_line_is_named(tmp_path, line, problem):
    registry = tmp_path / "published_urls.txt"
    registry.write_text(f"# header\n{line}\n", encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        url_registry.read(registry)
    assert problem in caught.value.problem and "line" in caught.value.problem


def test_adding_only_grows_the_registry(tmp_path):
    registry = tmp_path / "published_urls.txt"
    registry.write_text("/oud/\n/a/\n", encoding="utf-8")
    assert url_registry.add({"/a/", "/b/"}, registry) == ["/b/"]
    assert url_registry.read(registry) == ["/a/", "/b/", "/oud/"], "an address no longer built stays registered"


def test_the_check_command_names_a_broken_address_and_the_fix(full_site, tmp_path):
    registry = tmp_path / "published_urls.txt"
    shutil.copy(url_registry.REGISTRY, registry)
    with registry.open("a", encoding="utf-8") as out:
        out.write("/signalen/een-pagina-die-er-niet-meer-is/\n")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "urls.py"), "check", "--site", str(full_site),
                          "--registry", str(registry)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert "/signalen/een-pagina-die-er-niet-meer-is/: registered, but no page" in run.stderr
    assert "data/redirects.yaml" in run.stderr and "Traceback" not in run.stderr


# ---- a municipality merger, end to end -----------------------------------------------------------

def merge_in_copy(data_copy: Path) -> None:
    """What a real merger does to data/: the old municipality leaves municipalities.csv, its
    places, postcodes and contacts go to the successor, and the merger is recorded."""
    csv = data_copy / "municipalities.csv"
    csv.write_text("".join(line for line in csv.read_text(encoding="utf-8").splitlines(keepends=True)
                           if not line.startswith(OLD + ",")), encoding="utf-8")
    for name in ("places.csv", "postcodes.csv", "local_contacts.yaml"):
        path = data_copy / name
        path.write_text(path.read_text(encoding="utf-8").replace(OLD, SUCCESSOR), encoding="utf-8")
    (data_copy / "municipality_mergers.yaml").write_text(
        "mergers:\n"
        f"  - {{code: {OLD}, name: De Ronde Venen, slug: {OLD_SLUG}, into: {SUCCESSOR}, date: 2027-01-01,\n"
        "     source: 'https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/gemeentelijke-indelingen-per-jaar'}\n",
        encoding="utf-8")


@pytest.fixture(scope="module")
def merged_site(tmp_path_factory):
    from tests.helpers import build_atomically

    work = tmp_path_factory.mktemp("merger")
    data_copy = work / "data"
    shutil.copytree(ROOT / "data", data_copy)
    merge_in_copy(data_copy)
    site = work / "site"
    build_atomically(write_fixture_config(work, site, data_dir=data_copy, municipalities=(SUCCESSOR,)), site)
    return site, load_site_data(data_copy)


def test_a_merged_municipality_has_a_redirect_in_every_language(merged_site):
    site, data = merged_site
    successor = data.municipality(SUCCESSOR).slug
    expected = {(f"/{prefix(lang)}gemeente/{OLD_SLUG}/", f"/{prefix(lang)}gemeente/{successor}/") for lang in data.language_codes}
    assert {(r.from_, r.to) for r in data.redirects} == expected
    netlify = (site / "_redirects").read_text(encoding="utf-8")
    nginx = (site / "_deploy" / "nginx" / "server.conf").read_text(encoding="utf-8")
    for old, new in expected:
        assert f"{old} {new} 301" in netlify
        assert f"location = {old} {{" in nginx and f"return 301 {new};" in nginx
    old_addresses = [old for old, _ in expected]
    assert url_registry.unresolved(old_addresses, url_registry.site_pages(site), data.redirects) == []


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_old_page_on_a_host_without_redirects_goes_on_in_its_language(merged_site, lang):
    site, data = merged_site
    html = (site / prefix(lang) / "gemeente" / OLD_SLUG / "index.html").read_text(encoding="utf-8")
    new = f"/{prefix(lang)}gemeente/{data.municipality(SUCCESSOR).slug}/"
    assert f'<meta http-equiv="refresh" content="0; url={new}">' in html
    assert f'<a href="{new}">{data.strings[lang]["moved_link"]}</a>' in html
    assert f'lang="{lang}"' in html and ('dir="rtl"' in html) == (lang == "ar")
    assert 'href="tel:112"' in html and 'href="tel:+318002000"' in html and data.strings[lang]["exit_label"] in html
    assert 'name="robots" content="noindex"' in html and "Content-Security-Policy" in html


def test_through_nginx_an_old_address_is_a_permanent_redirect_a_reader_follows(merged_site, browser, tmp_path):
    from tests.browser_support import NginxServer

    site, data = merged_site
    successor = data.municipality(SUCCESSOR).slug
    with NginxServer(site, tmp_path) as server:
        netloc = urlsplit(server.origin).netloc
        for old in (f"/gemeente/{OLD_SLUG}/", f"/gemeente/{OLD_SLUG}", f"/en/gemeente/{OLD_SLUG}/"):
            connection = http.client.HTTPConnection(netloc, timeout=10)
            connection.request("GET", old)
            response = connection.getresponse()
            assert response.status == 301, old
            expected = f"/{'en/' if old.startswith('/en/') else ''}gemeente/{successor}/"
            assert response.getheader("Location") == expected, old
            connection.close()
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{server.origin}/ar/gemeente/{OLD_SLUG}/")
        assert page.url == f"{server.origin}/ar/gemeente/{successor}/"
        assert data.municipality(SUCCESSOR).name in page.locator("h1").inner_text()
        context.close()


# ---- the merger file is checked like all data ------------------------------------------------------

@pytest.mark.parametrize("entry, field, problem", [
    (f"{{code: {SUCCESSOR}, name: X, slug: x-oud, into: GM0344, date: 2027-01-01, source: 'https://www.cbs.nl/'}}",
     "code", "is still in data/municipalities.csv"),
    ("{code: GM9990, name: X, slug: amsterdam, into: GM0344, date: 2027-01-01, source: 'https://www.cbs.nl/'}",
     "slug", "address of a current municipality page"),
    ("{code: GM9990, name: X, slug: x-oud, into: GM9991, date: 2027-01-01, source: 'https://www.cbs.nl/'}",
     "into", "is not in data/municipalities.csv"),
])
def test_a_wrong_merger_is_refused_with_the_fix(data_copy, entry, field, problem):
    (data_copy / "municipality_mergers.yaml").write_text(f"mergers:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    mine = [p for p in caught.value.problems if p.file == "data/municipality_mergers.yaml"]
    assert any(p.field == field and problem in p.problem for p in mine), [str(p) for p in caught.value.problems]
