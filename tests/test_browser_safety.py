"""Safety and privacy as a visitor experiences them, in Debian's Chromium (issue: quick exit,
emergency bar, no traces, strict CSP). Each page type in Dutch and Arabic. What the quick exit
does when used is tested in test_browser_exit.py."""
from __future__ import annotations


import pytest

from hulproute.loader import load_site_data
from tests.browser_support import url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def servers(both_servers):
    """What the server can change (headers, the 404 answer, what a browse requests and leaves
    behind) is tested through the test server and through nginx (tests/conftest.py)."""
    return both_servers


@pytest.fixture(scope="session")
def deployed(nginx_server):
    """What only the page's bytes decide (layout, markup, accessibility) is the same from any
    server: tested once, through nginx, the server readers get, with its headers on top."""
    return nginx_server

PAGE_TYPES = {
    "home": "",
    "municipality": "gemeente/amsterdam/",
    "index": "gemeente/",
    "content": "veilig-bekijken/",
    "signs": "signalen/partnergeweld/",
    "route": "hulp-zoeken/",
    "status": "data-status/",
    "search": "zoeken/",
    "campaign": f"{next(iter(load_site_data().campaigns))}/",
    "partners": "voor-organisaties/",
    "materials": "voor-organisaties/gemeente/amsterdam/",
    "poster": "voor-organisaties/gemeente/amsterdam/poster/",
    "404": "deze-pagina-bestaat-niet/",
}
LANGS = ("nl", "ar")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STRINGS = load_site_data().strings


def cases():
    return [(lang, kind) for lang in LANGS for kind in PAGE_TYPES]


@pytest.fixture(scope="module", params=cases(), ids="-".join)
def phone_page(request, browser, deployed):
    """(language, page type, the page): each page type opened once on a small touch phone, for
    every check below that only looks at it (pytest runs a module-scoped fixture's tests one
    parameter at a time, so one page is open at a time)."""
    lang, kind = request.param
    origin, _ = deployed
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True)
    page = context.new_page()
    page.goto(url(origin, lang, PAGE_TYPES[kind]))
    yield lang, kind, page
    context.close()


# -- each page type on a phone: calls and exit in view, strict CSP, no WCAG violations ----------

def test_exit_and_emergency_calls_visible_on_small_phone(phone_page):
    lang, _, page = phone_page
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling"
    targets = {
        "exit": page.locator("a[data-hr-exit]"),
        "112": page.locator(".hr-bar a[href='tel:112']"),
        "veilig thuis": page.locator(".hr-bar a[href='tel:+318002000']"),
    }
    for name, locator in targets.items():
        box = locator.bounding_box()
        assert box is not None, name
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, name
        assert box["y"] >= 0 and box["y"] + box["height"] <= 640, name
        assert box["width"] >= 44 and box["height"] >= 44, (name, box)
    bar_text = page.locator(".hr-bar").inner_text()
    assert STRINGS[lang]["bar_danger"].format(phone="112") in bar_text  # words keep their spaces
    assert "0800-2000" in bar_text
    assert STRINGS[lang]["bar_vt_facts"] in bar_text


def test_every_page_has_strict_csp_and_no_referrer(phone_page):
    _, _, page = phone_page
    policy = page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert page.locator("meta[name='referrer']").get_attribute("content") == "no-referrer"


def test_axe_finds_no_wcag_a_or_aa_violations(phone_page):
    from axe_playwright_python.sync_playwright import Axe

    _, _, page = phone_page
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = [(v["id"], [(n["target"], n["failureSummary"]) for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert violations == []


# -- never covering focus ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_focus_is_never_hidden_under_the_header(context, deployed, lang):
    origin, _ = deployed
    page = context.new_page()
    page.goto(url(origin, lang, "gemeente/amsterdam/"))
    header_bottom = page.locator(".hr-top").bounding_box()["height"]
    for _ in range(40):
        page.keyboard.press("Tab")
        rect = page.evaluate("""() => { const e = document.activeElement;
            // The skip link shows itself over the header by design; the drawer is closed.
            if (!e || e.closest('.hr-top') || e.closest('.md-sidebar') || e.classList.contains('md-skip')) return null;
            const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }""")
        if rect:
            assert rect["bottom"] > header_bottom, rect


# -- no traces, no third parties, no errors ----------------------------------------------------

def browse_everything(page, origin: str, lang: str) -> None:
    """Visit every page type and use every feature a visitor has: menu, language switch, links."""
    for path in PAGE_TYPES.values():
        page.goto(url(origin, lang, path))
    page.goto(url(origin, lang, "gemeente/amsterdam/"))
    page.locator("label.md-header__button[for='__drawer']").click()
    # Tap the dimmed area beside the drawer to close it (the drawer opens from the inline start).
    outside_x = 30 if page.evaluate("getComputedStyle(document.body).direction") == "rtl" else 330
    page.locator("label.md-overlay").click(position={"x": outside_x, "y": 300})
    page.locator(".md-header__option .md-select button").hover()
    page.locator(".md-select__link[hreflang='en']").click()
    page.wait_for_load_state()
    page.go_back()
    page.locator(".hr-bar a[href='tel:112']").hover()


@pytest.mark.parametrize("lang", LANGS)
def test_no_storage_cookies_or_service_worker_left(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    browse_everything(page, origin, lang)
    leftovers = page.evaluate("""async () => ({
        cookie: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
        indexedDB: (await indexedDB.databases()).length,
        caches: (await caches.keys()).length,
        workers: (await navigator.serviceWorker.getRegistrations()).length,
    })""")
    assert leftovers == {"cookie": "", "local": 0, "session": 0, "indexedDB": 0, "caches": 0, "workers": 0}
    assert context.cookies() == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_request_leaves_the_site_and_no_console_errors(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    requests, problems, failed = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));""")
    browse_everything(page, origin, lang)
    outside = [r for r in requests if not r.startswith(origin) and not r.startswith("data:")]
    assert outside == []
    # The 404 page is fetched with status 404 on purpose; the browser logs that, nothing else.
    # Every other request succeeds (no wasted requests on a prepaid connection).
    assert failed == [url(origin, lang, PAGE_TYPES["404"])]
    assert [p for p in problems if "404 (Not Found)" not in p] == []


# -- without JavaScript ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page_without_javascript(browser):
    """One tab with JavaScript off, for every page type in turn (nothing a page leaves behind
    is read here: each test opens its page afresh)."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang, kind", cases())
def test_without_javascript_exit_and_call_links_still_work(page_without_javascript, deployed, lang, kind):
    origin, exit_url = deployed
    page = page_without_javascript
    page.goto(url(origin, lang, PAGE_TYPES[kind]))
    exit_link = page.locator("a[data-hr-exit]")
    assert exit_link.is_visible() and exit_link.get_attribute("href") == exit_url
    assert page.locator(".hr-bar a[href='tel:112']").is_visible()
    assert page.locator(".hr-bar a[href='tel:+318002000']").is_visible()
    exit_link.click()
    page.wait_for_url(exit_url)
