"""Reads of progress reports for public pages."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from matching.models import Project
from matching.outcomes.models import Evidence, ProgressReport


def report_public_get(*, pk: int) -> ProgressReport:
    """A report of a public project, with milestones and evidence (three queries)."""
    return get_object_or_404(
        ProgressReport.objects.exclude(project__status=Project.Status.DRAFT)
        .select_related("project__organisation")
        .prefetch_related(
            "milestones", Prefetch("evidence", queryset=Evidence.objects.select_related("image", "document"))
        ),
        pk=pk,
    )
