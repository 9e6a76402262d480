"""Bad data must stop everything with a message naming file, record, field, problem and fix."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from hulproute.errors import DataError
from hulproute.loader import load_site_data


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems_for(data_dir: Path) -> list:
    with pytest.raises(DataError) as caught:
        load_site_data(data_dir)
    return caught.value.problems


def only_problem(data_dir: Path):
    problems = problems_for(data_dir)
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert problem.fix.strip(), "every problem must say how to fix it"
    return problem


def test_real_data_is_valid_and_matches_the_cbs_reference():
    """Every CBS municipality and Veilig Thuis region of the shared reference table is in data/,
    and nothing else (counts come from the reference, not from literals)."""
    import csv
    import os

    data = load_site_data()
    reference = Path(os.environ.get("HULPROUTE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    table = reference / "data" / "derived" / "gemeente_regios_2025.csv"
    if not table.is_file():
        pytest.skip(f"reference table {table} not present")
    with table.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {m.code for m in data.municipalities} == {row["gm_code"] for row in rows}
    assert set(data.regions) == {row["veiligthuisregio_code"] for row in rows}
    assert data.language_codes[0] == "nl" and len(set(data.language_codes)) == len(data.languages)


# -- national_services.yaml ---------------------------------------------------------------------

def test_phone_written_as_number_is_a_wrong_type(data_copy):
    replace_in(data_copy / "national_services.yaml", 'phone: "112"', "phone: 112")
    p = only_problem(data_copy)
    assert (p.file, p.field) == ("data/national_services.yaml", "phone")
    assert "emergency" in p.record and "quotes" in p.fix


def test_yes_no_instead_of_boolean(data_copy):
    replace_in(data_copy / "national_services.yaml", "    free: false\n", "    free: misschien\n")
    p = only_problem(data_copy)
    assert p.field == "free" and "true or false" in p.fix


def test_invalid_phone_number(data_copy):
    replace_in(data_copy / "national_services.yaml", 'phone: "0800-0432"', 'phone: "0800-04"')
    p = only_problem(data_copy)
    assert p.field == "phone" and "kindertelefoon" in p.record
    assert "not a valid Dutch number" in p.problem


def test_foreign_phone_number(data_copy):
    replace_in(data_copy / "national_services.yaml", 'phone: "0900-0101"', 'phone: "+32 2 555 12 12"')
    p = only_problem(data_copy)
    assert p.field == "phone" and "BE number" in p.problem


def test_missing_sources(data_copy):
    path = data_copy / "national_services.yaml"
    text = path.read_text(encoding="utf-8")
    block = "    sources:\n      - url: https://www.politie.nl/themas/slachtofferhulp.html\n"
    assert block in text
    path.write_text(text.replace(block, ""), encoding="utf-8")
    p = only_problem(data_copy)
    assert (p.field, p.problem) == ("sources", "is missing") and "slachtofferhulp" in p.record


def test_future_checked_on(data_copy):
    path = data_copy / "national_services.yaml"
    first = re.search(r"^    (checked_on: \S+)", path.read_text(encoding="utf-8"), re.M).group(1)  # emergency, first entry
    replace_in(path, first, "checked_on: 2999-01-01")
    p = only_problem(data_copy)
    assert p.field == "checked_on" and "future" in p.problem and "emergency" in p.record


def test_malformed_date(data_copy):
    replace_in(data_copy / "national_services.yaml", "checked_on: 2026-11-22", "checked_on: 22-11-2026")
    p = only_problem(data_copy)
    assert p.field == "checked_on" and "YYYY-MM-DD" in p.fix


def test_unknown_field_is_a_typo(data_copy):
    replace_in(data_copy / "national_services.yaml", "    always_open: true\n", "    alway_open: true\n")
    p = only_problem(data_copy)
    assert p.field == "alway_open" and "always_open" in p.fix


def test_website_without_https_scheme(data_copy):
    replace_in(data_copy / "national_services.yaml", "website: https://www.fier.nl", "website: www.fier.nl")
    p = only_problem(data_copy)
    assert p.field == "website" and "https://" in p.fix


def test_plain_http_website(data_copy):
    replace_in(data_copy / "national_services.yaml", "website: https://www.fier.nl", "website: http://www.fier.nl")
    p = only_problem(data_copy)
    assert p.field == "website" and "https" in p.problem


def test_required_service_removed(data_copy):
    replace_in(data_copy / "national_services.yaml", "id: veilig-thuis", "id: veilig-thuis-oud")
    problems = problems_for(data_copy)
    assert any(p.record == "veilig-thuis" and "required" in p.problem for p in problems)


def test_bad_yaml_names_the_line(data_copy):
    path = data_copy / "national_services.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if "name: Veilig Thuis" in line)
    lines[index] = "    name: Veilig Thuis: advies"  # an unquoted colon
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = only_problem(data_copy)
    assert p.record.startswith(f"line {index + 1}, column") and "not valid YAML" in p.problem


def test_empty_file(data_copy):
    (data_copy / "national_services.yaml").write_text("\n", encoding="utf-8")
    problems = problems_for(data_copy)
    assert problems[0].file == "data/national_services.yaml" and problems[0].problem.startswith("the file holds no data")


# -- municipalities.csv, places.csv, postcodes.csv ----------------------------------------------

def test_unknown_region(data_copy):
    replace_in(data_copy / "municipalities.csv", "GM0736,De Ronde Venen,de-ronde-venen,Utrecht,VT20",
               "GM0736,De Ronde Venen,de-ronde-venen,Utrecht,VT99")
    problems = problems_for(data_copy)
    p = next(p for p in problems if p.field == "veilig_thuis_region")
    assert "GM0736 De Ronde Venen" in p.record and "unknown region VT99" in p.problem


def test_duplicate_municipality_code(data_copy):
    replace_in(data_copy / "municipalities.csv", "GM0736,De Ronde Venen", "GM0363,De Ronde Venen")
    problems = problems_for(data_copy)
    first = problems[0]
    assert first.field == "code" and "'GM0363' is used twice" in first.problem and "Amsterdam" in first.problem
    # GM0736 no longer exists, so its places are reported too: each names the missing code.
    assert all("GM0736" in p.problem for p in problems[1:])


def test_duplicate_slug(data_copy):
    replace_in(data_copy / "municipalities.csv", "GM0736,De Ronde Venen,de-ronde-venen", "GM0736,De Ronde Venen,amsterdam")
    p = only_problem(data_copy)
    assert p.field == "slug" and "'amsterdam' is used twice" in p.problem


def test_malformed_slug(data_copy):
    replace_in(data_copy / "municipalities.csv", ",de-ronde-venen,", ",De Ronde Venen,")
    p = only_problem(data_copy)
    assert p.field == "slug" and "lower-case" in p.fix


def test_missing_csv_column(data_copy):
    replace_in(data_copy / "places.csv", "place,municipality", "plaats,municipality")
    p = only_problem(data_copy)
    assert p.file == "data/places.csv" and p.field == "place"


def test_place_in_unknown_municipality(data_copy):
    replace_in(data_copy / "places.csv", "Vinkeveen,GM0736", "Vinkeveen,GM9999")
    p = only_problem(data_copy)
    assert p.file == "data/places.csv" and "unknown municipality GM9999" in p.problem
    assert re.fullmatch(r"line \d+", p.record)


def test_bad_postcode(data_copy):
    replace_in(data_copy / "postcodes.csv", "\n1011,GM0363", "\n011,GM0363")
    p = only_problem(data_copy)
    assert p.file == "data/postcodes.csv" and p.field == "pc4"


# -- local_contacts.yaml ------------------------------------------------------------------------

def test_local_contact_without_source(data_copy):
    path = data_copy / "local_contacts.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: moviera")
    source_at = text.index("  source:", start)
    end = text.index("  checked_on:", source_at)
    path.write_text(text[:source_at] + text[end:], encoding="utf-8")
    p = only_problem(data_copy)
    assert "moviera" in p.record and (p.field, p.problem) == ("source", "ontbreekt")


def test_local_contact_unknown_municipality(data_copy):
    path = data_copy / "local_contacts.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: woerden-wijzer")
    at = text.index("- GM0632", start)
    path.write_text(text[:at] + "- GM0001" + text[at + len("- GM0632"):], encoding="utf-8")
    p = only_problem(data_copy)
    assert "woerden-wijzer" in p.record and "onbekende gemeente GM0001" in p.problem


def test_duplicate_contact_id(data_copy):
    replace_in(data_copy / "local_contacts.yaml", "- id: sterk-huis", "- id: moviera")
    p = only_problem(data_copy)
    assert p.field == "id" and "'moviera' wordt twee keer gebruikt" in p.problem


def test_unknown_national_line(data_copy):
    replace_in(data_copy / "local_contacts.yaml", "national_line: centrum-seksueel-geweld", "national_line: csg-landelijk")
    p = only_problem(data_copy)
    assert p.field == "national_line" and "centrum-seksueel-geweld" in p.fix


def test_unknown_contact_kind(data_copy):
    replace_in(data_copy / "local_contacts.yaml", "kind: shelter", "kind: opvang")
    p = only_problem(data_copy)
    assert p.field == "kind" and "shelter" in p.fix


# -- languages and strings ----------------------------------------------------------------------

def test_strings_for_unknown_language(data_copy):
    (data_copy / "strings" / "de.yaml").write_text((data_copy / "strings" / "en.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    p = only_problem(data_copy)
    assert p.file == "data/strings/de.yaml" and "not a site language" in p.problem


def test_missing_translation(data_copy):
    path = data_copy / "strings" / "pl.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("vt_where:")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = only_problem(data_copy)
    assert (p.file, p.record, p.problem) == ("data/strings/pl.yaml", "vt_where", "translation missing")


def test_translation_breaks_placeholder(data_copy):
    path = data_copy / "strings" / "en.yaml"
    replace_in(path, 'danger_text: "Call {phone}.', 'danger_text: "Call {telefoon}.')
    p = only_problem(data_copy)
    assert p.record == "danger_text" and "placeholder" in p.problem


def test_malformed_language_code(data_copy):
    replace_in(data_copy / "languages.yaml", "code: uk", "code: ukr")
    problems = problems_for(data_copy)
    assert any(p.file == "data/languages.yaml" and p.field.endswith("code") for p in problems)


def test_all_problems_reported_at_once(data_copy):
    replace_in(data_copy / "national_services.yaml", 'phone: "0800-0432"', 'phone: "0800-04"')
    replace_in(data_copy / "municipalities.csv", ",de-ronde-venen,", ",De Ronde Venen,")
    replace_in(data_copy / "local_contacts.yaml", "kind: shelter", "kind: opvang")
    files = {p.file for p in problems_for(data_copy)}
    assert files == {"data/national_services.yaml", "data/municipalities.csv", "data/local_contacts.yaml"}


def test_error_message_format(data_copy):
    replace_in(data_copy / "national_services.yaml", 'phone: "0800-0432"', 'phone: "0800-04"')
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    message = str(caught.value)
    assert "data/national_services.yaml: record #4 (kindertelefoon), field 'phone':" in message
    assert "fix: write a Dutch number" in message
