"""Keep the capacity that covers each region (the gap map's supply side) in the kept figures.

A county is covered by the active projects of verified organisations (``projects_offering``) whose service
regions include it: the county itself, its prefecture, its province or the whole country
(``Region.covering_codes``). A prefecture or a province counts the projects that serve all or part of it:
those that cover it and those serving a region under it. Each project counts once per region, with its
available funds (CNY) and volunteer slots, and each organisation running one of them once (the region
transparency pages' active projects and organisations). Projects are few next to needs, so this is recomputed
whole on every refresh (a few queries, no per-need scan).
"""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from matching.models import Project, Region
from matching.outcomes.models import PLATFORM, RegionFigures
from matching.selectors.catalogue import projects_offering

FIELDS = ("capacity_projects", "capacity_funds", "capacity_slots", "capacity_organisations")


def _projects_by_region() -> tuple[dict[int, tuple[int, int, int]], dict[str, set[int]]]:
    active = projects_offering()
    offers = {
        pk: (budget if currency == "CNY" else 0, slots, organisation_id)
        for pk, budget, currency, slots, organisation_id in active.values_list(
            "pk", "budget_available", "currency", "volunteer_slots", "organisation_id"
        )
    }
    direct: dict[str, set[int]] = defaultdict(set)
    for project_id, code in Project.service_regions.through.objects.filter(project_id__in=list(offers)).values_list(
        "project_id", "region_id"
    ):
        direct[code].add(project_id)
    return offers, direct


def capacity_by_region(direct: dict[str, set[int]] | None = None) -> dict[str, set[int]]:
    """Region code → the ids of the active projects covering it (as the module docstring defines)."""
    if direct is None:
        direct = _projects_by_region()[1]
    regions = list(
        Region.objects.exclude(level=Region.Level.NATION).values_list("code", "parent_id", "parent__parent_id")
    )
    below: dict[str, set[int]] = defaultdict(set)
    for code, parent, grandparent in regions:
        for ancestor in (parent, grandparent):
            if ancestor and direct.get(code):
                below[ancestor] |= direct[code]
    nationwide = direct.get(PLATFORM, set())
    covering = {}
    for code, parent, grandparent in regions:
        projects = set().union(
            nationwide, below.get(code, ()), *(direct.get(c, ()) for c in (code, parent, grandparent) if c)
        )
        if projects:
            covering[code] = projects
    covering[PLATFORM] = set().union(*direct.values()) if direct else set()
    return covering


def capacity_recount() -> int:
    """Write capacity_projects / _funds / _slots where they changed (zeros where a region is no longer
    covered); the platform row is always stamped, so the page can say how fresh the figures are. Returns
    how many rows were written."""
    offers, direct = _projects_by_region()
    now = timezone.now()
    zero = (0,) * len(FIELDS)
    fresh = {
        code: (
            len(projects),
            sum(offers[p][0] for p in projects),
            sum(offers[p][1] for p in projects),
            len({offers[p][2] for p in projects}),
        )
        for code, projects in capacity_by_region(direct).items()
    }
    kept = {
        code: tuple(values)
        for code, *values in RegionFigures.objects.filter(
            Q(capacity_projects__gt=0) | Q(capacity_slots__gt=0) | Q(capacity_funds__gt=0) | Q(code=PLATFORM)
        ).values_list("code", *FIELDS)
    }
    changed = {
        code: fresh.get(code, zero)
        for code in set(fresh) | set(kept)
        if fresh.get(code, zero) != kept.get(code) or code == PLATFORM
    }
    objs = [
        RegionFigures(code=code, capacity_refreshed_at=now, **dict(zip(FIELDS, values, strict=True)))
        for code, values in changed.items()
    ]
    RegionFigures.objects.bulk_create(
        objs,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[*FIELDS, "capacity_refreshed_at"],
        batch_size=2000,
    )
    return len(objs)
