"""Route finder rules and place lookup, over every combination and every reference row."""
from __future__ import annotations

import csv
import itertools
import os
from pathlib import Path

import pytest

from hulproute import route_finder as rf
from hulproute.loader import load_site_data

ROOT = Path(__file__).resolve().parent.parent
# shared/ sits beside the repository (CI clones it so); HULPROUTE_SHARED points elsewhere.
REFERENCE = Path(os.environ.get("HULPROUTE_SHARED", ROOT.parent / "shared")) / "data" / "derived"
DATA = load_site_data()
FINDER = rf.finder_of(DATA)
LOCATIONS = rf.Locations(DATA)


def reference_rows(name: str) -> list[dict[str, str]]:
    """The shared reference table when it is beside the repo (CI), else our imported copy's source."""
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"reference table {path} not present")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_answer_combination_in_every_municipality_has_help_with_112_first_when_urgent():
    combos = list(itertools.product((True, False), FINDER.who, FINDER.what))
    assert len(combos) == 2 * 6 * 13
    for urgent, who, what in combos:
        route = rf.route(FINDER, urgent, who.id, what.id)
        assert route.services, (urgent, who.id, what.id)
        assert route.services[0] == ("emergency" if urgent else "veilig-thuis")
        assert ("emergency" in route.services) == urgent
        assert route.services[:2 if urgent else 1] == (("emergency", "veilig-thuis") if urgent else ("veilig-thuis",))
        assert len(set(route.services)) == len(route.services)
        assert all(s in DATA.services for s in route.services)
        for municipality in DATA.municipalities:
            placed = rf.route_in(DATA, urgent, who.id, what.id, municipality.code)
            assert placed.route.services == route.services
            assert placed.region == municipality.veilig_thuis_region


def test_specialised_help_follows_the_rules():
    assert "centrum-seksueel-geweld" in rf.route(FINDER, False, "ik", "seksueel-geweld").services
    assert "kindertelefoon" in rf.route(FINDER, False, "ander-kind", "weet-niet").services
    assert "kindertelefoon" not in rf.route(FINDER, False, "ouder", "ouderenmishandeling").services
    assert "fier" in rf.route(FINDER, True, "iemand-anders", "eergerelateerd-geweld").services
    # Only verified services: the legal advice line has no verified number, so its card has none.
    assert DATA.services["juridisch-loket"].phone is None


def test_every_postcode_resolves_as_in_the_reference_table():
    rows = reference_rows("pc4_gemeente.csv")
    assert len(rows) == 4074
    split = 0
    for row in rows:
        others = [c.split(":")[0] for c in row["overige_gemeenten"].split(";") if c and c.split(":")[0] != row["gm_code"]]
        answer = LOCATIONS.resolve(row["pc4"])
        assert answer.codes == (row["gm_code"], *others), row
        assert answer.status == ("choose" if others else "found"), row
        split += bool(others)
        # Written with letters, or with spaces around it, it is still the same postcode.
        assert LOCATIONS.resolve(f" {row['pc4']} AB ").codes == answer.codes
    assert split == 22


def test_every_place_name_resolves_and_ambiguous_names_ask_to_choose():
    rows = reference_rows("woonplaats_gemeente.csv")
    assert len(rows) == 2503
    by_name: dict[str, set[str]] = {}
    for row in rows:
        by_name.setdefault(rf.normalise(row["woonplaats"]), set()).add(row["gm_code"])
    municipality_names = {rf.normalise(m.name): m.code for m in DATA.municipalities}
    for row in rows:
        answer = LOCATIONS.resolve(row["woonplaats"])
        expected = set(by_name[rf.normalise(row["woonplaats"])])
        if rf.normalise(row["woonplaats"]) in municipality_names:
            expected.add(municipality_names[rf.normalise(row["woonplaats"])])
        assert set(answer.codes) == expected, row
        assert answer.status == ("found" if len(expected) == 1 else "choose"), row
        if row["naam_uniek"] == "nee":
            assert answer.status == "choose", row
    assert len({rf.normalise(r["woonplaats"]) for r in rows if r["naam_uniek"] == "nee"}) == 70


def test_municipality_names_resolve_however_they_are_typed():
    assert LOCATIONS.resolve("De Ronde Venen").codes == ("GM0736",)
    assert LOCATIONS.resolve("de ronde venen").codes == ("GM0736",)
    assert LOCATIONS.resolve("Vinkeveen").codes == ("GM0736",)
    assert LOCATIONS.resolve("SÚDWEST-FRYSLÂN").status == "found"
    assert LOCATIONS.resolve("Atlantis").status == "unknown"
    assert LOCATIONS.resolve("0000").status == "unknown"


def test_browser_tables_say_the_same_as_python():
    table = LOCATIONS.client_data(DATA)
    codes = [m.code for m in DATA.municipalities]
    assert [row[2] for row in table["m"]] == [m.veilig_thuis_region for m in DATA.municipalities]
    for pc4, indexes in table["p"].items():
        assert tuple(codes[i] for i in indexes) == LOCATIONS.resolve(pc4).codes
    for index, teams in table["l"].items():
        code = codes[int(index)]
        assert [t[0] for t in teams] == [c.name for c in DATA.contacts_by_municipality[code] if c.kind == "local_team"]
    routes = rf.client_routes(FINDER)
    assert len(routes) == 6 * 13
    assert all(services[0] == "veilig-thuis" for services in routes.values())


def test_rules_with_unknown_answers_or_services_are_refused(data_copy):
    from hulproute.errors import DataError

    path = data_copy / "route_finder.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("services: [fier]", "services: [fire-brigade]")
                    .replace("{what: [complexe-scheiding]}", "{what: [complex]}"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    message = str(caught.value)
    assert "data/route_finder.yaml" in message and "unknown service 'fire-brigade'" in message
    assert "unknown answer 'complex'" in message and "fix:" in message
