"""Without JavaScript, from the home page to the right municipality page by place name and by
postcode, tapping only visible links, in Debian's Chromium at 360x640 (Dutch and Arabic)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from hulproute import placeholders
from hulproute.loader import load_site_data
from hulproute.location_pages import place_letter
from tests.browser_support import url


pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DATA = load_site_data()
LANGS = ("nl", "ar")
PLACE = "Vinkeveen"  # a village whose name is not its municipality's (De Ronde Venen)


def rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def home_link_to_index(lang: str) -> str:
    """The label of the home page's button to the municipality index, as the page is written."""
    text = (ROOT / "docs" / lang / "index.md").read_text(encoding="utf-8")
    return re.search(r"^\[([^\]]+)\]\(gemeente/index\.md\)", text, re.M).group(1)


@pytest.fixture
def nojs(browser):
    ctx = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, java_script_enabled=False)
    yield ctx
    ctx.close()


def tap(page, link) -> None:
    """Tap a link the reader can see (scrolled to, as a thumb would), and wait for the next page."""
    link.scroll_into_view_if_needed()
    assert link.is_visible(), link
    with page.expect_navigation():
        link.tap()


def tap_link(page, name: str) -> None:
    tap(page, page.locator("article").get_by_role("link", name=name, exact=True))


def tap_municipality_of(page, entry: str, municipality: str) -> None:
    """On a letter or postcode page: the link behind the entry (e.g. 'Vinkeveen: De Ronde Venen')."""
    item = page.locator("ul.hr-locations > li").filter(
        has=page.locator("bdi", has_text=re.compile(f"^{re.escape(entry)}$")))
    assert item.count() == 1, f"{entry} is listed once"
    tap(page, item.get_by_role("link", name=municipality, exact=True))


def assert_on_municipality_page(page, lang: str, code: str) -> None:
    m = DATA.municipality(code)
    assert page.url.endswith(f"gemeente/{m.slug}/"), page.url
    title = placeholders.fill(DATA.strings[lang]["municipality_title"], {"municipality": m.name})
    assert page.locator("h1").inner_text() == title


@pytest.mark.parametrize("lang", LANGS)
def test_by_place_name_from_the_home_page(nojs, servers, lang):
    origin, _ = servers
    codes = [row["municipality"] for row in rows("places.csv") if row["place"] == PLACE]
    assert len(codes) == 1, f"{PLACE} is in one municipality"
    page = nojs.new_page()
    page.goto(url(origin, lang, ""))
    tap_link(page, home_link_to_index(lang))
    tap_link(page, DATA.strings[lang]["find_place_link"])
    tap_link(page, place_letter(PLACE)[1])
    tap_municipality_of(page, PLACE, DATA.municipality(codes[0]).name)
    assert_on_municipality_page(page, lang, codes[0])


@pytest.mark.parametrize("lang", LANGS)
def test_by_postcode_from_the_home_page(nojs, servers, lang):
    origin, _ = servers
    code = next(row["municipality"] for row in rows("places.csv") if row["place"] == PLACE)
    postcode = next(row["pc4"] for row in rows("postcodes.csv")
                    if row["municipality"] == code and not row["other_municipalities"])
    page = nojs.new_page()
    page.goto(url(origin, lang, ""))
    tap_link(page, home_link_to_index(lang))
    tap_link(page, DATA.strings[lang]["find_postcode_link"])
    tap_link(page, postcode[:2])
    tap_municipality_of(page, postcode, DATA.municipality(code).name)
    assert_on_municipality_page(page, lang, code)
