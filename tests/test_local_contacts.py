"""Local contacts a reader can trust: quoted from an official page, fresh enough, and a municipal
employee who gets an entry wrong is told so in Dutch.

Freshness states are tested with fixture data and a fixed clock: the same contact is current,
then gets a warning, then loses its number, as the policy in data/freshness.yaml says.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from hulproute import data_status, freshness, messages_nl, route_finder
from hulproute.urls import site_host
from hulproute.errors import DataError
from hulproute.loader import load_site_data
from hulproute.site_state import BuildState

ROOT = Path(__file__).resolve().parent.parent
DATA = load_site_data()
POLICY = DATA.freshness
TEAM = "sociaal-hus-borne"  # a local team with a phone number, in one municipality
BORNE = "GM0147"


def contact(ident: str):
    return next(c for c in DATA.local_contacts if c.id == ident)


# ---- the sample check the issue asks for: real data ------------------------------------------

def test_every_published_number_and_website_is_in_its_quote_on_an_official_domain():
    domains = [d["domain"] for d in yaml.safe_load((ROOT / "data" / "official_domains.yaml").read_text())["domains"]]
    published = [c for c in DATA.local_contacts if c.phone or c.website]
    assert published, "no published local contact at all"
    for c in published:
        host = site_host(c.source.url)
        assert any(host == d or host.endswith("." + d) for d in domains), (c.id, host)
        quote = c.quote or ""
        if c.phone:
            assert re.sub(r"\D", "", c.phone) in re.sub(r"\D", "", quote), (c.id, c.phone, quote)
        if c.website:
            site = site_host(c.website)
            assert site in quote.lower() or host == site or host.endswith("." + site) or site.endswith("." + host), c.id


def test_at_least_the_pilot_municipalities_have_a_verified_entry_point():
    rows = data_status.municipality_statuses(DATA, date(2026, 12, 1))
    with_entry = [r for r in rows if r.status in ("verified", "stale")]
    published_teams = {m for c in DATA.local_contacts if c.kind == "local_team" and c.published for m in c.municipalities}
    assert {r.code for r in with_entry} == published_teams


# ---- freshness: one contact, a fixed clock ------------------------------------------------

@pytest.mark.parametrize("checked_on, source_date, today, state", [
    (date(2026, 12, 1), None, date(2026, 12, 1), "current"),
    (date(2025, 12, 1), None, date(2026, 12, 1), "current"),        # exactly 12 months: still current
    (date(2025, 11, 30), None, date(2026, 12, 1), "recheck"),       # more than 12 months
    (date(2024, 12, 1), None, date(2026, 12, 1), "recheck"),        # exactly 24 months
    (date(2024, 11, 30), None, date(2026, 12, 1), "withdrawn"),     # more than 24 months
    (date(2026, 11, 1), "2021-12", date(2026, 12, 1), "current"),   # source exactly 5 years old
    (date(2026, 11, 1), "2021-11", date(2026, 12, 1), "recheck"),   # source older than 5 years
    (date(2026, 11, 1), "2021", date(2026, 12, 1), "recheck"),      # a year counts from its first day
])
def test_freshness_follows_the_policy(checked_on, source_date, today, state):
    assert freshness.assess(checked_on, source_date, POLICY, today).state.value == state


def page_for(today: date, data=DATA, code: str = BORNE) -> str:
    state = BuildState.render(data, only_municipalities={code}, today=today)
    slug = data.municipality(code).slug
    return next(p for p in state.pages if p.norm_src_uri == f"gemeente/{slug}.md").markdown["nl"]


def test_a_current_contact_shows_its_number_without_a_warning():
    text = page_for(contact(TEAM).checked_on)
    assert "074-2658590" in text or "074 265 8590" in text
    assert "hr-check" not in text.split("{ #landelijk }")[0]


def test_a_contact_checked_more_than_a_year_ago_shows_its_date_as_a_warning():
    checked = contact(TEAM).checked_on
    text = page_for(date(checked.year + 1, checked.month, checked.day + 1)).split("{ #landelijk }")[0]
    assert 'class="hr-check hr-check--old"' in text
    assert "laatst gecontroleerd op" in text.lower()
    assert "tel:+31742658590" in text  # still shown, with the warning


def test_a_contact_checked_more_than_two_years_ago_falls_back_to_veilig_thuis():
    checked = contact(TEAM).checked_on
    text = page_for(date(checked.year + 2, checked.month, checked.day + 1)).split("{ #landelijk }")[0]
    assert "tel:+31742658590" not in text
    assert 'class="hr-check hr-check--withdrawn"' in text
    assert "tel:+318002000" in text  # Veilig Thuis instead
    assert DATA.strings["nl"]["local_unknown"].split("{")[0] in text


def test_an_old_source_page_counts_as_stale_even_when_checked_recently():
    old = next(c for c in DATA.local_contacts if c.published and c.source.date and c.source.date < "2021")
    text = page_for(old.checked_on, code=old.municipalities[0]).split("{ #landelijk }")[0]
    assert 'hr-service--recheck' in text and 'hr-check--old' in text


def test_the_route_finder_table_follows_the_same_policy():
    checked = contact(TEAM).checked_on
    locations = route_finder.Locations(DATA)

    def team_row(today: date) -> list:
        table = locations.client_data(DATA, today)
        index = next(i for i, m in enumerate(table["m"]) if m[0] == "Borne")
        return next(t for t in table["l"][str(index)] if t[0] == contact(TEAM).name)

    assert team_row(checked)[2] == "tel:+31742658590" and team_row(checked)[4] == 0
    assert team_row(date(checked.year + 1, checked.month, checked.day + 1))[4] == 1
    assert team_row(date(checked.year + 2, checked.month, checked.day + 1))[1:4] == ["", "", ""]


# ---- the data-status page and JSON -------------------------------------------------------

def test_data_status_json_lists_every_municipality_with_a_status():
    state = BuildState.render(DATA, only_municipalities={BORNE}, today=date(2026, 12, 1))
    status = json.loads(state.assets[data_status.JSON_FILE])
    assert len(status["municipalities"]) == len(DATA.municipalities)
    assert {m["status"] for m in status["municipalities"]} <= set(data_status.STATUSES)
    borne = next(m for m in status["municipalities"] if m["code"] == BORNE)
    assert borne["status"] == "verified" and borne["contacts"][0]["phone"]
    assert status["counts"]["total"]["verified"] == sum(m["status"] == "verified" for m in status["municipalities"])


def test_data_status_page_exists_in_every_language_and_is_not_for_search_engines():
    state = BuildState.render(DATA, only_municipalities={BORNE}, today=date(2026, 12, 1))
    page = next(p for p in state.pages if p.norm_src_uri == data_status.PAGE)
    assert set(page.markdown) == set(DATA.language_codes)
    assert not page.in_nav and not page.in_sitemap
    for text in page.markdown.values():
        assert "hr_noindex: true" in text
        assert text.count("<tr") == len(DATA.municipalities) + len(data_status.counts_by_province(
            data_status.municipality_statuses(DATA, date(2026, 12, 1)))) + 2  # two header rows


# ---- Dutch messages for municipal staff --------------------------------------------------

def edit_contacts(data_copy: Path, old: str, new: str) -> None:
    path = data_copy / "local_contacts.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BORNE_PHONE = "phone: 074-2658590"


@pytest.mark.parametrize("old, new, field, dutch", [
    (BORNE_PHONE, "phone: 074-265859", "phone", "geen geldig Nederlands nummer"),
    (BORNE_PHONE, "phone: 074-2658591", "quote", "staat niet in de quote"),
    ("url: https://www.borne.nl/nadere", "url: https://www.tubantia.nl/nadere", "source.url", "geen site van een gemeente"),
    ("  - GM0147\n", "  - GM9999\n", "municipalities", "onbekende gemeente GM9999"),
    ("checked_on: 2026-12-01\n", "checked_on: 2099-12-01\n", "checked_on", "ligt in de toekomst"),
    ("id: sociaal-hus-borne\n", "id: sociaal-hus-borne\n  telefoon: x\n", "telefoon", "geen bekend veld"),
    ("kind: local_team\n  name: Sociaal Hus", "kind: team\n  name: Sociaal Hus", "kind", "geen toegestane waarde"),
])
def test_a_mistake_in_local_contacts_is_explained_in_dutch(data_copy, old, new, field, dutch):
    edit_contacts(data_copy, old, new)
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    mine = [p for p in caught.value.problems if p.file == "data/local_contacts.yaml"]
    assert mine, caught.value.problems
    assert all(p.language == "nl" for p in mine), [str(p) for p in mine]
    assert any(field in p.field and dutch in p.problem for p in mine) or any(dutch in str(p) for p in mine), [str(p) for p in mine]
    for p in mine:
        assert "vermelding" in str(p) and "oplossing:" in str(p) and p.record


def test_every_english_message_the_contacts_file_can_get_has_a_dutch_wording():
    """The messages a local_contacts.yaml entry can produce, as the loader and schema write them."""
    samples = [
        "the file does not exist", "is missing", "add 'phone' to this record", "is not a known field",
        "remove it or correct its spelling; allowed fields: id, kind", "has the wrong form (found 'x')",
        "write a value like GM0736", "is not an allowed value (found 'x')", "is not a web address",
        "write a full address starting with https://", "is not a date", "write the date as YYYY-MM-DD, e.g. 2026-11-22",
        "'x' is not a slug", "use lower-case letters, digits and single hyphens, e.g. de-ronde-venen",
        "unknown municipality GM9999", "use a code from data/municipalities.csv",
        "id 'a' is used twice (first at #1)", "give each contact its own id",
        "'0800-2000' is a short national number, not a local one",
        "this is not valid YAML: found character", "check indentation and quotes on that line; values with ':' need quotes",
    ]
    untranslated = [s for s in samples if messages_nl.translate(s) is None]
    assert untranslated == []


def test_a_broken_domains_file_is_one_message_not_one_per_contact(data_copy):
    """A syntax error in official_domains.yaml must not turn into a false "not official" for
    every published contact: the maintainer sees the one line to fix."""
    path = data_copy / "official_domains.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{domain: borne.nl,", "{domain: borne.nl,,", 1),
                    encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    problems = caught.value.problems
    assert [p.file for p in problems] == ["data/official_domains.yaml"], [str(p) for p in problems]
