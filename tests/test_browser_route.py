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
SAMPLES = [(True, "partner", "partnergeweld", None), (False, "ik", "seksueel-geweld", True),
           (True, "ik", "seksueel-geweld", False), (False, "ander-kind", "weet-niet", None),
           (True, "iemand-anders", "eergerelateerd-geweld", None), (False, "ouder", "ouderenmishandeling", None),
           (False, "ik-jongere", "kindermishandeling", None), (False, "bang-zelf", "partnergeweld", None),
           (False, "ik-oudere", "ouderenmishandeling", None)]


def tab_to(page, text: str, limit: int = 60) -> None:
    """Press Tab until the focused element's text is `text`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"'{text}' cannot be reached with Tab")


def answer_by_keyboard(page, lang: str, urgent: bool, who: str, what: str, recent: bool | None = None) -> None:
    t = STRINGS[lang]
    tab_to(page, t["route_danger_yes"] if urgent else t["route_danger_no"])
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hr-route-q"  # focus moves to the question
    tab_to(page, t[f"route_who_{who}"])
    page.keyboard.press("Enter")
    tab_to(page, t[f"route_what_{what}"])
    page.keyboard.press("Enter")
    if recent is not None:  # asked only where the rules depend on it
        assert page.locator("#hr-route-q").inner_text() == t["route_q_recent"]
        tab_to(page, t["route_recent_yes"] if recent else t["route_recent_no"])
        page.keyboard.press("Enter")
    assert page.locator("#hr-route-q").inner_text() == t["route_q_where"]


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
    assert page.locator("a[href$='gemeente/de-ronde-venen/']").count() == 1
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
    listed = [c for c in contacts if c["kind"] == "local_team" and code in c["municipalities"]]
    # A team with neither a verified phone nor a website is no help to offer, so it is not shown.
    teams = [c for c in listed if c.get("phone") or c.get("website")]
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
@pytest.mark.parametrize("urgent, who, what, recent", SAMPLES)
def test_javascript_and_static_pages_give_the_same_help(browser, servers, lang, urgent, who, what, recent):
    origin, _ = servers
    t = STRINGS[lang]
    with_js = browser.new_context(viewport={"width": 360, "height": 640})
    page = with_js.new_page()
    page.goto(url(origin, lang, ENTRY))
    answer_by_keyboard(page, lang, urgent, who, what, recent)
    page.get_by_role("button", name=t["route_where_skip"]).click()
    page.wait_for_selector(".hr-route-list")
    dynamic = result_items(page)
    dynamic_more = page.locator(".hr-route-more a").all_inner_texts()
    with_js.close()

    without_js = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = without_js.new_page()
    page.goto(url(origin, lang, ENTRY))
    labels = [t["route_danger_yes"] if urgent else t["route_danger_no"], t[f"route_who_{who}"], t[f"route_what_{what}"]]
    if recent is not None:
        labels.append(t["route_recent_yes"] if recent else t["route_recent_no"])
    for label in labels:
        page.get_by_role("link", name=label, exact=True).click()
    page.wait_for_selector(".hr-route-list")  # the last click loads the result page
    static = result_items(page)
    static_more = page.locator(".hr-route-more a").all_inner_texts()
    without_js.close()

    expected = list(rf.route(FINDER, urgent, who, what, recent).services)
    expected.insert(expected.index("veilig-thuis") + 1, "local")
    assert [s for s, _ in static] == expected
    assert static == dynamic
    assert static_more == dynamic_more


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


# ---- places by visible labels, at 360x640 with touch: suffixes, one region, a weak connection ----

LOCATIONS = rf.Locations(DATA)


def answer_by_taps(page, lang: str, urgent: bool, who: str, what: str) -> None:
    t = STRINGS[lang]
    for label in (t["route_danger_yes"] if urgent else t["route_danger_no"], t[f"route_who_{who}"], t[f"route_what_{what}"]):
        page.get_by_role("button", name=label, exact=True).tap()


def search_place(page, lang: str, text: str) -> None:
    t = STRINGS[lang]
    page.get_by_label(t["route_where_label"]).fill(text)
    page.get_by_role("button", name=t["route_where_submit"], exact=True).tap()


def candidates(query: str) -> list[str]:
    return [DATA.municipality(c).name for c in LOCATIONS.resolve(query).codes]


def region_of(name: str) -> str:
    municipality = next(m for m in DATA.municipalities if m.name == name)
    return DATA.regions[municipality.veilig_thuis_region].display_name


@pytest.mark.parametrize("lang", LANGS)
def test_a_bare_place_name_asks_between_the_places_that_carry_it(context, servers, lang):
    """'Haren' is Haren (Oss) and 'Haren Gn' (Groningen): the reader chooses, nothing is guessed."""
    origin, _ = servers
    t = STRINGS[lang]
    page = context.new_page()
    page.goto(url(origin, lang, ENTRY))
    before = trace(page)
    answer_by_taps(page, lang, False, "partner", "partnergeweld")
    search_place(page, lang, "Haren")
    message = page.locator("#hr-route-message")
    message.get_by_role("button").first.wait_for()
    assert sorted(message.get_by_role("button").all_inner_texts()) == sorted(candidates("Haren")) == ["Groningen", "Oss"]
    assert t["route_where_choose"].format(query="Haren") in message.inner_text()
    assert region_of("Oss") != region_of("Groningen")  # so no same-region sentence here
    assert page.locator(".hr-route-same-region").count() == 0
    message.get_by_role("button", name="Groningen", exact=True).tap()
    page.get_by_role("heading", name=t["route_result_title"]).wait_for()
    assert "Groningen" in page.locator(".hr-route-answers").inner_text()
    assert region_of("Groningen") in page.locator("li[data-service='veilig-thuis']").inner_text()
    # The suffixed name is one place only.
    page.get_by_role("button", name=t["route_back"], exact=True).tap()
    search_place(page, lang, "Haren Gn")
    page.get_by_role("heading", name=t["route_result_title"]).wait_for()
    assert "Groningen" in page.locator(".hr-route-answers").inner_text()
    assert trace(page) == before  # nothing typed in the address, history or storage


@pytest.mark.parametrize("lang", LANGS)
def test_a_choice_within_one_veilig_thuis_region_says_so(context, servers, lang):
    def region(code: str) -> str:
        return DATA.municipality(code).veilig_thuis_region

    # A name from data/ whose municipalities all share one region, and the first of them.
    name, codes = next((n, c) for n, c in sorted(LOCATIONS.by_name.items())
                       if len(c) > 1 and len({region(x) for x in c}) == 1)
    organisation = DATA.regions[region(codes[0])].display_name
    origin, _ = servers
    t = STRINGS[lang]
    page = context.new_page()
    page.goto(url(origin, lang, ENTRY))
    answer_by_taps(page, lang, False, "iemand-anders", "weet-niet")
    search_place(page, lang, name)
    note = page.locator("#hr-route-message").get_by_text(t["route_where_same_region"].format(name=organisation))
    note.wait_for()
    assert page.locator("#hr-route-message").get_by_role("button").all_inner_texts() == \
        [DATA.municipality(c).name for c in codes]
    page.locator("#hr-route-message").get_by_role("button", name=DATA.municipality(codes[-1]).name, exact=True).tap()
    page.get_by_role("heading", name=t["route_result_title"]).wait_for()
    assert organisation in page.locator("li[data-service='veilig-thuis']").inner_text()
    # After the choice the result says it too, on the Veilig Thuis card.
    assert page.locator("li[data-service='veilig-thuis'] .hr-route-same-region").inner_text() == \
        t["route_where_same_region"].format(name=organisation)


@pytest.mark.parametrize("lang", LANGS)
def test_a_failed_download_of_the_places_says_so_offers_the_list_and_tries_again(context, servers, lang):
    origin, _ = servers
    t = STRINGS[lang]
    down, requests = True, []

    def weak_connection(route):
        requests.append(down)
        if down:
            route.abort("internetdisconnected")
        else:
            route.fulfill(response=route.fetch())

    page = context.new_page()
    page.route("**/" + rf.LOCATIONS_FILE, weak_connection)
    page.goto(url(origin, lang, ENTRY))
    before = trace(page)
    answer_by_taps(page, lang, False, "partner", "partnergeweld")
    search_place(page, lang, "Vinkeveen")
    message = page.locator("#hr-route-message")
    message.get_by_text(t["route_where_failed"]).wait_for()
    link = message.get_by_role("link", name=t["route_where_list"], exact=True)
    assert link.evaluate("a => a.href") == url(origin, lang, "gemeente/")
    assert page.locator(".hr-route-list").count() == 0
    tries = len(requests)
    # The connection is back: the next search downloads again and finds the place (still typed in).
    down = False
    assert page.get_by_label(t["route_where_label"]).input_value() == "Vinkeveen"
    page.get_by_role("button", name=t["route_where_submit"], exact=True).tap()
    page.get_by_role("heading", name=t["route_result_title"]).wait_for()
    assert len(requests) == tries + 1 and requests[-1] is False
    assert page.locator("a[href$='gemeente/de-ronde-venen/']").count() == 1
    assert trace(page) == before


def test_a_stalled_download_of_the_places_ends_in_the_message_too(context, servers):
    origin, _ = servers
    t = STRINGS["nl"]
    stalled = []
    page = context.new_page()
    page.clock.install()
    page.route("**/" + rf.LOCATIONS_FILE, lambda route: stalled.append(route))  # never answered
    page.goto(url(origin, "nl", ENTRY))
    answer_by_taps(page, "nl", False, "partner", "partnergeweld")
    search_place(page, "nl", "Vinkeveen")
    page.clock.run_for(5_000)
    assert page.locator("#hr-route-message").get_by_text(t["route_where_failed"]).count() == 0  # still waiting
    page.clock.run_for(6_000)
    page.locator("#hr-route-message").get_by_text(t["route_where_failed"]).wait_for()
    assert stalled
    page.get_by_role("link", name=t["route_where_list"], exact=True).wait_for()


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


def open_result(browser, origin: str, lang: str, urgent: bool, who: str, what: str, recent: bool | None = None):
    """A phone-sized page with the in-page result for these answers (place skipped)."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(url(origin, lang, ENTRY))
    answer_by_keyboard(page, lang, urgent, who, what, recent)
    page.get_by_role("button", name=STRINGS[lang]["route_where_skip"]).click()
    page.wait_for_selector(".hr-route-list")
    return context, page


