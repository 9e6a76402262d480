"""Campaign landing pages (data/campaigns/, issue 15): a page per language at /<slug>/ that leads
straight to the help the campaign names, stays after the campaign ends and then points to
current help, and is refused with a clear message when its data is wrong.

Beside the real campaign(s), a copy of data/ gets three fixture campaigns: one for a Veilig Thuis
region (leads to a signs page), one that ended in 2020 (leads to a municipality), one printed in
two languages only. Expected values are read from data/, never written here.
"""
from __future__ import annotations

import http.client
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from mkdocs.exceptions import MkDocsException

from hulproute import content
from hulproute import route_finder as rf
from hulproute.campaigns import CampaignPages, area
from hulproute.errors import DataError, SiteError
from hulproute.loader import load_site_data
from hulproute.render import Renderer
from hulproute.schema import Campaign
from tests.conftest import FIXTURE_MUNICIPALITIES, ROOT, write_fixture_config
from tests.helpers import build_atomically, prefix, resolve_href

DATA = load_site_data()
REAL = next(iter(DATA.campaigns.values()))
DE_RONDE_VENEN, AMSTERDAM = FIXTURE_MUNICIPALITIES
REGION = DATA.municipality(DE_RONDE_VENEN).veilig_thuis_region


def texts(headline: str) -> dict:
    return {lang: {"headline": f"{headline} ({lang})", "message": f"Bericht {lang}.",
                   "preview_title": "Hulproute", "preview_text": f"Neutraal {lang}."} for lang in DATA.language_codes}


FIXTURES = {
    "regiotest": {"slug": "regiotest", "organiser": "Regio test", "languages": DATA.language_codes,
                  "start": "2026-01-01", "end": "2099-12-31", "aims_at": {"region": REGION, "what": "partnergeweld"},
                  "leads_to": {"page": "signalen/partnergeweld"}, "texts": texts("Regio")},
    "voorbij": {"slug": "voorbij", "organiser": "Gemeente test", "languages": DATA.language_codes,
                "start": "2020-01-01", "end": "2020-12-31", "aims_at": {"municipalities": [AMSTERDAM]},
                "leads_to": {"municipality": AMSTERDAM}, "texts": texts("Voorbij")},
    "tweetalig": {"slug": "tweetalig", "organiser": "Buurthuis test", "languages": ["nl", "ar"],
                  "start": "2026-01-01", "end": "2099-12-31", "aims_at": {"who": "ik"},
                  "leads_to": {"route": {"who": "ik", "what": "partnergeweld"}}, "texts": texts("Tweetalig")},
}


def write_campaign(data_dir: Path, campaign: dict, name: str | None = None) -> Path:
    path = data_dir / "campaigns" / f"{name or campaign['slug']}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(campaign, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def campaign_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("campaigns")
    data_dir = work / "data"
    shutil.copytree(ROOT / "data", data_dir)
    for campaign in FIXTURES.values():
        write_campaign(data_dir, campaign)
    site = work / "site"
    build_atomically(write_fixture_config(work, site, data_dir=data_dir), site)
    return site, load_site_data(data_dir)


def landing(site: Path, lang: str, slug: str) -> tuple[Path, str]:
    page = site / prefix(lang) / slug / "index.html"
    return page, page.read_text(encoding="utf-8")


def meta(html: str, attribute: str, name: str) -> str:
    return re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html).group(1)


def go_link(html: str) -> str:
    return re.search(r'<ul class="hr-route-choices hr-campaign__go">\s*<li><a class="hr-route-choice" href="([^"]+)"', html).group(1)


# ---- the landing pages ---------------------------------------------------------------------------

def test_every_campaign_has_a_landing_page_in_every_language_with_its_own_discreet_preview(campaign_site):
    site, data = campaign_site
    assert set(FIXTURES) | set(DATA.campaigns) == set(data.campaigns)
    for campaign in data.campaigns.values():
        for lang in data.language_codes:
            _, html = landing(site, lang, campaign.slug)
            text = campaign.texts[lang]
            assert re.search(rf"<h1[^>]*>{re.escape(text.headline)}</h1>", html), (campaign.slug, lang)
            assert f'<html lang="{lang}"' in html and ('dir="rtl"' in html) == (lang == "ar")
            assert meta(html, "property", "og:title") == text.preview_title
            assert meta(html, "property", "og:description") == text.preview_text
            over = campaign.end < date.today()
            assert meta(html, "name", "description") == (data.strings[lang]["campaign_ended"] if over else text.message)
            # 112 on the page itself, before the way on (not only in the bar).
            assert html.index('class="hr-panel hr-panel--danger"') < html.index("hr-campaign__go")


