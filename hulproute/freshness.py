"""How fresh a checked contact is, by the policy in data/freshness.yaml and a given day.

One place decides, so the municipality page, the route finder, the data report and the
data-status page never disagree about whether a number is shown. `today` is always passed in:
builds use the day of the build, tests a fixed day.
"""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Optional

from hulproute.schema import FreshnessPolicy, LocalContact, partial_date_parts


class Freshness(str, Enum):
    CURRENT = "current"      # shown as it is
    RECHECK = "recheck"      # shown, with its check date as a warning; listed for re-checking
    WITHDRAWN = "withdrawn"  # phone and website no longer shown; the card points to Veilig Thuis


@dataclass(frozen=True)
class Assessment:
    state: Freshness
    reasons: tuple[str, ...]  # for editors (report, data-status): why it is not current


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of a shorter month: 31 March → 28 Feb)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    last = monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _earliest_day(partial: Optional[str]) -> Optional[date]:
    """The earliest day a partial source date ('2020', '2021-08', '2021-08-12') can mean."""
    if not partial:
        return None
    year, month, day = partial_date_parts(partial)
    return date(year, month or 1, day or 1)


def assess(checked_on: date, source_date: Optional[str], policy: FreshnessPolicy, today: date) -> Assessment:
    """'More than 12 months ago' means before the same day 12 months earlier."""
    if checked_on < months_before(today, policy.withdraw_after_months):
        return Assessment(Freshness.WITHDRAWN, (
            f"checked {checked_on.isoformat()}, more than {policy.withdraw_after_months} months ago",))
    reasons = []
    if checked_on < months_before(today, policy.warn_after_months):
        reasons.append(f"checked {checked_on.isoformat()}, more than {policy.warn_after_months} months ago")
    published = _earliest_day(source_date)
    if published is not None and published < months_before(today, 12 * policy.stale_source_after_years):
        reasons.append(f"source dated {source_date}, more than {policy.stale_source_after_years} years old")
    return Assessment(Freshness.RECHECK if reasons else Freshness.CURRENT, tuple(reasons))


def assess_contact(contact: LocalContact, policy: FreshnessPolicy, today: date) -> Assessment:
    return assess(contact.checked_on, contact.source.date, policy, today)
