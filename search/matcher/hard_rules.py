"""Hard rules of matching (docs/matcher.md lists the rules and their codes).

Pure predicates over flat documents. They are the reference the search backends' filters are
tested against: a backend must never return a candidate for which these return a broken rule.
Each predicate returns the list of broken rules (rule codes below); an empty list means eligible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

NATIONWIDE = "000000"

# Rule codes, stable: tests, logs and the backends' contract tests refer to them.
PROJECT_NOT_ACTIVE = "project_not_active"
PROJECT_ENDED = "project_ended"
ORGANISATION_NOT_VERIFIED = "organisation_not_verified"
REGION_NOT_COVERED = "region_not_covered"
NEED_NOT_OPEN = "need_not_open"
VOLUNTEER_NOT_ACTIVE = "volunteer_not_active"
VOLUNTEER_NOT_AVAILABLE = "volunteer_not_available"


def region_ancestors(county_code: str) -> tuple[str, str, str, str]:
    """The codes whose service region covers ``county_code``: itself, prefecture, province, nation."""
    code = str(county_code)
    return (code, code[:4] + "00", code[:2] + "0000", NATIONWIDE)


def region_covers(service_regions: Iterable[str], county_code: str) -> bool:
    """A service region covers a county if it is the county, its prefecture, its province or
    ``000000`` (nationwide); records.md: a province/prefecture covers every county below it."""
    if not county_code:
        return False
    wanted = set(region_ancestors(county_code))
    return any(str(code) in wanted for code in service_regions or ())


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def project_eligible_for_need(
    project: dict, need: dict, today: dt.date, *, need_must_be_open: bool = True
) -> list[str]:
    """Broken hard rules for proposing ``project`` for ``need`` (empty list = eligible).

    1. project ``status`` is ``active``; 2. its ``ends_on`` is not before ``today`` (a project
    whose window ended is over whatever its status says); 3. its organisation is ``verified``;
    4. its ``service_regions`` cover the need's county; 5. the need is ``open`` (checked unless
    ``need_must_be_open=False``, e.g. when a staff member looks at projects for a need that is
    already matched).
    """
    broken = []
    if project.get("status") != "active":
        broken.append(PROJECT_NOT_ACTIVE)
    ends_on = _as_date(project.get("ends_on"))
    if ends_on is not None and ends_on < today:
        broken.append(PROJECT_ENDED)
    if project.get("organisation_status") != "verified":
        broken.append(ORGANISATION_NOT_VERIFIED)
    if not region_covers(project.get("service_regions") or (), need.get("region") or ""):
        broken.append(REGION_NOT_COVERED)
    if need_must_be_open and need.get("status") != "open":
        broken.append(NEED_NOT_OPEN)
    return broken


def project_is_eligible(project: dict, county_ancestors: tuple, today: dt.date) -> bool:
    """Fast boolean form of rules 1-4 for re-ranking many projects for one need:
    ``county_ancestors`` is ``region_ancestors(need county)``, computed once. Must agree with
    ``project_eligible_for_need(..., need_must_be_open=False)`` (unit-tested)."""
    if project.get("status") != "active" or project.get("organisation_status") != "verified":
        return False
    ends_on = project.get("ends_on")
    if ends_on is not None and ends_on != "" and _as_date(ends_on) < today:
        return False
    regions = project.get("service_regions") or ()
    return any(code in regions for code in county_ancestors)


def volunteer_eligible_for_need(
    volunteer: dict, need: dict, today: dt.date | None = None, *, need_must_be_open: bool = True
) -> list[str]:
    """Broken hard rules for proposing ``volunteer`` for ``need``: the volunteer is ``active``, can
    serve before the need's deadline (availability not over, not starting after the deadline), its
    ``service_regions`` cover the need's county (and the need is ``open``)."""
    broken = []
    if volunteer.get("status") != "active":
        broken.append(VOLUNTEER_NOT_ACTIVE)
    if not volunteer_available(volunteer, need, today):
        broken.append(VOLUNTEER_NOT_AVAILABLE)
    if not region_covers(volunteer.get("service_regions") or (), need.get("region") or ""):
        broken.append(REGION_NOT_COVERED)
    if need_must_be_open and need.get("status") != "open":
        broken.append(NEED_NOT_OPEN)
    return broken


def volunteer_available(volunteer: dict, need: dict, today: dt.date | None) -> bool:
    """The volunteer's stated dates leave time to serve the need: the availability has not ended
    (``available_until`` ≥ today) and does not start after the need's deadline. No dates, no limit."""
    until, start, deadline = volunteer.get("available_until"), volunteer.get("available_from"), need.get("deadline")
    if until and today and _as_date(until) < today:
        return False
    return not (start and deadline and _as_date(start) > _as_date(deadline))
