"""Route finder rules and place lookup, over every combination and every row of data/.

Expected values come from the data files themselves (read here with csv/yaml, not through the
loader) and from the shared reference tables; the browser's lookup is the shipped script, run in
Chromium and compared with Python on every postcode and name.
"""
from __future__ import annotations

import csv
import itertools
import os
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from hulproute import route_finder as rf
from hulproute.loader import load_site_data
from tests.browser_support import url


ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
# shared/ sits beside the repository (CI clones it so); HULPROUTE_SHARED points elsewhere.
REFERENCE = Path(os.environ.get("HULPROUTE_SHARED", ROOT.parent / "shared")) / "data" / "derived"
DATA = load_site_data()
FINDER = rf.finder_of(DATA)
LOCATIONS = rf.Locations(DATA)


def data_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def data_yaml(name: str) -> dict:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


MUNICIPALITY_ROWS = data_rows("municipalities.csv")
POSTCODE_ROWS = data_rows("postcodes.csv")
PLACE_ROWS = data_rows("places.csv")
RULES = data_yaml("route_finder.yaml")
WHO = [w["id"] for w in RULES["who"]]
WHAT = [w["id"] for w in RULES["what"]]


def reference_rows(name: str) -> list[dict[str, str]]:
    """The shared reference table when it is beside the repo (CI), else skip."""
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"reference table {path} not present")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def others(row: dict[str, str]) -> tuple[str, ...]:
    """The other municipalities of a postcode row in data/postcodes.csv."""
    return tuple(c for c in row["other_municipalities"].split(";") if c and c != row["municipality"])


def names(rule: dict, who: str, what: str) -> bool:
    """The rule's who/what conditions hold (a condition it does not name matches everything)."""
    when = rule["when"]
    return who in when.get("who", [who]) and what in when.get("what", [what])


def asked_recent(who: str, what: str) -> bool:
    """data/route_finder.yaml: the recency question is asked where a matching rule names `recent`."""
    return any("recent" in r["when"] and names(r, who, what) for r in RULES["rules"])


def matching_rules(who: str, what: str, recent: bool | None) -> list[dict]:
    return [r for r in RULES["rules"] if names(r, who, what) and r["when"].get("recent", recent) == recent]


def expected_services(urgent: bool, who: str, what: str, recent: bool | None = None) -> list[str]:
    """What data/route_finder.yaml says a result lists: 112 when urgent, the services of matching
    `first` rules, Veilig Thuis, then the other matching rules' services in rule order; each once,
    never one a matching rule lists under `without`."""
    rules = matching_rules(who, what, recent)
    without = {s for r in rules for s in r.get("without", [])}
    order = ([s for r in rules if r.get("first") for s in r.get("services", [])] + ["veilig-thuis"]
             + [s for r in rules if not r.get("first") for s in r.get("services", [])])
    services = ["emergency"] if urgent else []
    for service in order:
        if service not in services and service not in without:
            services.append(service)
    return services


def answer_combinations() -> list[tuple[bool, str, str, bool | None]]:
    return [(urgent, who, what, recent) for urgent, who, what in itertools.product((True, False), WHO, WHAT)
            for recent in ((True, False) if asked_recent(who, what) else (None,))]


def written_names() -> list[tuple[str, str]]:
    """(name, municipality code) for every place and municipality name as written in data/."""
    return ([(r["place"], r["municipality"]) for r in PLACE_ROWS] + [(r["name"], r["code"]) for r in MUNICIPALITY_ROWS]
            + [(r["also_known_as"], r["code"]) for r in MUNICIPALITY_ROWS if r["also_known_as"]])


def exact_names() -> dict[str, set[str]]:
    """{normalised name: municipality codes} for the names exactly as written, no suffix removed."""
    names: dict[str, set[str]] = defaultdict(set)
    for name, code in written_names():
        names[rf.normalise(name)].add(code)
    return names


