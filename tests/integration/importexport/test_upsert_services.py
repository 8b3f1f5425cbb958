"""The upsert services the importer, admin and portal share: validation and who may write."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from matching.error_codes import OrganisationErrorCode, ProjectErrorCode
from matching.errors import error_codes
from matching.models import Organisation, Project, Volunteer
from matching.services.organisations import organisation_upsert
from matching.services.projects import project_upsert
from matching.services.volunteers import volunteer_upsert
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory

from .conftest import uscc

pytestmark = pytest.mark.django_db


def test_organisation_upsert_refuses_a_wrong_check_digit_and_writes_nothing():
    with pytest.raises(ValidationError) as refused:
        organisation_upsert(ref="org-x", name="某组织", uscc=uscc(5)[:17] + "0", org_type="foundation")
    assert error_codes(refused.value) == {OrganisationErrorCode.INVALID_USCC}
    assert list(refused.value.message_dict) == ["uscc"]

    assert not Organisation.objects.filter(ref="org-x").exists()


def test_organisation_upsert_refuses_an_unknown_org_type():
    with pytest.raises(ValidationError) as refused:
        organisation_upsert(ref="org-x", name="某组织", uscc=uscc(5), org_type="charity")
    assert error_codes(refused.value) == {OrganisationErrorCode.UNKNOWN_ORG_TYPE}


def test_organisation_upsert_updates_in_place_and_only_admins_or_vetting_staff_may():
    org = organisation_upsert(
        ref="org-x",
        name="某组织",
        uscc=uscc(5),
        org_type="foundation",
        service_regions=["360300"],
        categories=["medical"],
        status="verified",
    )
    stranger = UserFactory()
    admin = MembershipFactory(organisation=org).user

    with pytest.raises(PermissionDenied):
        organisation_upsert(ref="org-x", name="改名", uscc=uscc(5), org_type="foundation", user=stranger)
    with pytest.raises(PermissionDenied, match="审核状态"):
        organisation_upsert(
            ref="org-x", name="某组织", uscc=uscc(5), org_type="foundation", status="pending", user=admin
        )
    organisation_upsert(
        ref="org-x", name="新名称", uscc=uscc(5), org_type="foundation", user=admin, service_regions=["360321"]
    )

    org.refresh_from_db()
    assert org.name == "新名称" and org.status == "verified"
    assert list(org.service_regions.values_list("code", flat=True)) == ["360321"]


def test_project_upsert_refuses_a_window_that_ends_before_it_starts():
    org = OrganisationFactory()

    with pytest.raises(ValidationError) as refused:
        project_upsert(
            ref="prj-x",
            organisation=org,
            title="t",
            starts_on=datetime.date(2027, 1, 1),
            ends_on=datetime.date(2026, 1, 1),
        )
    assert error_codes(refused.value) == {ProjectErrorCode.ENDS_BEFORE_START}

    assert not Project.objects.filter(ref="prj-x").exists()


def test_project_upsert_only_by_members_of_its_organisation():
    project = ProjectFactory()
    stranger = UserFactory()

    with pytest.raises(PermissionDenied):
        project_upsert(ref=project.ref, organisation=project.organisation, title="改", user=stranger)
    member = MembershipFactory(organisation=project.organisation, role="member").user
    project_upsert(
        ref=project.ref,
        organisation=project.organisation,
        title="改",
        user=member,
        categories=["housing"],
        budget_available=100,
    )

    project.refresh_from_db()
    assert project.title == "改" and project.budget_available == 100
    assert list(project.categories.values_list("code", flat=True)) == ["housing"]


def test_volunteer_upsert_links_an_account_once_and_guards_the_profile():
    owner, other = UserFactory(), UserFactory()
    volunteer_upsert(ref="vol-x", display_name="李老师", skills=["teaching"], account=owner)

    with pytest.raises(PermissionDenied):
        volunteer_upsert(ref="vol-x", display_name="别人", user=other)
    with pytest.raises(PermissionDenied):
        volunteer_upsert(ref="vol-x", display_name="李老师", account=other)
    assert Volunteer.objects.get(ref="vol-x").user == owner