def cards(page) -> list[str]:
    return page.eval_on_selector_all(".hr-route-list > li", "items => items.map(i => i.dataset.service)")


@pytest.mark.parametrize("lang", ("nl", "ar", "en"))
def test_recent_sexual_violence_shows_the_centre_first_with_its_time_notice(browser, servers, lang):
    origin, _ = servers
    t = STRINGS[lang]
    context, page = open_result(browser, origin, lang, True, "ik", "seksueel-geweld", True)
    assert cards(page)[:3] == ["emergency", "centrum-seksueel-geweld", "veilig-thuis"]
    notice = page.locator("li[data-service='centrum-seksueel-geweld'] .hr-route-notice")
    key = next(n.text for n in rf.route(FINDER, True, "ik", "seksueel-geweld", True).notices)
    assert t["route_notice_label"] + " " + t[key] in notice.inner_text()
    assert "72" in notice.inner_text() and "7" in notice.inner_text()
    # Its sources are linked, like a card's.
    hosts = [a.split("/")[2] for a in notice.locator(".hr-source a").evaluate_all("as => as.map(a => a.href)")]
    assert hosts == [str(DATA.sources[i].url).split("/")[2] for i in rf.route(FINDER, True, "ik", "seksueel-geweld", True).notices[0].sources]
    assert page.locator(".hr-route-more a[href$='rechten/medische-hulp-na-seksueel-geweld/']").count() == 1
    context.close()


