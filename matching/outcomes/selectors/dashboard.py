"""The staff dashboard's lists (件件有回音), scoped to the staff member's regions. Fixed query counts."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from matching.funding.models import Disbursement
from matching.funding.selectors import advances_overdue
from matching.models import NeedPage, Region
from matching.outcomes.selectors.duties import ProjectOverdue, projects_reporting_overdue_kept
from matching.outcomes.selectors.response_times import county_codes_under

LIMIT = 200
ACTIVE = (NeedPage.Status.OPEN, NeedPage.Status.MATCHED)


def needs_without_response(*, region_codes=None, days: int | None = None, now: datetime.datetime | None = None):
    """Published needs still open with no response at all after ``days`` days (setting, default 7)."""
    now = now or timezone.now()
    days = settings.DASHBOARD_NO_RESPONSE_DAYS if days is None else days
    in_regions = Region.objects.under_q(region_codes, via="county")
    return (
        NeedPage.objects.live()
        .filter(
            in_regions,
            status=NeedPage.Status.OPEN,
            first_response_at__isnull=True,
            first_published_at__lte=now - datetime.timedelta(days=days),
        )
        .select_related("county")
        .order_by("first_published_at")[:LIMIT]
    )


def emergency_needs_without_action(
    *, region_codes=None, hours: int | None = None, now: datetime.datetime | None = None
):
    """Emergency-circle (急难) needs with no response and no money moved after ``hours`` hours (default 24)."""
    now = now or timezone.now()
    hours = settings.DASHBOARD_EMERGENCY_NO_ACTION_HOURS if hours is None else hours
    in_regions = Region.objects.under_q(region_codes, via="county")
    qs = NeedPage.objects.live().filter(
        in_regions,
        circle=NeedPage.Circle.EMERGENCY,
        status__in=ACTIVE,
        first_response_at__isnull=True,
        first_published_at__lte=now - datetime.timedelta(hours=hours),
    )
    qs = qs.filter(~Exists(Disbursement.objects.filter(need=OuterRef("pk"))))
    return qs.select_related("county").order_by("first_published_at")[:LIMIT]


def advances_paperwork_overdue(*, region_codes=None, today: datetime.date | None = None):
    """Emergency advances whose paperwork is overdue, from the funding ledger (two queries)."""
    return list(advances_overdue(today=today, county_codes=county_codes_under(region_codes))[:LIMIT])


@dataclass
class Dashboard:
    region_codes: list[str] | None
    needs_without_response: list = field(default_factory=list)
    emergency_without_action: list = field(default_factory=list)
    advances_overdue: list = field(default_factory=list)
    reports_overdue: list[ProjectOverdue] = field(default_factory=list)
    reports_overdue_total: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.needs_without_response
            or self.emergency_without_action
            or self.advances_overdue
            or self.reports_overdue
        )


def dashboard_for_regions(*, region_codes=None, now: datetime.datetime | None = None) -> Dashboard:
    """The lists of the staff member's regions (None: nationwide). Projects behind on their reports come from
    the kept ``ProjectDuties`` (the first ``LIMIT``, and how many in all)."""
    now = now or timezone.now()
    overdue = projects_reporting_overdue_kept(region_codes=region_codes, today=timezone.localdate(now), limit=LIMIT)
    return Dashboard(
        region_codes=region_codes,
        needs_without_response=list(needs_without_response(region_codes=region_codes, now=now)),
        emergency_without_action=list(emergency_needs_without_action(region_codes=region_codes, now=now)),
        advances_overdue=advances_paperwork_overdue(region_codes=region_codes, today=timezone.localdate(now)),
        reports_overdue=overdue.first,
        reports_overdue_total=overdue.total,
    )
