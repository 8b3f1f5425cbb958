"""A donor gives through the local Stripe test server and sees the money arrive; a new organisation signs up
(in English) and registers; by clicks alone from the home page."""

import time

import pytest
from django.core import mail
from django.test.utils import override_settings
from django.urls import reverse
from playwright.sync_api import expect

from matching.funding.models import Donation
from matching.models import Organisation
from tests.browser.journeys import Journey
from tests.browser.world import PROJECT_TITLE, world_make
from tests.factories import make_uscc
from tests.stripe_server import LocalStripe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def world(site_server):
    stripe = LocalStripe()
    with override_settings(
        STRIPE_API_BASE=stripe.url,
        STRIPE_SECRET_KEY="sk_test_bangfu_journey",
        STRIPE_WEBHOOK_SECRET="whsec_bangfu_journey",
        FUNDING_SERVER_SIDE_TEST_PAYMENTS=True,
    ):
        stripe.register_webhook("journey", site_server.url + reverse("funding:stripe_webhook"), "whsec_bangfu_journey")
        try:
            yield world_make()
        finally:
            stripe.stop()


def test_donor_gives_to_a_project_and_sees_it_arrive(module_page, world):
    j = Journey(module_page(), "donor").start("/")
    j.link("项目", within="header", exact=True).link(PROJECT_TITLE, within="main")
    j.link("捐款支持本项目").see("萍乡农村敬老院适老化改造", "选择金额")
    j.fill("捐赠金额（元）", "5000", exact=False).fill("捐赠人姓名", "王芳", exact=False)
    j.button("下一步：支付").see("感谢您的爱心")
    # The provider's webhook moves the ledger a moment later; the donor's page shows it on the next look.
    j.page.wait_for_function(
        """async () => (await (await fetch(location.href, {cache: 'no-store'})).text())
                                .includes('class="badge">已到账<')""",
        polling=250,
        timeout=30_000,
    )
    for _ in range(120):  # the ledger moves on the webhook, which may follow the page by a moment
        if Donation.objects.get().status == Donation.Status.SUCCEEDED:
            break
        time.sleep(0.25)
    assert Donation.objects.get().status == Donation.Status.SUCCEEDED
    j.link("查看资金去向").see(PROJECT_TITLE, "¥5,000.00")


def test_new_organisation_signs_up_in_english_and_registers(module_page, world):
    j = Journey(module_page(locale="en-US"), "new organisation (English)").start("/")
    j.button("English", within="header")
    j.link("Sign in", within="header", exact=True)
    j.link("Sign up", within="main")
    j.page.locator("main input[name=email]").fill("hello@qinghe.example")
    if j.page.locator("main input[name=username]").count():
        j.page.locator("main input[name=username]").fill("qinghe")
    j.page.locator("input[name=password1]").fill("a-Long-pass-2026!")
    j.page.locator("input[name=password2]").fill("a-Long-pass-2026!")
    j.button("Sign Up", within="main form")
    # The person opens the confirmation e-mail and follows its link: the one step that is not a click on the site.
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/accounts/" in line and "confirm" in line)
    j.start(link[link.index("/accounts/") :].strip())
    j.button("Confirm", within="main")
    j.click(j.page.locator("header a[href='/portal/']:visible"))
    if j.page.locator("main input[name=login]").count():  # confirmation does not sign in yet: sign in once
        j.page.locator("main input[name=login]").fill("hello@qinghe.example")
        j.page.locator("main input[name=password]").fill("a-Long-pass-2026!")
        j.click(j.page.locator("main form button[type=submit]"))
    j.link("Register a new social organisation", within="main")
    j.fill("Name", "莲花县青禾社会工作服务中心", exact=False).fill(
        "Unified social credit code", make_uscc(7, "360321"), exact=False
    )
    j.page.locator("select[name=org_type]").select_option(index=1)
    j.page.get_by_role("combobox").filter(has_not=j.page.locator("select")).last.fill("360321")  # the region picker
    j.click(j.page.get_by_role("option").filter(has_text="360321"), navigates=False)
    j.check("养老服务") if j.page.get_by_label("养老服务", exact=True).count() else j.click(
        j.page.locator("input[name=categories]").first, navigates=False
    )
    j.page.locator("input[name=certificate]").set_input_files(
        files=[{"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    j.button("Submit registration", within="main form")
    expect(j.page.locator("main")).to_contain_text("莲花县青禾社会工作服务中心")
    assert Organisation.objects.filter(name="莲花县青禾社会工作服务中心").exists()
