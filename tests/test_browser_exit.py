"""The quick exit ("Snel weg") as a visitor experiences it, in Debian's Chromium: what it says,
what it hides, what a screen reader can still reach, the Shift-press dots, and that it starts
only once. Each page type in Dutch and Arabic (right to left).

Chromium holds back DevTools commands while a navigation is pending, so the page cannot be
inspected in the middle of leaving. Tests that look at the exiting state therefore answer the
exit address with "204 No Content": the browser asks for the neutral page, gets nothing to show
and stays on our page in exactly the state a slow connection would show while loading.
"""
from __future__ import annotations

import pytest

from tests.browser_support import url
from tests.test_browser_safety import LANGS, PAGE_TYPES, STRINGS, WCAG_TAGS


pytestmark = pytest.mark.browser

TRIGGERS = ("button", "shift")


# -- helpers ----------------------------------------------------------------------------------

def hold_exit(page, exit_url: str) -> list[str]:
    """Answer the exit address with 204 (the page stays, exiting); return the requests made."""
    requests: list[str] = []

    def answer(route) -> None:
        requests.append(route.request.url)
        route.fulfill(status=204)

    page.route(exit_url, answer)
    return requests


def trigger(page, how: str) -> None:
    if how == "button":
        page.locator("a[data-hr-exit]").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")


