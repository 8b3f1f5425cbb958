"""Headline figures for the home page. A fixed number of queries whatever the data size."""
from django.db.models import Count, Q, Sum

from matching.models import NeedPage, Organisation, Project


def platform_headline_figures() -> dict:
    needs = NeedPage.objects.live().aggregate(
        open=Count("id", filter=Q(status="open")),
        answered=Count("id", filter=Q(status__in=["matched", "in_progress", "fulfilled"])),
        fulfilled=Count("id", filter=Q(status="fulfilled")),
    )
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