@pytest.mark.parametrize("lang", ("nl", "ar", "en"))
def test_a_teenager_about_themselves_sees_de_kindertelefoon_first(browser, servers, lang):
    origin, _ = servers
    t = STRINGS[lang]
    context, page = open_result(browser, origin, lang, False, "ik-jongere", "kindermishandeling")
    assert cards(page)[:2] == ["kindertelefoon", "veilig-thuis"]
    card = page.locator("li[data-service='kindertelefoon']")
    text = card.inner_text()
    assert t["route_say_kindertelefoon_young"] in text and t["route_does_kindertelefoon"] in text
    service = DATA.services["kindertelefoon"]
    assert service.chat  # verified: phone and chat
    # Its chat address is linked where data/ has a verified one; none is invented.
    links = card.locator("a[href^='http']").evaluate_all("as => as.map(a => a.href)")
    assert links == [str(u) for u in (service.website, service.chat_url) if u] + \
        [str(s.url) for s in service.sources]
    context.close()


@pytest.mark.parametrize("lang", ("nl", "ar", "en"))
def test_a_reader_afraid_to_use_violence_gets_no_victim_sentences_or_report_card(browser, servers, lang):
    origin, _ = servers
    t = STRINGS[lang]
    context, page = open_result(browser, origin, lang, True, "bang-zelf", "partnergeweld")
    assert "politie-geen-spoed" not in cards(page) and "slachtofferhulp" not in cards(page)
    text = page.locator(".hr-route-list").inner_text()
    assert t["route_say_veilig-thuis_uses-violence"] in text and t["route_say_emergency_uses-violence"] in text
    assert t["route_say_veilig-thuis_self"] not in text and t["route_say_emergency_self"] not in text
    assert t["route_notice_uses_violence"] in page.locator("li[data-service='veilig-thuis'] .hr-route-notice").inner_text()
    assert page.locator(".hr-route-more a[href$='in-gesprek/bang-dat-je-zelf-geweld-gebruikt/']").count() == 1
    context.close()