def test_the_landing_page_leads_straight_to_the_help_it_names(campaign_site):
    site, data = campaign_site
    finder = data.route_finder
    for lang in data.language_codes:
        expected = {
            "regiotest": site / prefix(lang) / "signalen" / "partnergeweld",
            "tweetalig": site / prefix(lang) / rf.SECTION / rf.step_path(
                False, next(w for w in finder.who if w.id == "ik"), next(w for w in finder.what if w.id == "partnergeweld")).rstrip("/"),
            REAL.slug: site / prefix(lang) / rf.SECTION / rf.step_path(
                False, next(w for w in finder.who if w.id == REAL.leads_to.route.who)).rstrip("/"),
        }
        for slug, target in expected.items():
            page, html = landing(site, lang, slug)
            assert resolve_href(site, page, go_link(html)) == target.resolve(), (slug, lang)
            assert (target / "index.html").is_file(), (slug, lang)


def test_a_region_campaign_offers_every_built_municipality_of_its_region(campaign_site):
    site, data = campaign_site
    campaign = data.campaigns["regiotest"]
    wanted = [m for m in area(data, campaign) if m.code in FIXTURE_MUNICIPALITIES]
    assert wanted and all(m.veilig_thuis_region == REGION for m in wanted)
    for lang in data.language_codes:
        page, html = landing(site, lang, "regiotest")
        block = re.search(r'<ul class="hr-campaign__area">(.*?)</ul>', html, re.S).group(1)
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)
        assert [name for _, name in links[:-1]] == [m.name for m in wanted]
        for (href, _), m in zip(links, wanted):
            assert resolve_href(site, page, href) == (site / prefix(lang) / "gemeente" / m.slug).resolve()
        assert resolve_href(site, page, links[-1][0]) == (site / prefix(lang) / "gemeente").resolve()
        assert data.strings[lang]["campaign_area_title"] in html


def test_after_its_end_date_the_page_stays_and_points_to_current_help(campaign_site):
    site, data = campaign_site
    for lang in data.language_codes:
        page, html = landing(site, lang, "voorbij")
        assert data.strings[lang]["campaign_ended"] in html
        assert data.campaigns["voorbij"].texts[lang].message not in re.sub(r"<meta[^>]*>", "", html)
        assert resolve_href(site, page, go_link(html)) == (site / prefix(lang) / rf.SECTION).resolve()


def test_a_campaign_runs_until_the_end_of_its_last_day():
    campaign = DATA.campaigns[REAL.slug]
    renderer = Renderer(DATA, "nl", ROOT / "docs")
    built = {m.code for m in DATA.municipalities}
    last_day = CampaignPages(DATA, built, ROOT / "docs", campaign.end).page(campaign, renderer)
    day_after = CampaignPages(DATA, built, ROOT / "docs", campaign.end + timedelta(days=1)).page(campaign, renderer)
    assert campaign.texts["nl"].message in last_day and DATA.strings["nl"]["campaign_ended"] not in last_day
    assert DATA.strings["nl"]["campaign_ended"] in day_after and campaign.texts["nl"].message not in day_after


def test_a_campaign_leading_to_a_municipality_the_build_leaves_out_leads_to_the_index():
    campaign = Campaign.model_validate({**FIXTURES["voorbij"], "end": "2099-12-31"})
    pages = CampaignPages(DATA, {DE_RONDE_VENEN}, ROOT / "docs", date(2026, 12, 2))
    html = pages.page(campaign, Renderer(DATA, "nl", ROOT / "docs"))
    assert go_link(html) == "../gemeente/"
    assert DATA.municipality(AMSTERDAM).slug not in html


