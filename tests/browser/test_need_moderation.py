"""A county clerk writes a need in the Wagtail admin and submits it; the county officer approves it
through the workflow; the public sees it with its response log."""
import re

import pytest
from playwright.sync_api import expect

from matching.models import NeedPage, Region
from matching.services.regions import region_page_ensure
from matching.services.staff import staff_user_add
from tests.browser.conftest import admin_login

pytestmark = pytest.mark.django_db(transaction=True)


def test_clerk_submits_officer_approves_public_sees(new_page, shot):
    lianhua = Region.objects.get(code="360321")
    staff_user_add(username="clerk", password="demo-pass-123", region=lianhua, role="clerk")
    staff_user_add(username="officer", password="demo-pass-123", region=lianhua, role="officer")
    county_page = region_page_ensure(region=lianhua)

    clerk = new_page()
    admin_login(clerk, "clerk", "demo-pass-123")
    clerk.goto(f"/admin/pages/add/matching/needpage/{county_page.pk}/")
    clerk.fill("input[name=title]", "坊楼镇敬老院卫生间加装扶手")
    clerk.locator(".Draftail-Editor [contenteditable=true]").first.click()
    clerk.keyboard.type("敬老院卫生间没有扶手，老人洗澡容易滑倒，需要改造。")
    # Draftail writes its content into the hidden field asynchronously: submit only once it is there.
    expect(clerk.locator("input[name=description]")).to_have_value(re.compile("滑倒"))
    clerk.check("input[name=categories][value=elderly_care]")
    clerk.fill("input[name=beneficiaries]", "42")
    clerk.fill("input[name=amount_requested]", "12000.00")
    shot(clerk, "clerk-writes-need")
    with clerk.expect_navigation():
        clerk.locator("button[name=action-submit]").evaluate("b => b.click()")
    shot(clerk, "clerk-submitted")

    need = NeedPage.objects.get(title="坊楼镇敬老院卫生间加装扶手")
    assert not need.live and need.current_workflow_state is not None
    assert need.amount_requested == 1_200_000

    officer = new_page()
    admin_login(officer, "officer", "demo-pass-123")
    officer.goto(f"/admin/pages/{need.pk}/edit/")
    shot(officer, "officer-reviews")
    with officer.expect_navigation():
        officer.locator("button[data-workflow-action-name=approve]").first.evaluate("b => b.click()")
    shot(officer, "officer-approved")

    need.refresh_from_db()
    assert need.live and need.status == "open"

    public = new_page()
    public.goto(need.url)
    body = public.content()
    shot(public, "public-need-page")
    assert "坊楼镇敬老院卫生间加装扶手" in body
    assert "¥12,000.00" in body
    assert "需求已发布，等待响应" in body
