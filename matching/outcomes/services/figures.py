"""Keep the transparency aggregates current (models/figures.py).

Money: ledger entries are append-only, so the figures grow by folding in each new entry exactly once:
``ledger_post`` writes a ``LedgerEntryUnfolded`` row with every entry, the fold sums the committed ones
per region and month, adds the sums and deletes the rows, in one transaction. Needs change through many
doors (services, the Wagtail editor, workflows), so they are recounted, set-based, instead.
The gap map's figures ride along: the need recount also counts open needs left unanswered 7 / 30 days,
money and volunteers asked and volunteers matched; ``capacity_recount`` (services/capacity.py) the projects
covering each region. ``figures_refresh`` does all of it; Celery runs it every ``FIGURES_REFRESH_SECONDS``
and shortly after a ledger write. ``figures_recompute`` computes everything from scratch (for the check and a
first fill).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from matching.models import NeedPage
from matching.outcomes.cache import bump as page_cache_bump
from matching.outcomes.models import PLATFORM, ProjectDuties, RegionFigures, RegionMonth
from matching.outcomes.services.capacity import capacity_recount
from matching.outcomes.services.category_money import (
    category_money_fold,
    category_money_recompute,
    category_money_resync,
)
from matching.outcomes.services.project_years import project_years_recount
from matching.outcomes.services.staff_figures import (
    organisations_recount,
    project_duties_refresh,
)
from matching.outcomes.services.upsert import upsert_added

FOLD_CHUNK = 20_000
UNANSWERED_7 = datetime.timedelta(days=7)
UNANSWERED_30 = datetime.timedelta(days=30)
STATUSES = NeedPage.PUBLIC_STATUSES
MONEY = ("raised", "donated_to_needs", "allocated", "spent")


def _money_sums() -> dict:
    """Per group of entries: what the transparency pages call raised, donated to needs, allocated, spent
    (the definitions of selectors/transparency.py and funding/selectors.py)."""
    from matching.funding.models import Account, LedgerTransaction

    K = LedgerTransaction.Kind
    need = Q(account__kind=Account.Kind.NEED)
    donated = need & Q(transaction__origin_kind=K.DONATION)
    return {
        "project_in": Sum(
            "amount",
            filter=Q(account__kind=Account.Kind.PROJECT)
            & Q(transaction__origin_kind__in=[K.DONATION, K.GRANT, K.OWN_FUNDS]),
        ),
        "donated": Sum("amount", filter=donated),
        "allocated": Sum("amount", filter=Q(account__kind=Account.Kind.ALLOCATED)),
        "spent": Sum("amount", filter=need & Q(transaction__origin_kind__in=[K.SPEND, K.ADVANCE])),
    }


@dataclass
class _Deltas:
    by_month: dict = field(default_factory=lambda: defaultdict(lambda: dict.fromkeys(MONEY, 0)))

    def add(self, codes, month, row: dict) -> None:
        donated, allocated, spent = (int(row[k] or 0) for k in ("donated", "allocated", "spent"))
        platform = self.by_month[(PLATFORM, month)]
        platform["raised"] += int(row["project_in"] or 0) + donated
        for key, value in (("donated_to_needs", donated), ("allocated", allocated), ("spent", spent)):
            platform[key] += value
            for code in codes:
                if code:
                    self.by_month[(code, month)][key] += value
        for code in codes:
            if code:
                self.by_month[(code, month)]["raised"] += donated  # a region raises what is given to its needs


def _money_deltas(entries) -> _Deltas:
    """Sums of the given ledger entries per (region, month): county, prefecture, province and platform."""
    deltas = _Deltas()
    county = "account__need__county"
    # The month as a date, truncated in the current time zone by the database (no per-row conversion here).
    rows = (
        entries.filter(currency="CNY")
        .annotate(month=TruncMonth("transaction__created_at", output_field=DateField()))
        .values("month", f"{county}_id", f"{county}__parent_id", f"{county}__parent__parent_id")
        .annotate(**_money_sums())
    )
    for r in rows:
        codes = (r[f"{county}_id"], r[f"{county}__parent_id"], r[f"{county}__parent__parent_id"])
        deltas.add(codes, r["month"], r)
    return deltas


def _money_apply(deltas: _Deltas, now) -> None:
    totals = defaultdict(lambda: dict.fromkeys(MONEY, 0))
    monthly = []
    for (code, month), values in deltas.by_month.items():
        if month is not None:
            monthly.append((code, month, *(values[k] for k in MONEY)))
        for key, value in values.items():
            totals[code][key] += value
    upsert_added(RegionMonth, ["code", "month"], monthly, list(MONEY))
    upsert_added(
        RegionFigures,
        ["code"],
        [(code, *(v[k] for k in MONEY)) for code, v in totals.items()],
        list(MONEY),
        {"money_refreshed_at": now},
    )


def money_fold(*, chunk: int = FOLD_CHUNK) -> int:
    """Fold the committed, not yet folded ledger entries into the figures; returns how many."""
    from matching.funding.models import LedgerEntry, LedgerEntryUnfolded

    folded = 0
    while True:
        with transaction.atomic():
            ids = list(
                LedgerEntryUnfolded.objects.select_for_update(skip_locked=True)
                .order_by("entry_id")
                .values_list("entry_id", flat=True)[:chunk]
            )
            if ids:
                _money_apply(_money_deltas(LedgerEntry.objects.filter(pk__in=ids)), timezone.now())
                category_money_fold(LedgerEntry.objects.filter(pk__in=ids))
                LedgerEntryUnfolded.objects.filter(entry_id__in=ids).delete()
        folded += len(ids)
        if len(ids) < chunk:
            break
    # The fold covers every region at once: the platform row says when the money was last current.
    RegionFigures.objects.filter(code=PLATFORM).update(money_refreshed_at=timezone.now())
    return folded


GAP_COUNTS = ("unanswered_7d", "unanswered_30d", "requested", "volunteers_needed", "volunteers_matched")
NEED_COUNTS = (*STATUSES, "responded", *GAP_COUNTS)
UNFINISHED = ("open", "matched", "in_progress")  # a need that may still want volunteers


def _need_sums(now) -> dict:
    """Per group of live needs: by status, responded, and what the gap map shows (the open needs nobody
    has answered 7 / 30 days after publication, money asked by needs not closed, volunteers asked by
    needs not finished)."""
    unanswered = Q(status="open", first_response_at__isnull=True)
    return {
        **{s: Count("pk", filter=Q(status=s)) for s in STATUSES},
        "responded": Count("pk", filter=Q(first_response_at__isnull=False)),
        "unanswered_7d": Count("pk", filter=unanswered & Q(first_published_at__lte=now - UNANSWERED_7)),
        "unanswered_30d": Count("pk", filter=unanswered & Q(first_published_at__lte=now - UNANSWERED_30)),
        "requested": Sum("amount_requested", filter=~Q(status="closed") & Q(currency="CNY")),
        "volunteers_needed": Sum("volunteers_needed", filter=Q(status__in=UNFINISHED)),
    }


def _volunteers_matched_rows():
    """Volunteers accepted for (or who delivered to) live needs not yet finished, per county."""
    from matching.models import Match

    county = "need__county"
    return (
        Match.objects.filter(
            volunteer__isnull=False, status__in=["accepted", "delivered"], need__live=True, need__status__in=UNFINISHED
        )
        .values(f"{county}_id", f"{county}__parent_id", f"{county}__parent__parent_id")
        .annotate(volunteers_matched=Count("pk"))
    )


def needs_recount() -> int:
    """Live needs by status, per county, prefecture, province and the platform, with the median time from
    publication to first response and the gap map's need figures; rows of regions that no longer hold
    needs go to zero."""
    now = timezone.now()
    counts = defaultdict(lambda: dict.fromkeys(NEED_COUNTS, 0))
    # order_by(): Wagtail orders pages by path, and an ordering is grouped by, which made this one row per
    # need (a million rows into Python at the national size) instead of one per county.
    for prefix, rows in (
        (
            "county",
            NeedPage.objects.live()
            .order_by()
            .values("county_id", "county__parent_id", "county__parent__parent_id")
            .annotate(**_need_sums(now)),
        ),
        ("need__county", _volunteers_matched_rows()),
    ):
        for r in rows:
            for code in (PLATFORM, r[f"{prefix}_id"], r[f"{prefix}__parent_id"], r[f"{prefix}__parent__parent_id"]):
                if code:
                    for key in NEED_COUNTS:
                        counts[code][key] += int(r.get(key) or 0)
    medians = _medians()
    stale = set(RegionFigures.objects.values_list("code", flat=True)) - set(counts)
    objs = []
    for code, c in counts.items():
        response, fulfilment = medians.get(code, (None, None))
        objs.append(
            RegionFigures(
                code=code,
                needs_refreshed_at=now,
                median_hours_to_first_response=response,
                median_days_to_fulfilment=fulfilment,
                needs_responded=c["responded"],
                **{f"needs_{s}": c[s] for s in STATUSES},
                **{_gap_field(k): c[k] for k in GAP_COUNTS},
            )
        )
    objs += [RegionFigures(code=code, needs_refreshed_at=now) for code in stale]
    fields = [
        "needs_refreshed_at",
        "median_hours_to_first_response",
        "median_days_to_fulfilment",
        "needs_responded",
        *(f"needs_{s}" for s in STATUSES),
        *(_gap_field(k) for k in GAP_COUNTS),
    ]
    RegionFigures.objects.bulk_create(
        objs, update_conflicts=True, unique_fields=["code"], update_fields=fields, batch_size=2000
    )
    _needs_by_month(now)
    return len(objs)


def _gap_field(key: str) -> str:
    return f"needs_{key}" if key.startswith("unanswered") else key


def _needs_by_month(now) -> None:
    """Live needs by status and month of first publication, for the platform and each province."""
    province = "county__parent__parent_id"
    rows = (
        NeedPage.objects.live()
        .order_by()
        .annotate(month=TruncMonth("first_published_at", output_field=DateField()))
        .values("month", province)
        .annotate(**{s: Count("pk", filter=Q(status=s)) for s in STATUSES})
    )
    counts = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for r in rows:
        if r["month"] is None:
            continue
        month = r["month"]
        for code in (PLATFORM, r[province]):
            if code:
                for key in STATUSES:
                    counts[(code, month)][key] += r[key]
    fields = [f"needs_{s}" for s in STATUSES]
    stale = set(RegionMonth.objects.filter(Q(code=PLATFORM) | Q(code__endswith="0000")).values_list("code", "month"))
    objs = [
        RegionMonth(code=code, month=month, **{f"needs_{s}": c[s] for s in STATUSES})
        for (code, month), c in counts.items()
    ]
    objs += [RegionMonth(code=code, month=month) for code, month in stale - set(counts)]
    RegionMonth.objects.bulk_create(
        objs, update_conflicts=True, unique_fields=["code", "month"], update_fields=fields, batch_size=2000
    )


MEDIANS_SQL = """
SELECT n.county_id, c.parent_id, f.parent_id, GROUPING(n.county_id, c.parent_id, f.parent_id),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM {end} - p.first_published_at))
FROM matching_needpage n JOIN wagtailcore_page p ON p.id = n.page_ptr_id {join}
JOIN matching_region c ON c.code = n.county_id JOIN matching_region f ON f.code = c.parent_id
WHERE p.live AND {end} IS NOT NULL AND p.first_published_at IS NOT NULL
GROUP BY GROUPING SETS ((n.county_id), (c.parent_id), (f.parent_id), ())
"""
FULFILLED_JOIN = """JOIN (SELECT need_id, min(created_at) AS at FROM matching_responselogentry
                     WHERE to_status = 'fulfilled' GROUP BY need_id) done ON done.need_id = n.page_ptr_id"""


def _medians() -> dict[str, tuple[float | None, float | None]]:
    """Per region: median hours from first publication to first response, and median days to fulfilment
    (the response log's first line that set the need fulfilled). PostgreSQL; none elsewhere."""
    if connection.vendor != "postgresql":
        return {}
    out = defaultdict(lambda: [None, None])
    with connection.cursor() as cur:
        for i, (end, join, unit) in enumerate((("n.first_response_at", "", 3600), ("done.at", FULFILLED_JOIN, 86400))):
            cur.execute(MEDIANS_SQL.format(end=end, join=join))
            for county, prefecture, province, grouping, seconds in cur.fetchall():
                code = {0b011: county, 0b101: prefecture, 0b110: province}.get(grouping, PLATFORM)
                if code and seconds is not None:
                    out[code][i] = round(seconds / unit, 1)
    return out


def figures_refresh(*, recount: bool = True) -> dict:
    """Fold new money (and move the money of projects whose categories changed); with ``recount``, also
    recount the needs, the staff dashboard's figures and the gap map's capacity, which read every live need
    and take minutes at the national size, so Celery recounts at most every FIGURES_RECOUNT_SECONDS
    (tasks.py). Safe to run twice and concurrently (the fold locks what it takes)."""
    done = {"categories_moved": category_money_resync(), "entries_folded": money_fold()}
    if recount:
        done.update(
            regions=needs_recount(),
            organisations=organisations_recount(),
            projects_checked=project_duties_refresh(),
            capacity=capacity_recount(),
            project_years=project_years_recount(),
        )
    if recount or done["entries_folded"] or done["categories_moved"]:
        # A page rendered between a write's bump and this refresh holds the figures before it: render afresh.
        page_cache_bump()
    return done


@transaction.atomic
def figures_recompute() -> None:
    """Everything from scratch: money from the whole ledger (and nothing left to fold), needs recounted.
    For a database filled in bulk, and as the reference the kept figures are checked against."""
    from matching.funding.models import LedgerEntry, LedgerEntryUnfolded

    LedgerEntryUnfolded.objects.all().delete()
    RegionMonth.objects.all().delete()
    RegionFigures.objects.update(**dict.fromkeys(MONEY, 0))
    _money_apply(_money_deltas(LedgerEntry.objects.all()), timezone.now())
    category_money_recompute()
    needs_recount()
    capacity_recount()
    project_years_recount()
    organisations_recount()
    ProjectDuties.objects.all().delete()
    project_duties_refresh()
