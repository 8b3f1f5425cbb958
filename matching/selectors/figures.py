"""Headline figures for the home page. A fixed number of queries whatever the data size."""

from django.db.models import Count, Q, Sum

from matching.models import NeedPage, Organisation, Project

# The one definition of the need figures every page shows (cards, tables, charts, open data):
# answered = the need moved past 待响应 (matched, in progress or fulfilled); fulfilled = 已完成.
ANSWERED_STATUSES = (NeedPage.Status.MATCHED, NeedPage.Status.IN_PROGRESS, NeedPage.Status.FULFILLED)
FULFILLED_STATUSES = (NeedPage.Status.FULFILLED,)


def need_counts(needs) -> dict:
    """open / answered / fulfilled / total over a queryset of needs (one query)."""
    return needs.aggregate(
        open=Count("id", filter=Q(status=NeedPage.Status.OPEN)),
        answered=Count("id", filter=Q(status__in=ANSWERED_STATUSES)),
        fulfilled=Count("id", filter=Q(status__in=FULFILLED_STATUSES)),
        total=Count("id"),
    )


def need_counts_by(needs, key: str) -> dict:
    """need_counts grouped by a field (e.g. "county_id"), one query: {value: {"answered": …, …}}."""
    rows = (
        needs.order_by()
        .values(key)
        .annotate(
            open=Count("id", filter=Q(status=NeedPage.Status.OPEN)),
            answered=Count("id", filter=Q(status__in=ANSWERED_STATUSES)),
            fulfilled=Count("id", filter=Q(status__in=FULFILLED_STATUSES)),
            total=Count("id"),
        )
    )
    return {r.pop(key): r for r in rows}


def need_counts_of(row) -> dict:
    """need_counts from kept figures (a RegionFigures row, or a dict of needs_<status> sums): no scan."""
    get = (lambda s: row[f"needs_{s}"] or 0) if isinstance(row, dict) else (lambda s: getattr(row, f"needs_{s}"))
    return {
        "open": get(NeedPage.Status.OPEN),
        "answered": sum(get(s) for s in ANSWERED_STATUSES),
        "fulfilled": sum(get(s) for s in FULFILLED_STATUSES),
        "total": sum(get(s) for s in NeedPage.Status.values if s != NeedPage.Status.DRAFT),
    }


def platform_headline_figures() -> dict:
    """Needs from the kept transparency figures (a million needs are not counted per request)."""
    from matching.outcomes.models import PLATFORM, RegionFigures

    needs = need_counts_of(RegionFigures.objects.filter(code=PLATFORM).first() or RegionFigures(code=PLATFORM))
    projects = Project.objects.aggregate(
        active=Count("id", filter=Q(status="active")),
        total=Count("id"),
        funds=Sum("budget_available"),
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
