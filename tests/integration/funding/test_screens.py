"""The money screens: staff in the Wagtail admin, organisation admins in the portal. Thin views over the
funding services: good input moves the ledger; bad input shows a clear message and writes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model

from matching.funding.models import Disbursement, Grant, LedgerEntry, LedgerTransaction, Pledge
from matching.funding.selectors import project_funding
from matching.funding.services.disbursements import advance_release, disbursement_create
from matching.funding.services.grants import grant_record
from matching.models import Match, Membership, Region
from matching.services.staff import staff_user_add
from tests.factories import MembershipFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db
Document = get_document_model()


def pdf(name="receipt.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


def jpeg(name="scan.jpg"):
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


@pytest.fixture
def officer(regions_present):
    return staff_user_add(username="lianhua_officer", password="pw-123456", region=Region.objects.get(code="360321"))


@pytest.fixture
def shangli_officer(regions_present):
    return staff_user_add(username="shangli_officer", password="pw-123456", region=Region.objects.get(code="360322"))


@pytest.fixture
def matched(project, need):
    Match.objects.create(need=need, project=project, status=Match.Status.ACCEPTED)
    return need


@pytest.fixture
def funded(project, org_admin, document):
    grant_record(project=project, source="central_relief", amount=10_000_000, document=document, user=org_admin)
    return project


def nothing_written(before_docs: int) -> None:
    assert not Grant.objects.exists()
    assert not LedgerTransaction.objects.exists()
    assert Document.objects.count() == before_docs


BAD_AMOUNTS = [
    ("0", "大于零"),
    ("-5", "负数"),
    ("1.234", "两位小数"),
    ("99999999999999999", "过大"),
    ("abc", "不是有效的数字"),
]


# ---- staff: grants ----------------------------------------------------------------------------------------


def test_staff_record_a_government_grant_with_its_document(client, officer, project):
    client.force_login(officer)
    assert "中央财政困难群众救助补助资金" in client.get("/admin/funding/grants/new/").content.decode()

    response = client.post(
        "/admin/funding/grants/new/",
        {
            "project": project.pk,
            "source": "central_relief",
            "source_detail": "赣财社〔2026〕12号",
            "amount": "80000.00",
            "document": pdf(),
        },
    )

    assert response.status_code == 302
    grant = Grant.objects.get()
    assert grant.amount == 8_000_000 and grant.recorded_by == officer and grant.document.file.name.endswith(".pdf")
    assert project_funding(project=project).raised.fen == 8_000_000


@pytest.mark.parametrize("amount,message", BAD_AMOUNTS)
def test_staff_grant_bad_amount_writes_nothing(client, officer, project, amount, message):
    client.force_login(officer)
    before = Document.objects.count()
    response = client.post(
        "/admin/funding/grants/new/",
        {"project": project.pk, "source": "welfare_lottery", "amount": amount, "document": pdf()},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    nothing_written(before)


def test_staff_grant_refuses_a_missing_or_fake_document(client, officer, project):
    client.force_login(officer)
    before = Document.objects.count()
    response = client.post(
        "/admin/funding/grants/new/", {"project": project.pk, "source": "welfare_lottery", "amount": "100"}
    )
    assert "请上传凭证文件" in response.content.decode()
    fake = SimpleUploadedFile("grant.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = client.post(
        "/admin/funding/grants/new/",
        {"project": project.pk, "source": "welfare_lottery", "amount": "100", "document": fake},
    )
    assert response.status_code == 400 and "不是可识别的图片" in response.content.decode()
    nothing_written(before)


def test_staff_cannot_grant_to_a_project_outside_their_region(client, officer):
    elsewhere = ProjectFactory(service_regions=["110101"])
    client.force_login(officer)
    before = Document.objects.count()
    response = client.post(
        "/admin/funding/grants/new/",
        {"project": elsewhere.pk, "source": "central_relief", "amount": "100", "document": pdf()},
    )
    assert response.status_code == 400 and "不在您所辖地区" in response.content.decode()
    nothing_written(before)


def test_money_screens_are_for_staff_only(client, org_admin):
    client.force_login(org_admin)
    for url in ("/admin/funding/grants/new/", "/admin/funding/disbursements/", "/admin/funding/ledger/"):
        response = client.get(url, follow=True)
        # Not the money screen: sent to a sign-in page or refused, and nothing of the form shows.
        assert response.request["PATH_INFO"] != url or response.status_code == 403, url
        assert 'name="amount"' not in response.content.decode(), url
        # Signed in, but not staff: told so (no loop between the admin and the sign-in page).
        assert response.status_code == 403 and "无权进入管理后台" in response.content.decode(), url


# ---- staff: confirm / reject, advances, ledger ------------------------------------------------------------


@pytest.fixture
def awaiting(funded, matched, org_member, document):
    return disbursement_create(
        project=funded, need=matched, amount=100_000, purpose="购置轮椅", receipt=document, user=org_member
    )


def test_staff_of_the_region_confirm_a_disbursement(client, officer, awaiting):
    client.force_login(officer)
    page = client.get("/admin/funding/disbursements/").content.decode()
    assert "购置轮椅" in page and "¥1,000.00" in page

    client.post(f"/admin/funding/disbursements/{awaiting.pk}/confirm/")

    awaiting.refresh_from_db()
    assert awaiting.status == Disbursement.Status.CONFIRMED and awaiting.confirmed_by == officer
    assert project_funding(project=awaiting.project).spent.fen == 100_000


def test_staff_of_another_county_neither_see_nor_confirm(client, shangli_officer, awaiting):
    client.force_login(shangli_officer)
    assert "购置轮椅" not in client.get("/admin/funding/disbursements/").content.decode()
    assert client.post(f"/admin/funding/disbursements/{awaiting.pk}/confirm/").status_code == 404
    awaiting.refresh_from_db()
    assert awaiting.status == Disbursement.Status.AWAITING_CONFIRMATION


def test_staff_reject_needs_a_reason_and_returns_the_money(client, officer, awaiting):
    client.force_login(officer)
    client.post(f"/admin/funding/disbursements/{awaiting.pk}/reject/", {"reason": ""})
    awaiting.refresh_from_db()
    assert awaiting.status == Disbursement.Status.AWAITING_CONFIRMATION

    client.post(f"/admin/funding/disbursements/{awaiting.pk}/reject/", {"reason": "收据与金额不符"})
    awaiting.refresh_from_db()
    assert awaiting.status == Disbursement.Status.REJECTED
    assert project_funding(project=awaiting.project).balance.fen == 10_000_000


def test_staff_release_an_emergency_advance_within_the_cap(client, officer, funded, emergency_need):
    client.force_login(officer)
    form = client.get("/admin/funding/advances/new/").content.decode()
    assert "¥2,000.00" in form and emergency_need.title in form

    response = client.post(
        "/admin/funding/advances/new/",
        {"need": emergency_need.pk, "project": funded.pk, "amount": "2000.01", "purpose": "临时住宿"},
    )
    assert response.status_code == 400 and "不能超过 ¥2,000.00" in response.content.decode()
    assert not Disbursement.objects.exists()

    response = client.post(
        "/admin/funding/advances/new/",
        {"need": emergency_need.pk, "project": funded.pk, "amount": "1500", "purpose": "临时住宿"},
    )
    assert response.status_code == 302
    advance = Disbursement.objects.get()
    assert advance.kind == "advance" and advance.status == "confirmed" and advance.amount == 150_000


def test_advance_only_for_emergency_needs_of_the_county(client, officer, shangli_officer, funded, need, emergency_need):
    client.force_login(officer)
    response = client.post(
        "/admin/funding/advances/new/", {"need": need.pk, "project": funded.pk, "amount": "100", "purpose": "x"}
    )
    assert response.status_code == 400 and "不是急难类" in response.content.decode()
    client.force_login(shangli_officer)
    response = client.post(
        "/admin/funding/advances/new/",
        {"need": emergency_need.pk, "project": funded.pk, "amount": "100", "purpose": "x"},
    )
    assert response.status_code == 400
    assert not Disbursement.objects.exists()


def test_overdue_advances_and_the_ledger_are_listed(client, officer, shangli_officer, funded, emergency_need):
    advance = advance_release(project=funded, need=emergency_need, amount=50_000, purpose="临时住宿", user=officer)
    Disbursement.objects.filter(pk=advance.pk).update(paperwork_due_on="2020-01-01")
    client.force_login(officer)
    assert emergency_need.title in client.get("/admin/funding/advances/overdue/").content.decode()
    ledger = client.get("/admin/funding/ledger/").content.decode()
    assert "急难先行救助" in ledger and "-¥500.00" in ledger

    client.force_login(shangli_officer)
    assert emergency_need.title not in client.get("/admin/funding/advances/overdue/").content.decode()


# ---- portal: own funds, pledges --------------------------------------------------------------------------


def test_org_admin_records_own_funds_with_a_scan(client, org_admin, project):
    client.force_login(org_admin)
    response = client.post(
        f"/portal/projects/{project.pk}/money/own-funds/",
        {"source_detail": "理事会决议", "amount": "5000", "document": jpeg()},
        follow=True,
    )
    assert response.redirect_chain == [(f"/portal/projects/{project.pk}/money/", 302)]
    assert "已录入自有资金 ¥5,000.00" in response.content.decode()
    assert project_funding(project=project).raised.fen == 500_000
    page = client.get(f"/portal/projects/{project.pk}/money/").content.decode()
    assert "¥5,000.00" in page and "组织自有资金" in page


@pytest.mark.parametrize("amount,message", BAD_AMOUNTS)
def test_own_funds_bad_amount_writes_nothing(client, org_admin, project, amount, message):
    client.force_login(org_admin)
    before = Document.objects.count()
    response = client.post(f"/portal/projects/{project.pk}/money/own-funds/", {"amount": amount, "document": pdf()})
    assert response.status_code == 400 and message in response.content.decode()
    nothing_written(before)


def test_a_plain_member_cannot_record_own_funds(client, org_member, project):
    client.force_login(org_member)
    before = Document.objects.count()
    response = client.post(f"/portal/projects/{project.pk}/money/own-funds/", {"amount": "10", "document": pdf()})
    assert response.status_code == 400 and "管理员" in response.content.decode()
    nothing_written(before)


def test_another_organisations_project_is_a_404(client, project):
    stranger = MembershipFactory(role=Membership.Role.ADMIN).user
    client.force_login(stranger)
    for url in ("money/", "money/own-funds/", "money/pledges/new/", "money/disburse/"):
        assert client.get(f"/portal/projects/{project.pk}/{url}").status_code == 404
    assert (
        client.post(f"/portal/projects/{project.pk}/money/own-funds/", {"amount": "10", "document": pdf()}).status_code
        == 404
    )
    assert client.get("/portal/projects/99999999999999999999/money/").status_code == 404
    assert not LedgerTransaction.objects.exists()


def test_pledge_becomes_a_commitment_then_money(client, org_admin, project):
    client.force_login(org_admin)
    client.post(
        f"/portal/projects/{project.pk}/money/pledges/new/",
        {"pledger": "萍乡市某企业", "source": "other", "amount": "3000"},
    )
    pledge = Pledge.objects.get()
    client.post(f"/portal/projects/{project.pk}/money/pledges/{pledge.pk}/fulfil/", {"document": pdf()})
    assert Pledge.objects.get().status == "pledged"  # not committed yet: refused
    client.post(f"/portal/projects/{project.pk}/money/pledges/{pledge.pk}/commit/", {})
    assert Pledge.objects.get().status == "pledged"  # no agreement: refused
    client.post(f"/portal/projects/{project.pk}/money/pledges/{pledge.pk}/commit/", {"document": pdf()})
    assert Pledge.objects.get().status == "committed"
    client.post(f"/portal/projects/{project.pk}/money/pledges/{pledge.pk}/fulfil/", {"document": pdf()})
    assert Pledge.objects.get().status == "fulfilled"
    assert project_funding(project=project).raised.fen == 300_000


def test_pledge_bad_amount(client, org_admin, project):
    client.force_login(org_admin)
    response = client.post(
        f"/portal/projects/{project.pk}/money/pledges/new/", {"pledger": "某企业", "source": "other", "amount": "0"}
    )
    assert response.status_code == 400 and "大于零" in response.content.decode()
    assert not Pledge.objects.exists()


# ---- portal: disbursements ---------------------------------------------------------------------------------


def test_disburse_to_a_matched_need_with_a_receipt(client, org_member, funded, matched):
    client.force_login(org_member)
    assert matched.title in client.get(f"/portal/projects/{funded.pk}/money/disburse/").content.decode()
    response = client.post(
        f"/portal/projects/{funded.pk}/money/disburse/",
        {"need": matched.pk, "amount": "1200", "purpose": "加装扶手", "receipt": pdf()},
        follow=True,
    )
    # back on the project's money page, told what was sent and where it stands
    assert response.redirect_chain == [(f"/portal/projects/{funded.pk}/money/", 302)]
    assert "已发起拨付 ¥1,200.00，状态：" in response.content.decode()
    d = Disbursement.objects.get()
    assert d.status == "awaiting_confirmation" and d.receipt is not None
    assert project_funding(project=funded).allocated.fen == 120_000


@pytest.mark.parametrize("case", ["unmatched", "other_region", "over_balance", "no_receipt", "fractional"])
def test_bad_disbursements_write_nothing(client, org_member, funded, matched, case):
    other = make_need(county="110101", title="东城区某社区助餐") if case == "other_region" else None
    unmatched = make_need(county="360321", title="莲花县未匹配的需求") if case == "unmatched" else None
    data = {"need": matched.pk, "amount": "1200", "purpose": "加装扶手", "receipt": pdf()}
    expected = {
        "unmatched": "未与本项目匹配",
        "other_region": "未与本项目匹配",
        "over_balance": "余额不足",
        "no_receipt": "请上传凭证文件",
        "fractional": "两位小数",
    }[case]
    if case == "unmatched":
        data["need"] = unmatched.pk
    elif case == "other_region":
        data["need"] = other.pk
    elif case == "over_balance":
        data["amount"] = "100000.01"
    elif case == "no_receipt":
        del data["receipt"]
    elif case == "fractional":
        data["amount"] = "0.001"
    client.force_login(org_member)
    before_docs, before_tx = Document.objects.count(), LedgerTransaction.objects.count()

    response = client.post(f"/portal/projects/{funded.pk}/money/disburse/", data)

    assert response.status_code == 400 and expected in response.content.decode()
    assert not Disbursement.objects.exists()
    assert Document.objects.count() == before_docs and LedgerTransaction.objects.count() == before_tx


def test_above_threshold_another_admin_approves_never_the_author(
    client, settings, org_admin, org_admin2, funded, matched
):
    settings.FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD = 100_000
    client.force_login(org_admin)
    client.post(
        f"/portal/projects/{funded.pk}/money/disburse/",
        {"need": matched.pk, "amount": "5000", "purpose": "改造卫生间", "receipt": pdf()},
    )
    d = Disbursement.objects.get()
    assert d.status == "pending_approval"

    response = client.post(f"/portal/projects/{funded.pk}/money/disbursements/{d.pk}/approve/", follow=True)
    assert "经办人不能审批自己发起的拨付" in response.content.decode()
    assert Disbursement.objects.get().status == "pending_approval"

    client.force_login(org_admin2)
    page = client.get(f"/portal/projects/{funded.pk}/money/").content.decode()
    assert "审批通过" in page
    client.post(f"/portal/projects/{funded.pk}/money/disbursements/{d.pk}/approve/")
    d.refresh_from_db()
    assert d.status == "awaiting_confirmation" and d.approved_by == org_admin2


def test_project_money_page_shows_figures_and_ledger_lines(client, org_member, funded):
    client.force_login(org_member)
    page = client.get(f"/portal/projects/{funded.pk}/money/").content.decode()
    assert "¥100,000.00" in page and "政府补助" in page
    assert LedgerEntry.objects.filter(account__project=funded).count() == 1


def test_the_money_page_links_the_public_ledger_page_only_once_there_is_one(client, org_member, funded):
    client.force_login(org_member)
    ledger = f"/transparency/projects/{funded.ref}/"
    page = client.get(f"/portal/projects/{funded.pk}/money/").content.decode()
    assert f'href="{ledger}"' in page and client.get(ledger).status_code == 200

    funded.status = "draft"
    funded.save(update_fields=["status"])
    page = client.get(f"/portal/projects/{funded.pk}/money/").content.decode()
    assert f'href="{ledger}"' not in page and "公开透明页：项目启动后公开" in page
    assert client.get(ledger).status_code == 404
