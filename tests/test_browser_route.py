"""The route finder as a visitor uses it, in Debian's Chromium: by keyboard, with and without
JavaScript, leaving no trace, accessible at every step. Dutch and Arabic."""
from __future__ import annotations

import gzip
import json

import pytest

from hulproute import route_finder as rf
from hulproute.loader import load_site_data
from tests.browser_support import url

pytestmark = pytest.mark.browser

DATA = load_site_data()
STRINGS = DATA.strings
FINDER = rf.finder_of(DATA)
LANGS = ("nl", "ar")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ENTRY = "hulp-zoeken/"
SAMPLES = [(True, "partner", "partnergeweld"), (False, "ik", "seksueel-geweld"),
           (False, "ander-kind", "weet-niet"), (True, "iemand-anders", "eergerelateerd-geweld"),
           (False, "ouder", "ouderenmishandeling")]


def tab_to(page, text: str, limit: int = 60) -> None:
    """Press Tab until the focused element's text is `text`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"'{text}' cannot be reached with Tab")


def answer_by_keyboard(page, lang: str, urgent: bool, who: str, what: str) -> None:
    t = STRINGS[lang]
    tab_to(page, t["route_danger_yes"] if urgent else t["route_danger_no"])
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hr-route-q"  # focus moves to the question
    tab_to(page, t[f"route_who_{who}"])
    page.keyboard.press("Enter")
    tab_to(page, t[f"route_what_{what}"])
    page.keyboard.press("Enter")


def type_place(page, text: str) -> None:
    """From the 'where' question, Tab into the field, type and press Enter."""
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "hr-route-place"
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def result_items(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(
        ".hr-route-list > li", "items => items.map(i => [i.dataset.service, i.innerText.trim()])")


def trace(page) -> dict:
    return page.evaluate("""async () => ({
        history: history.length, url: location.href, cookie: document.cookie,
        local: localStorage.length, session: sessionStorage.length,
        indexedDB: (await indexedDB.databases()).length, caches: (await caches.keys()).length})""")


@pytest.mark.parametrize("lang", LANGS)
def test_full_run_by_keyboard_with_a_place_name(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    page.goto(url(origin, lang, ENTRY))
    before = trace(page)
    answer_by_keyboard(page, lang, True, "partner", "partnergeweld")
    type_place(page, "Vinkeveen")
    page.wait_for_selector(".hr-route-list")
    services = [s for s, _ in result_items(page)]
    assert services[:3] == ["emergency", "veilig-thuis", "local"]
    region = DATA.regions[DATA.municipality("GM0736").veilig_thuis_region].display_name
    assert region in page.locator(".hr-route-list").inner_text()
    assert page.locator(f"a[href$='gemeente/de-ronde-venen/']").count() == 1
    # Nothing of what was asked is in the address, the history or storage.
    assert trace(page) == before


@pytest.mark.parametrize("lang", LANGS)
def test_ambiguous_place_and_split_postcode_ask_to_choose(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    page.goto(url(origin, lang, ENTRY))
    answer_by_keyboard(page, lang, False, "iemand-anders", "weet-niet")
    split = next(p for p in DATA.postcodes if p.other_municipalities)
    type_place(page, split.pc4)
    page.wait_for_selector("#hr-route-message button")
    names = page.locator("#hr-route-message button").all_inner_texts()
    expected = [DATA.municipality(c).name for c in (split.municipality, *split.other_municipalities)]
    assert names == expected  # never guessed: the reader chooses
    page.locator("#hr-route-message button").nth(1).click()
    assert expected[1] in page.locator(".hr-route-answers").inner_text()
    page.goto(url(origin, lang, ENTRY))
    answer_by_keyboard(page, lang, False, "iemand-anders", "weet-niet")
    type_place(page, "Atlantis")
    page.wait_for_selector("#hr-route-message p")
    assert "Atlantis" in page.locator("#hr-route-message").inner_text()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("urgent, who, what", SAMPLES)
def test_javascript_and_static_pages_give_the_same_help(browser, servers, lang, urgent, who, what):
    origin, _ = servers
    t = STRINGS[lang]
    with_js = browser.new_context(viewport={"width": 360, "height": 640})
    page = with_js.new_page()
    page.goto(url(origin, lang, ENTRY))
    answer_by_keyboard(page, lang, urgent, who, what)
    page.get_by_role("button", name=t["route_where_skip"]).click()
    dynamic = result_items(page)
    with_js.close()

    without_js = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = without_js.new_page()
    page.goto(url(origin, lang, ENTRY))
    for label in (t["route_danger_yes"] if urgent else t["route_danger_no"], t[f"route_who_{who}"], t[f"route_what_{what}"]):
        page.get_by_role("link", name=label, exact=True).click()
    static = result_items(page)
    without_js.close()

    expected = list(rf.route(FINDER, urgent, who, what).services)
    expected.insert(expected.index("veilig-thuis") + 1, "local")
    assert [s for s, _ in static] == expected
    assert static == dynamic


@pytest.mark.parametrize("lang", LANGS)
def test_every_step_is_accessible(context, servers, lang):
    from axe_playwright_python.sync_playwright import Axe

    origin, _ = servers
    t = STRINGS[lang]
    page = context.new_page()
    page.goto(url(origin, lang, ENTRY))
    steps = [t["route_danger_yes"], t["route_who_ik"], t["route_what_weet-niet"], None]
    for label in steps:
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
        assert violations == [], label
        if label:
            page.get_by_role("button", name=label, exact=True).click()
        else:
            page.locator("#hr-route-place").fill("Amsterdam")
            page.keyboard.press("Enter")
            page.wait_for_selector(".hr-route-list")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.response["violations"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_urgent_answer_shows_112_before_anything_else(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    page.goto(url(origin, lang, ENTRY))
    page.get_by_role("button", name=STRINGS[lang]["route_danger_yes"]).click()
    first_link = page.locator("#hr-route a, #hr-route button").first
    assert first_link.get_attribute("href") == "tel:112"


def test_locations_are_fetched_only_by_the_route_finder(context, servers):
    origin, _ = servers
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url(origin, "nl", "gemeente/amsterdam/"))
    page.goto(url(origin, "nl", ""))
    assert not [r for r in requested if "locaties.json" in r or "hulproute-route.js" in r]


def test_script_and_location_data_stay_small(servers):
    import urllib.request

    origin, _ = servers
    script = urllib.request.urlopen(f"{origin}/assets/javascripts/hulproute-route.js").read()
    locations = urllib.request.urlopen(f"{origin}/{rf.LOCATIONS_FILE}").read()
    assert len(gzip.compress(script)) < 10 * 1024
    assert len(gzip.compress(locations)) <= 60 * 1024
    assert len(json.loads(locations)["p"]) == len(DATA.postcodes)
