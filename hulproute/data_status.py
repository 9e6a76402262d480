"""What is verified, unverified, missing or stale, per municipality and region.

Feeds the data-status page (/data-status/, every language, not in the navigation) and
data-status.json beside it, for municipalities and volunteers who want to help keep the local
contacts right. One classification, used by both, by the data report and by the closing counts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hulproute import freshness
from hulproute.loader import SiteData
from hulproute.schema import LocalContact
from hulproute.urls import DATA_STATUS_SECTION

STATUSES = ("verified", "stale", "unverified", "missing")
PAGE = f"{DATA_STATUS_SECTION}/index.md"
JSON_FILE = "data-status.json"


@dataclass(frozen=True)
class ContactStatus:
    contact: LocalContact
    status: str          # verified | stale | unverified
    freshness: str       # current | recheck | withdrawn
    reasons: tuple[str, ...]


@dataclass
class MunicipalityStatus:
    code: str
    name: str
    province: str
    region: str
    contacts: list[ContactStatus] = field(default_factory=list)

    @property
    def status(self) -> str:
        """The best state of its local teams: the page has a verified entry point, an old one,
        only a name, or nothing (then it shows Veilig Thuis and the national lines)."""
        teams = [c for c in self.contacts if c.contact.kind == "local_team"]
        for status in STATUSES[:3]:
            if any(c.status == status for c in teams):
                return status
        return "missing"


def contact_status(contact: LocalContact, data: SiteData, today: date) -> ContactStatus:
    """verified: a published phone or website (quote and official source are enforced when the
    data loads) checked recently enough; stale: the same, checked or sourced too long ago;
    unverified: only a name, or a number we hold back."""
    assessment = freshness.assess_contact(contact, data.freshness, today)
    if not contact.published:
        status = "unverified"
    elif assessment.state is freshness.Freshness.CURRENT:
        status = "verified"
    else:
        status = "stale"
    return ContactStatus(contact, status, assessment.state.value, assessment.reasons)


def municipality_statuses(data: SiteData, today: date) -> list[MunicipalityStatus]:
    rows = []
    for m in data.municipalities:
        row = MunicipalityStatus(m.code, m.name, m.province, data.regions[m.veilig_thuis_region].display_name)
        row.contacts = [contact_status(c, data, today) for c in data.contacts_by_municipality.get(m.code, [])]
        rows.append(row)
    return rows


def counts_by_province(rows: list[MunicipalityStatus]) -> dict[str, Counter]:
    """{province: Counter(status → municipalities)}, plus 'total'."""
    result: dict[str, Counter] = {}
    for row in rows:
        result.setdefault(row.province, Counter())[row.status] += 1
    result["total"] = sum(result.values(), Counter())
    return dict(sorted(result.items(), key=lambda item: (item[0] == "total", item[0])))


def as_json(data: SiteData, today: date) -> dict[str, Any]:
    """data-status.json: the same facts as the page, for anyone who wants to help."""
    rows = municipality_statuses(data, today)
    policy = data.freshness
    return {
        "generated_on": today.isoformat(),
        "policy": policy.model_dump(),
        "statuses": {
            "verified": "a local entry point with a phone number or website, quoted from an official page, checked recently enough",
            "stale": f"the same, but checked more than {policy.warn_after_months} months ago or sourced from a page "
                     f"more than {policy.stale_source_after_years} years old (after {policy.withdraw_after_months} "
                     "months its phone number and website are no longer shown)",
            "unverified": "only a team name, without a verified way to reach it",
            "missing": "no local team known: the page shows Veilig Thuis and the national lines",
        },
        "counts": {province: {s: counts[s] for s in STATUSES} for province, counts in counts_by_province(rows).items()},
        "municipalities": [{
            "code": row.code, "name": row.name, "province": row.province, "veilig_thuis_region": row.region,
            "status": row.status,
            "contacts": [{
                "id": c.contact.id, "kind": c.contact.kind, "name": c.contact.name, "status": c.status,
                "freshness": c.freshness, "reasons": list(c.reasons),
                "phone": c.contact.phone if c.freshness != "withdrawn" else None,
                "website": str(c.contact.website) if c.contact.website and c.freshness != "withdrawn" else None,
                "source": str(c.contact.source.url), "source_date": c.contact.source.date,
                "checked_on": c.contact.checked_on.isoformat(),
            } for c in row.contacts],
        } for row in rows],
        "regions": [{
            "code": region.code, "name": region.display_name, "name_seen_in_source": region.name_checked,
            "website": str(region.website) if region.website else None,
            "checked_on": region.checked_on.isoformat(),
        } for region in data.regions.values()],
    }
