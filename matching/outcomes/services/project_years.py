"""Keep the platform page's project and organisation counts (``ProjectYearFigures``).

The page counts the projects that are not drafts and have not ended before the chosen year (no end date, or
ending on or after 1 January of it), those projects per category, and the verified organisations running at
least one of them. A project counts for every year up to the one it ends in, so per end year the counts add
up: projects since Y = the projects ending in Y or later or never. An organisation counts up to the year its
last project ends, so it is counted once, in that year. Three grouped queries, recounted whole with the
other figures (projects are few next to needs).
"""

from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractYear

from matching.models import Project
from matching.outcomes.models import ProjectYearFigures

LOCK_KEY = 7_300_017  # pg_advisory_xact_lock: two recounts at once would insert the same rows


def _rows() -> list[ProjectYearFigures]:
    Kind = ProjectYearFigures.Kind
    projects = Project.objects.exclude(status=Project.Status.DRAFT).annotate(end_year=ExtractYear("ends_on"))
    rows = [
        ProjectYearFigures(kind=Kind.PROJECTS, end_year=year, count=n)
        for year, n in projects.order_by().values_list("end_year").annotate(n=Count("pk"))
    ]
    rows += [
        ProjectYearFigures(kind=Kind.CATEGORY, category=code, end_year=year, count=n)
        for code, year, n in projects.filter(categories__isnull=False)
        .order_by()
        .values_list("categories__code", "end_year")
        .annotate(n=Count("pk", distinct=True))
    ]
    last = (
        projects.filter(organisation__status="verified")
        .order_by()
        .values("organisation_id")
        .annotate(last=Max("end_year"), open_ended=Count("pk", filter=Q(ends_on__isnull=True)))
    )
    by_year: dict[int | None, int] = {}
    for row in last:
        year = None if row["open_ended"] else row["last"]
        by_year[year] = by_year.get(year, 0) + 1
    rows += [ProjectYearFigures(kind=Kind.ORGANISATIONS, end_year=year, count=n) for year, n in by_year.items()]
    return rows


@transaction.atomic
def project_years_recount() -> int:
    """Replace the kept counts with a fresh count (a few dozen rows). Returns how many rows there are."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    rows = _rows()
    ProjectYearFigures.objects.all().delete()
    ProjectYearFigures.objects.bulk_create(rows)
    return len(rows)
