"""Which projects are behind on their reporting duties: a fixed number of queries whatever the number of projects."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from matching.models import Project, Region
from matching.outcomes.duties import Duty, FiledReport, overdue_duties, reporting_duties
from matching.outcomes.models import ProgressReport, ProjectDuties

DUTY_STATUSES = (Project.Status.ACTIVE, Project.Status.PAUSED, Project.Status.COMPLETED)


@dataclass(frozen=True)
class ProjectOverdue:
    project: Project
    duties: list[Duty]


def _projects_with_duties(*, organisation=None, region_codes=None):
    projects = Project.objects.filter(status__in=DUTY_STATUSES, starts_on__isnull=False).select_related("organisation")
    if organisation is not None:
        projects = projects.filter(organisation=organisation)
    if region_codes is not None:
        serving = Project.objects.filter(Region.objects.serving_q(list(region_codes), via="service_regions"))
        projects = projects.filter(pk__in=serving.values("pk"))
    return projects


def _with_overdue_duties(projects, today: datetime.date) -> list[ProjectOverdue]:
    filed = defaultdict(list)
    for project_id, submitted_at, is_final in ProgressReport.objects.filter(
        project_id__in=[p.pk for p in projects]
    ).values_list("project_id", "submitted_at", "is_final"):
        filed[project_id].append(FiledReport(timezone.localdate(submitted_at), is_final))
    found = []
    for p in projects:
        duties = overdue_duties(starts_on=p.starts_on, ends_on=p.ends_on, reports=filed[p.pk], today=today)
        if duties:
            found.append(ProjectOverdue(project=p, duties=duties))
    return found


def projects_reporting_overdue(
    *, organisation=None, region_codes=None, today: datetime.date | None = None
) -> list[ProjectOverdue]:
    """Projects with at least one overdue report, for one organisation and/or service regions.

    ``region_codes`` None = nationwide; a project counts for a region when one of its service
    regions is that region, below it, or above it (a province-wide project serves every county).
    Works out every project's duties (two queries): for one organisation; the dashboard of a region or the
    nation reads the kept ``ProjectDuties`` through ``projects_reporting_overdue_kept``.
    """
    today = today or timezone.localdate()
    projects = _projects_with_duties(organisation=organisation, region_codes=region_codes)
    return _with_overdue_duties(list(projects.order_by("organisation__name", "title")), today)


@dataclass(frozen=True)
class OverdueList:
    total: int
    first: list[ProjectOverdue]


def projects_reporting_overdue_kept(
    *, region_codes=None, today: datetime.date | None = None, limit: int = 200
) -> OverdueList:
    """How many projects of the regions are behind on their reports, and the first ``limit`` of them in the
    order of ``projects_reporting_overdue`` (with their overdue duties): from the kept day each project falls
    behind (``ProjectDuties.overdue_from``), so four queries whatever the number of projects. As current as
    the last figures refresh."""
    today = today or timezone.localdate()
    projects = _projects_with_duties(region_codes=region_codes).filter(
        Exists(ProjectDuties.objects.filter(project=OuterRef("pk"), overdue_from__lte=today))
    )
    first = list(projects.order_by("organisation__name", "title", "pk")[:limit])
    total = len(first) if len(first) < limit else projects.count()
    return OverdueList(total=total, first=_with_overdue_duties(first, today))


def project_duties_due(
    *,
    project: Project,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    today: datetime.date | None = None,
) -> list[Duty]:
    """The duties that have fallen due for ``project`` if it ran from ``starts_on`` to ``ends_on``."""
    today = today or timezone.localdate()
    reports = [
        FiledReport(timezone.localdate(submitted_at), is_final)
        for submitted_at, is_final in ProgressReport.objects.filter(project=project).values_list(
            "submitted_at", "is_final"
        )
    ]
    return [
        d
        for d in reporting_duties(starts_on=starts_on, ends_on=ends_on, reports=reports, today=today)
        if d.due_on <= today or d.met
    ]
