"""Reads of needs for public pages: live pages only, counts only, cost independent of length."""
from django.db.models import QuerySet

from matching.models import NeedPage, Region

PUBLIC_STATUSES = ("open", "matched", "in_progress", "fulfilled", "closed")


def needs_public() -> QuerySet[NeedPage]:
    return (
        NeedPage.objects.live().public().filter(status__in=PUBLIC_STATUSES)
        .select_related("county", "county__parent", "county__parent__parent")
        .prefetch_related("categories")
    )


def needs_public_for_region(*, region: Region) -> QuerySet[NeedPage]:
    qs = needs_public()
    if region.level == "county":
        return qs.filter(county=region)
    if region.level == "prefecture":
        return qs.filter(county__parent=region)
    return qs.filter(county__parent__parent=region)


def needs_filtered(*, region: str = "", category: str = "", urgency: str = "", circle: str = "",
                   status: str = "") -> QuerySet[NeedPage]:
    """The public needs list with its filters; unknown values simply match nothing."""
    qs = needs_public()
    if region:
        qs = qs.filter(county__code__startswith=region_prefix(region))
    if category:
        qs = qs.filter(categories__code=category)
    if urgency:
        qs = qs.filter(urgency=urgency)
    if circle:
        qs = qs.filter(circle=circle)
    if status:
        qs = qs.filter(status=status)
    return qs.distinct().order_by("-published_on", "-id")


def region_prefix(code: str) -> str:
    """The code prefix shared by a region and everything below it (360000 → 36, 360300 → 3603)."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code
