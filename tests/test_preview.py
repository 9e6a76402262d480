"""The editors' preview (scripts/serve.py, hulproute/preview_mode.py): it builds one language (and
the default one), leaves out what it says it leaves out, and every page it does build is the full
build's page (but for the CSP meta, the trimmed stylesheets inside the page and the indentation between
tags, which only a published build adds or leaves out, and the language menu, which lists the
languages built)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from hulproute import hosting, preview_mode
from hulproute.errors import SiteError
from hulproute.loader import load_site_data
from tests.conftest import ROOT, write_fixture_config

DATA = load_site_data()
_CSP_META = re.compile(r'\n\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_INLINE_STYLE = re.compile(r"<style>.*?</style>", re.S)


def settings_of(config: Path) -> dict:
    with config.open(encoding="utf-8") as handle:
        return yaml_load(handle)


def preview_config(config_file: Path, language: str) -> Path:
    """The config scripts/serve.py writes once for its whole session."""
    settings = settings_of(config_file)
    return preview_mode.write_config(config_file, settings, preview_mode.config_overrides(settings, language),
                                     config_file.parent)


def preview_build(preview_file: Path, site: Path, dirty: bool) -> None:
    config = load_config(str(preview_file), site_dir=str(site))
    preview_mode.quiet_dirty_warning()
    config.plugins.on_startup(command="serve", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory) -> Path:
    """A preview of Arabic, built as scripts/serve.py configures it (fixture municipalities)."""
    work = tmp_path_factory.mktemp("preview")
    site = work / "site"
    preview_build(preview_config(write_fixture_config(work, site), BUILT[1]), site, dirty=False)
    return site


# The language menu lists the languages a build makes: in the preview, the ones it says it built.
_MENU_ITEM = re.compile(r'\s*<li class="md-select__item">\s*<a href="[^"]*" hreflang="(?P<lang>[^"]+)" '
                        r'class="md-select__link">.*?</li>', re.S)
BUILT = ("nl", "ar")


def comparable(html: str) -> str:
    """A page without what only a published build adds, and its language menu without the
    languages the preview did not build."""
    html = _MENU_ITEM.sub(lambda item: item.group(0) if item.group("lang") in BUILT else "", html)
    # A published page has the stylesheets inside; the preview links them (hulproute.hosting).
    html = hosting.inline_styles(_INLINE_STYLE.sub("<style>trimmed</style>", html), "<style>trimmed</style>")
    # ... and without the templates' indentation between tags, which it leaves out.
    return hosting.without_indentation(_CSP_META.sub("", html))


def test_only_the_chosen_and_the_default_language_are_built(preview_site):
    built = {code for code in DATA.language_codes if code != DATA.default_language and (preview_site / code).is_dir()}
    assert built == set(BUILT) - {DATA.default_language}
    assert (preview_site / "index.html").is_file() and (preview_site / "ar" / "index.html").is_file()


def test_what_the_preview_says_it_leaves_out_is_left_out(preview_site):
    assert not (preview_site / "pagefind").exists()
    assert not list(preview_site.glob("**/voor-organisaties/gemeente/*/qr.svg"))
    message = preview_mode.skipped_message(settings_of(ROOT / "mkdocs.yml"),
                                           preview_mode.config_overrides(settings_of(ROOT / "mkdocs.yml"), "ar"))
    for code in DATA.language_codes:
        if code not in ("nl", "ar"):
            assert code in message.split("Not built")[1]
    assert "search index" in message and "QR codes" in message


def test_every_preview_page_is_the_full_builds_page(preview_site, fixture_site):
    pages = sorted(preview_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        relative = page.relative_to(preview_site)
        full = fixture_site / relative
        assert full.is_file(), f"{relative} is in the preview but not in the full build"
        assert comparable(page.read_text(encoding="utf-8")) == comparable(full.read_text(encoding="utf-8")), relative


def test_a_rebuild_after_edits_builds_only_what_changed_and_equals_a_fresh_preview(tmp_path):
    """The editor saves a hand-written page and a local contact: the rebuild (dirty, as
    scripts/serve.py runs it) shows both, leaves untouched pages alone, and every page then equals
    a preview built from nothing."""
    docs, data = tmp_path / "docs", tmp_path / "data"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(ROOT / "data", data)
    config_file = write_fixture_config(tmp_path, tmp_path / "unused", data_dir=data, docs_dir=docs)
    site, preview_file = tmp_path / "site", preview_config(config_file, "nl")
    preview_build(preview_file, site, dirty=True)
    untouched = site / "gemeente" / "de-ronde-venen" / "index.html"  # not served by that contact
    before = untouched.stat().st_mtime_ns
    page = docs / "nl" / "veilig-bekijken.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEen zin die de redacteur net schreef.\n", encoding="utf-8")
    contacts = data / "local_contacts.yaml"
    name = "Blijf Groep (Oranje Huis Amsterdam)"
    assert name in contacts.read_text(encoding="utf-8")
    contacts.write_text(contacts.read_text(encoding="utf-8").replace(name, name + " Zuid", 1), encoding="utf-8")
    # A source that hand-written pages cite: the pages citing it show the new title, the others
    # are not built again (an edit in data/ rebuilds only the pages whose macros print it).
    sources, title = data / "sources" / "seeds.yaml", "Regioaanpak huiselijk geweld en kindermishandeling Amsterdam-Amstelland 2020–2025"
    sources.write_text(sources.read_text(encoding="utf-8").replace(title, title + " (herzien)", 1), encoding="utf-8")
    citing, not_citing = (site / "rechten" / "advies-of-melding-bij-veilig-thuis" / "index.html",
                          site / "voor-professionals" / "index.html")
    assert "seed-amsterdam-amstelland-2020" not in (docs / "nl" / "voor-professionals" / "index.md").read_text(encoding="utf-8")
    not_citing_before = not_citing.stat().st_mtime_ns
    preview_build(preview_file, site, dirty=True)
    assert "Een zin die de redacteur net schreef." in (site / "veilig-bekijken" / "index.html").read_text(encoding="utf-8")
    assert name + " Zuid" in (site / "gemeente" / "amsterdam" / "index.html").read_text(encoding="utf-8")
    assert title + " (herzien)" in citing.read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == before, "a page whose inputs did not change was built again"
    assert not_citing.stat().st_mtime_ns == not_citing_before, "a page that shows nothing of the edited data was built again"
    fresh = tmp_path / "fresh"
    preview_build(preview_file, fresh, dirty=False)
    pages = sorted(p.relative_to(fresh) for p in fresh.rglob("*.html"))
    assert pages == sorted(p.relative_to(site) for p in site.rglob("*.html"))
    for relative in pages:
        assert (site / relative).read_bytes() == (fresh / relative).read_bytes(), relative


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(SiteError, match="use one of nl, en, tr, ar, pl, uk"):
        preview_mode.config_overrides(settings_of(ROOT / "mkdocs.yml"), "fr")


def test_the_serve_script_says_so_without_a_traceback():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "serve.py"), "--language", "fr"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "--language fr: the site has no such language" in run.stderr and "Traceback" not in run.stderr


def test_the_served_preview_shows_a_saved_page_and_a_saved_data_file():
    """scripts/serve.py as an editor runs it (a live server, on copies of docs/ and data/): the
    first page answers, and a sentence added to a page and a contact's new name in data/ appear
    on their pages (hulproute/preview_timing.py, which the benchmark times; no time is asserted)."""
    import tempfile

    from hulproute import preview_timing

    def temporary_folders() -> set[Path]:  # scripts/serve.py's and MkDocs' own
        return {*Path(tempfile.gettempdir()).glob("hulproute-preview-*"), *Path(tempfile.gettempdir()).glob("mkdocs_*")}

    before = temporary_folders()
    figures = preview_timing.measure("nl", DATA.default_language, edits=1)
    assert figures.first_page_seconds > 0 and figures.page_edit_seconds > 0 and figures.data_edit_seconds > 0
    assert temporary_folders() - before == set(), "the preview, stopped with Ctrl-C, leaves its folders behind"