def accessibility_tree(page) -> list[dict]:
    """What assistive technology gets: Chromium's accessibility tree, without ignored nodes."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    by_id = {node["nodeId"]: node for node in nodes}
    for node in nodes:
        node["roles_above"] = []
        parent = by_id.get(node.get("parentId"))
        while parent is not None:
            node["roles_above"].append(parent["role"]["value"])
            parent = by_id.get(parent.get("parentId"))
    return [node for node in nodes if not node.get("ignored")]


def texts(tree: list[dict], inside: str | None = None) -> list[str]:
    """Static text in the tree (only under an ancestor with role `inside`, if given)."""
    return [n["name"]["value"] for n in tree if n["role"]["value"] == "StaticText"
            and (inside is None or inside in n["roles_above"]) and n["name"]["value"].strip()]


def roles(tree: list[dict]) -> list[str]:
    return [n["role"]["value"] for n in tree]


def dots(page) -> dict:
    """The Shift-press dots as a sighted reader sees them (a running fill transition is
    finished first: the state a moment later)."""
    return page.evaluate("""() => {
        const box = document.querySelector('.hr-exit__dots');
        box.getAnimations({subtree: true}).forEach(a => a.finish());
        return {
            visible: getComputedStyle(box).visibility === 'visible' && box.getBoundingClientRect().width > 0,
            filled: [...box.children].map(d => parseFloat(getComputedStyle(d).borderTopWidth) * 2
                                              >= d.getBoundingClientRect().width),
        };
    }""")


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# -- leaving ----------------------------------------------------------------------------------

def start_exit_checking_each_step(page, how: str, lang: str) -> None:
    """Start the exit as a reader would, checking what each step shows: the button with its
    label, or Shift three times, the dots filling and the count said at each press, without the
    button moving or changing size."""
    button = page.locator("a[data-hr-exit]")
    if how == "button":
        assert button.evaluate("e => e.firstChild.textContent.trim()") == STRINGS[lang]["exit_label"]
        button.click()
        return
    before = button.bounding_box()
    status = page.locator("#hr-exit-status")
    assert status.get_attribute("aria-live") == "polite"
    assert dots(page) == {"visible": False, "filled": [False, False, False]}
    page.keyboard.press("Shift")
    assert status.inner_text() == STRINGS[lang]["exit_press_2"]
    assert dots(page) == {"visible": True, "filled": [True, False, False]}
    page.keyboard.press("Shift")
    assert status.inner_text() == STRINGS[lang]["exit_press_1"]
    assert dots(page) == {"visible": True, "filled": [True, True, False]}
    assert button.bounding_box() == before, "the dots must not move or resize the button"
    assert before["width"] >= 44 and before["height"] >= 44
    page.keyboard.press("Shift")


def cases_with_trigger(swapped: bool = False) -> list[tuple[str, str, str]]:
    """Every page type in both languages, each with one trigger: the triggers alternate over the
    page types and swap between the languages, so each page type is left with the button in one
    language and with Shift in the other. The two tests below take them `swapped` from each
    other, so every page in both languages is left both ways."""
    return [(lang, kind, TRIGGERS[(index + offset + swapped) % len(TRIGGERS)])
            for offset, lang in enumerate(LANGS) for index, kind in enumerate(PAGE_TYPES)]


@pytest.mark.parametrize("lang, kind, how", cases_with_trigger(swapped=True))
def test_exit_leaves_and_back_does_not_return(context, servers, lang, kind, how):
    origin, exit_url = servers
    page = context.new_page()
    page.goto(url(origin, lang, PAGE_TYPES[kind]))
    start_exit_checking_each_step(page, how, lang)
    page.wait_for_url(exit_url)
    page.go_back()
    assert not page.url.startswith(origin), page.url


@pytest.mark.parametrize("lang, kind, how", cases_with_trigger())
def test_exit_says_it_is_leaving_hides_the_page_and_starts_once(context, servers, lang, kind, how):
    origin, exit_url = servers
    page = context.new_page()
    requests = hold_exit(page, exit_url)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));""")
    page.goto(url(origin, lang, PAGE_TYPES[kind]))
    heading = page.locator("h1").first.inner_text().strip()
    tree = accessibility_tree(page)
    assert "main" in roles(tree) and heading in texts(tree), "the check below must be able to fail"

    start_exit_checking_each_step(page, how, lang)
    page.wait_for_function("document.querySelector('.hr-exit-overlay')")
    tree = accessibility_tree(page)
    assert roles(tree).count("alert") == 1
    assert texts(tree, inside="alert") == [STRINGS[lang]["exit_leaving"]]
    assert texts(tree) == texts(tree, inside="alert"), "nothing of the page may be left to read"
    assert "main" not in roles(tree) and "link" not in roles(tree)
    assert heading not in texts(tree)

    overlay = page.evaluate("""() => {
        const o = document.querySelector('.hr-exit-overlay'), r = o.getBoundingClientRect();
        const w = innerWidth, h = innerHeight;
        const points = [[1, 1], [w - 2, 1], [w / 2, h / 2], [1, h - 2], [w - 2, h - 2]];
        const s = getComputedStyle(o);
        return {
            covers: r.left <= 0 && r.top <= 0 && r.right >= w && r.bottom >= h,
            onTop: points.every(([x, y]) => document.elementFromPoint(x, y) === o),
            text: o.innerText.trim(), color: s.color, background: s.backgroundColor,
            direction: s.direction, title: document.title,
        };
    }""")
    assert overlay["covers"] and overlay["onTop"]
    assert overlay["text"] == STRINGS[lang]["exit_leaving"]
    assert contrast(overlay["color"], overlay["background"]) >= 7
    assert overlay["direction"] == ("rtl" if lang == "ar" else "ltr")
    assert overlay["title"] == ""

    # Starting again while leaving does nothing more: no second navigation, no second overlay.
    page.locator("a[data-hr-exit]").evaluate("e => { e.click(); e.click(); }")
    page.mouse.click(180, 300)
    for _ in range(6):
        page.keyboard.press("Shift")
    assert page.locator(".hr-exit-overlay").count() == 1
    assert requests == [exit_url]
    # The 404 page is served with status 404 on purpose; nothing else may go wrong (CSP included).
    assert [p for p in problems if "404 (Not Found)" not in p] == []


@pytest.mark.parametrize("lang", LANGS)
def test_two_quick_clicks_or_six_presses_navigate_once(context, servers, lang):
    origin, exit_url = servers
    page = context.new_page()
    requests = hold_exit(page, exit_url)
    page.goto(url(origin, lang, ""))
    page.locator("a[data-hr-exit]").evaluate("e => { e.click(); e.click(); }")  # one task, no gap
    page.wait_for_function("document.querySelector('.hr-exit-overlay')")
    assert page.locator(".hr-exit-overlay").count() == 1
    assert requests == [exit_url]

    page = context.new_page()
    requests = hold_exit(page, exit_url)
    page.goto(url(origin, lang, ""))
    for _ in range(6):
        page.keyboard.press("Shift")
    page.wait_for_function("document.querySelector('.hr-exit-overlay')")
    assert page.locator(".hr-exit-overlay").count() == 1
    assert requests == [exit_url]


