"""Headline figures for the home page. A fixed number of queries whatever the data size."""
from django.db.models import Count, Q, Sum

from matching.models import NeedPage, Organisation, Project

# The one definition of the need figures every page shows (cards, tables, charts, open data):
# answered = the need moved past 待响应 (matched, in progress or fulfilled); fulfilled = 已完成.
ANSWERED_STATUSES = (NeedPage.Status.MATCHED, NeedPage.Status.IN_PROGRESS, NeedPage.Status.FULFILLED)
FULFILLED_STATUSES = (NeedPage.Status.FULFILLED,)


def need_counts(needs) -> dict:
    """open / answered / fulfilled / total over a queryset of needs (one query)."""
    return needs.aggregate(open=Count("id", filter=Q(status=NeedPage.Status.OPEN)),
                           answered=Count("id", filter=Q(status__in=ANSWERED_STATUSES)),
                           fulfilled=Count("id", filter=Q(status__in=FULFILLED_STATUSES)), total=Count("id"))


def need_counts_by(needs, key: str) -> dict:
    """need_counts grouped by a field (e.g. "county_id"), one query: {value: {"answered": …, …}}."""
    rows = needs.order_by().values(key).annotate(
        open=Count("id", filter=Q(status=NeedPage.Status.OPEN)),
        answered=Count("id", filter=Q(status__in=ANSWERED_STATUSES)),
        fulfilled=Count("id", filter=Q(status__in=FULFILLED_STATUSES)), total=Count("id"))
    return {r.pop(key): r for r in rows}


def platform_headline_figures() -> dict:
    needs = need_counts(NeedPage.objects.live())
    projects = Project.objects.aggregate(
        active=Count("id", filter=Q(status="active")), total=Count("id"), funds=Sum("budget_available"),
    )
    return {
        "organisations": Organisation.objects.filter(status="verified").count(),
        "projects_active": projects["active"],
        "projects_total": projects["total"],
        "funds_available_fen": projects["funds"] or 0,
        "needs_open": needs["open"],
        "needs_answered": needs["answered"],
        "needs_fulfilled": needs["fulfilled"],
    }