def suffixed_names() -> dict[tuple[str, str], tuple[str, str]]:
    """{(name, code): (bare name, normalised suffix)} for every name in data/ that carries a suffix telling it apart
    from a namesake: text in brackets at the end ('Hengelo (Gld)', 'Bergen (NH.)'), or a last word
    of at most three characters ('Haren Gn', 'Well L') of a kind that, on at least one name,
    leaves a name existing in another municipality when removed. Worked out here from the CSV
    files on their own, to check hulproute.route_finder.place_suffixes against."""
    exact = exact_names()
    bracketed = {k: m for k in written_names() if (m := re.fullmatch(r"(.+?)\s*\(([^()]+)\)", k[0]))}
    short = {k: m for k in written_names() if k not in bracketed and (m := re.fullmatch(r"(.+?)\s+(\S{1,3})", k[0]))}
    tokens = {rf.normalise(m.group(2)) for m in bracketed.values()}
    tokens |= {rf.normalise(m.group(2)) for (_, code), m in short.items() if exact.get(rf.normalise(m.group(1)), set()) - {code}}
    return {k: (m.group(1), rf.normalise(m.group(2))) for k, m in (bracketed | short).items()
            if rf.normalise(m.group(2)) in tokens}


def expected_names() -> dict[str, set[str]]:
    """{normalised name: municipality codes}: every name as written in places.csv and
    municipalities.csv (also_known_as included), and every suffixed name without its suffix."""
    names = exact_names()
    for (_, code), (bare, _) in suffixed_names().items():
        names[rf.normalise(bare)].add(code)
    return names


def name_queries() -> list[str]:
    """Every place and municipality name as written in data/ (also_known_as included), and
    every suffixed one also without its suffix ('Haren Gn' and 'Haren')."""
    return [name for name, _ in written_names()] + sorted({bare for bare, _ in suffixed_names().values()})


# ---- rules --------------------------------------------------------------------------------------

def test_every_answer_combination_in_every_municipality_has_help_with_112_first_when_urgent():
    services_file = {s["id"] for s in data_yaml("national_services.yaml")["services"]}
    regions_file = {r["code"] for r in data_yaml("veilig_thuis_regions.yaml")["regions"]}
    contacts = data_yaml("local_contacts.yaml")["contacts"]
    combos = set(answer_combinations())
    assert {(r.urgent, r.who.id, r.what.id, r.recent) for r in rf.all_routes(FINDER)} == combos
    assert len(list(rf.all_routes(FINDER))) == len(combos)  # each combination once
    assert any(recent is not None for *_, recent in combos)  # the recency question is really asked
    for row in MUNICIPALITY_ROWS:
        code = row["code"]
        assert row["veilig_thuis_region"] in regions_file, row
        teams = tuple(c["id"] for c in contacts if c["kind"] == "local_team" and code in c["municipalities"])
        for urgent, who, what, recent in combos:
            placed = rf.route_in(DATA, urgent, who, what, code, recent)
            assert placed.municipality == code
            assert placed.region == row["veilig_thuis_region"], (code, who, what)
            assert placed.local_teams == teams, code
            services = list(placed.route.services)
            assert services == expected_services(urgent, who, what, recent), (urgent, who, what, recent)
            # 112 first when urgent; otherwise Veilig Thuis, unless a `first` rule's service leads.
            firsts = [x for r in matching_rules(who, what, recent) if r.get("first") for x in r["services"]]
            assert services[0] == ("emergency" if urgent else (firsts[0] if firsts else "veilig-thuis"))
            assert set(services) <= services_file, services


def test_ordering_invariants_hold_for_every_combination():
    """From the YAML: 112 first exactly when urgent; a `first` rule's services before Veilig Thuis;
    a `without` service never; every route has help."""
    for urgent, who, what, recent in answer_combinations():
        services = list(rf.route(FINDER, urgent, who, what, recent).services)
        assert services and "veilig-thuis" in services
        assert (services[0] == "emergency") == urgent and services.count("emergency") == int(urgent)
        for rule in matching_rules(who, what, recent):
            assert not set(rule.get("without", [])) & set(services), (who, what, recent, rule)
            if rule.get("first"):
                for service in rule["services"]:
                    if service in services:
                        assert services.index(service) < services.index("veilig-thuis"), (who, what, recent)


def test_the_route_asks_recency_exactly_where_a_rule_depends_on_it():
    for who in WHO:
        for what in WHAT:
            assert rf.asks_recent(FINDER, who, what) == asked_recent(who, what)
            with pytest.raises(KeyError):  # asked, so it must be answered; not asked, so never given
                rf.route(FINDER, False, who, what, None if asked_recent(who, what) else True)


