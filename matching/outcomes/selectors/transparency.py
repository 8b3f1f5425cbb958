"""Figures for the public transparency pages: platform, region, project. Fixed query counts.

Money comes from the kept figures (models/figures.py), into which each ledger entry is folded once.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils import timezone

from matching.models import Category, NeedPage, Project, Region
from matching.outcomes.models import PLATFORM, ProjectYearFigures
from matching.outcomes.selectors.kept import (
    figures_freshness,
    kept_category_raised,
    kept_months,
    kept_provinces,
    kept_region,
    kept_since,
    needs_counts,
)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: dict


def kept_project_counts(*, since: int | None = None) -> dict:
    """Projects not in draft and not ended before ``since`` (a year; None: all), the verified organisations
    running one, and those projects per category, from ``ProjectYearFigures`` (one query, a few dozen rows;
    as of the last recount)."""
    Kind = ProjectYearFigures.Kind
    rows = ProjectYearFigures.objects.all()
    if since:
        rows = rows.filter(Q(end_year__isnull=True) | Q(end_year__gte=since))
    out = {"projects": 0, "organisations": 0, "by_category": {}}
    for kind, category, n in rows.order_by().values_list("kind", "category").annotate(n=Sum("count")):
        if kind == Kind.CATEGORY:
            out["by_category"][category] = n
        else:
            out[kind] = n
    return out


def platform_figures(*, since: int | None = None) -> dict:
    """Headline figures for the whole country since a year, by category, province and month: all from the kept
    figures (models/figures.py) — needs, money, money by category, and projects and organisations by the
    year they end (≤ 8 queries)."""
    start = timezone.make_aware(datetime.datetime(since, 1, 1)) if since else None
    kept = kept_since(since=start.date() if start else None)
    needs = needs_counts(kept)
    counted = kept_project_counts(since=since)
    head = {
        "organisations": counted["organisations"],
        "projects": counted["projects"],
        "needs": needs["total"],
        "answered": needs["answered"],
        "fulfilled": needs["fulfilled"],
        "raised": kept["raised"],
        "spent": kept["spent"],
    }
    by_category = {c.code: {"label": c.label, "projects": 0, "raised": 0} for c in Category.objects.all()}
    for code, n in counted["by_category"].items():
        if code in by_category:
            by_category[code]["projects"] = n
    names = dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", "name"))
    by_province = {}
    for code, r in sorted(kept_provinces(since=start.date() if start else None).items()):
        counts = needs_counts(r)
        by_province[code] = {
            "label": names.get(code, code),
            "needs": counts["total"],
            "fulfilled": counts["fulfilled"],
            "spent": int(r["spent"] or 0),
        }
    by_month = {}
    for m in kept_months(codes=[PLATFORM], since=start.date() if start else None):
        if m.raised or m.spent:
            by_month[m.month.strftime("%Y-%m")] = {"raised": m.raised, "spent": m.spent}
    for code, s in kept_category_raised(since=start.date() if start else None).items():
        if code in by_category:
            by_category[code]["raised"] = s
    return {
        "head": head,
        "by_category": [Row(k, v["label"], v) for k, v in by_category.items() if v["projects"] or v["raised"]],
        "by_province": [Row(k, v["label"], v) for k, v in by_province.items() if v["needs"] or v["spent"]],
        "by_month": [Row(k, k, v) for k, v in by_month.items()],
        "freshness": figures_freshness(),
    }


def region_figures(*, region: Region) -> dict:
    """Needs open/answered/fulfilled, money to needs, and the active projects serving the region (its own,
    those under it and those covering it) with their organisations: all from the kept figures (two queries;
    projects and organisations as of the last recount, ``capacity_recount``)."""
    kept = kept_region(code=region.code)
    money = {"to_needs": kept.spent, "donated_to_needs": kept.raised}
    return {
        "needs": needs_counts(kept),
        "projects": kept.capacity_projects,
        "organisations": kept.capacity_organisations,
        "money": money,
        "freshness": figures_freshness(),
    }


def project_needs_served(*, project: Project) -> list[NeedPage]:
    """Needs the project took on (an accepted match) or sent money to (one query)."""
    q = Q(matches__project=project, matches__status__in=["accepted", "delivered", "closed"])
    q |= Q(disbursements__project=project)
    return list(NeedPage.objects.live().filter(q).select_related("county").distinct().order_by("-first_published_at"))