def test_a_poster_address_typed_without_the_last_slash_reaches_the_page_through_nginx(campaign_site, browser, tmp_path):
    from tests.browser_support import NginxServer

    site, data = campaign_site
    with NginxServer(site, tmp_path) as server:
        connection = http.client.HTTPConnection(urlsplit(server.origin).netloc, timeout=10)
        connection.request("GET", f"/{REAL.slug}")
        response = connection.getresponse()
        assert response.status == 301 and response.getheader("Location").endswith(f"/{REAL.slug}/")
        connection.close()
        context = browser.new_context(viewport={"width": 360, "height": 640})
        page = context.new_page()
        page.goto(f"{server.origin}/ar/{REAL.slug}")
        assert page.url == f"{server.origin}/ar/{REAL.slug}/"
        assert page.locator("h1").inner_text() == REAL.texts["ar"].headline
        page.locator(".hr-campaign__go a").click()
        page.wait_for_load_state()
        # The reader is one step into the route finder: the next question, in their language.
        assert data.strings["ar"]["route_q_what"] in page.locator("article").inner_text()
        context.close()


# ---- refused with a clear message ------------------------------------------------------------------

def broken(change) -> dict:
    campaign = yaml.safe_load(yaml.safe_dump(FIXTURES["regiotest"]))
    change(campaign)
    return campaign


CASES = {
    "slug of a generated folder": (broken(lambda c: c.update(slug="gemeente")), "slug", "a folder the build generates"),
    "slug of a language": (broken(lambda c: c.update(slug="en")), "slug", "a language folder"),
    "slug of a section": (broken(lambda c: c.update(slug="signalen")), "slug", "a content section"),
    "end before start": (broken(lambda c: c.update(start="2027-05-01", end="2027-04-30")), "end", "before it starts"),
    "missing language": (broken(lambda c: c["texts"].pop("uk")), "texts.uk", "has no text"),
    "unknown print language": (broken(lambda c: c.update(languages=["nl", "fr"])), "languages", "'fr' is not a site language"),
    "unknown region": (broken(lambda c: c["aims_at"].update(region="VT99")), "aims_at.region", "unknown region VT99"),
    "unknown municipality": (broken(lambda c: c.update(leads_to={"municipality": "GM9999"})), "leads_to.municipality", "unknown municipality GM9999"),
    "unknown page": (broken(lambda c: c.update(leads_to={"page": "signalen/bestaat-niet"})), "leads_to.page", "not a page"),
    "unknown answer": (broken(lambda c: c.update(leads_to={"route": {"who": "niemand"}})), "leads_to.route.who", "unknown route-finder answer"),
    "two kinds of help": (broken(lambda c: c.update(leads_to={"page": "signalen/partnergeweld", "municipality": AMSTERDAM})), "leads_to", "names 2 kinds of help"),
}


@pytest.mark.parametrize("campaign, field, words", CASES.values(), ids=CASES.keys())
def test_wrong_campaign_data_is_refused_naming_file_field_and_fix(data_copy, campaign, field, words):
    write_campaign(data_copy, campaign, name="kapot")
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    mine = [p for p in caught.value.problems if p.file == "data/campaigns/kapot.yaml"]
    assert any(p.field == field and words in p.problem and p.fix for p in mine), [str(p) for p in caught.value.problems]


def test_two_campaigns_with_one_slug_are_refused(data_copy):
    write_campaign(data_copy, {**FIXTURES["regiotest"], "slug": REAL.slug}, name="nog-een")
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    assert any(p.field == "slug" and f"'{REAL.slug}' is already the slug of data/campaigns/" in p.problem
               for p in caught.value.problems), [str(p) for p in caught.value.problems]


def test_a_slug_taken_by_a_hand_written_page_stops_the_build_and_leaves_no_site(data_copy, tmp_path, caplog):
    page = next(p.stem for p in (ROOT / "docs" / "nl").glob("*.md") if p.stem != "index")
    write_campaign(data_copy, {**FIXTURES["regiotest"], "slug": page}, name="botsing")
    problems = content.lint(ROOT / "docs", load_site_data(data_copy))
    assert any(f"/{page}/ is also the address of docs/nl/{page}.md" in p.problem for p in problems)
    site = tmp_path / "site"
    with pytest.raises((SiteError, MkDocsException)) as caught:
        build_atomically(write_fixture_config(tmp_path, site, data_dir=data_copy), site)
    # MkDocs logs a hook's error, then aborts (scripts/build_site.py prints both).
    message = f"{caught.value}\n{caplog.text}"
    assert f"/{page}/ is also the address" in message and "Traceback" not in message
    assert not site.exists()