def speaker_of(who: str) -> str:
    return next(w["speaker"] for w in RULES["who"] if w["id"] == who)


def sources_quote(ids: list[str]) -> str:
    return " ".join(DATA.sources[i].quote or "" for i in ids)


def test_recent_sexual_violence_puts_the_centre_first_with_a_sourced_time_notice():
    recent_rules = [r for r in RULES["rules"] if r["when"].get("recent") is True]
    assert recent_rules, "data/route_finder.yaml has a rule for recent sexual violence"
    route = rf.route(FINDER, False, "ik", "seksueel-geweld", True)
    assert route.services[0] == "centrum-seksueel-geweld"
    assert route.services.index("centrum-seksueel-geweld") < route.services.index("veilig-thuis")
    urgent = rf.route(FINDER, True, "ik", "seksueel-geweld", True).services
    assert urgent[:3] == ("emergency", "centrum-seksueel-geweld", "veilig-thuis")
    notice = next(n for n in route.notices if n.service == "centrum-seksueel-geweld")
    quotes = sources_quote(list(notice.sources))
    # The notice says 72 hours and 7 days; its own sources say so.
    assert "72 uur" in DATA.strings["nl"][notice.text] and "72 uur" in quotes
    assert "7 dagen" in DATA.strings["nl"][notice.text] and ("7 dagen" in quotes or "zeven dagen" in quotes)
    assert "rechten/medische-hulp-na-seksueel-geweld" in route.pages
    later = rf.route(FINDER, False, "ik", "seksueel-geweld", False)
    assert later.services.index("veilig-thuis") < later.services.index("centrum-seksueel-geweld")
    assert not later.notices


def test_each_reader_gets_the_first_help_and_sentences_that_fit():
    young = [w for w in WHO if speaker_of(w) == "young"]
    violent = [w for w in WHO if speaker_of(w) == "uses-violence"]
    older = [w for w in WHO if speaker_of(w) == "older"]
    assert young and violent and older
    for what in WHAT:
        for recent in ((True, False) if asked_recent(young[0], what) else (None,)):
            services = rf.route(FINDER, False, young[0], what, recent).services
            assert services.index("kindertelefoon") < services.index("veilig-thuis"), what
        route = rf.route(FINDER, False, violent[0], what, None if not asked_recent(violent[0], what) else False)
        assert route.who.speaker == "uses-violence"
        assert not {"politie-geen-spoed", "slachtofferhulp"} & set(route.services), what
        assert route.services == ("veilig-thuis",) and route.notices[0].service == "veilig-thuis"
    assert rf.route(FINDER, False, violent[0], "partnergeweld").who.guide == "in-gesprek/bang-dat-je-zelf-geweld-gebruikt"
    route = rf.route(FINDER, False, older[0], "ouderenmishandeling")
    assert route.who.speaker == "older" and "veilig-thuis" in route.services and route.notices
    assert "rechten/verblijfsrecht" in rf.route(FINDER, False, "ik", "dwingende-controle-en-stalking").pages


def test_specialised_help_follows_the_rules():
    assert "centrum-seksueel-geweld" in rf.route(FINDER, False, "ik", "seksueel-geweld", False).services
    assert "kindertelefoon" in rf.route(FINDER, False, "ander-kind", "weet-niet").services
    assert "kindertelefoon" not in rf.route(FINDER, False, "ouder", "ouderenmishandeling").services
    assert "fier" in rf.route(FINDER, True, "iemand-anders", "eergerelateerd-geweld").services
    # Only verified services: the legal advice line has no verified number, so its card has none.
    assert DATA.services["juridisch-loket"].phone is None


