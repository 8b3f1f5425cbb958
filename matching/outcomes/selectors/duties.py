"""Which projects are behind on their reporting duties: two queries whatever the number of projects."""
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from matching.models import Project, Region
from matching.outcomes.duties import Duty, FiledReport, overdue_duties, reporting_duties
from matching.outcomes.models import ProgressReport

DUTY_STATUSES = (Project.Status.ACTIVE, Project.Status.PAUSED, Project.Status.COMPLETED)


@dataclass(frozen=True)
class ProjectOverdue:
    project: Project
    duties: list[Duty]


def projects_reporting_overdue(*, organisation=None, region_codes=None,
                               today: datetime.date | None = None) -> list[ProjectOverdue]:
    """Projects with at least one overdue report, for one organisation and/or service regions.

    ``region_codes`` None = nationwide; a project counts for a region when one of its service
    regions is that region, below it, or above it (a province-wide project serves every county).
    """
    today = today or timezone.localdate()
    projects = Project.objects.filter(status__in=DUTY_STATUSES, starts_on__isnull=False).select_related("organisation")
    if organisation is not None:
        projects = projects.filter(organisation=organisation)
    if region_codes is not None:
        projects = projects.filter(Region.objects.serving_q(list(region_codes), via="service_regions")).distinct()
    projects = list(projects.order_by("organisation__name", "title"))
    filed = defaultdict(list)
    for project_id, submitted_at, is_final in ProgressReport.objects.filter(
            project_id__in=[p.pk for p in projects]).values_list("project_id", "submitted_at", "is_final"):
        filed[project_id].append(FiledReport(timezone.localdate(submitted_at), is_final))
    found = []
    for p in projects:
        duties = overdue_duties(starts_on=p.starts_on, ends_on=p.ends_on, reports=filed[p.pk], today=today)
        if duties:
            found.append(ProjectOverdue(project=p, duties=duties))
    return found


def project_duties_due(*, project: Project, starts_on: datetime.date | None, ends_on: datetime.date | None,
                       today: datetime.date | None = None) -> list[Duty]:
    """The duties that have fallen due for ``project`` if it ran from ``starts_on`` to ``ends_on``."""
    today = today or timezone.localdate()
    reports = [FiledReport(timezone.localdate(submitted_at), is_final) for submitted_at, is_final
               in ProgressReport.objects.filter(project=project).values_list("submitted_at", "is_final")]
    return [d for d in reporting_duties(starts_on=starts_on, ends_on=ends_on, reports=reports, today=today)
            if d.due_on <= today or d.met]
