"""Every role of the permission model, in two counties of two prefectures, with an organisation in each.

莲花县 (360321, 萍乡市 360300) is "own"; 遂川县 (360827, 吉安市 360800) is "other". Both are in 江西省 (360000).
"""

import io

import pytest
from PIL import Image

from matching.models import Match, Membership, Region, StaffScope
from matching.services.staff import staff_user_add
from matching.uploads import Upload
from tests.factories import (
    MatchFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
    VolunteerFactory,
    make_document,
    make_need,
    make_uscc,
)

OWN, OTHER = "360321", "360827"
PASSWORD = "x-pass-12345"

ROLES = (
    "superuser",
    "national",
    "province",
    "prefecture",
    "county_officer",
    "county_clerk",
    "org_admin",
    "org_member",
    "volunteer",
    "anonymous",
)


def _staff(username, code, role=StaffScope.Role.OFFICER):
    region = Region.objects.get(code=code) if code else None
    return staff_user_add(username=username, password=PASSWORD, region=region, role=role)


@pytest.fixture
def world(db):
    """Two of everything: own county (莲花) and other county (遂川)."""
    from types import SimpleNamespace

    own_org = OrganisationFactory(
        name="莲花县社工服务中心", uscc=make_uscc(11, OWN), service_regions=[Region.objects.get(code=OWN)]
    )
    other_org = OrganisationFactory(
        name="遂川县助老协会", uscc=make_uscc(12, OTHER), service_regions=[Region.objects.get(code=OTHER)]
    )
    own_project = ProjectFactory(
        organisation=own_org, title="莲花县敬老院改造项目", service_regions=[Region.objects.get(code=OWN)]
    )
    other_project = ProjectFactory(
        organisation=other_org, title="遂川县助老项目", service_regions=[Region.objects.get(code=OTHER)]
    )
    users = {
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
        "national": _staff("nat", None),
        "province": _staff("jx", "360000"),
        "prefecture": _staff("px", "360300"),
        "county_officer": _staff("lh", OWN),
        "county_clerk": _staff("lhc", OWN, StaffScope.Role.CLERK),
        "org_admin": MembershipFactory(organisation=own_org, role=Membership.Role.ADMIN, user__username="oa").user,
        "org_member": MembershipFactory(organisation=own_org, role=Membership.Role.MEMBER, user__username="om").user,
        "anonymous": None,
    }
    volunteer = VolunteerFactory(display_name="李志愿", user=UserFactory(username="vol"), service_regions=[OWN])
    other_volunteer = VolunteerFactory(
        display_name="王志愿", user=UserFactory(username="vol2"), service_regions=[OTHER]
    )
    users["volunteer"] = volunteer.user
    for u in users.values():
        if u is not None:
            u.set_password(PASSWORD)
            u.save()
    own_need = make_need(county=OWN, title="莲花县敬老院卫浴改造")
    other_need = make_need(county=OTHER, title="遂川县敬老院卫浴改造")
    own_match = MatchFactory(need=own_need, project=own_project, status=Match.Status.PROPOSED, proposed_side="staff")
    other_match = MatchFactory(
        need=other_need, project=other_project, status=Match.Status.PROPOSED, proposed_side="staff"
    )
    return SimpleNamespace(
        users=users,
        orgs={"own": own_org, "other": other_org},
        projects={"own": own_project, "other": other_project},
        needs={"own": own_need, "other": other_need},
        matches={"own": own_match, "other": other_match},
        volunteers={"own": volunteer, "other": other_volunteer},
    )


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 160, 60)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def photo():
    return Upload(name="现场.jpg", content=jpeg(), caption="现场")


@pytest.fixture
def receipt(db):
    return make_document(title="收据", filename="receipt.pdf", content=b"%PDF-1.4\n%%EOF\n")
