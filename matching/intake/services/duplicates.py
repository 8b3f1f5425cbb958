"""Possible duplicates: same county and category, similar text, within the window."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from matching.intake.models import IntakeReport
from matching.intake.similarity import similarity
from matching.models import NeedPage


def duplicate_candidates(
    *,
    county_code: str,
    category: str,
    description: str,
    exclude_report_id: int | None = None,
    threshold: float | None = None,
    window_days: int | None = None,
) -> tuple[list[IntakeReport], list[NeedPage]]:
    """Reports and needs that look like this report, most similar first."""
    threshold = settings.INTAKE_DUPLICATE_THRESHOLD if threshold is None else threshold
    since = timezone.now() - datetime.timedelta(
        days=settings.INTAKE_DUPLICATE_WINDOW_DAYS if window_days is None else window_days
    )
    reports = (
        IntakeReport.objects.filter(county_id=county_code, category=category, created_at__gte=since)
        .exclude(pk=exclude_report_id)
        .only("pk", "ref", "description", "created_at")
    )
    needs = (
        NeedPage.objects.filter(county_id=county_code, categories__code=category)
        .filter(Q(latest_revision_created_at__gte=since) | Q(published_on__gte=since.date()))
        .exclude(status__in=[NeedPage.Status.CLOSED])
        .distinct()
        .only("pk", "title", "description")
    )
    scored_reports = [(similarity(description, r.description), r) for r in reports]
    scored_needs = [(similarity(description, f"{n.title} {n.description}"), n) for n in needs]
    pick = lambda scored: [obj for score, obj in sorted(scored, key=lambda s: -s[0]) if score >= threshold]  # noqa: E731
    return pick(scored_reports), pick(scored_needs)