def test_the_browser_gets_every_non_urgent_route_with_veilig_thuis_first():
    routes = rf.client_routes(FINDER)
    keys = {f"{who}|{what}" + ("" if recent is None else f"|{int(recent)}"): (who, what, recent)
            for urgent, who, what, recent in answer_combinations() if not urgent}
    assert set(routes) == set(keys)
    for key, found in routes.items():
        assert found["s"] == expected_services(False, *keys[key]), key
        route = rf.route(FINDER, False, *keys[key])
        assert found["n"] == [[n.service, n.text] for n in route.notices] and found["p"] == list(route.pages)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_static_pages_and_the_client_table_agree(lang):
    """Every no-JavaScript result lists the services, notices and pages of the table the script reads."""
    from hulproute.render import Renderer
    from hulproute.route_pages import RoutePages

    pages = RoutePages(Renderer(DATA, lang), ROOT / "docs")
    built = pages.pages("../" + rf.LOCATIONS_FILE)
    client = pages.client_data()
    answers = {a.id: a for a in (*FINDER.who, *FINDER.what)}
    for urgent, who, what, recent in answer_combinations():
        step = rf.step_path(urgent, answers[who], answers[what])
        page = built[pages.page_uri(rf.step_path(urgent, answers[who], answers[what], recent))]
        if recent is not None:  # the recency question links its two results
            question = built[pages.page_uri(step)]
            assert question.count(f'href="{rf.RECENT_CODES[True]}/"') == 1 and question.count(f'href="{rf.RECENT_CODES[False]}/"') == 1
        found = client["routes"][f"{who}|{what}" + ("" if recent is None else f"|{int(recent)}")]
        services = (["emergency"] if urgent else []) + found["s"]
        services.insert(services.index("veilig-thuis") + 1, "local")
        assert re.findall(r'<li class="hr-route-item" data-service="([^"]+)"', page) == services
        assert len(re.findall(r'class="hr-route-notice"', page)) == len(found["n"])
        more = re.search(r'<ul class="hr-route-more">(.*?)</ul>', page, re.S).group(1)
        assert [client["pages"][p][1] for p in found["p"]] == re.findall(r'<a href="[^"]+">([^<]+)</a>', more)[:len(found["p"])]
        # Each sentence once in the reader's language and, outside Dutch, once in Dutch.
        assert page.count('lang="nl"') == (0 if lang == "nl" else len(services) - 1)


# ---- where does the person at risk live? --------------------------------------------------------

def test_every_postcode_resolves_to_its_municipalities_and_split_ones_ask_to_choose():
    choose = 0
    for row in POSTCODE_ROWS:
        expected = (row["municipality"], *others(row))
        answer = LOCATIONS.resolve(row["pc4"])
        assert answer.codes == expected, row
        assert answer.status == ("choose" if others(row) else "found"), row
        choose += answer.status == "choose"
        # Written with letters, or with spaces around it, it is still the same postcode.
        for written in (f"{row['pc4']} AB", f"{row['pc4']}ab", f" {row['pc4']} AB "):
            assert LOCATIONS.resolve(written) == answer, written
    assert choose == sum(bool(others(row)) for row in POSTCODE_ROWS)
    assert choose > 0  # the data has split postcodes, so the choice is really exercised


def test_our_postcodes_are_the_reference_table_row_by_row():
    reference = {r["pc4"]: (r["gm_code"], tuple(c.split(":")[0] for c in r["overige_gemeenten"].split(";")
                                                if c and c.split(":")[0] != r["gm_code"]))
                 for r in reference_rows("pc4_gemeente.csv")}
    ours = {r["pc4"]: (r["municipality"], others(r)) for r in POSTCODE_ROWS}
    assert sorted(set(reference) ^ set(ours)) == []
    assert [pc for pc in ours if ours[pc] != reference[pc]] == []


def test_every_place_and_municipality_name_resolves_and_ambiguous_names_ask_to_choose():
    names = expected_names()
    for query in name_queries():
        expected = names[rf.normalise(query)]
        answer = LOCATIONS.resolve(query)
        assert set(answer.codes) == expected, query
        assert answer.status == ("found" if len(expected) == 1 else "choose"), query
    assert any(len(codes) > 1 for codes in names.values())


