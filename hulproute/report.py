"""The data report: per municipality, which contacts exist, which are unverified, which are stale.

Editors use it to see where the site falls back to Veilig Thuis and the national lines, and what
to check next. Pure functions over SiteData so tests can assert on rows, not on printed text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hulproute import data_status, freshness
from hulproute.loader import SiteData


@dataclass
class MunicipalityReport:
    code: str
    name: str
    region: str
    contacts: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def has_local_team(self) -> bool:
        return any(entry.startswith("local_team:") for entry in self.contacts)


def _is_stale(data: SiteData, checked_on: date, today: date) -> bool:
    """Checked longer ago than the warning age of data/freshness.yaml."""
    return checked_on < freshness.months_before(today, data.freshness.warn_after_months)


def build_report(data: SiteData, today: date | None = None) -> list[MunicipalityReport]:
    today = today or date.today()
    rows = []
    for m in data.municipalities:
        region = data.regions[m.veilig_thuis_region]
        row = MunicipalityReport(m.code, m.name, region.display_name)
        if not region.name_checked:
            row.unverified.append(f"region name '{region.display_name}' not seen in a source")
        if _is_stale(data, region.checked_on, today):
            row.stale.append(f"region {region.code} (checked {region.checked_on})")
        for contact in data.contacts_by_municipality.get(m.code, []):
            row.contacts.append(f"{contact.kind}: {contact.name}")
            if contact.phone_unverified:
                row.unverified.append(f"{contact.id}: phone {contact.phone_unverified} withheld (not verified)")
            if contact.source.date is None:
                row.unverified.append(f"{contact.id}: undated source (bron zonder datum)")
            assessment = freshness.assess_contact(contact, data.freshness, today)
            if assessment.state is not freshness.Freshness.CURRENT:
                row.stale.append(f"{contact.id}: {assessment.state.value} ({'; '.join(assessment.reasons)})")
        rows.append(row)
    return rows


def national_findings(data: SiteData, today: date | None = None) -> list[str]:
    today = today or date.today()
    lines = []
    for service in data.services.values():
        for item in service.unverified:
            lines.append(f"{service.id}: not published (unverified): {item}")
        if _is_stale(data, service.checked_on, today):
            lines.append(f"{service.id}: checked {service.checked_on}, more than {data.freshness.warn_after_months} months ago")
    return lines


def format_report(data: SiteData, today: date | None = None) -> str:
    rows = build_report(data, today)
    with_team = sum(r.has_local_team for r in rows)
    with_any = sum(bool(r.contacts) for r in rows)
    lines = [
        "Hulproute data report",
        f"  municipalities: {len(rows)}; with local contacts: {with_any}; with a local team: {with_team}",
        f"  municipalities with unverified items: {sum(bool(r.unverified) for r in rows)}; "
        f"to re-check (data/freshness.yaml): {sum(bool(r.stale) for r in rows)}",
        "",
        "Local entry points per province (verified / stale / unverified / missing; data-status page):",
        *(f"  {province:15} " + " / ".join(str(counts[s]) for s in data_status.STATUSES)
          for province, counts in data_status.counts_by_province(
              data_status.municipality_statuses(data, today or date.today())).items()),
        "",
        "National services:",
        *(f"  - {line}" for line in national_findings(data, today)),
        "",
        "Per municipality (code, name, Veilig Thuis region):",
    ]
    for r in rows:
        lines.append(f"{r.code} {r.name} — {r.region}")
        lines.append(f"    contacts: {'; '.join(r.contacts) if r.contacts else 'none (page shows Veilig Thuis and national lines)'}")
        for item in r.unverified:
            lines.append(f"    unverified: {item}")
        for item in r.stale:
            lines.append(f"    stale: {item}")
    return "\n".join(lines)
