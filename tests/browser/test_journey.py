"""The whole journey in a real browser, against the live test server and a local Stripe test server:
staff publish a need through the admin workflow; an organisation accepts the matcher's proposal; a donor
gives to the project; the organisation disburses to the need and staff of the region confirm; the
organisation files a progress report with a photo (GPS EXIF stripped); the public sees money and outcome."""
import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from matching.funding.models import Disbursement, Donation
from matching.models import Match, Membership, NeedPage, Region
from matching.outcomes.models import ProgressReport
from matching.services.matches import match_propose
from matching.services.regions import region_page_ensure
from matching.services.staff import staff_user_add
from tests.browser.conftest import admin_login
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory
from tests.stripe_server import LocalStripe

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "demo-pass-123"
NEED_TITLE = "坊楼镇敬老院卫生间加装扶手"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (320, 240), (90, 140, 60))
    exif = Image.Exif()
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (27.0, 7.0, 30.0), 3: "E", 4: (113.0, 57.0, 0.0)})
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif)
    data = buf.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD), "the test photo must carry GPS to begin with"
    return data


def has_gps(f) -> bool:
    f.open("rb")
    try:
        with Image.open(io.BytesIO(f.read())) as img:
            return bool(img.getexif().get_ifd(GPS_IFD)) or "exif" in img.info
    finally:
        f.close()


@pytest.fixture
def stripe_webhooks(settings, live_server):
    server = LocalStripe()
    settings.STRIPE_API_BASE = server.url
    settings.STRIPE_SECRET_KEY = "sk_test_bangfu_journey"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_bangfu_journey"
    settings.FUNDING_SERVER_SIDE_TEST_PAYMENTS = True
    server.register_webhook("journey", live_server.url + reverse("funding:stripe_webhook"),
                            settings.STRIPE_WEBHOOK_SECRET)
    yield server
    server.stop()


