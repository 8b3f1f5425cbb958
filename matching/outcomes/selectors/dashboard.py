"""The staff dashboard's lists (件件有回音), scoped to the staff member's regions. Fixed query counts."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Value
from django.utils import timezone

from matching.funding.models import Disbursement
from matching.funding.selectors import advances_overdue
from matching.models import NeedPage, Region
from matching.outcomes.selectors.duties import ProjectOverdue, projects_reporting_overdue_kept
from matching.outcomes.selectors.response_times import county_codes_under

COUNT_CAP = 1_000  # a list is counted up to this many rows ("1000+"), so no request counts a nation's backlog
ACTIVE = (NeedPage.Status.OPEN, NeedPage.Status.MATCHED)
# What a dashboard row shows of a need (with the county's name): no description, no revision data.
ROW_FIELDS = ("id", "title", "url_path", "urgency", "status", "first_published_at", "county__name")


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
        .only(*ROW_FIELDS)
        .order_by(*_oldest_first(region_codes))
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
    return qs.select_related("county").only(*ROW_FIELDS).order_by(*_oldest_first(region_codes))


def _oldest_first(region_codes) -> tuple:
    """Oldest publication first. A region's list sorts its few candidates (found by the index of needs awaiting a
    response, need_awaiting_response) on a publication time plus zero, which no index gives: ordered by the bare
    column, PostgreSQL walked the index of every page's publication time through 65,000 pages of other regions to
    find a county's first 50 (960 ms at the national size; 13 ms this way, 100 ms for a province). The nation's
    list keeps that walk: its rows are everywhere, so it stops early."""
    if not region_codes:
        return ("first_published_at", "pk")
    shifted = ExpressionWrapper(F("first_published_at") + Value(datetime.timedelta(0)), output_field=DateTimeField())
    return (shifted.asc(), "pk")


def advances_paperwork_overdue(*, region_codes=None, today: datetime.date | None = None):
    """Emergency advances whose paperwork is overdue, from the funding ledger (oldest due date first)."""
    return advances_overdue(today=today, county_codes=county_codes_under(region_codes))


def count_bounded(queryset) -> int:
    """How many rows ``queryset`` holds, counted up to COUNT_CAP (the page says "more than" at the cap)."""
    return queryset.order_by().values("pk")[:COUNT_CAP].count()


@dataclass(frozen=True)
class Listed:
    """The first rows of a dashboard list and how many it holds in all (up to COUNT_CAP)."""

    rows: list
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)

    @property
    def capped(self) -> bool:
        return self.total >= COUNT_CAP


def listed(queryset, *, limit: int) -> Listed:
    """The first ``limit`` rows and the count; the count query only when the first rows fill the limit."""
    rows = list(queryset[:limit])
    return Listed(rows=rows, total=len(rows) if len(rows) < limit else count_bounded(queryset))


@dataclass
class Dashboard:
    region_codes: list[str] | None
    needs_without_response: Listed = field(default_factory=lambda: Listed([], 0))
    emergency_without_action: Listed = field(default_factory=lambda: Listed([], 0))
    advances_overdue: Listed = field(default_factory=lambda: Listed([], 0))
    reports_overdue: list[ProjectOverdue] = field(default_factory=list)
    reports_overdue_total: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.needs_without_response.rows
            or self.emergency_without_action.rows
            or self.advances_overdue.rows
            or self.reports_overdue
        )


def dashboard_for_regions(
    *, region_codes=None, now: datetime.datetime | None = None, limit: int | None = None
) -> Dashboard:
    """The lists of the staff member's regions (None: nationwide): the first ``limit`` rows of each (setting
    DASHBOARD_ROWS, default 50) and how many it holds (counted up to COUNT_CAP). Projects behind on their
    reports come from the kept ``ProjectDuties``."""
    now = now or timezone.now()
    limit = settings.DASHBOARD_ROWS if limit is None else limit
    today = timezone.localdate(now)
    overdue = projects_reporting_overdue_kept(region_codes=region_codes, today=today, limit=limit)
    return Dashboard(
        region_codes=region_codes,
        needs_without_response=listed(needs_without_response(region_codes=region_codes, now=now), limit=limit),
        emergency_without_action=listed(
            emergency_needs_without_action(region_codes=region_codes, now=now), limit=limit
        ),
        advances_overdue=listed(advances_paperwork_overdue(region_codes=region_codes, today=today), limit=limit),
        reports_overdue=overdue.first,
        reports_overdue_total=overdue.total,
    )
