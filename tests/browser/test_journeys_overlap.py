"""A county officer meets the overlap before approving, by clicks alone from the sign-in page: on the need's
candidates screen a second organisation's proposal carries the warning (the first organisation, its project, that
it accepted and what it disbursed, with links) and the officer accepts knowingly; on the screen of disbursements to
confirm, the second organisation's money carries the same warning before 确认到位."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from matching.funding.models import Disbursement
from matching.funding.services.disbursements import (
    disbursement_confirm,
    disbursement_create,
)
from matching.funding.services.grants import grant_record
from matching.models import Match, Membership
from matching.services.matches import match_accept, match_propose
from search.self_proposals import match_propose_own_project
from tests.browser.journeys import Journey
from tests.browser.test_journeys_staff import staff_sign_in
from tests.browser.world import ORG_NAME, PROJECT_TITLE, portal_user, world_make
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    make_document,
    make_need,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
NEED_OVERLAP = "良坊镇敬老院浴室防滑改造"
SECOND_ORG = "莲花县仁爱志愿者协会"
SECOND_PROJECT = "敬老院浴室防滑（仁爱）"
NEED_MONEY = "神泉乡敬老院厨房燃气灶更换"


def _money_in(project, user, amount):
    document = make_document(title="自有资金凭证", filename="own.txt", content=b"own funds")
    grant_record(project=project, source="own_funds", amount=amount, document=document, user=user)


def _disburse(project, need, user, amount):
    receipt = make_document(title="收据", filename="receipt.txt", content=b"receipt")
    return disbursement_create(
        project=project, need=need, amount=amount, purpose="防滑地砖与扶手", receipt=receipt, user=user
    )


@pytest.fixture(scope="module")
def overlap_world(site_server):
    """The journeys' world, plus two needs the world's organisation has accepted and been paid for; a second
    organisation proposes its own project for the first and has sent money to the second (made before the journey:
    the live server sees only what is committed)."""
    world = world_make()
    org_admin = get_user_model().objects.get(username="org_admin")
    county_officer = get_user_model().objects.get(username="lianhua_officer")
    need = make_need(
        title=NEED_OVERLAP,
        amount_requested=800_000,
        description="<p>良坊镇敬老院浴室地面湿滑，老人多次摔倒，需要铺防滑地砖。</p>",
    )
    money_need = make_need(
        title=NEED_MONEY,
        amount_requested=600_000,
        description="<p>神泉乡敬老院灶台老化漏气，需要更换燃气灶和排烟管。</p>",
    )
    _money_in(world.project, org_admin, 1_000_000)
    for n in (need, money_need):
        match_accept(user=org_admin, match=match_propose(user=county_officer, need=n, project=world.project))
        disbursement_confirm(disbursement=_disburse(world.project, n, org_admin, 300_000), user=county_officer)
    second = OrganisationFactory(name=SECOND_ORG, service_regions=["360300"], categories=["elderly_care"])
    second_admin = portal_user("renai_admin", "admin@renai.example")
    MembershipFactory(user=second_admin, organisation=second, role=Membership.Role.ADMIN)
    project = ProjectFactory(organisation=second, title=SECOND_PROJECT, service_regions=["360300"])
    proposal = match_propose_own_project(user=second_admin, need=need, project=project)
    match_accept(
        user=county_officer, match=match_propose_own_project(user=second_admin, need=money_need, project=project)
    )
    _money_in(project, second_admin, 500_000)
    money = _disburse(project, money_need, second_admin, 200_000)
    assert money.status == Disbursement.Status.AWAITING_CONFIRMATION
    return {"proposal": proposal, "money": money, "first_org_ref": world.organisation.ref}


def test_the_county_officer_meets_the_overlap_before_accepting_and_before_confirming_money(
    module_page, shot, overlap_world
):
    j = Journey(module_page(), "officer meets overlap")
    staff_sign_in(j, "lianhua_officer")
    j.link("莲花县的需求")
    j.click(j.page.locator("main").get_by_role("link", name=NEED_OVERLAP).first)
    j.link("匹配候选与推荐")
    proposal = overlap_world["proposal"]
    warning = j.page.locator(f"#overlap-{proposal.pk} .overlap-warning")
    expect(warning).to_contain_text("重复资助提示：其他组织已承诺这一需求")
    expect(warning).to_contain_text(ORG_NAME)
    expect(warning).to_contain_text(PROJECT_TITLE)
    expect(warning).to_contain_text("已接受")
    expect(warning).to_contain_text("已拨付 ¥3,000.00")
    expect(warning.get_by_role("link", name=ORG_NAME)).to_have_attribute(
        "href", f"/organisations/{overlap_world['first_org_ref']}/"
    )
    shot(j.page, "candidates-overlap")
    # the warning sits right under the proposal it concerns, before its 同意 button is pressed
    row = j.page.locator("tr", has=j.page.get_by_role("link", name=SECOND_PROJECT))
    j.click(row.get_by_role("button", name="同意"))
    expect(j.page.locator("body")).to_contain_text("已记录")
    assert Match.objects.get(pk=proposal.pk).status == Match.Status.ACCEPTED

    money = overlap_world["money"]
    j = Journey(j.page, "officer confirms money").start("/admin/")  # the officer's bookmark, signed in
    j.link("待确认拨付")
    warning = j.page.locator(f"#overlap-{money.pk} .overlap-warning")
    expect(warning).to_contain_text(ORG_NAME)
    expect(warning).to_contain_text("已拨付 ¥3,000.00")
    shot(j.page, "disbursements-overlap")
    j.click(j.page.locator(f"#disbursement-{money.pk}").get_by_role("button", name="确认到位"))
    expect(j.page.locator("body")).to_contain_text("已确认拨付")
    assert Disbursement.objects.get(pk=money.pk).status == Disbursement.Status.CONFIRMED


def test_the_county_officer_reads_the_months_overlaps_from_the_dashboard(module_page, shot, overlap_world):
    j = Journey(module_page(), "officer reads the overlap report")
    staff_sign_in(j, "lianhua_officer")
    j = Journey(j.page, "officer reads the overlap report").start("/dashboard/")  # the staff dashboard, signed in
    j.link("重复资助月报")
    county = j.page.locator("#overlap-county-360321")
    expect(county).to_contain_text("莲花县")
    expect(county).to_contain_text(NEED_MONEY)
    expect(county).to_contain_text(ORG_NAME)
    expect(county).to_contain_text(SECOND_ORG)
    expect(j.page.get_by_role("link", name="下载 CSV")).to_be_visible()
    shot(j.page, "overlap-report")
