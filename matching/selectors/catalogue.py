"""Public reads of organisations and projects."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from matching.models import Organisation, Project
from matching.outcomes.cache import generation

PUBLIC_PROJECT_STATUSES = ("active", "paused", "completed")


def organisations_public() -> QuerySet[Organisation]:
    """Verified organisations by name, each with its number of active projects. The number is a subquery per
    row, which PostgreSQL evaluates after the sort and the limit: a page counts the projects of its 20
    organisations, not a join of every organisation with every project grouped before the page is cut."""
    active = (
        Project.objects.filter(organisation=OuterRef("pk"), status="active")
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Organisation.objects.filter(status=Organisation.Status.VERIFIED)
        .annotate(active_projects=Coalesce(Subquery(active, output_field=IntegerField()), Value(0)))
        .prefetch_related("categories")
        .order_by("name")
    )


def catalogue_count(queryset: QuerySet, *, kind: str, filters: dict[str, str]) -> int:
    """How many rows a public list of organisations or projects holds, kept in the cache under the public
    pages' generation (bumped by every save of a project or organisation, `outcomes/cache.py`) for at most
    CATALOGUE_COUNT_SECONDS: a list page does not count a hundred thousand projects on every request. A cache
    outage only costs the count."""
    described = "&".join(f"{k}={v}" for k, v in sorted(filters.items()) if v)
    digest = hashlib.sha256(described.encode()).hexdigest()[:24]
    key = f"catalogue:count:{generation()}:{kind}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.order_by().values("pk").count()
        cache.set(key, count, settings.CATALOGUE_COUNT_SECONDS)
    return count


def organisation_public_get(*, ref: str) -> Organisation:
    try:
        return Organisation.objects.prefetch_related("categories", "service_regions").get(
            ref=ref, status=Organisation.Status.VERIFIED
        )
    except Organisation.DoesNotExist:
        raise Http404("organisation not found") from None


def projects_offering() -> QuerySet[Project]:
    """Projects that can take new matches: active, run by a verified organisation. The gap map counts these
    as the capacity covering a region and links to them; a project of an organisation still being vetted, or
    suspended, offers nothing yet and has no public page."""
    return Project.objects.filter(status=Project.Status.ACTIVE, organisation__status=Organisation.Status.VERIFIED)


def projects_with_ledger_page() -> QuerySet[Project]:
    """Projects whose money the transparency pages show: every project once it leaves draft, whatever became of
    it or of its organisation since, so where its money went stays public."""
    return Project.objects.exclude(status=Project.Status.DRAFT)


def project_has_ledger_page(project: Project) -> bool:
    return project.status != Project.Status.DRAFT


def projects_public(*, category: str = "", organisation: Organisation | None = None) -> QuerySet[Project]:
    qs = (
        Project.objects.filter(status__in=PUBLIC_PROJECT_STATUSES, organisation__status=Organisation.Status.VERIFIED)
        .select_related("organisation")
        .prefetch_related("categories", "service_regions")
        .order_by("-created_at", "-id")
    )
    if category:
        qs = qs.filter(categories__code=category)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs


def project_public_get(*, ref: str) -> Project:
    try:
        return projects_public().prefetch_related("skills").get(ref=ref)
    except Project.DoesNotExist:
        raise Http404("project not found") from None
