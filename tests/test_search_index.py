"""The search index the build writes (hulproute/search_index.py, Pagefind): one per language,
page content only, rebuilt from scratch, and a clear error when it cannot be built.

What is indexed is read back from Pagefind's own output (its entry file and its gzip-compressed
fragments, one per indexed page), so these tests see what a search can find.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import pytest

from hulproute import search_index
from hulproute.errors import SiteError
from hulproute.loader import load_site_data
from tests.conftest import FIXTURE_MUNICIPALITIES, ROOT
from tests.helpers import prefix

DATA = load_site_data()
LANGUAGES = DATA.language_codes




def fragments(site: Path, lang: str) -> dict[str, str]:
    """{url: indexed text} of every page Pagefind indexed in a language."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob(f"{lang}_*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        record = json.loads(raw[raw.index(b"{"):])
        found[record["url"]] = record["content"]
    return found


def test_one_index_per_language_with_exactly_the_pages_worth_finding(fixture_site):
    entry = json.loads((fixture_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    hand_written = {p.relative_to(ROOT / "docs" / "nl").as_posix() for p in (ROOT / "docs" / "nl").rglob("*.md")}
    # Hand-written pages, the route finder's first page, the built municipality pages, the
    # campaigns' landing pages and the page for organisations (not its materials pages: they
    # are tools, written outside the theme, and carry no data-pagefind-body).
    expected = len(hand_written) + 1 + len(FIXTURE_MUNICIPALITIES) + len(DATA.campaigns) + 1
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == {lang: expected for lang in LANGUAGES}
    for lang in LANGUAGES:
        urls = set(fragments(fixture_site, lang))
        assert all(u.startswith(f"/{prefix(lang)}") for u in urls), "an index holds its own language only"
        assert f"/{prefix(lang)}gemeente/de-ronde-venen/" in urls and f"/{prefix(lang)}hulp-zoeken/" in urls
        left_out = ("hulp-zoeken/", "gemeente/plaatsen/", "gemeente/postcodes/", "zoeken/", "data-status/")
        assert not [u for u in urls if any(u.startswith(f"/{prefix(lang)}{p}") and u != f"/{prefix(lang)}hulp-zoeken/"
                                           for p in left_out)]
        assert f"/{prefix(lang)}gemeente/" not in urls
        assert f"/{prefix(lang)}voor-organisaties/" in urls
        assert not [u for u in urls if u.startswith(f"/{prefix(lang)}voor-organisaties/") and u != f"/{prefix(lang)}voor-organisaties/"]


def test_route_finder_steps_and_lists_of_pages_are_not_indexed(fixture_site):
    """A route-finder step stands for someone's situation; a list of other pages has nothing of
    its own: neither is marked for the index."""
    for lang in ("nl", "ar"):
        root = fixture_site / prefix(lang)
        steps = [p for p in (root / "hulp-zoeken").rglob("index.html") if p.parent != root / "hulp-zoeken"]
        assert steps
        lists = [root / "gemeente" / "index.html", root / "gemeente" / "plaatsen" / "index.html",
                 root / "zoeken" / "index.html", root / "data-status" / "index.html", root / "404.html"]
        for page in steps + lists:
            assert "data-pagefind-body" not in page.read_text(encoding="utf-8"), page


def test_only_page_content_is_indexed(fixture_site):
    """Not the emergency bar, the quick exit, the menu, source lines, footnote lists, the repeated
    national cards of a municipality page or the 'not yet reviewed' notice."""
    for lang in LANGUAGES:
        t = DATA.strings[lang]
        indexed = fragments(fixture_site, lang)
        municipality = indexed[f"/{prefix(lang)}gemeente/de-ronde-venen/"]
        assert "Vinkeveen" in municipality and "3641" in municipality
        assert DATA.strings[lang]["service_kindertelefoon"] not in municipality
        for url, text in indexed.items():
            assert t["bar_vt"].format(phone="0800-2000") not in text, (lang, url)
            assert t["bar_danger"].format(phone="112") not in text, (lang, url)
            assert t["exit_hint"] not in text, (lang, url)
            assert t["language_notice_unreviewed"] not in text, (lang, url)
            checked = t["checked_on"].split("{")[0].strip()
            assert not checked or checked not in text, (lang, url)
        page = (fixture_site / prefix(lang) / "signalen" / "partnergeweld" / "index.html").read_text(encoding="utf-8")
        footnotes = re.search(r'<div class="footnote">(.*?)</div>', page, re.S)
        assert footnotes, "the page cites its sources"
        first_source = re.sub(r"<[^>]+>", "", re.search(r"<li[^>]*>(.*?)</li>", footnotes.group(1), re.S).group(1))
        first_source = re.sub(r"\s+", " ", first_source).strip()[:40]
        assert first_source not in indexed[f"/{prefix(lang)}signalen/partnergeweld/"]


def test_everyday_words_are_indexed_with_their_page(fixture_site):
    for lang in LANGUAGES:
        indexed = fragments(fixture_site, lang)
        for page, words in DATA.search_terms[lang].items():
            url = "/" + prefix(lang) + re.sub(r"(index)?\.md$", "", page).rstrip("/") + "/"
            assert url.replace("//", "/") in indexed, (lang, page)
            assert words[0] in indexed[url.replace("//", "/")], (lang, page)


def test_only_what_the_search_page_loads_is_published(fixture_site):
    names = {p.name for p in (fixture_site / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-entry.json", "index", "fragment"} <= names
    assert not {n for n in names if n.endswith((".css",)) or "ui" in n or "worker" in n or "highlight" in n}


# ---- the step itself, on small sites -----------------------------------------------------------

def tiny_site(root: Path, languages: dict[str, bool]) -> Path:
    """One page per language; `True` marks its content for the index."""
    for lang, marked in languages.items():
        folder = root / lang
        folder.mkdir(parents=True)
        body = '<main data-pagefind-body><h1>Hulp</h1><p>Veilig Thuis</p></main>' if marked else "<main><p>x</p></main>"
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>',
            encoding="utf-8")
    return root


def test_an_old_index_is_removed_before_indexing(tmp_path):
    site = tiny_site(tmp_path / "site", {"nl": True, "en": True})
    stale = site / "pagefind" / "fragment" / "nl_old.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    summary = search_index.build(site, ["nl", "en"])
    assert not stale.exists()
    assert summary.pages == {"nl": 1, "en": 1}
    assert "2 pages" in str(summary)
    assert not (site / search_index.INPUT).exists(), "the pages handed to Pagefind are not part of the site"


def test_pagefind_reads_only_the_pages_with_content_to_index(tmp_path):
    site = tiny_site(tmp_path / "site", {"nl": True, "en": False})
    search_index.link_indexed_pages(site, tmp_path / "input")
    assert sorted(p.relative_to(tmp_path / "input").as_posix() for p in (tmp_path / "input").rglob("*.html")) == ["nl/index.html"]
    assert (tmp_path / "input" / "nl" / "index.html").read_bytes() == (site / "nl" / "index.html").read_bytes()


def test_a_language_without_indexed_pages_stops_the_build_with_the_fix(tmp_path):
    site = tiny_site(tmp_path / "site", {"nl": True, "en": False})
    with pytest.raises(SiteError) as caught:
        search_index.build(site, ["nl", "en"])
    assert "no indexed pages in en" in caught.value.problem and "data-pagefind-body" in caught.value.fix


def test_pagefind_failing_is_a_clear_error(tmp_path, monkeypatch):
    site = tiny_site(tmp_path / "site", {"nl": True})
    monkeypatch.setattr(search_index, "command", lambda site_dir, input_dir: ["python3", "-c", "import sys; print('boom', file=sys.stderr); sys.exit(3)"])
    with pytest.raises(SiteError) as caught:
        search_index.build(site, ["nl"])
    assert "Pagefind failed: boom" in caught.value.problem


# ---- everyday search words: the same pages in every language, and real pages -------------------

def test_a_page_with_search_words_in_dutch_only_is_refused(data_copy):
    from hulproute.errors import DataError

    path = data_copy / "search" / "ar.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.lstrip().startswith("rechten/opvang.md:")),
                    encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    [problem] = caught.value.problems
    assert problem.file == "data/search/ar.yaml" and problem.record == "rechten/opvang.md"
    assert "not here" in problem.problem and "add the words" in problem.fix


def test_search_words_for_a_page_that_does_not_exist_are_reported(data_copy):
    from hulproute.content import lint

    for path in (data_copy / "search").glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("rechten/opvang.md:", "rechten/opvang-oud.md:")
        path.write_text(text, encoding="utf-8")
    problems = [p for p in lint(ROOT / "docs", load_site_data(data_copy)) if p.path.startswith("data/search/")]
    assert len(problems) == len(LANGUAGES)
    assert all("'rechten/opvang-oud.md' is not a page" in p.problem for p in problems)


def test_a_stopped_build_stops_pagefind_too(tmp_path, monkeypatch):
    """scripts/build_site.py stops every process the build started (forked.stop_all) when it is
    stopped or fails: Pagefind, indexing beside the build, must not write on into a removed site."""
    import time

    from hulproute import forked

    site = tiny_site(tmp_path / "site", {"nl": True})
    monkeypatch.setattr(search_index, "command", lambda site_dir, input_dir: [sys.executable, "-c", "import time; time.sleep(30)"])
    running = search_index.start(site, ["nl"])
    assert (site / search_index.INPUT).is_dir() and running._process.poll() is None
    started = time.monotonic()
    forked.stop_all()
    assert running._process.poll() is not None and time.monotonic() - started < 5
    assert not (site / search_index.INPUT).exists()
