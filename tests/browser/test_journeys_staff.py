"""Journeys of civil-affairs staff in the admin, by clicks alone from the sign-in page: a county clerk writes a
need and submits it, the county officer approves it, prefecture staff follow a need to its candidates."""

import re

import pytest
from playwright.sync_api import expect

from matching.models import NeedPage, RegionPage
from tests.browser.journeys import Journey
from tests.browser.world import NEED_PROPOSED, PASSWORD, PROJECT_TITLE, world_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
NEW_NEED = "神泉乡敬老院厨房改造"


@pytest.fixture(scope="module")
def world(site_server):
    return world_make()


def staff_sign_in(j: Journey, username: str) -> Journey:
    """The staff's bookmark is the admin: it hands over to the one sign-in page and comes back."""
    j.start("/admin/login/")
    j.page.wait_for_url("**/accounts/login/**")
    j.page.fill("input[name=login]", username)
    j.page.fill("input[name=password]", PASSWORD)
    return j.click("form:has(input[name=login]) button[type=submit]")


def footer_action(j: Journey, name: str) -> Journey:
    """A button of the editor's footer: open the footer's menu first when it is folded into it."""
    button = j.page.locator(f"footer button[name='{name}'], footer button[data-workflow-action-name='{name}']")
    if not button.first.is_visible():
        j.click(j.page.locator("footer .w-dropdown__toggle, footer [aria-label='更多操作']"), navigates=False)
    return j.click(button)


def test_county_clerk_writes_a_need_and_submits_it_then_the_officer_publishes_it(module_page, world):
    clerk = Journey(module_page(), "county clerk")
    staff_sign_in(clerk, "lianhua_clerk")
    expect(clerk.page.locator("body")).to_contain_text("我负责的地区")
    assert clerk.page.locator("a[href*='/funding/grants/new/']").count() == 0  # a clerk never records grants
    clerk.link("在莲花县新增需求")
    clerk.page.fill("input[name=title]", NEW_NEED)
    editor = clerk.page.locator(".Draftail-Editor [contenteditable=true]").first
    clerk.click(editor, navigates=False)
    clerk.page.keyboard.type("敬老院厨房灶台老化，存在安全隐患，需要更换。")
    expect(clerk.page.locator("input[name=description]")).to_have_value(re.compile("灶台"))
    clerk.click(clerk.page.locator("input[name=categories][value=elderly_care]"), navigates=False)
    assert clerk.page.locator("select[name=status]").count() == 0  # status moves only through the lifecycle
    clerk.page.fill("input[name=beneficiaries]", "30")
    clerk.page.fill("input[name=amount_requested]", "8000.00")
    footer_action(clerk, "action-submit")
    need = NeedPage.objects.get(title=NEW_NEED)
    assert not need.live and need.current_workflow_state is not None

    officer = Journey(module_page(), "county officer")
    staff_sign_in(officer, "lianhua_officer")
    officer.click(officer.page.get_by_role("link", name=NEW_NEED))
    footer_action(officer, "approve")
    expect(officer.page.locator("body")).to_contain_text("已审核通过并发布")
    need.refresh_from_db()
    assert need.live and need.status == NeedPage.Status.OPEN


def test_prefecture_staff_follow_a_need_to_its_candidates(module_page, world):
    j = Journey(module_page(), "prefecture staff")
    staff_sign_in(j, "pingxiang_officer")
    j.link("萍乡市的需求")
    county = RegionPage.objects.get(region_id="360321")
    j.click(j.page.locator(f"main a[href$='/admin/pages/{county.pk}/']"))  # 莲花县's needs
    j.click(j.page.locator("main").get_by_role("link", name=NEED_PROPOSED).first)
    j.link("匹配候选与推荐")
    expect(j.page.locator("body")).to_contain_text(PROJECT_TITLE)
    j.link(PROJECT_TITLE).see(PROJECT_TITLE, "报名参加")
