"""The route finder as a visitor uses it, in Debian's Chromium: by keyboard, with and without
JavaScript, leaving no trace, accessible at every step. Dutch and Arabic."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from hulproute import phones
from hulproute import route_finder as rf
from hulproute.loader import load_site_data
from tests.browser_support import url

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent

DATA = load_site_data()
STRINGS = DATA.strings
FINDER = rf.finder_of(DATA)
LANGS = ("nl", "ar")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ENTRY = "hulp-zoeken/"
ANSWER_IDS = {a.id for a in (*FINDER.who, *FINDER.what)}
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


def settled(page) -> None:
    """Wait until CSS transitions are over. Moving focus to the next question scrolls the page,
    and Material then fades the page title into the header; axe would measure its contrast
    half-way through the fade, which no reader sees for more than a quarter of a second."""
    page.evaluate("""async () => {
        await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
        await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
    }""")


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
def test_a_municipality_with_local_teams_shows_exactly_its_verified_teams(context, servers, lang):
    import yaml

    code = "GM0363"  # Amsterdam: a fixture municipality with local teams in the pilot data
    contacts = yaml.safe_load((ROOT / "data" / "local_contacts.yaml").read_text(encoding="utf-8"))["contacts"]
    teams = [c for c in contacts if c["kind"] == "local_team" and code in c["municipalities"]]
    assert teams, "the pilot data lists local teams for Amsterdam"
    municipality = DATA.municipality(code)
    origin, _ = servers
    page = context.new_page()
    page.goto(url(origin, lang, ENTRY))
    answer_by_keyboard(page, lang, False, "ouder", "ouderenmishandeling")
    type_place(page, municipality.name)
    page.wait_for_selector(".hr-route-list")
    local = page.locator(".hr-route-list > li[data-service='local']")
    assert local.locator("p:not(.hr-route-item__name) > strong").all_inner_texts() == [c["name"] for c in teams]
    text = local.inner_text()
    for team in teams:  # a number we could not confirm is never shown
        if team.get("phone_unverified"):
            assert phones.display(team["phone_unverified"]) not in text
    assert local.locator(f"a[href$='gemeente/{municipality.slug}/']").inner_text() == \
        STRINGS[lang]["route_municipality_page"].format(municipality=municipality.name)
    region = DATA.regions[municipality.veilig_thuis_region].display_name
    # The region line sits right under Veilig Thuis's name, wherever that is in its card.
    assert page.locator("li[data-service='veilig-thuis'] .hr-route-item__name + p.hr-route-region").inner_text() == \
        STRINGS[lang]["municipality_vt_region"].format(municipality=municipality.name, organisation=region)


@pytest.mark.parametrize("lang", LANGS)
def test_names_and_typed_text_are_shown_as_text_never_as_markup(context, servers, lang):
    """Whatever a name in the location table or the reader's input contains, it is text:
    the script fills values in with textContent only (here the table is altered in transit)."""
    marked_name, marked_team = "Amsterdam <img src=x id=hr-injected>", "<b id=hr-injected>Team</b> & co"
    number = DATA.services["veilig-thuis"].phone  # a real number from data/, only in this test

    def altered(route):
        response = route.fetch()
        table = response.json()
        index = next(i for i, m in enumerate(table["m"]) if m[1] == DATA.municipality("GM0363").slug)
        table["m"][index][0] = marked_name
        table["l"][str(index)] = [[marked_team, phones.display(number), phones.tel_href(number), ""],
                                  ["Team 2", "<img src=x id=hr-injected>", phones.tel_href(number), ""]]
        route.fulfill(response=response, json=table)

    origin, _ = servers
    page = context.new_page()
    page.route("**/" + rf.LOCATIONS_FILE, altered)
    page.goto(url(origin, lang, ENTRY))
    answer_by_keyboard(page, lang, False, "ouder", "ouderenmishandeling")
    typed = "<img src=x id=hr-injected>"
    type_place(page, typed)
    page.wait_for_selector("#hr-route-message p")
    assert typed in page.locator("#hr-route-message").inner_text()
    page.locator("#hr-route-place").fill("Amsterdam")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hr-route-list")
    text = page.locator(".hr-route-list").inner_text()
    assert marked_name in text and marked_team in text
    assert page.locator("#hr-injected, .hr-route-list img, .hr-route-list b").count() == 0
    call = page.locator("li[data-service='local'] a.hr-call").first
    assert call.get_attribute("href") == phones.tel_href(number)
    assert call.inner_text() == STRINGS[lang]["call_label"].format(phone=phones.display(number))
    assert call.locator("bdi[dir='ltr']").inner_text() == phones.display(number)


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
    page.wait_for_selector(".hr-route-list")
    dynamic = result_items(page)
    with_js.close()

    without_js = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = without_js.new_page()
    page.goto(url(origin, lang, ENTRY))
    for label in (t["route_danger_yes"] if urgent else t["route_danger_no"], t[f"route_who_{who}"], t[f"route_what_{what}"]):
        page.get_by_role("link", name=label, exact=True).click()
    page.wait_for_selector(".hr-route-list")  # the last click loads the result page
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
        settled(page)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
        assert violations == [], label
        if label:
            page.get_by_role("button", name=label, exact=True).click()
        else:
            page.locator("#hr-route-place").fill("Amsterdam")
            page.keyboard.press("Enter")
            page.wait_for_selector(".hr-route-list")
    settled(page)
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


# ---- without JavaScript the steps are pages in the history: nothing of the situation in them ----

def situation_words(lang: str) -> set[str]:
    """Words that would tell someone looking at the history what the reader answered: every
    answer id and its parts, and the main words of the answer labels in this language (from
    data/route_finder.yaml and data/strings/<lang>.yaml, never a hand list)."""
    import re

    ids = [a.id for a in (*FINDER.who, *FINDER.what)]
    words = {i for i in ids if len(i) >= 4} | {part for i in ids for part in i.split("-") if len(part) >= 4}
    t = STRINGS[lang]
    labels = [t["route_danger_yes"], t["route_danger_no"], *(t[f"route_who_{w.id}"] for w in FINDER.who),
              *(t[f"route_what_{w.id}"] for w in FINDER.what)]
    words |= {w.lower() for label in labels for w in re.findall(r"\w+", label) if len(w) >= 4}
    return words


def walk_without_javascript(page, lang: str, urgent: bool, who: str, what: str) -> list[dict]:
    """Tap the visible answer labels from the entry to the result; what each visited page shows."""
    from urllib.parse import unquote

    t = STRINGS[lang]
    visited = []
    labels = [t["route_danger_yes"] if urgent else t["route_danger_no"], t[f"route_who_{who}"], t[f"route_what_{what}"]]
    for label in [*labels, None]:
        exit_link = page.locator("a[data-hr-exit]")
        visited.append({
            "url": unquote(page.url), "title": page.title(),
            "robots": page.locator("meta[name='robots']").evaluate_all("ms => ms.map(m => m.content)"),
            "history": page.locator("[data-hr-route-history]:visible").all_inner_texts(),
            "safe_href": page.locator("[data-hr-route-history]:visible a").evaluate_all("as => as.map(a => a.href)"),
            "exit_names": page.get_by_role("link", name=t["exit_label"], exact=True).count(),
            "exit_text": exit_link.text_content(), "text": page.locator("body").text_content(),
        })
        if label:
            with page.expect_navigation():
                page.get_by_role("link", name=label, exact=True).tap()
    return visited


@pytest.mark.parametrize("lang", LANGS)
def test_static_steps_keep_the_situation_out_of_addresses_titles_and_search(browser, servers, lang):
    origin, _ = servers
    t = STRINGS[lang]
    words = situation_words(lang)
    assert {"seksueel-geweld", "seksueel", "partnergeweld"} <= words and len(words) > 40  # the check can fail
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    for urgent, who, what in SAMPLES:
        page.goto(url(origin, lang, ENTRY))
        visited = walk_without_javascript(page, lang, urgent, who, what)
        assert page.locator(".hr-route-list").count() == 1, "the last tap shows the result"
        assert len({v["url"] for v in visited}) == 4
        for step in visited:
            seen = f"{step['url']} {step['title']}".lower()
            assert [w for w in words if w in seen] == [], step["url"]
            assert not set(step["url"].split("/")) & ANSWER_IDS, step["url"]  # short ids ('ik') too
            # One line on every step says these pages stay in the history, linking safe browsing.
            assert len(step["history"]) == 1 and step["history"][0].startswith(t["route_history"]), step["url"]
            assert step["safe_href"] == [url(origin, lang, "veilig-bekijken/")], step["url"]
            # The Shift hint is no use without JavaScript: it is not on the page at all.
            assert step["exit_text"].strip() == t["exit_label"] and step["exit_names"] == 1
            assert t["exit_hint"] not in step["text"]
        entry, steps = visited[0], visited[1:]
        assert entry["robots"] == [], "the entry page itself may be found by search engines"
        assert all(step["robots"] == ["noindex"] for step in steps)
        assert steps[0]["title"].startswith(t["route_title_step"].replace("{number}", "2"))
        assert steps[1]["title"].startswith(t["route_title_step"].replace("{number}", "3"))
        assert steps[2]["title"].startswith(t["route_title_result"])
    # The safe-browsing link works: it opens that page.
    with page.expect_navigation():
        page.locator("[data-hr-route-history] a").tap()
    assert page.url == url(origin, lang, "veilig-bekijken/")
    assert page.locator("h1").first.inner_text().strip() == t["nav_safe_browsing"]
    context.close()