@pytest.mark.parametrize("lang", ("nl", "ar", "en"))
def test_an_older_person_whose_money_is_taken_gets_first_person_help(browser, servers, lang):
    origin, _ = servers
    t = STRINGS[lang]
    context, page = open_result(browser, origin, lang, False, "ik-oudere", "ouderenmishandeling")
    assert cards(page) == list(rf.route(FINDER, False, "ik-oudere", "ouderenmishandeling").services[:1]) + \
        ["local"] + list(rf.route(FINDER, False, "ik-oudere", "ouderenmishandeling").services[1:])
    text = page.locator(".hr-route-list").inner_text()
    assert t["route_say_veilig-thuis_older"] in text and t["route_notice_older"] in text
    context.close()


def test_in_english_every_sentence_also_shows_the_dutch_one(browser, servers):
    origin, _ = servers
    context, page = open_result(browser, origin, "en", True, "ik", "seksueel-geweld", True)
    route = rf.route(FINDER, True, "ik", "seksueel-geweld", True)
    dutch = page.locator(".hr-route-list [lang='nl']").all_inner_texts()
    assert dutch == [STRINGS["nl"][f"route_say_{s}_{route.who.speaker}"] for s in route.services]
    context.close()
    context, page = open_result(browser, origin, "nl", True, "ik", "seksueel-geweld", True)
    assert page.locator(".hr-route-list [lang='nl']").count() == 0  # Dutch pages need no second copy


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


def walk_without_javascript(page, lang: str, urgent: bool, who: str, what: str, recent: bool | None = None) -> list[dict]:
    """Tap the visible answer labels from the entry to the result; what each visited page shows."""
    from urllib.parse import unquote

    t = STRINGS[lang]
    visited = []
    labels = [t["route_danger_yes"] if urgent else t["route_danger_no"], t[f"route_who_{who}"], t[f"route_what_{what}"]]
    if recent is not None:
        labels.append(t["route_recent_yes"] if recent else t["route_recent_no"])
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
    for urgent, who, what, recent in SAMPLES:
        page.goto(url(origin, lang, ENTRY))
        visited = walk_without_javascript(page, lang, urgent, who, what, recent)
        assert page.locator(".hr-route-list").count() == 1, "the last tap shows the result"
        assert len({v["url"] for v in visited}) == 4 + (recent is not None)
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
        if recent is not None:
            assert steps[2]["title"].startswith(f"{t['route_title']} – {t['route_step_extra']}")
        assert steps[-1]["title"].startswith(t["route_title_result"])
    # The safe-browsing link works: it opens that page.
    with page.expect_navigation():
        page.locator("[data-hr-route-history] a").tap()
    assert page.url == url(origin, lang, "veilig-bekijken/")
    assert page.locator("h1").first.inner_text().strip() == t["nav_safe_browsing"]
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_an_old_local_check_shows_a_warning_and_a_withdrawn_one_falls_back(context, servers, lang):
    """The shipped script with the location table the build writes for a later day (data/freshness.yaml):
    after 12 months the team carries a warning; after 24 months it is not offered at all."""
    from hulproute import freshness

    code = "GM0363"
    municipality = DATA.municipality(code)
    team = next(c for c in DATA.local_contacts if c.kind == "local_team" and code in c.municipalities and c.published
                and freshness.assess_contact(c, DATA.freshness, c.checked_on).state is freshness.Freshness.CURRENT)
    later = {"recheck": freshness.months_before(team.checked_on, -DATA.freshness.warn_after_months - 1),
             "withdrawn": freshness.months_before(team.checked_on, -DATA.freshness.withdraw_after_months - 1)}
    origin, _ = servers
    t = STRINGS[lang]
    for state, today in later.items():
        assert freshness.assess_contact(team, DATA.freshness, today).state.value == state
        table = rf.Locations(DATA).client_data(DATA, today)
        page = context.new_page()
        page.route("**/" + rf.LOCATIONS_FILE, lambda route, _request=None, body=json.dumps(table): route.fulfill(
            body=body, content_type="application/json"))
        page.goto(url(origin, lang, ENTRY))
        answer_by_keyboard(page, lang, False, "ouder", "ouderenmishandeling")
        type_place(page, municipality.name)
        page.wait_for_selector(".hr-route-list")
        local = page.locator(".hr-route-list > li[data-service='local']")
        names = local.locator("p:not(.hr-route-item__name) > strong").all_inner_texts()
        if state == "recheck":
            assert team.name in names
            assert t["route_local_check_old"] in local.locator(".hr-check--old").all_inner_texts()
        else:
            assert team.name not in names
            assert t["local_unknown"].format(municipality=municipality.name) in local.inner_text()
        page.close()
