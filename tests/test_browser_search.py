"""Search as a reader uses it, in Debian's Chromium, through the shipped search page and script
(overrides/assets/javascripts/hulproute-search.js) and the index the build wrote (Pagefind).

Queries and the page a reader expects first are in tests/data/search_queries.yaml; where the
expectation is a place or a postcode, the municipality comes from data/, not from the test.
Ranking is tested on the complete site (every municipality page competes); the behaviour
(keyboard, privacy, no-JS) on the fixture site.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from hulproute.loader import load_site_data
from tests.browser_support import LocalServer, url
from tests.helpers import prefix

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search_queries.yaml").read_text(encoding="utf-8"))
DATA = load_site_data()
SLUGS = {m.code: m.slug for m in DATA.municipalities}
STRINGS = DATA.strings


def expected_pages(case: dict) -> set[str]:
    """The language-neutral paths that must come first for a query."""
    if "first" in case:
        return {case["first"]}
    if "postcode" in case:
        codes = {c for p in DATA.postcodes if p.pc4 == case["postcode"] for c in (p.municipality, *p.other_municipalities)}
    else:
        word = case["place"].casefold()
        codes = {code for code, places in DATA.places.items()
                 if any(word in re.split(r"[^\w]+", place.casefold()) for place in places)}
    assert codes, f"no municipality in data/ for {case}"
    return {f"gemeente/{SLUGS[code]}/" for code in codes}


def neutral(href: str, lang: str) -> str:
    path = urlsplit(href).path.lstrip("/")
    folder = prefix(lang)
    assert path.startswith(folder), f"result {href} is not in {lang}"
    return path[len(folder):]


def finished(lang: str, query: str) -> re.Pattern:
    """The status the script shows once results (or none) are on the page, from data/strings."""
    def pattern(key: str) -> str:
        text = re.escape(STRINGS[lang][key])
        return text.replace(re.escape("{term}"), re.escape(query.strip())).replace(re.escape("{count}"), r"\d+")
    return re.compile("^(?:" + "|".join(pattern(k) for k in ("search_none", "search_one", "search_many")) + ")$")


def run_query(page, query: str) -> tuple[str, list[str]]:
    """Type the query as a reader does, press Enter, and return the status and result links
    (polled from here: the CSP rightly forbids the string evaluation wait_for_function uses)."""
    lang = page.evaluate("document.documentElement.lang")
    box = page.locator("#hr-search-input")
    status = page.locator("[data-hr-search-status]")
    if box.input_value():  # an earlier query's status must not be read as this one's
        box.fill("")
        box.press("Enter")
        for _ in range(100):
            if not status.text_content():
                break
            page.wait_for_timeout(20)
    box.fill(query)
    box.press("Enter")
    done = finished(lang, query)
    for _ in range(400):
        if done.match(status.text_content() or ""):
            break
        page.wait_for_timeout(50)
    else:
        pytest.fail(f"no result status for {query!r}: {status.text_content()!r}")
    links = page.locator(".hr-search__result a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return status.text_content() or "", links


@pytest.fixture(scope="module")
def full_server(full_site):
    with LocalServer(full_site) as server:
        yield server.origin


@pytest.fixture(scope="module")
def search_pages(browser, full_server):
    """One search page per language on the complete site, kept open across queries."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    pages = {}
    for lang in QUERIES:
        page = context.new_page()
        page.goto(url(full_server, lang, "zoeken/"))
        pages[lang] = page
    yield pages
    context.close()


def test_at_least_ten_queries_per_language():
    assert {lang: len(cases) >= 10 for lang, cases in QUERIES.items()} == {"nl": True, "en": True, "ar": True}


@pytest.mark.parametrize("lang, case", [(lang, case) for lang, cases in QUERIES.items() for case in cases],
                         ids=lambda value: value["query"] if isinstance(value, dict) else value)
def test_a_query_finds_the_page_a_reader_expects_first(search_pages, lang, case):
    page = search_pages[lang]
    status, links = run_query(page, case["query"])
    want = expected_pages(case)
    got = [neutral(href, lang) for href in links]  # also: every result is in the page's language
    assert got, f"no results for {case['query']!r} ({status})"
    if len(want) == 1:
        assert got[0] in want, (case["query"], got[:5])
    else:
        # A name of several places: every one of their municipalities, before any other kind of
        # page (a village whose name differs by a letter, e.g. Haaren for Haren, may come between).
        others = [i for i, path in enumerate(got) if not path.startswith("gemeente/")]
        cut = others[0] if others else len(got)
        assert want <= set(got[:cut]), (case["query"], got[:6])


