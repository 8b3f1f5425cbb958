"""A prefecture officer declares that a relative works for an organisation registered in the prefecture, then
meets the refusal when vetting it and hands the decision to the national officer."""

import pytest
from playwright.sync_api import expect

from matching.notifications.models import Notification
from tests.browser.journeys import Journey
from tests.browser.test_journeys_staff import staff_sign_in
from tests.browser.world import ORG_NAME, world_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def world(site_server):
    return world_make()


def test_an_officer_declares_an_interest_and_the_vetting_goes_to_another(module_page, world, shot):
    officer = Journey(module_page(), "officer with an interest")
    staff_sign_in(officer, "pingxiang_officer")
    officer.link("我的利益申报", within="#interests-panel-h >> xpath=..")
    officer.see("我的利益申报", "您还没有申报过利益关系。")
    officer.page.fill("input[name=organisation]", ORG_NAME)
    officer.page.fill("textarea[name=reason]", "表弟在该中心任社工")
    officer.page.select_option("select[name=kind]", "family")
    officer.button("申报", within="main form:has(textarea)", exact=True)
    officer.see("已申报", ORG_NAME, "表弟在该中心任社工", within="body")
    shot(officer.page, "declared")

    officer.start(f"/admin/organisations/{world.organisation.pk}/vet/")
    alert = officer.page.get_by_role("alert")
    expect(alert).to_contain_text("表弟在该中心任社工")
    expect(alert).to_contain_text("national_officer")
    assert officer.page.locator("select[name=decision]").count() == 0
    shot(officer.page, "refused")
    officer.button("通知他们作出决定")
    expect(officer.page.locator("body")).to_contain_text("已请同一范围内的其他干部审核")
    assert Notification.objects.filter(
        recipient__username="national_officer",
        kind="decision.handed_over",
        url=f"/admin/organisations/{world.organisation.pk}/vet/",
    ).exists()
