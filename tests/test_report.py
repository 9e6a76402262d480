"""The data report: what exists per municipality, what is unverified, what is stale."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

from hulproute.loader import load_site_data
from hulproute.report import build_report, format_report
from tests.conftest import ROOT


def by_code(rows):
    return {row.code: row for row in rows}


def test_pilot_and_non_pilot_municipalities():
    rows = by_code(build_report(load_site_data(), today=date(2026, 11, 22)))
    amsterdam, utrecht_city = rows["GM0363"], rows["GM0344"]
    assert amsterdam.has_local_team
    assert any("phone 020 555 5961 withheld" in item for item in amsterdam.unverified)
    assert utrecht_city.contacts == [] and not utrecht_city.has_local_team
    assert rows["GM0736"].region == "Veilig Thuis Utrecht"
    assert any("not seen in a source" in item for item in rows["GM0014"].unverified)  # Veilig Thuis Groningen


def test_entries_older_than_twelve_months_are_stale():
    data = load_site_data()
    checks = "more than 12 months ago"
    assert not any(checks in item for row in build_report(data, today=date(2027, 11, 22)) for item in row.stale)
    later = by_code(build_report(data, today=date(2027, 11, 23)))
    assert any("blijf-groep-oranje-huis-amsterdam" in item for item in later["GM0363"].stale)
    assert any("region VT20" in item for item in later["GM0736"].stale)


def test_validate_script_prints_the_report():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate_data.py")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    data = load_site_data()
    # Counted independently of the report: municipalities with at least one contact in the data.
    served = {code for contact in data.local_contacts for code in contact.municipalities}
    assert f"municipalities: {len(data.municipalities)}; with local contacts: {len(served)}" in result.stdout
    assert "GM0736 De Ronde Venen — Veilig Thuis Utrecht" in result.stdout
    assert "juridisch-loket: not published (unverified)" in result.stdout
    assert format_report(load_site_data()).splitlines()[0] == result.stdout.splitlines()[0]


def test_validate_script_fails_on_bad_data(data_copy):
    (data_copy / "places.csv").write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate_data.py"), "--data-dir", str(data_copy)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "data/places.csv: record (file), field '(file)': the file is empty" in result.stderr
    assert "Traceback" not in result.stderr
