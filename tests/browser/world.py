"""The people and things the journeys meet: county, prefecture and national staff; a verified organisation with
an admin and a member, an active project and needs in its area; a volunteer. Made through the services."""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress

from matching.models import Membership, Region
from matching.services.matches import match_propose
from matching.services.regions import region_page_ensure
from matching.services.staff import staff_user_add
from matching.services.volunteers import volunteer_profile_save
from tests.browser.conftest import email_verified_ensure
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
    make_need,
)

PASSWORD = "journey-pass-2026"
ORG_NAME = "萍乡市善行社会工作服务中心"
PROJECT_TITLE = "萍乡农村敬老院适老化改造"
NEED_PROPOSED = "坊楼镇敬老院卫生间加装扶手"
NEED_FOR_VOLUNTEER = "坪里村留守儿童周末课业辅导"
NEED_OLDER = "六市乡特困老人冬季取暖"


@dataclass
class World:
    organisation: object
    project: object
    proposal: object
    volunteer_match: object


def portal_user(username: str, email: str):
    user = UserFactory(username=username, email=email)
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def world_make() -> World:
    lianhua = Region.objects.get(code="360321")
    region_page_ensure(region=lianhua)
    officer = staff_user_add(username="lianhua_officer", password=PASSWORD, region=lianhua, role="officer")
    staff_user_add(username="lianhua_clerk", password=PASSWORD, region=lianhua, role="clerk")
    staff_user_add(username="pingxiang_officer", password=PASSWORD, region=Region.objects.get(code="360300"))
    staff_user_add(username="national_officer", password=PASSWORD, region=None)
    for username in ("lianhua_officer", "lianhua_clerk", "pingxiang_officer", "national_officer"):
        email_verified_ensure(username)
    organisation = OrganisationFactory(name=ORG_NAME, service_regions=["360300"], categories=["elderly_care"])
    MembershipFactory(
        user=portal_user("org_admin", "admin@shanxing.example"), organisation=organisation, role=Membership.Role.ADMIN
    )
    MembershipFactory(
        user=portal_user("org_member", "member@shanxing.example"),
        organisation=organisation,
        role=Membership.Role.MEMBER,
    )
    project = ProjectFactory(
        organisation=organisation,
        ref="prj-journey",
        title=PROJECT_TITLE,
        service_regions=["360300"],
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        volunteer_slots=5,
    )
    make_need(title=NEED_OLDER)
    need = make_need(title=NEED_PROPOSED, beneficiaries=42, amount_requested=1_200_000)
    proposal = match_propose(user=officer, need=need, project=project, score=0.9, reasons=["类别相同：养老服务"])
    volunteer_user = portal_user("volunteer", "lin@example.org")
    volunteer = volunteer_profile_save(
        user=volunteer_user,
        display_name="林老师",
        skills=["teaching"],
        service_regions=["360321"],
        hours_per_month=12,
        weekends=True,
    )
    child_need = make_need(title=NEED_FOR_VOLUNTEER, categories=("education",), volunteers_needed=2)
    volunteer_match = match_propose(
        user=officer, need=child_need, volunteer=volunteer, score=0.8, reasons=["技能相符：课业辅导"]
    )
    return World(organisation=organisation, project=project, proposal=proposal, volunteer_match=volunteer_match)
