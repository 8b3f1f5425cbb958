"""One personal-data guard for every free text that becomes public — needs, progress reports, deliveries,
projects, organisations — on normalised text, so dots, spaces and full-width digits do not slip through.
Each refusal leaves nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matching.models import NeedPage, Organisation, Project, Region
from matching.outcomes.models import DeliveryRecord, ProgressReport
from matching.outcomes.services.deliveries import need_fulfil
from matching.outcomes.services.reports import MilestoneFields, report_file
from matching.services.needs import NeedFields, need_create, need_update
from matching.services.project_lifecycle import (
    ProjectFields,
    project_create,
    project_update,
)

from .conftest import SECRET_NAME

pytestmark = pytest.mark.django_db

DISGUISED = [
    "联系 139.1234.0002",
    "身份证 360321.1958.0312.1010",
    "电话 １３９ １２３４ ０００２",
    "3603 2119 5803 1210 10",
]


@pytest.mark.parametrize("text", DISGUISED)
def test_a_need_with_disguised_personal_data_is_refused(county_staff, text):
    county = Region.objects.get(code="360321")
    with pytest.raises(ValidationError) as caught:
        need_create(
            county=county,
            user=county_staff,
            publish=True,
            fields=NeedFields(title="敬老院卫浴改造", description=f"<p>{text}</p>", categories=["elderly_care"]),
        )
    assert "description" in caught.value.message_dict
    assert not NeedPage.objects.filter(title="敬老院卫浴改造").exists()


def test_a_beneficiarys_name_with_a_space_is_refused_in_the_need_text(need, beneficiary, county_staff):
    spaced = " ".join(SECRET_NAME)  # 王 秀 英
    with pytest.raises(ValidationError):
        need_update(
            need=need,
            user=county_staff,
            fields=NeedFields(title=need.title, description=f"<p>照顾{spaced}老人</p>", categories=["elderly_care"]),
        )
    need.refresh_from_db()
    assert spaced not in need.description


@pytest.mark.parametrize("text", DISGUISED)
def test_a_progress_report_narrative_is_checked(project, member, text):
    project.status = Project.Status.ACTIVE
    project.save()
    with pytest.raises(ValidationError) as caught:
        report_file(
            project=project,
            user=member,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 3, 31),
            narrative=f"本期完成改造。{text}",
        )
    assert "narrative" in caught.value.message_dict
    assert not ProgressReport.objects.exists()


def test_a_report_naming_a_beneficiary_of_a_served_need_is_refused(matched_need, beneficiary, project, member):
    project.status = Project.Status.ACTIVE
    project.save()
    with pytest.raises(ValidationError):
        report_file(
            project=project,
            user=member,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 3, 31),
            narrative="本期为王·秀英老人安装扶手。",
            milestones=[MilestoneFields(title="安装扶手")],
        )
    with pytest.raises(ValidationError) as caught:
        report_file(
            project=project,
            user=member,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 3, 31),
            narrative="本期安装扶手。",
            milestones=[MilestoneFields(title="回访 139-1234-0002")],
        )
    assert "milestones" in caught.value.message_dict
    assert not ProgressReport.objects.exists()


def test_a_delivery_text_is_checked(need, beneficiary, county_staff, pdf_upload):
    with pytest.raises(ValidationError) as caught:
        need_fulfil(
            need=need,
            user=county_staff,
            what=f"米面油已送到{SECRET_NAME[0]} {SECRET_NAME[1:]}家",
            delivered_on=timezone.localdate(),
            documents=[pdf_upload],
        )
    assert "what" in caught.value.message_dict
    assert not DeliveryRecord.objects.exists()


WHERE = {"categories": ("elderly_care",), "service_regions": ("360321",)}


@pytest.mark.parametrize("text", DISGUISED)
def test_project_texts_are_checked(project, member, text):
    with pytest.raises(ValidationError) as caught:
        project_create(
            user=member,
            organisation=project.organisation,
            fields=ProjectFields(title="助老项目", summary=text, **WHERE),
        )
    assert "summary" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        project_update(
            user=member,
            project=project,
            fields=ProjectFields(
                title=project.title, description=text, starts_on=project.starts_on, ends_on=project.ends_on, **WHERE
            ),
        )
    assert "description" in caught.value.message_dict
    assert not Project.objects.filter(title="助老项目").exists()


def test_organisation_texts_are_checked(project):
    organisation = project.organisation
    organisation.description = "负责人电话 139 1234 0002"
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "description" in caught.value.message_dict
    assert Organisation.objects.get(pk=organisation.pk).description != organisation.description
