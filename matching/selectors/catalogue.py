"""Public reads of organisations and projects."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from matching.models import Organisation, Project

PUBLIC_PROJECT_STATUSES = ("active", "paused", "completed")


def organisations_public() -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(status=Organisation.Status.VERIFIED)
        .annotate(active_projects=Count("projects", filter=Q(projects__status="active")))
        .prefetch_related("categories")
        .order_by("name")
    )


def organisation_public_get(*, ref: str) -> Organisation:
    try:
        return Organisation.objects.prefetch_related("categories", "service_regions").get(
            ref=ref, status=Organisation.Status.VERIFIED
        )
    except Organisation.DoesNotExist:
        raise Http404("organisation not found") from None


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
