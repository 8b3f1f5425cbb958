"""Figures for the public transparency pages: platform, region, project. Fixed query counts.

Money comes from the funding ledger (matching.funding); without it the money figures are zero.
"""
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from matching.models import Category, NeedPage, Organisation, Project, Region
from matching.outcomes.selectors.regions import region_q
from matching.selectors.figures import need_counts, need_counts_by


def _ledger():
    try:
        from matching.funding.models import Account, LedgerEntry, LedgerTransaction
    except ImportError:  # seam: no ledger yet
        return None
    return Account, LedgerEntry, LedgerTransaction


def _inflow_q(Account, K) -> Q:
    """Money that came into the platform: into projects (donations, grants, own funds) or straight to needs."""
    return ((Q(account__kind=Account.Kind.PROJECT) & Q(transaction__origin_kind__in=[K.DONATION, K.GRANT, K.OWN_FUNDS]))
            | (Q(account__kind=Account.Kind.NEED) & Q(transaction__origin_kind=K.DONATION)))


def _spent_q(Account, K) -> Q:
    """Money confirmed as arrived at needs, including emergency advances."""
    return Q(account__kind=Account.Kind.NEED) & Q(transaction__origin_kind__in=[K.SPEND, K.ADVANCE])


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: dict


def platform_figures(*, since: int | None = None) -> dict:
    """Headline figures for the whole country since a year, by category, province and month (≤ 8 queries)."""
    start = timezone.make_aware(datetime.datetime(since, 1, 1)) if since else None
    projects = Project.objects.exclude(status=Project.Status.DRAFT)
    if start:
        projects = projects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start.date()))
    needs = NeedPage.objects.live()
    if start:
        needs = needs.filter(first_published_at__gte=start)
    head = {
        "organisations": Organisation.objects.filter(status="verified", projects__in=projects).distinct().count(),
        "projects": projects.count(),
        **{("needs" if k == "total" else k): v for k, v in need_counts(needs).items() if k != "open"},
        "raised": 0, "spent": 0,
    }
    by_category = {c.code: {"label": c.label, "projects": 0, "raised": 0} for c in Category.objects.all()}
    for code, n in projects.values_list("categories__code").annotate(n=Count("id", distinct=True)):
        if code in by_category:
            by_category[code]["projects"] = n
    by_province = {r.code: {"label": r.name, "needs": 0, "fulfilled": 0, "spent": 0}
                   for r in Region.objects.filter(level=Region.Level.PROVINCE)}
    for county, counts in need_counts_by(needs, "county_id").items():
        row = by_province.get((county or "")[:2] + "0000")
        if row:
            row["needs"] += counts["total"]
            row["fulfilled"] += counts["fulfilled"]
    by_month = {}
    ledger = _ledger()
    if ledger:
        Account, LedgerEntry, LedgerTransaction = ledger
        K = LedgerTransaction.Kind
        entries = LedgerEntry.objects.filter(currency="CNY")
        if start:
            entries = entries.filter(transaction__created_at__gte=start)
        totals = entries.aggregate(raised=Sum("amount", filter=_inflow_q(Account, K)),
                                   spent=Sum("amount", filter=_spent_q(Account, K)))
        head["raised"], head["spent"] = int(totals["raised"] or 0), int(totals["spent"] or 0)
        for code, s in (entries.filter(_inflow_q(Account, K), account__kind=Account.Kind.PROJECT)
                        .values_list("account__project__categories__code").annotate(s=Sum("amount"))):
            if code in by_category:
                by_category[code]["raised"] = int(s or 0)
        for county, s in (entries.filter(_spent_q(Account, K)).values_list("account__need__county_id")
                          .annotate(s=Sum("amount"))):
            row = by_province.get((county or "")[:2] + "0000")
            if row:
                row["spent"] += int(s or 0)
        months = defaultdict(lambda: {"raised": 0, "spent": 0})
        for month, raised, spent in (entries.annotate(m=TruncMonth("transaction__created_at")).values_list("m")
                                     .annotate(r=Sum("amount", filter=_inflow_q(Account, K)),
                                               s=Sum("amount", filter=_spent_q(Account, K))).order_by("m")):
            key = month.strftime("%Y-%m") if month else "—"
            months[key]["raised"] += int(raised or 0)
            months[key]["spent"] += int(spent or 0)
        by_month = dict(sorted(months.items()))
    return {
        "head": head,
        "by_category": [Row(k, v["label"], v) for k, v in by_category.items() if v["projects"] or v["raised"]],
        "by_province": [Row(k, v["label"], v) for k, v in by_province.items() if v["needs"] or v["spent"]],
        "by_month": [Row(k, k, v) for k, v in by_month.items()],
    }


def region_figures(*, region: Region) -> dict:
    """Needs open/answered/fulfilled, funds in and out, active organisations and projects (≤ 5 queries)."""
    counts = need_counts(NeedPage.objects.live().filter(region_q([region.code])))
    covering = set(region.covering_codes) | {region.code}
    stem = region.code[:2] if region.level == "province" else region.code[:4] if region.level == "prefecture" else region.code
    projects = Project.objects.filter(status=Project.Status.ACTIVE).filter(
        Q(service_regions__code__in=covering) | Q(service_regions__code__startswith=stem)).distinct()
    project_count = projects.count()
    org_count = Organisation.objects.filter(projects__in=projects).distinct().count()
    money = {"to_needs": 0, "donated_to_needs": 0}
    ledger = _ledger()
    if ledger:
        Account, LedgerEntry, LedgerTransaction = ledger
        K = LedgerTransaction.Kind
        row = LedgerEntry.objects.filter(region_q([region.code], field="account__need__county"),
                                         account__kind=Account.Kind.NEED, currency="CNY").aggregate(
            to_needs=Sum("amount", filter=Q(transaction__origin_kind__in=[K.SPEND, K.ADVANCE])),
            donated=Sum("amount", filter=Q(transaction__origin_kind=K.DONATION)))
        money = {"to_needs": int(row["to_needs"] or 0), "donated_to_needs": int(row["donated"] or 0)}
    return {"needs": counts, "projects": project_count, "organisations": org_count, "money": money}



def project_needs_served(*, project: Project) -> list[NeedPage]:
    """Needs the project took on (an accepted match) or sent money to (one query)."""
    q = Q(matches__project=project, matches__status__in=["accepted", "delivered", "closed"])
    if _ledger():
        q |= Q(disbursements__project=project)
    return list(NeedPage.objects.live().filter(q).select_related("county").distinct().order_by("-first_published_at"))
