"""Finding the municipality without JavaScript: places A–Z and postcodes by their first two digits.

Most checks render the pages from the real data with the Renderer (no MkDocs) and compare them
with data/places.csv and data/postcodes.csv row by row; one group checks the fixture site as
built (languages, direction, links from the index and the route finder's last step).
"""
from __future__ import annotations

import csv
import dataclasses
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from hulproute.errors import SiteError
from hulproute.loader import load_site_data
from hulproute.location_pages import LocationPages
from hulproute.render import Renderer
from hulproute.site_state import BuildState
from tests.conftest import DATA, FIXTURE_MUNICIPALITIES
from tests.helpers import html_lang_dir, resolve_href
from tests.helpers import prefix

SITE_DATA = load_site_data()
LANGUAGES = SITE_DATA.language_codes
SLUGS = {m.code: m.slug for m in SITE_DATA.municipalities}


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


PLACE_ROWS = read_csv("places.csv")
POSTCODE_ROWS = read_csv("postcodes.csv")


def expected_letter(place: str) -> str:
    """The letter page a reader would open: 's-/'t skipped, accents ignored, digits on '0-9'."""
    name = re.sub(r"^'(?:s-|s |t )", "", place)
    first = unicodedata.normalize("NFKD", name)[0].lower()
    return "0-9" if first.isdigit() else first


