"""Reads of the kept transparency figures (models/figures.py): a fixed, small number of queries whatever
the number of needs or ledger lines."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q, Sum
from django.utils import timezone

from matching.models import NeedPage
from matching.outcomes.models import (
    PLATFORM,
    CategoryMonth,
    OrganisationFigures,
    RegionFigures,
    RegionMonth,
)
from matching.outcomes.selectors.response_times import response_times_by_organisation
from matching.outcomes.stats import ResponseSummary

STATUSES = NeedPage.PUBLIC_STATUSES


def kept_region(*, code: str = PLATFORM) -> RegionFigures:
    """The region's kept figures; all zeros for a region that holds no needs and no money (one query)."""
    return RegionFigures.objects.filter(code=code).first() or RegionFigures(code=code)


def needs_counts(row) -> dict:
    """open / answered / fulfilled / total as matching.selectors.figures defines them, from a kept figures row
    or a dict of sums."""
    from matching.selectors.figures import need_counts_of

    return need_counts_of(row)


def kept_months(*, codes, since: datetime.date | None = None) -> list[RegionMonth]:
    """Month rows of the given regions from ``since`` on, oldest first (one query)."""
    qs = RegionMonth.objects.filter(code__in=list(codes))
    if since:
        qs = qs.filter(month__gte=since.replace(day=1))
    return list(qs.order_by("month", "code"))


def kept_since(*, code: str = PLATFORM, since: datetime.date | None = None) -> dict:
    """Sums of one region's months from ``since`` on: needs by status and money (one query)."""
    qs = RegionMonth.objects.filter(code=code)
    if since:
        qs = qs.filter(month__gte=since.replace(day=1))
    fields = [f"needs_{s}" for s in STATUSES] + ["raised", "donated_to_needs", "allocated", "spent"]
    sums = qs.aggregate(**{f: Sum(f) for f in fields})
    return {k: int(v or 0) for k, v in sums.items()}


def kept_provinces(*, since: datetime.date | None = None) -> dict[str, dict]:
    """Per province: needs by status (first published from ``since`` on) and money spent (one query)."""
    qs = RegionMonth.objects.filter(code__endswith="0000").exclude(code=PLATFORM)
    if since:
        qs = qs.filter(month__gte=since.replace(day=1))
    fields = [f"needs_{s}" for s in STATUSES] + ["spent"]
    return {
        r["code"]: r for r in qs.values("code").annotate(**{f: Sum(f) for f in fields}) if any(r[f] for f in fields)
    }


def kept_category_raised(*, since: datetime.date | None = None) -> dict[str, int]:
    """Money raised by the projects of each category from ``since`` on (one query)."""
    qs = CategoryMonth.objects.all()
    if since:
        qs = qs.filter(month__gte=since.replace(day=1))
    return {code: int(s or 0) for code, s in qs.values_list("category_id").annotate(s=Sum("raised")).order_by()}


@dataclass(frozen=True)
class FiguresFreshness:
    refreshed_at: datetime.datetime | None
    lag_seconds: int | None

    @property
    def lag_minutes(self) -> int | None:
        return None if self.lag_seconds is None else self.lag_seconds // 60


def figures_freshness(*, now: datetime.datetime | None = None) -> FiguresFreshness:
    """When the kept figures were last brought up to date: the oldest of the money fold, the needs recount and
    the projects' recount (each covers every region at once, so the platform row tells). One query."""
    row = RegionFigures.objects.filter(code=PLATFORM).first()
    stamps = (
        [t for t in (row.needs_refreshed_at, row.money_refreshed_at, row.capacity_refreshed_at) if t] if row else []
    )
    if not stamps:
        return FiguresFreshness(None, None)
    at = min(stamps)
    return FiguresFreshness(at, max(0, int(((now or timezone.now()) - at).total_seconds())))


__all__ = [
    "figures_freshness",
    "kept_category_raised",
    "kept_months",
    "kept_provinces",
    "kept_region",
    "kept_since",
    "needs_counts",
]


def kept_region_money(*, code: str):
    """Money towards the needs of a region, in total and by month (funding.selectors.RegionMoney), from the
    kept month rows: one query, whatever the number of ledger lines."""
    from matching.funding.selectors import MonthMoney, RegionMoney

    rows = kept_months(codes=[code])
    months = [
        MonthMoney(r.month.strftime("%Y-%m"), r.donated_to_needs, r.spent)
        for r in rows
        if r.donated_to_needs or r.spent
    ]
    return RegionMoney(
        donated=sum(r.donated_to_needs for r in rows),
        allocated=sum(r.allocated for r in rows),
        spent=sum(r.spent for r in rows),
        by_month=months,
    )


def kept_response_by_county(*, region=None, region_codes=None, level: str = "county") -> list:
    """One row per county (or per region of another ``level``) that holds live needs, under ``region`` or
    under any of ``region_codes`` (None: nationwide): needs, answered, fulfilled and the two medians, from the
    kept figures (two queries)."""
    from matching.models import Region

    codes = [region.code] if region is not None else region_codes
    counties = Region.objects.filter(level=level)
    if codes is not None:
        counties = counties.filter(Q(code__in=codes) | Q(parent_id__in=codes) | Q(parent__parent_id__in=codes))
    names = dict(counties.values_list("code", "name"))
    rows = RegionFigures.objects.filter(code__in=list(names)).order_by("code")
    # The counts as needs_counts defines them for the cards above the table: card and table agree.
    return [
        ResponseSummary(
            key=r.code,
            name=names[r.code],
            needs=c["total"],
            answered=c["answered"],
            fulfilled=c["fulfilled"],
            median_hours_to_first_response=r.median_hours_to_first_response,
            median_days_to_fulfilment=r.median_days_to_fulfilment,
        )
        for r in rows
        if r.needs_total
        for c in [needs_counts(r)]
    ]


@dataclass(frozen=True)
class OrganisationTimesList:
    total: int
    slowest: list


def kept_response_by_organisation(*, region_codes=None, limit: int = 100) -> OrganisationTimesList:
    """The organisations that took on live needs of the regions (None: nationwide), slowest median first
    response first (those without one last), at most ``limit``, and how many there are. Nationwide from the
    kept ``OrganisationFigures`` (two queries); for regions computed from their needs in one grouped query."""
    if region_codes is not None or connection.vendor != "postgresql":
        rows = response_times_by_organisation(region_codes=region_codes)
        rows.sort(
            key=lambda r: (r.median_hours_to_first_response is None, -(r.median_hours_to_first_response or 0), r.name)
        )
        return OrganisationTimesList(total=len(rows), slowest=rows[:limit])
    kept = OrganisationFigures.objects.select_related("organisation").order_by(
        F("median_hours_to_first_response").desc(nulls_last=True), "organisation__name"
    )
    rows = [
        ResponseSummary(
            key=k.organisation.ref,
            name=k.organisation.name,
            needs=k.needs,
            answered=k.answered,
            fulfilled=k.fulfilled,
            median_hours_to_first_response=k.median_hours_to_first_response,
            median_days_to_fulfilment=k.median_days_to_fulfilment,
        )
        for k in kept[:limit]
    ]
    return OrganisationTimesList(
        total=len(rows) if len(rows) < limit else OrganisationFigures.objects.count(), slowest=rows
    )
