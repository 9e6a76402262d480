"""Journeys through the route finder as readers make them: on a 360x640 touch screen, from the
home page, by tapping the visible labels (in the reader's language) and typing a place.

Each journey counts its taps (the closing note of issue 11 reports them), checks the first help
it ends with, and checks that no visited address and no page title names the situation.
Labels come from data/strings/<lang>.yaml, the expected help from data/route_finder.yaml via
hulproute.route_finder.route(), so a change in the rules changes the expectation too.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from hulproute import route_finder as rf
from hulproute.loader import load_site_data
from tests.browser_support import url


pytestmark = pytest.mark.browser

DATA = load_site_data()
STRINGS = DATA.strings
FINDER = rf.finder_of(DATA)
LANGS = ("nl", "ar", "en")


@dataclass
class Journey:
    name: str
    who: str
    what: str
    place: str
    recent: bool | None = None
    choose: str | None = None  # the municipality to tap when the place asks to choose
    taps: dict[str, int] = field(default_factory=dict)


JOURNEYS = [
    Journey("recent sexual violence in Woerden", "ik", "seksueel-geweld", "Woerden", recent=True),
    Journey("a teenager about themselves", "ik-jongere", "kindermishandeling", "3641"),
    Journey("a reader afraid to use violence", "bang-zelf", "partnergeweld", "Utrecht"),
    Journey("an older person whose money is taken", "ik-oudere", "ouderenmishandeling", "Amsterdam"),
    Journey("Haren asks which one", "iemand-anders", "weet-niet", "Haren", choose="Groningen"),
]
TAPS: dict[tuple[str, str], int] = {}


def situation_words(lang: str, journey: Journey, generic: str) -> set[str]:
    """Words that would tell someone looking over the reader's shoulder what this reader answered:
    the parts of the chosen answers' ids (Dutch words) and the longer words of their labels in
    this language, except words of the site's own name (`generic`, e.g. "geweld" in "Hulp bij
    geweld thuis"), which every page carries."""
    words = {part for ident in (journey.who, journey.what) for part in ident.split("-") if len(part) > 4}
    for key in (f"route_who_{journey.who}", f"route_what_{journey.what}"):
        words |= {w.strip("„”“\"'.,:;()").lower() for w in STRINGS[lang][key].split() if len(w) > 5}
    return {w for w in words if w and w not in generic.lower()}


def tap(page, label: str, counter: list[int]) -> None:
    """Tap the control with this label in the page's content (not the menu drawer)."""
    content = page.locator(".md-content")
    target = content.get_by_role("button", name=label, exact=True).or_(content.get_by_role("link", name=label, exact=True))
    target.first.tap()
    counter[0] += 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("journey", JOURNEYS, ids=[j.name for j in JOURNEYS])
def test_journey_reaches_the_right_first_help(context, servers, lang, journey):
    origin, _ = servers
    t = STRINGS[lang]
    page = context.new_page()
    visited: list[str] = []
    titles: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url) if frame == page.main_frame else None)
    page.goto(url(origin, lang, ""))
    titles.append(page.title())
    taps = [0]
    tap(page, t["route_title"], taps)
    page.wait_for_selector("#hr-route:not([hidden])")
    tap(page, t["route_danger_no"], taps)
    tap(page, t[f"route_who_{journey.who}"], taps)
    tap(page, t[f"route_what_{journey.what}"], taps)
    if journey.recent is not None:
        tap(page, t["route_recent_yes"] if journey.recent else t["route_recent_no"], taps)
    page.get_by_label(t["route_where_label"]).fill(journey.place)
    tap(page, t["route_where_submit"], taps)
    if journey.choose:
        options = page.locator("#hr-route .hr-route-choices button")
        options.first.wait_for()
        names = options.all_inner_texts()
        assert journey.choose in names and len(names) > 1, names
        tap(page, journey.choose, taps)
    items = page.locator("#hr-route .hr-route-list > .hr-route-item")
    items.first.wait_for()
    shown = [s for s in items.evaluate_all("els => els.map(e => e.dataset.service)") if s != "local"]
    expected = rf.route(FINDER, False, journey.who, journey.what, journey.recent)
    assert shown == list(expected.services), (journey.name, lang)
    if journey.what == "seksueel-geweld" and journey.recent:
        assert shown[0] == "centrum-seksueel-geweld"
        first = items.first.inner_text()
        assert "72" in first and "7" in first, "the time notice is in the first card"
    if journey.who == "ik-jongere":
        assert shown[0] == "kindertelefoon"
    if journey.who == "bang-zelf":
        assert "politie-geen-spoed" not in shown and "slachtofferhulp" not in shown
    titles.append(page.title())
    words = situation_words(lang, journey, titles[0])
    for address in visited:
        assert not any(word in address.lower() for word in words), (address, journey.name)
    for title in titles:
        assert not any(word in title.lower() for word in words), (title, journey.name)
    TAPS[(journey.name, lang)] = taps[0]
    journey.taps[lang] = taps[0]
    print(f"\njourney '{journey.name}' [{lang}]: {taps[0]} taps + typing '{journey.place}'")
