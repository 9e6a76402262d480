"""The trimmed, inline stylesheet (hulproute/css_trim.py, hulproute/theme_assets.py) changes nothing
a reader sees: every page type, in Dutch and Arabic, on a phone and a desktop screen, also with the
drawer and the language menu open and the route finder answered with JavaScript, renders pixel for
pixel as it does with Material's whole stylesheet and ours linked in its place."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageChops

from hulproute import theme_assets
from tests.browser_support import url
from tests.conftest import ROOT
from tests.test_browser_safety import PAGE_TYPES

pytestmark = pytest.mark.browser

LANGS = ("nl", "ar")
PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
# The printable sheets and their page stand alone, without Material (hulproute/partners.py).
STANDALONE = {"materials", "poster"}
WHOLE_CSS = (theme_assets.material_stylesheet(theme_assets.MATERIAL_SITE).read_bytes() + b"\n"
             + (ROOT / "overrides" / theme_assets.OUR_MAIN_STYLESHEET).read_bytes())
INLINE_STYLE = re.compile(r"<style>.*?</style>", re.S)
WHOLE_LINK = "/__whole-stylesheets.css"


def open_drawer(page) -> None:
    page.locator("label.md-header__button[for='__drawer']").click()


def open_language_menu(page) -> None:
    page.locator(".md-header__option .md-select button").focus()


def answer_route_finder(page) -> None:
    for _step in range(2):  # "not in danger now", then the first 'who' answer: JavaScript builds both
        page.locator("#hr-route button, main button").first.press("Enter")  # no pointer left hovering


CASES = [(kind, path, PHONE, None) for kind, path in PAGE_TYPES.items()]
CASES += [(kind, PAGE_TYPES[kind], DESKTOP, None) for kind in ("home", "municipality", "signs", "route", "search")]
CASES += [("home", "", PHONE, open_drawer), ("home", "", DESKTOP, open_language_menu),
          ("route", PAGE_TYPES["route"], PHONE, answer_route_finder)]


def screenshot(browser, address: str, viewport: dict, action, served_instead: bytes | None = None,
               rewrite=None) -> tuple[bytes, int]:
    """The page as rendered, and how often it asked for `served_instead`: with it, each page comes
    with a link in place of its inline stylesheet, and that link gets `served_instead`. With
    `rewrite`, the page's HTML is served as rewrite(html) instead."""
    context = browser.new_context(viewport=viewport)
    replaced = []
    if rewrite is not None:
        def serve_rewritten(route):
            if route.request.resource_type == "document":
                response = route.fetch()
                route.fulfill(response=response, body=rewrite(response.text()))
            else:
                route.continue_()
        context.route("**/*", serve_rewritten)
    if served_instead is not None:
        def serve(route):
            if route.request.url.endswith(WHOLE_LINK):
                replaced.append(route.request.url)
                route.fulfill(body=served_instead, content_type="text/css")
            elif route.request.resource_type == "document":
                response = route.fetch()
                body = INLINE_STYLE.sub(f'<link rel="stylesheet" href="{WHOLE_LINK}">', response.text(), count=1)
                route.fulfill(response=response, body=body)
            else:
                route.continue_()
        context.route("**/*", serve)
    try:
        page = context.new_page()
        page.goto(address)
        if action:
            action(page)
        page.evaluate("window.scrollTo(0, 0)")  # the sticky header then sits at the top of the shot
        page.wait_for_timeout(50)
        return page.screenshot(full_page=True, animations="disabled", caret="hide"), len(replaced)
    finally:
        context.close()


# Chromium antialiases the odd edge pixel differently from one load to the next, whatever the
# stylesheet (seen: one corner pixel of the Arabic header, 237 or 243): a lost rule moves or
# recolours far more than that.
NOISE = 16


def difference(first: bytes, second: bytes) -> str | None:
    """Where two screenshots differ beyond antialiasing noise, or None."""
    one, two = (Image.open(io.BytesIO(png)).convert("RGB") for png in (first, second))
    if one.size != two.size:
        return f"sizes {one.size} and {two.size}"
    delta = ImageChops.difference(one, two)
    if max(high for _low, high in delta.getextrema()) <= NOISE:
        return None
    return f"pixels differ in the box {delta.point(lambda v: 255 if v > NOISE else 0).getbbox()}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind, path, viewport, action", CASES,
                         ids=[f"{c[0]}-{c[2]['width']}{'-' + c[3].__name__ if c[3] else ''}" for c in CASES])
def test_trimmed_stylesheet_renders_exactly_like_materials(browser, servers, lang, kind, path, viewport, action):
    origin, _ = servers
    address = url(origin, lang, path)
    problem = None
    # A lost rule differs on every load; a busy machine now and then antialiases one line of text
    # differently (seen once, with a build running beside it: a 12 px strip of Arabic text at
    # 1280 px; the same test then passed three times of four), so a difference
    # must show up twice.
    for _attempt in range(2):
        trimmed, _ = screenshot(browser, address, viewport, action)
        whole, replaced = screenshot(browser, address, viewport, action, served_instead=WHOLE_CSS)
        assert replaced == (0 if kind in STANDALONE else 1), f"{address}: the whole stylesheets requested {replaced} times"
        problem = difference(trimmed, whole)
        if problem is None:
            break
    assert problem is None, f"{address} at {viewport['width']} px looks different with the trimmed stylesheets: {problem}"


def test_the_comparison_sees_a_missing_stylesheet(browser, servers):
    origin, _ = servers
    address = url(origin, "nl", PAGE_TYPES["municipality"])
    trimmed, _ = screenshot(browser, address, PHONE, None)
    bare, replaced = screenshot(browser, address, PHONE, None, served_instead=b"")
    assert replaced == 1 and difference(trimmed, bare) is not None


def with_indentation(html: str) -> str:
    """The page with an indentation put back after every line break between two tags (outside the
    text hosting.without_indentation leaves alone), as the templates wrote it."""
    raw = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|(?<=>)\n(?=<)", re.S | re.I)
    return raw.sub(lambda match: match.group(1) or "\n        ", html)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", [kind for kind in PAGE_TYPES if kind not in STANDALONE])
def test_pages_without_the_templates_indentation_render_as_with_it(browser, servers, lang, kind):
    """The published pages lose the indentation between tags (hosting.without_indentation): put
    back, it changes nothing a reader sees."""
    origin, _ = servers
    address = url(origin, lang, PAGE_TYPES[kind])
    published, _ = screenshot(browser, address, PHONE, None)
    indented, _ = screenshot(browser, address, PHONE, None, rewrite=with_indentation)
    assert with_indentation("<p>\n<b>x</b>") != "<p>\n<b>x</b>", "the rewrite must change the page"
    assert difference(published, indented) is None, f"{address}: the indentation changes how it looks"