def test_results_never_mix_languages(search_pages):
    """A Dutch place name on an English page finds the English municipality page, not the Dutch."""
    for lang in QUERIES:
        _, links = run_query(search_pages[lang], "Vinkeveen")
        assert links and all(neutral(href, lang).startswith("gemeente/") for href in links)


# ---- behaviour, on the fixture site --------------------------------------------------------

def watch(page) -> dict:
    """Every request the page makes, and every CSP violation or console error."""
    seen = {"requests": [], "problems": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda message: seen["problems"].append(message.text) if message.type == "error" else None)
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));""")
    return seen


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_nothing_of_search_loads_before_the_reader_searches(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    seen = watch(page)
    for path in ("", "gemeente/de-ronde-venen/", "signalen/partnergeweld/", "zoeken/"):
        page.goto(url(origin, lang, path))
    searchy = [u for u in seen["requests"] if "/pagefind/" in u or "hulproute-search" in u]
    # Only the search page loads its script and styles (shared by all languages), and no index yet.
    assert sorted(searchy) == [f"{origin}/assets/javascripts/hulproute-search.js",
                               f"{origin}/assets/stylesheets/hulproute-search.css"]
    run_query(page, "Vinkeveen")
    assert any("/pagefind/pagefind.js" in u for u in seen["requests"])
    assert any(".pagefind" in u for u in seen["requests"]), "the WebAssembly loads only now"


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_search_by_keyboard_leaves_no_trace(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    seen = watch(page)
    page.goto(url(origin, lang, "gemeente/amsterdam/"))
    title_before = page.title()
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hr-search-open__link')"):
            break
    else:
        pytest.fail("the header's search link is not reachable by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(url(origin, lang, "zoeken/"))
    history = page.evaluate("history.length")
    search_url, search_title = page.url, page.title()
    page.locator("#hr-search-input").focus()
    page.keyboard.type("Vinkeveen")
    page.keyboard.press("Enter")
    result = page.locator(".hr-search__result a").first
    result.wait_for()
    assert page.url == search_url and page.title() == search_title and page.evaluate("history.length") == history
    assert "Vinkeveen" not in page.url and title_before  # the query is in no address or title
    for _ in range(3):  # the search button, then the first result
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == result.get_attribute("href"):
            break
    else:
        pytest.fail("the first result is not reachable by Tab from the search box")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/gemeente/de-ronde-venen/$"))
    assert "Vinkeveen" not in page.url and "Vinkeveen" not in page.title()
    leftovers = page.evaluate("""async () => ({
        cookie: document.cookie, local: localStorage.length, session: sessionStorage.length,
        indexedDB: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
    })""")
    assert leftovers == {"cookie": "", "local": 0, "session": 0, "indexedDB": 0, "caches": 0}
    foreign = [u for u in seen["requests"] if urlsplit(u).netloc != urlsplit(origin).netloc]
    assert foreign == [] and seen["problems"] == []


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_search_page_is_accessible_with_results(context, servers, lang):
    from axe_playwright_python.sync_playwright import Axe

    origin, _ = servers
    page = context.new_page()
    page.goto(url(origin, lang, "zoeken/"))
    status, links = run_query(page, "Vinkeveen")
    assert links, status
    assert page.evaluate("getComputedStyle(document.querySelector('.hr-search')).direction") == (
        "rtl" if lang == "ar" else "ltr")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert [v["id"] for v in results.response["violations"]] == []
    for selector in (".hr-search-open__link", "#hr-search-input", ".hr-search__button", ".hr-search__result a"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (selector, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (selector, box)


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_without_javascript_the_search_link_leads_to_every_way_in(browser, servers, lang):
    origin, _ = servers
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(url(origin, lang, "signalen/partnergeweld/"))
    page.locator(".hr-search-open__link").click()
    page.wait_for_url(url(origin, lang, "zoeken/"))
    assert not page.locator("form.hr-search").is_visible()
    assert page.locator("[data-hr-search-nojs]").is_visible()
    hrefs = {neutral(path, lang) for path in
             page.locator("article a").evaluate_all("els => els.map(e => new URL(e.href).pathname)")}
    sections = {f"{s.id}/" for s in DATA.sections}
    ways_in = {"gemeente/plaatsen/", "gemeente/postcodes/", "gemeente/", "hulp-zoeken/", "veilig-bekijken/"}
    assert sections | ways_in <= hrefs, sorted(sections | ways_in - hrefs)
    topics = {f"{s.id}/{p}/" for s in DATA.sections for p in s.pages}
    assert topics <= hrefs, sorted(topics - hrefs)
    context.close()