def body(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[1]


def entries(markdown: str) -> dict[str, list[tuple[str, str, str]]]:
    """{entry name: [(candidate name, href, link text), …]} from a letter or postcode page."""
    block = re.search(r'<ul class="hr-places hr-locations">.*?\n</ul>\n\n', markdown, re.S)
    assert block, "no list on the page"
    root = ET.fromstring(block.group(0))
    found: dict[str, list[tuple[str, str, str]]] = {}
    for item in root.findall("li"):
        name = item.find("bdi").text
        nested = item.find("ul")
        rows = [item] if nested is None else nested.findall("li")
        candidates = []
        for row in rows:
            link = row.find("a")
            label = row.find("bdi")
            candidates.append((label.text if label is not None else name, link.get("href"), link.text))
        assert name not in found, f"{name} listed twice"
        found[name] = candidates
    return found


@pytest.fixture(scope="module")
def rendered() -> dict[str, dict[str, str]]:
    renderers = {code: Renderer(SITE_DATA, code) for code in LANGUAGES}
    return LocationPages(SITE_DATA).render(renderers)


@pytest.fixture(scope="module")
def parsed(rendered) -> dict[tuple[str, str], dict[str, list[tuple[str, str, str]]]]:
    return {(path, lang): entries(md) for path, by_lang in rendered.items() for lang, md in by_lang.items()
            if not path.endswith("/index.md")}


def municipality_href(code: str) -> str:
    return f"../../{SLUGS[code]}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_place_is_on_its_letter_page_linking_to_its_municipality(parsed, language):
    for row in PLACE_ROWS:
        page = parsed.get((f"gemeente/plaatsen/{expected_letter(row['place'])}.md", language))
        assert page is not None, f"no letter page for {row['place']}"
        assert row["place"] in page, f"{row['place']} is not on its letter page"
        assert (row["place"], municipality_href(row["municipality"]), SITE_DATA.municipality(row["municipality"]).name) \
            in page[row["place"]], row


def test_a_name_in_several_municipalities_lists_every_candidate(parsed):
    codes = defaultdict(set)
    for row in PLACE_ROWS:
        codes[row["place"]].add(row["municipality"])
    shared = {name: found for name, found in codes.items() if len(found) > 1}
    assert shared, "data/places.csv has names in several municipalities"
    for name, found in shared.items():
        listed = parsed[(f"gemeente/plaatsen/{expected_letter(name)}.md", "nl")][name]
        assert {href for place, href, _ in listed if place == name} == {municipality_href(c) for c in found}, name


@pytest.mark.parametrize("bare", ["Haren", "Hengelo", "Rijswijk", "Vianen", "Katwijk", "Oosterwolde", "Well", "Afferden"])
def test_a_bare_name_lists_the_official_names_with_a_suffix_next_to_it(parsed, bare):
    """The names the issue reports (reader types "Haren", means "Haren Gn"): the bare name's entry
    offers every place of that name and every suffixed official name, as data/ lists them."""
    suffixed = re.compile(re.escape(bare) + r" (?:\([^()]+\)|[A-Z][A-Za-z]{0,2})")
    wanted = {(row["place"], municipality_href(row["municipality"])) for row in PLACE_ROWS
              if row["place"] == bare or suffixed.fullmatch(row["place"])}
    assert any(place != bare for place, _ in wanted), f"data/places.csv has no suffixed {bare}"
    page = parsed[(f"gemeente/plaatsen/{expected_letter(bare)}.md", "nl")]
    assert {(place, href) for place, href, _ in page[bare]} == wanted
    names = list(page)
    for place, _ in wanted - {(bare, h) for _, h in wanted}:
        assert place in page, f"{place} is listed as written too"
        assert abs(names.index(place) - names.index(bare)) <= len(wanted), f"{place} is not next to {bare}"


def test_a_name_in_one_municipality_links_only_there(parsed):
    codes = defaultdict(set)
    for row in PLACE_ROWS:
        codes[row["place"]].add(row["municipality"])
    by_name = {name: listed for (path, lang), page in parsed.items() if lang == "nl" and "/plaatsen/" in path
               for name, listed in page.items()}
    single = [name for name, found in codes.items() if len(found) == 1 and len(by_name[name]) == 1]
    assert len(by_name) == len(codes), "one entry per name in data/places.csv"
    for name in single:
        assert by_name[name] == [(name, municipality_href(next(iter(codes[name]))),
                                  SITE_DATA.municipality(next(iter(codes[name]))).name)]


def test_places_are_in_dutch_order_on_each_page(parsed):
    for (path, lang), page in parsed.items():
        if lang != "nl" or "/plaatsen/" not in path:
            continue
        keys = [unicodedata.normalize("NFKD", re.sub(r"^'(?:s-|s |t )", "", name).lower()) for name in page]
        keys = ["".join(c for c in key if not unicodedata.combining(c)) for key in keys]
        assert keys == sorted(keys), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_postcode_is_on_its_page_linking_to_all_its_municipalities(parsed, language):
    split = 0
    for row in POSTCODE_ROWS:
        codes = [row["municipality"], *filter(None, row["other_municipalities"].split(";"))]
        page = parsed[(f"gemeente/postcodes/{row['pc4'][:2]}.md", language)]
        assert [href for _, href, _ in page[row["pc4"]]] == [municipality_href(c) for c in codes], row
        split += len(codes) > 1
    listed_split = sum(len(listed) > 1 for (path, lang), page in parsed.items()
                       if lang == language and "/postcodes/" in path for listed in page.values())
    assert split and listed_split == split
    assert sum(len(page) for (path, lang), page in parsed.items()
               if lang == language and "/postcodes/" in path) == len(POSTCODE_ROWS)


def test_overviews_link_every_page_and_page_count_comes_from_data(rendered):
    letters = {expected_letter(row["place"]) for row in PLACE_ROWS}
    groups = {row["pc4"][:2] for row in POSTCODE_ROWS}
    assert set(rendered) == {"gemeente/plaatsen/index.md", "gemeente/postcodes/index.md",
                             *(f"gemeente/plaatsen/{letter}.md" for letter in letters),
                             *(f"gemeente/postcodes/{digits}.md" for digits in groups)}
    for language in LANGUAGES:
        assert set(re.findall(r'<a href="([^"/.]+)/"', body(rendered["gemeente/plaatsen/index.md"][language]))) == letters
        assert set(re.findall(r'<a href="([^"/.]+)/"', body(rendered["gemeente/postcodes/index.md"][language]))) == groups
        assert all(set(by_lang) == set(LANGUAGES) for by_lang in rendered.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_titles_and_texts_are_in_the_page_language(rendered, language):
    t = SITE_DATA.strings[language]
    overview = rendered["gemeente/plaatsen/index.md"][language]
    assert f"# {t['places_index_title']}\n" in overview
    letter = rendered["gemeente/plaatsen/v.md"][language]
    title = t["places_letter_title"].replace("{letter}", "V")
    assert f'title: "{title}"' in letter and f"# {title}\n" in letter
    group = rendered["gemeente/postcodes/36.md"][language]
    assert f"# {t['postcodes_group_title'].replace('{digits}', '36')}\n" in group
    assert t["postcodes_group_intro"] in group and t["find_place_link"] in group


def test_a_fixture_build_lists_only_its_municipalities(parsed):
    """Built with `only_municipalities`, the pages list only those places and postcodes (and, of a
    split postcode, only the built municipalities), so no entry leads to a page that is not built."""
    state = BuildState.render(SITE_DATA, only_municipalities=set(FIXTURE_MUNICIPALITIES))
    pages = [p for p in state.pages if p.norm_src_uri.startswith(("gemeente/plaatsen/", "gemeente/postcodes/"))]
    assert pages and not any(p.in_nav for p in pages)
    hrefs, names, postcodes = set(), set(), set()
    for page in pages:
        if page.norm_src_uri.endswith("/index.md"):
            continue
        for name, listed in entries(page.markdown["nl"]).items():
            (postcodes if "/postcodes/" in page.norm_src_uri else names).add(name)
            hrefs |= {href for _, href, _ in listed}
    assert hrefs == {municipality_href(code) for code in FIXTURE_MUNICIPALITIES}
    assert names == {row["place"] for row in PLACE_ROWS if row["municipality"] in FIXTURE_MUNICIPALITIES}
    assert postcodes == {row["pc4"] for row in POSTCODE_ROWS
                         if {row["municipality"], *row["other_municipalities"].split(";")} & set(FIXTURE_MUNICIPALITIES)}


def test_names_are_text_not_markup():
    hostile = "Zorg {{ 7*7 }} <script>alert(1)</script> & [x](javascript:alert(1)) *nadruk*"
    places = {code: list(names) for code, names in SITE_DATA.places.items()}
    places[FIXTURE_MUNICIPALITIES[0]] = [hostile]
    data = dataclasses.replace(SITE_DATA, places=places)
    pages = LocationPages(data, [data.municipality(FIXTURE_MUNICIPALITIES[0])]).render({"nl": Renderer(data, "nl")})
    page = pages["gemeente/plaatsen/z.md"]["nl"]
    assert "<script>" not in page and "](javascript" not in page and "*nadruk*" not in page and "{{" not in page
    assert [name for name in entries(page)] == [hostile]  # the parser reads the escaped name back exactly


def test_a_municipality_slug_that_takes_the_pages_address_is_refused():
    first = SITE_DATA.municipalities[0]
    data = dataclasses.replace(SITE_DATA, municipalities=[first.model_copy(update={"slug": "postcodes"}),
                                                           *SITE_DATA.municipalities[1:]])
    with pytest.raises(SiteError) as error:
        LocationPages(data)
    assert "postcodes" in error.value.problem and "slug" in error.value.fix


# ---- the fixture site as built --------------------------------------------------------------------



def article(path: Path) -> str:
    return re.search(r"<article\b.*?</article>", path.read_text(encoding="utf-8"), re.S).group(0)


def local_links(page: Path) -> list[str]:
    return [h for h in re.findall(r'href="([^"#]+)"', article(page)) if not h.startswith(("http", "tel:"))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_fixture_site_has_the_pages_linked_from_the_index_and_the_last_route_step(fixture_site, language):
    t = SITE_DATA.strings[language]
    base = fixture_site / prefix(language) / "gemeente"
    expected_pages = [base / kind / "index.html" for kind in ("plaatsen", "postcodes")]
    location = LocationPages(SITE_DATA, [SITE_DATA.municipality(c) for c in FIXTURE_MUNICIPALITIES])
    expected_pages += [base / "plaatsen" / g.slug / "index.html" for g in location.place_groups()]
    expected_pages += [base / "postcodes" / g.slug / "index.html" for g in location.postcode_groups()]
    for page in expected_pages:
        assert page.is_file(), page
        html = page.read_text(encoding="utf-8")
        assert html_lang_dir(html) == (language, "rtl" if language == "ar" else "ltr"), page
        for href in local_links(page):  # every link leads to a built page
            target = resolve_href(fixture_site, page, href)
            assert (target / "index.html").is_file() or target.is_file(), (page, href)
    titles = {page: re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8")).group(1)
              for page in expected_pages[:2]}
    assert titles[expected_pages[0]].startswith(t["places_index_title"])
    assert titles[expected_pages[1]].startswith(t["postcodes_index_title"])

    def links_to_both(page: Path) -> bool:
        targets = {resolve_href(fixture_site, page, href) for href in local_links(page)}
        return {p.parent.resolve() for p in expected_pages[:2]} <= targets

    assert links_to_both(base / "index.html"), "the municipality index links places and postcodes"
    last_steps = [p for p in (fixture_site / prefix(language) / "hulp-zoeken").rglob("index.html")
                  if 'data-service="local"' in article(p)]
    assert last_steps, "route results show the local step"
    assert all(links_to_both(p) for p in last_steps), "every route result links places and postcodes"
    home = fixture_site / prefix(language) / "index.html"
    chrome = home.read_text(encoding="utf-8").replace(article(home), "")
    assert "gemeente/" in chrome and "plaatsen/" not in chrome and "postcodes/" not in chrome, "not in the nav"
