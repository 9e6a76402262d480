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


def expected_services(urgent: bool, who: str, what: str) -> list[str]:
    """What data/route_finder.yaml says a result lists: 112 when urgent, Veilig Thuis, then the
    services of every matching rule (a condition it does not name matches everything), in rule order."""
    services = (["emergency"] if urgent else []) + ["veilig-thuis"]
    for rule in RULES["rules"]:
        when = rule["when"]
        if who in when.get("who", [who]) and what in when.get("what", [what]):
            services += [s for s in rule["services"] if s not in services]
    return services


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
    combos = set(itertools.product((True, False), WHO, WHAT))
    assert {(r.urgent, r.who.id, r.what.id) for r in rf.all_routes(FINDER)} == combos
    assert len(list(rf.all_routes(FINDER))) == len(combos)  # each combination once
    for row in MUNICIPALITY_ROWS:
        code = row["code"]
        assert row["veilig_thuis_region"] in regions_file, row
        teams = tuple(c["id"] for c in contacts if c["kind"] == "local_team" and code in c["municipalities"])
        for urgent, who, what in combos:
            placed = rf.route_in(DATA, urgent, who, what, code)
            assert placed.municipality == code
            assert placed.region == row["veilig_thuis_region"], (code, who, what)
            assert placed.local_teams == teams, code
            services = list(placed.route.services)
            assert services == expected_services(urgent, who, what), (urgent, who, what)
            assert services[0] == ("emergency" if urgent else "veilig-thuis")
            assert set(services) <= services_file, services


def test_specialised_help_follows_the_rules():
    assert "centrum-seksueel-geweld" in rf.route(FINDER, False, "ik", "seksueel-geweld").services
    assert "kindertelefoon" in rf.route(FINDER, False, "ander-kind", "weet-niet").services
    assert "kindertelefoon" not in rf.route(FINDER, False, "ouder", "ouderenmishandeling").services
    assert "fier" in rf.route(FINDER, True, "iemand-anders", "eergerelateerd-geweld").services
    # Only verified services: the legal advice line has no verified number, so its card has none.
    assert DATA.services["juridisch-loket"].phone is None


def test_the_browser_gets_every_non_urgent_route_with_veilig_thuis_first():
    routes = rf.client_routes(FINDER)
    assert set(routes) == {f"{who}|{what}" for who in WHO for what in WHAT}
    for key, services in routes.items():
        assert services == expected_services(False, *key.split("|")), key


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
    services = {s for who in WHO for what in WHAT for s in expected_services(True, who, what)}
    assert sorted(cards) == sorted([(s, speaker) for s in services for speaker in ("self", "other")]
                                   + [("local", ""), ("danger", "")])


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