@pytest.mark.parametrize("lang", LANGS)
def test_leaving_state_passes_axe(context, servers, lang):
    from axe_playwright_python.sync_playwright import Axe

    origin, exit_url = servers
    page = context.new_page()
    hold_exit(page, exit_url)
    page.goto(url(origin, lang, "gemeente/amsterdam/"))
    trigger(page, "shift")
    page.wait_for_function("document.querySelector('.hr-exit-overlay')")
    # The title is blanked on purpose (tab switchers and history must not show it).
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "rules": {"document-title": {"enabled": False}}})
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]] == []


@pytest.mark.parametrize("lang", LANGS)
def test_page_restored_from_cache_is_usable_and_can_exit_again(context, servers, lang):
    origin, exit_url = servers
    page = context.new_page()
    requests = hold_exit(page, exit_url)
    page.goto(url(origin, lang, "gemeente/amsterdam/"))
    title = page.title()
    trigger(page, "button")
    page.wait_for_function("document.querySelector('.hr-exit-overlay')")
    # What the browser fires when it shows the page again from its back/forward cache.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert page.locator(".hr-exit-overlay").count() == 0
    assert page.locator("a[data-hr-exit]").is_visible()
    assert page.title() == title
    tree = accessibility_tree(page)
    assert "main" in roles(tree) and "alert" not in roles(tree)
    trigger(page, "shift")
    page.wait_for_function("document.querySelector('.hr-exit-overlay')")
    assert requests == [exit_url, exit_url]


# -- the Shift count ---------------------------------------------------------------------------

def test_shift_used_for_typing_does_not_exit(context, servers):
    origin, _ = servers
    page = context.new_page()
    page.goto(url(origin, "nl", ""))
    for _ in range(3):
        page.keyboard.press("Shift+A")
    page.wait_for_timeout(300)
    assert page.url.startswith(origin)
    assert page.locator("#hr-exit-status").inner_text() == ""
    assert dots(page)["visible"] is False