def portal_login(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(input[name=login]) button[type=submit]").click()


def test_need_to_money_to_outcome(new_page, shot, stripe_webhooks, settings):
    # Wagtail's autosave turns the new page into a saved draft mid-typing and can reset the rich-text
    # editor under the test's keystrokes; the journey submits explicitly, so autosave is off here.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    # Given: county staff (clerk, officer), a verified organisation with an active project serving the county
    lianhua = Region.objects.get(code="360321")
    staff_user_add(username="clerk", password=PASSWORD, region=lianhua, role="clerk")
    officer_user = staff_user_add(username="officer", password=PASSWORD, region=lianhua, role="officer")
    county_page = region_page_ensure(region=lianhua)
    org = OrganisationFactory(name="萍乡市善行社会工作服务中心", service_regions=["360300"], categories=["elderly_care"])
    org_user = UserFactory(username="org_admin", email="admin@shanxing.example")
    org_user.set_password(PASSWORD)
    org_user.save()
    EmailAddress.objects.get_or_create(user=org_user, email=org_user.email, defaults={"verified": True, "primary": True})
    MembershipFactory(user=org_user, organisation=org, role=Membership.Role.ADMIN)
    project = ProjectFactory(organisation=org, ref="prj-journey", title="萍乡农村敬老院适老化改造",
                             service_regions=["360300"])

    # 1. The clerk writes the need and submits it; the officer approves it through the workflow
    clerk = new_page()
    admin_login(clerk, "clerk", PASSWORD)
    clerk.goto(f"/admin/pages/add/matching/needpage/{county_page.pk}/")
    clerk.fill("input[name=title]", NEED_TITLE)
    clerk.wait_for_load_state("networkidle")
    editor = clerk.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    clerk.keyboard.type("敬老院卫生间没有扶手，老人洗澡容易滑倒，需要改造。")
    expect(editor).to_contain_text("老人洗澡容易滑倒")
    # Draftail writes its content into the hidden field asynchronously: submit only once it is there.
    expect(clerk.locator("input[name=description]")).to_have_value(re.compile("滑倒"))
    clerk.check("input[name=categories][value=elderly_care]")
    clerk.fill("input[name=beneficiaries]", "42")
    clerk.fill("input[name=amount_requested]", "12000.00")
    with clerk.expect_navigation():
        clerk.locator("button[name=action-submit]").evaluate("b => b.click()")
    shot(clerk, "clerk-submitted-need")
    assert "/add/" not in clerk.url, clerk.locator(".messages, .error-message, .w-field__errors").all_inner_texts()
    need = NeedPage.objects.get(title=NEED_TITLE)

    officer = new_page()
    admin_login(officer, "officer", PASSWORD)
    officer.goto(f"/admin/pages/{need.pk}/edit/")
    with officer.expect_navigation():
        officer.locator("button[data-workflow-action-name=approve]").first.evaluate("b => b.click()")
    shot(officer, "officer-approved-need")
    need.refresh_from_db()
    assert need.live and need.status == NeedPage.Status.OPEN

    # 2. The organisation finds the need through the matcher (its project's needs to take first); staff of
    #    the county propose the project for it (their candidates screen's one-click propose); the
    #    organisation's admin accepts
    org_page = new_page()
    portal_login(org_page, org_user.email)
    org_page.goto(f"/portal/projects/{project.pk}/needs/")
    shot(org_page, "org-finds-need-through-matcher")
    assert NEED_TITLE in org_page.locator("#n-h + table").inner_text()
    match = match_propose(user=officer_user, need=need, project=project, score=0.9, reasons=["类别相同：养老服务"])
    org_page.reload()
    with org_page.expect_navigation():
        org_page.locator(f"form[action='{reverse('portal:match_accept', args=[match.pk])}'] button").first.click()
    assert "已接受该需求" in org_page.content()
    shot(org_page, "org-accepted-match")
    assert Match.objects.get().status == Match.Status.ACCEPTED

    # 3. A donor gives ¥5,000 on the donation page; the ledger moves on the provider's webhook
    donor = new_page()
    donor.goto(f"/funding/donate/project/{project.ref}/")
    donor.fill("input[name=amount]", "5000")
    donor.fill("input[name=donor_name]", "王芳")
    shot(donor, "donor-fills-donation")
    with donor.expect_navigation():
        donor.locator("form:has(input[name=amount]) button[type=submit]").click()
    donor.wait_for_url("**/funding/thanks/**")
    # The page polls itself until the webhook has moved the ledger (status 已到账); the test waits on that.
    donor.evaluate("""() => { window.paid = false; const tick = async () => {
        const text = await (await fetch(location.href, {cache: 'no-store'})).text();
        if (text.includes('已到账')) { window.paid = true; } else { setTimeout(tick, 250); } }; tick(); }""")
    donor.wait_for_function("() => window.paid === true", timeout=30_000)
    donor.reload()
    shot(donor, "donor-thanks-received")
    assert Donation.objects.get().status == Donation.Status.SUCCEEDED

    # 4. The organisation disburses ¥3,000 to the need with a receipt
    org_page.goto(f"/portal/projects/{project.pk}/money/")
    assert "¥5,000.00" in org_page.content()
    org_page.goto(f"/portal/projects/{project.pk}/money/disburse/")
    org_page.select_option("select[name=need]", str(need.pk))
    org_page.fill("input[name=amount]", "3000")
    org_page.fill("input[name=purpose]", "购置并安装卫生间扶手")
    org_page.set_input_files("input[name=receipt]",
                             files=[{"name": "receipt.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    shot(org_page, "org-disburses")
    with org_page.expect_navigation():
        org_page.locator("form:has(input[name=receipt]) button[type=submit]").click()
    org_page.wait_for_url(f"**/portal/projects/{project.pk}/money/")
    assert "待地区民政确认" in org_page.content()
    shot(org_page, "org-disbursement-awaiting-confirmation")

    # 5. Staff of the region confirm it arrived
    officer.goto("/admin/funding/disbursements/")
    shot(officer, "officer-sees-disbursement")
    with officer.expect_navigation():
        officer.locator("button[name=confirm]").first.click()
    assert Disbursement.objects.get().status == Disbursement.Status.CONFIRMED
    shot(officer, "officer-confirmed-disbursement")

    # 6. The organisation files a progress report with a photo carrying GPS
    org_page.goto(f"/outcomes/projects/{project.ref}/reports/new/")
    org_page.fill("input[name=period_start]", "2026-09-01")
    org_page.fill("input[name=period_end]", "2026-11-30")
    org_page.fill("textarea[name=narrative]", "已为坊楼镇敬老院卫生间安装扶手 12 处，老人洗澡更安全。")
    org_page.fill("input[name=reached_elderly]", "42")
    org_page.set_input_files("input[name=photos]",
                             files=[{"name": "handrails.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}])
    shot(org_page, "org-files-report")
    with org_page.expect_navigation():
        org_page.locator("form:has(textarea[name=narrative]) button[type=submit]").click()
    shot(org_page, "report-published")
    report = ProgressReport.objects.get()
    image = report.evidence.get().image
    assert not has_gps(image.file)
    assert all(not has_gps(r.file) for r in image.renditions.all())

    # 7. The public sees the money and the outcome
    public = new_page()
    public.goto(f"/transparency/projects/{project.ref}/")
    body = public.content()
    shot(public, "public-project-transparency")
    assert "¥5,000.00" in body and "¥3,000.00" in body
    assert NEED_TITLE in body and "受益 42 人" in body
    assert "王芳" in body or "匿名" in body
    public.goto(need.url)
    body = public.content()
    shot(public, "public-need-page")
    assert "¥3,000.00" in body and "萍乡市善行社会工作服务中心" in body