def test_a_bare_name_asks_between_every_place_that_carries_it_with_or_without_suffix():
    suffixed = suffixed_names()
    exact, expected = exact_names(), expected_names()
    assert suffixed, "data/places.csv has suffixed names such as 'Haren Gn'; the rule must find them"
    for (name, code), (bare, _) in suffixed.items():
        # The suffixed name is its own place: only the municipalities that carry that very name.
        own = LOCATIONS.resolve(name)
        assert set(own.codes) == exact[rf.normalise(name)], name
        assert own.status == ("found" if len(own.codes) == 1 else "choose"), name
        # The bare name asks between all candidates: namesakes without suffix and with any suffix.
        candidates = expected[rf.normalise(bare)]
        assert code in candidates
        answer = LOCATIONS.resolve(bare)
        assert set(answer.codes) == candidates, bare
        assert answer.status == ("choose" if len(candidates) > 1 else "found"), bare
        if exact.get(rf.normalise(bare), set()) - {code}:
            assert answer.status == "choose", bare  # a namesake elsewhere: never guessed
    assert rf.place_suffixes(written_names()) == {token for _, token in suffixed.values()}
    # Known cases from the issue, by the municipalities' names in data/.
    names = {r["code"]: r["name"] for r in MUNICIPALITY_ROWS}
    def municipalities(query: str) -> set[str]:
        return {names[c] for c in LOCATIONS.resolve(query).codes}
    assert municipalities("Haren") == {"Oss", "Groningen"} and municipalities("Haren Gn") == {"Groningen"}
    assert municipalities("Hengelo (Gld)") == municipalities("hengelo gld") == {"Bronckhorst"}
    for bare in ("Hengelo", "Rijswijk", "Vianen", "Katwijk", "Oosterwolde", "Well", "Afferden"):
        assert LOCATIONS.resolve(bare).status == "choose", bare
    assert len(municipalities("Rijswijk")) == 3  # Rijswijk (ZH.), Rijswijk (GLD), Rijswijk (NB)
    # A longer last word is part of the name, not a suffix.
    assert municipalities("Stoutenburg") == {names[r["municipality"]] for r in PLACE_ROWS if r["place"] == "Stoutenburg"}
    # How many names that used to be found at once now ask (the closing note of issue 11).
    before = exact_names()
    for row in MUNICIPALITY_ROWS:  # the lookup already knew municipality names without "(NH.)"
        before[rf.normalise(re.sub(r"\s*\(.*\)$", "", row["name"]))].add(row["code"])
    now_choose = sorted(n for n, codes in before.items() if len(codes) == 1 and len(expected[n]) > 1)
    newly_found = sorted(set(expected) - set(before))
    assert now_choose and all(LOCATIONS.resolve(n).status == "choose" for n in now_choose)
    print(f"{len(suffixed)} suffixed names; {len(now_choose)} names changed from found to choose: "
          f"{', '.join(now_choose)}; {len(newly_found)} bare names newly known: {', '.join(newly_found)}")


def test_our_places_are_the_reference_table_row_by_row():
    rows = reference_rows("woonplaats_gemeente.csv")
    reference = sorted((r["woonplaats"], r["gm_code"]) for r in rows)
    assert reference == sorted((r["place"], r["municipality"]) for r in PLACE_ROWS)
    by_place: dict[str, set[str]] = defaultdict(set)
    for row in PLACE_ROWS:
        by_place[row["place"]].add(row["municipality"])
    # The reference marks a name not unique exactly where our table lists it more than once ...
    assert {r["woonplaats"] for r in rows if r["naam_uniek"] == "nee"} == {p for p, c in by_place.items() if len(c) > 1}
    # ... and such a name is never guessed.
    for row in rows:
        if row["naam_uniek"] == "nee":
            assert LOCATIONS.resolve(row["woonplaats"]).status == "choose", row


def test_municipality_names_resolve_however_they_are_typed():
    assert LOCATIONS.resolve("De Ronde Venen").codes == ("GM0736",)
    assert LOCATIONS.resolve("de ronde venen").codes == ("GM0736",)
    assert LOCATIONS.resolve("Vinkeveen").codes == ("GM0736",)
    assert LOCATIONS.resolve("SÚDWEST-FRYSLÂN").status == "found"
    assert LOCATIONS.resolve("Atlantis").status == "unknown"
    assert LOCATIONS.resolve("0000").status == "unknown"


# ---- the entry page ships data as JSON and cards as templates ---------------------------------

