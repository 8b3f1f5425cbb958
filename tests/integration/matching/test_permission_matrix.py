"""Role × action × own/other region or organisation. The services decide; every interface asks them."""

import pytest
from django.core.exceptions import PermissionDenied

from matching.error_codes import OrganisationErrorCode
from matching.errors import error_codes
from matching.models import Region
from matching.permissions import can_change_project, can_vet_organisation
from matching.services.staff import staff_user_add
from matching.services.vetting import organisation_vet
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory, make_need, make_uscc

pytestmark = pytest.mark.django_db

LIANHUA, SUICHUAN = "360321", "360827"  # 萍乡市莲花县, 吉安市遂川县


@pytest.fixture
def people(db):
    r = Region.objects.get
    staff = {
        "national": staff_user_add(username="nat", password="x", region=None),
        "province": staff_user_add(username="jx", password="x", region=r(code="360000")),
        "prefecture_jian": staff_user_add(username="ja", password="x", region=r(code="360800")),
        "county_lianhua": staff_user_add(username="lh", password="x", region=r(code=LIANHUA)),
        "clerk_lianhua": staff_user_add(username="lhc", password="x", region=r(code=LIANHUA), role="clerk"),
    }
    org = OrganisationFactory(uscc=make_uscc(7, "360300"))
    other = OrganisationFactory(uscc=make_uscc(8, "110000"))
    staff["org_admin"] = MembershipFactory(organisation=org, role="admin").user
    staff["org_member"] = MembershipFactory(organisation=org, role="member").user
    staff["plain_user"] = UserFactory()
    return staff, org, other


CREATE_NEED = [  # role, county, allowed
    ("national", LIANHUA, True),
    ("national", SUICHUAN, True),
    ("province", LIANHUA, True),
    ("province", SUICHUAN, True),
    ("prefecture_jian", LIANHUA, False),
    ("prefecture_jian", SUICHUAN, True),
    ("county_lianhua", LIANHUA, True),
    ("county_lianhua", SUICHUAN, False),
    ("clerk_lianhua", LIANHUA, True),
    ("clerk_lianhua", SUICHUAN, False),
    ("org_admin", LIANHUA, False),
    ("plain_user", LIANHUA, False),
]


@pytest.mark.parametrize("role, county, allowed", CREATE_NEED)
def test_create_need_only_inside_own_region(people, role, county, allowed):
    users, _, _ = people
    if allowed:
        need = make_need(county=county, user=users[role])
        assert need.county_id == county
        # Clerks cannot publish: their need waits in the region's approval workflow.
        assert need.live is (role != "clerk_lianhua")
        assert (need.current_workflow_state is not None) is (role == "clerk_lianhua")
    else:
        with pytest.raises(PermissionDenied):
            make_need(county=county, user=users[role])


@pytest.mark.parametrize(
    "role, can_publish",
    [
        ("national", True),
        ("province", True),
        ("county_lianhua", True),
        ("clerk_lianhua", False),
        ("prefecture_jian", False),
        ("org_admin", False),
    ],
)
def test_publish_permission_on_a_lianhua_need(people, role, can_publish):
    users, _, _ = people
    need = make_need(county=LIANHUA)
    assert need.permissions_for_user(users[role]).can_publish() is can_publish


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("national", True),
        ("province", True),
        ("county_lianhua", False),
        ("prefecture_jian", False),
        ("org_admin", False),
        ("plain_user", False),
    ],
)
def test_vetting_organisations_registered_in_the_region(people, role, allowed):
    users, org, _ = people  # registered in 萍乡市 (360300)
    assert can_vet_organisation(users[role], org) is allowed
    if allowed:
        assert organisation_vet(organisation=org, user=users[role], decision="approve").status == "verified"
    else:
        with pytest.raises(PermissionDenied):
            organisation_vet(organisation=org, user=users[role], decision="approve")


def test_province_staff_cannot_vet_an_organisation_registered_elsewhere(people):
    users, _, other = people  # registered in 北京
    assert not can_vet_organisation(users["province"], other)


@pytest.mark.parametrize(
    "role, own, allowed",
    [
        ("org_admin", True, True),
        ("org_member", True, True),
        ("org_admin", False, False),
        ("org_member", False, False),
        ("province", True, False),
        ("plain_user", True, False),
    ],
)
def test_projects_change_only_by_their_organisation(people, role, own, allowed):
    users, org, other = people
    project = ProjectFactory(organisation=org if own else other)
    assert can_change_project(users[role], project) is allowed


@pytest.mark.parametrize(
    "role, county, reachable",
    [
        ("county_lianhua", LIANHUA, True),
        ("county_lianhua", SUICHUAN, False),
        ("prefecture_jian", LIANHUA, False),
        ("prefecture_jian", SUICHUAN, True),
    ],
)
def test_admin_edit_url_of_another_region_is_refused_without_leaking(client, people, role, county, reachable):
    users, _, _ = people
    need = make_need(county=county, title=f"保密测试需求{county}")
    client.force_login(users[role])
    response = client.get(f"/admin/pages/{need.pk}/edit/")
    if reachable:
        assert response.status_code == 200
        assert need.title in response.content.decode()
    else:
        assert response.status_code in (302, 403, 404)
        assert need.title not in response.content.decode()


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(people):
    users, org, _ = people
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        organisation_vet(organisation=org, user=users["province"], decision="suspend", note=" ")
    assert error_codes(refused.value) == {OrganisationErrorCode.REASON_REQUIRED}
    org.refresh_from_db()
    assert org.status == "verified" and org.vetted_by is None
