"""Keep the staff dashboard's nationwide figures (models/figures.py): the organisations' response times, and
from which day each project is behind on its reports. Run with the transparency figures (``figures_refresh``)."""

import datetime
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from matching.models import Project
from matching.outcomes.duties import FiledReport, overdue_from
from matching.outcomes.models import OrganisationFigures, ProgressReport, ProjectDuties
from matching.outcomes.selectors.response_times import organisation_times_sql

DUTIES_CHUNK = 2_000
# A project saved in a transaction that commits after a refresh began may carry an earlier updated_at than
# the refresh's start: such projects are looked at again until this margin has passed.
COMMIT_MARGIN = datetime.timedelta(minutes=5)


@transaction.atomic
def organisations_recount(*, now: datetime.datetime | None = None) -> int:
    """Every organisation's response times over the live needs it took on, nationwide (one grouped query);
    organisations that no longer took on a live need lose their row. PostgreSQL (elsewhere the dashboard
    computes them per request)."""
    if connection.vendor != "postgresql":
        return 0
    now = now or timezone.now()
    rows = organisation_times_sql(county_codes=None)
    OrganisationFigures.objects.all().delete()
    OrganisationFigures.objects.bulk_create(
        [
            OrganisationFigures(
                organisation_id=r.organisation_id,
                needs=r.needs,
                answered=r.answered,
                fulfilled=r.fulfilled,
                median_hours_to_first_response=r.median_hours_to_first_response,
                median_days_to_fulfilment=r.median_days_to_fulfilment,
                refreshed_at=now,
            )
            for r in rows
        ],
        batch_size=5000,
    )
    return len(rows)


def project_duties_refresh(*, now: datetime.datetime | None = None) -> int:
    """Work out ``ProjectDuties.overdue_from`` again for the projects never looked at, saved since they were,
    or whose number of reports changed; returns how many."""
    started = (now or timezone.now()) - COMMIT_MARGIN
    reports = Subquery(
        ProgressReport.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    kept = ProjectDuties.objects.filter(project=OuterRef("pk"))
    stale = (
        Project.objects.annotate(
            n_reports=Coalesce(reports, 0),
            checked_at=Subquery(kept.values("checked_at")),
            kept_reports=Subquery(kept.values("reports")),
        )
        .filter(Q(checked_at__isnull=True) | Q(updated_at__gt=F("checked_at")) | ~Q(n_reports=F("kept_reports")))
        .values_list("pk", flat=True)
    )
    ids = list(stale)
    for i in range(0, len(ids), DUTIES_CHUNK):
        _duties_write(ids[i : i + DUTIES_CHUNK], started)
    return len(ids)


def _duties_write(ids: list[int], checked_at: datetime.datetime) -> None:
    filed = defaultdict(list)
    for project_id, submitted_at, is_final in ProgressReport.objects.filter(project_id__in=ids).values_list(
        "project_id", "submitted_at", "is_final"
    ):
        filed[project_id].append(FiledReport(timezone.localdate(submitted_at), is_final))
    rows = [
        ProjectDuties(
            project_id=pk,
            checked_at=checked_at,
            reports=len(filed[pk]),
            overdue_from=overdue_from(starts_on=starts_on, ends_on=ends_on, reports=filed[pk]),
        )
        for pk, starts_on, ends_on in Project.objects.filter(pk__in=ids).values_list("pk", "starts_on", "ends_on")
    ]
    ProjectDuties.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["project"],
        update_fields=["overdue_from", "reports", "checked_at"],
        batch_size=DUTIES_CHUNK,
    )