def test_entry_page_embeds_json_that_cannot_end_its_script_and_cards_as_templates():
    import dataclasses
    import html
    import json

    from hulproute.render import Renderer
    from hulproute.route_pages import RoutePages

    hostile = "</script><script>alert(1)</script> & 'x' <!--"
    strings = {**DATA.strings, "nl": {**DATA.strings["nl"], "route_q_where": hostile}}
    pages = RoutePages(Renderer(dataclasses.replace(DATA, strings=strings), "nl"), None)
    entry = pages.pages("../" + rf.LOCATIONS_FILE)[f"{rf.SECTION}/index.md"]
    embedded = re.search(r'<script type="application/json" id="hr-route-data">(.*?)</script>', entry, re.S).group(1)
    assert not re.search(r"[<>&']", embedded)  # escaped as \\u003c etc., as Jinja's |tojson does
    data = json.loads(embedded)
    assert data["t"].pop("q_where") == hostile
    assert "<" not in json.dumps(data, ensure_ascii=False)  # else data only: no markup in the JSON
    cards = re.findall(r'<template data-hr-card="([^"]+)"(?: data-hr-speaker="([^"]+)")?>', entry)
    pairs = {(s, speaker_of(who)) for urgent, who, what, recent in answer_combinations()
             for s in expected_services(urgent, who, what, recent)}
    assert sorted(cards) == sorted(pairs | {("local", ""), ("danger", "")})
    notices = {r["notice"]["text"] for r in RULES["rules"] if "notice" in r}
    assert {html.unescape(n) for n in re.findall(r'<template data-hr-notice="([^"]+)">', entry)} == notices


# ---- the browser looks places up exactly as Python does ------------------------------------------

RUN_IN_PAGE = """async ([queries, names]) => {
    const table = await (await fetch(document.getElementById("hr-route").dataset.locations)).json();
    const api = window.HulprouteRoute;
    return {
        answers: queries.map(q => { const a = api.resolve(q, table); return [a.status, a.codes.map(i => table.m[i][1])]; }),
        norms: names.map(n => api.norm(n)),
    };
}"""


@pytest.mark.browser
def test_the_shipped_script_looks_up_every_postcode_and_name_as_python_does(context, servers):
    origin, _ = servers
    postcodes = [written for row in POSTCODE_ROWS
                 for written in (row["pc4"], f"{row['pc4']} AB", f"{row['pc4']}AB", f" {row['pc4']}ab ")]
    names = name_queries()  # with and without suffix: "Haren Gn" and "Haren"
    assert len(names) > len(written_names())
    unknown = ["Atlantis", "0000", "12345", "1234 ABC", ""]
    queries = postcodes + names + unknown
    # Normalisation on every name with accents or apostrophes, also typed with ’ or in capitals.
    marked = [n for n in names if not n.isascii() or "'" in n]
    assert marked, "data/ has names with accents and apostrophes; the comparison must include them"
    spellings = [v for n in marked for v in (n, n.replace("'", "’"), n.upper())]

    page = context.new_page()
    page.goto(url(origin, "nl", "hulp-zoeken/"))
    got = page.evaluate(RUN_IN_PAGE, [queries, spellings])  # one call: the loop runs in the page

    slug = {m.code: m.slug for m in DATA.municipalities}
    python = [[a.status, [slug[c] for c in a.codes]] for a in map(LOCATIONS.resolve, queries)]
    differ = [(q, js, py) for q, js, py in zip(queries, got["answers"], python) if js != py]
    assert differ == [], differ[:10]
    norm_differ = [(n, js, rf.normalise(n)) for n, js in zip(spellings, got["norms"]) if js != rf.normalise(n)]
    assert norm_differ == [], norm_differ[:10]
    print(f"compared {len(postcodes)} postcode spellings of {len(POSTCODE_ROWS)} postcodes, "
          f"{len(names)} names, {len(unknown)} unknown queries; normalised {len(spellings)} spellings "
          f"of {len(marked)} names with accents or apostrophes")


# ---- data errors -------------------------------------------------------------------------------

def test_rules_with_unknown_answers_or_services_are_refused(data_copy):
    from hulproute.errors import DataError

    path = data_copy / "route_finder.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("services: [fier]", "services: [fire-brigade]")
                    .replace("{what: [complexe-scheiding]}", "{what: [complex]}"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    message = str(caught.value)
    assert "data/route_finder.yaml" in message and "unknown answer 'complex'" in message and "fix:" in message
    assert "unknown service 'fire-brigade'" in message