@pytest.mark.parametrize("lang", LANGS)
def test_shift_presses_expire_after_five_seconds(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    page.clock.install()
    page.goto(url(origin, lang, ""))
    status = page.locator("#hr-exit-status")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert dots(page) == {"visible": True, "filled": [True, True, False]}
    page.clock.run_for(5100)
    assert status.inner_text() == STRINGS[lang]["exit_expired"]
    assert dots(page) == {"visible": False, "filled": [False, False, False]}
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.startswith(origin)
    assert status.inner_text() == STRINGS[lang]["exit_press_2"], "a new count starts at one"
    assert dots(page) == {"visible": True, "filled": [True, False, False]}
    page.clock.run_for(5100)
    page.clock.run_for(5100)
    assert status.inner_text() == "", "the 'stopped' message does not linger to be read later"


@pytest.mark.parametrize("lang", LANGS)
def test_another_key_resets_the_count(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    page.goto(url(origin, lang, ""))
    status = page.locator("#hr-exit-status")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("ArrowDown")
    assert dots(page) == {"visible": False, "filled": [False, False, False]}
    assert status.inner_text() == STRINGS[lang]["exit_expired"]
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.startswith(origin)
    assert dots(page) == {"visible": True, "filled": [True, False, False]}


def test_a_widget_that_stops_key_events_cannot_block_the_exit(context, servers):
    origin, exit_url = servers
    page = context.new_page()
    page.goto(url(origin, "nl", "gemeente/amsterdam/"))
    # A focused widget that keeps every key press to itself (as some menus and editors do).
    page.evaluate("""() => {
        const widget = document.createElement('div');
        widget.tabIndex = 0;
        widget.id = 'greedy-widget';
        for (const type of ['keydown', 'keyup']) {
            widget.addEventListener(type, e => { e.stopPropagation(); e.preventDefault(); });
            document.addEventListener(type, e => e.stopImmediatePropagation(), true);
        }
        document.querySelector('main').prepend(widget);
        widget.focus();
    }""")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)


def test_dots_do_not_animate_when_reduced_motion_is_asked(context, servers):
    origin, _ = servers
    page = context.new_page()
    page.emulate_media(reduced_motion="reduce")
    page.goto(url(origin, "nl", ""))
    page.keyboard.press("Shift")
    durations = page.locator(".hr-exit__dot").evaluate_all(
        "ds => ds.map(d => getComputedStyle(d).transitionDuration)")
    assert durations == ["0s", "0s", "0s"]


@pytest.mark.parametrize("lang", LANGS)
def test_exit_is_first_control_after_skip_link(context, servers, lang):
    origin, _ = servers
    page = context.new_page()
    page.goto(url(origin, lang, "gemeente/amsterdam/"))
    page.keyboard.press("Tab")
    assert "md-skip" in (page.evaluate("document.activeElement.className") or "")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-hr-exit')")


# -- the Shift hint is only said where Shift can be pressed ---------------------------------------

KEYBOARD_LIKELY = "(any-hover: hover), (any-pointer: fine)"  # as in hulproute-exit.js


def exit_names(page, lang: str) -> dict[str, int]:
    """How many links a screen reader finds by each name: the label alone, or label and hint."""
    t = STRINGS[lang]
    return {name: page.get_by_role("link", name=name, exact=True).count()
            for name in (t["exit_label"], f"{t['exit_label']} {t['exit_hint']}")}


@pytest.mark.parametrize("lang", LANGS)
def test_shift_hint_only_where_a_keyboard_exit_works(browser, servers, lang):
    origin, _ = servers
    t = STRINGS[lang]
    label, hinted = t["exit_label"], f"{t['exit_label']} {t['exit_hint']}"
    address = url(origin, lang, "gemeente/amsterdam/")

    # Without JavaScript, Shift does nothing: the hint is not on the page at all.
    without_js = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = without_js.new_page()
    page.goto(address)
    assert exit_names(page, lang) == {label: 1, hinted: 0}
    assert t["exit_hint"] not in page.locator("body").text_content()
    without_js.close()

    # A computer (mouse or touchpad): the hint is part of the button's name from the start.
    desktop = browser.new_context(viewport={"width": 1280, "height": 800})
    page = desktop.new_page()
    page.goto(address)
    assert page.evaluate(f"matchMedia('{KEYBOARD_LIKELY}').matches") is True
    assert exit_names(page, lang) == {label: 0, hinted: 1}
    desktop.close()

    # A touch screen alone: Chromium's touch emulation reports only a coarse pointer, no hover.
    phone = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True)
    page = phone.new_page()
    page.goto(address)
    assert page.evaluate("""() => [matchMedia('(any-pointer: coarse)').matches,
        matchMedia('(any-pointer: fine)').matches, matchMedia('(any-hover: hover)').matches]""") == [True, False, False]
    page.locator("h1").first.tap()
    assert exit_names(page, lang) == {label: 1, hinted: 0}
    assert t["exit_hint"] not in page.locator("body").text_content()
    # ... until a keyboard is attached and used: Tab (as a keyboard user starts) adds the hint.
    page.keyboard.press("Tab")
    assert exit_names(page, lang) == {label: 0, hinted: 1}
    phone.close()


def test_every_page_is_left_with_each_trigger():
    for swapped in (False, True):
        assert {(kind, how) for _, kind, how in cases_with_trigger(swapped)} == {(k, h) for k in PAGE_TYPES for h in TRIGGERS}
    both = cases_with_trigger() + cases_with_trigger(swapped=True)
    assert {(lang, kind, how) for lang, kind, how in both} == {(l, k, h) for l in LANGS for k in PAGE_TYPES for h in TRIGGERS}
