"""Two organisations and a need in 莲花县, the county's officer, an officer of 上栗县 next door; helpers that commit
an organisation to a need the way the product does (a self-proposal the officer accepts, money with a receipt)."""

import pytest

from matching.models import Match, Membership, Region
from matching.services.matches import match_accept
from matching.services.regions import region_page_ensure
from matching.services.staff import staff_user_add
from search.self_proposals import match_propose_own_project
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    make_document,
    make_need,
)

NEED_TEXT = "<p>坊楼镇敬老院卫生间没有扶手，二十多位老人洗澡不便，需要加装扶手和防滑地面。</p>"


@pytest.fixture
def lianhua(db):
    region = Region.objects.get(code="360321")
    region_page_ensure(region=region)
    return region


@pytest.fixture
def officer(lianhua):
    return staff_user_add(username="overlap-officer", password="x", region=lianhua, role="officer")


@pytest.fixture
def shangli_officer(db):
    return staff_user_add(username="overlap-shangli", password="x", region=Region.objects.get(code="360322"))


def _org(name: str, project_title: str):
    org = OrganisationFactory(name=name, service_regions=["360300"], categories=["elderly_care"])
    admin = MembershipFactory(organisation=org, role=Membership.Role.ADMIN).user
    project = ProjectFactory(organisation=org, title=project_title, service_regions=["360300"])
    return org, admin, project


@pytest.fixture
def first(lianhua):
    return _org("萍乡市善行社工中心", "敬老院适老化改造（善行）")


@pytest.fixture
def second(lianhua):
    return _org("莲花县仁爱志愿者协会", "敬老院扶手加装（仁爱）")


@pytest.fixture
def need(lianhua):
    return make_need(
        county="360321", title="坊楼镇敬老院卫生间加装扶手", description=NEED_TEXT, amount_requested=1_200_000
    )


def propose(org_party, need) -> Match:
    _org, admin, project = org_party
    return match_propose_own_project(user=admin, need=need, project=project)


def commit(org_party, need, officer) -> Match:
    """The organisation proposes its project and the county officer accepts: a firm commitment."""
    return match_accept(user=officer, match=propose(org_party, need))


def fund(org_party, amount: int = 5_000_000):
    """Own funds into the organisation's project (with a document), so it can disburse."""
    from matching.funding.services.grants import grant_record

    _org, admin, project = org_party
    document = make_document(title="自有资金凭证", filename="own.txt", content=b"own funds")
    return grant_record(project=project, source="own_funds", amount=amount, document=document, user=admin)


def disburse(org_party, need, amount: int, purpose: str = "扶手与防滑地面材料"):
    from matching.funding.services.disbursements import disbursement_create

    _org, admin, project = org_party
    receipt = make_document(title="收据", filename="receipt.txt", content=b"receipt")
    return disbursement_create(project=project, need=need, amount=amount, purpose=purpose, receipt=receipt, user=admin)
