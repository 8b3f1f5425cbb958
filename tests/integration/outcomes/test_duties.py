"""Overdue reporting duties per organisation and region, and the include that flags them."""

import datetime as dt

import pytest
from django.template import Context, Template

from matching.outcomes.models import ProgressReport
from matching.outcomes.selectors.duties import projects_reporting_overdue
from matching.outcomes.services.reports import BeneficiaryCounts, report_file
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


def test_long_project_without_reports_is_overdue(project, django_assert_max_num_queries):
    # given a project since 1 Jan 2026 (runs to end 2027) with no report, and a short one elsewhere
    ProjectFactory(starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2026, 12, 31), service_regions=["110000"])
    # when overdue projects are listed for the project's organisation
    with django_assert_max_num_queries(2):
        found = projects_reporting_overdue(organisation=project.organisation, today=TODAY)
    # then three quarters are overdue (Jan–Apr, Apr–Jul, Jul–Oct)
    assert [o.project for o in found] == [project]
    assert len(found[0].duties) == 3 and {d.kind for d in found[0].duties} == {"quarterly"}


def test_reports_clear_the_duties(project, member):
    # given reports filed in the first and third quarters
    for submitted in (
        dt.datetime(2026, 3, 25, 10, tzinfo=dt.UTC),
        dt.datetime(2026, 9, 20, 10, tzinfo=dt.UTC),
    ):
        report = report_file(
            project=project,
            user=member,
            period_start=dt.date(2026, 1, 1),
            period_end=submitted.date(),
            narrative="进展",
            counts=BeneficiaryCounts(reached_other=1),
        )
        ProgressReport.objects.filter(pk=report.pk).update(submitted_at=submitted)
    # then only the second quarter is still overdue
    found = projects_reporting_overdue(organisation=project.organisation, today=TODAY)
    assert [d.period_start for d in found[0].duties] == [dt.date(2026, 4, 1)]


def test_region_scope(project):
    # the project serves 360300 (a prefecture): its counties' staff and the province's see it; Beijing's do not
    assert projects_reporting_overdue(region_codes=["360321"], today=TODAY)
    assert projects_reporting_overdue(region_codes=["360000"], today=TODAY)
    assert projects_reporting_overdue(region_codes=["110000"], today=TODAY) == []


def test_organisation_page_include(project):
    html = Template("{% load outcomes_tags %}{% overdue_reports organisation %}").render(
        Context({"organisation": project.organisation})
    )
    assert "信息公开报告逾期" in html and project.title in html


def test_include_renders_nothing_when_up_to_date(project):
    other = ProjectFactory(starts_on=None)
    html = Template("{% load outcomes_tags %}{% overdue_reports organisation %}").render(
        Context({"organisation": other.organisation})
    )
    assert html.strip() == ""
