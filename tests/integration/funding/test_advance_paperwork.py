"""Emergency advances in the organisation portal: the organisation sees what paperwork it owes and by when, and
its admins hand it in; a bad file is a form error that writes nothing; staff see when paperwork came in."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model

from matching.errors import error_codes
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import Disbursement
from matching.funding.rules import paperwork_state
from matching.funding.selectors import advances_for_organisation, advances_overdue
from matching.funding.services import accounts
from matching.funding.services.disbursements import advance_paperwork_submit, advance_release, disbursement_create
from matching.funding.services.ledger import Line, ledger_post
from matching.models import Match, Membership, NeedPage, Region
from matching.services.staff import staff_user_add
from tests.factories import MembershipFactory, make_need
from tests.integration.outcomes.conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db
Document = get_document_model()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="签收单.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def officer(regions_present):
    return staff_user_add(username="lianhua_officer", password="pw-123456", region=Region.objects.get(code="360321"))


@pytest.fixture
def funded(project, org_admin):
    ledger_post(
        kind="own_funds",
        idempotency_key="ap-own",
        lines=[
            Line(accounts.account_org_funds(project.organisation), -1_000_000),
            Line(accounts.account_for_project(project), 1_000_000),
        ],
    )
    return project


@pytest.fixture
def advance(funded, emergency_need, lianhua_staff):
    return advance_release(
        project=funded, need=emergency_need, amount=150_000, purpose="火灾后临时生活费", user=lianhua_staff
    )


@pytest.fixture
def overdue(advance):
    three_days_ago = timezone.localdate() - datetime.timedelta(days=3)
    Disbursement.objects.filter(pk=advance.pk).update(paperwork_due_on=three_days_ago)
    advance.refresh_from_db()
    return advance


def list_url(project) -> str:
    return f"/portal/org/{project.organisation_id}/advances/"


def paperwork_url(advance) -> str:
    return f"/portal/org/{advance.project.organisation_id}/advances/{advance.pk}/paperwork/"


def nothing_written(advance, documents_before: int) -> None:
    advance.refresh_from_db()
    assert advance.paperwork_received_at is None and advance.receipt_id is None
    assert Document.objects.count() == documents_before


# ---- the rule and the list -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "due,received,state",
    [
        (datetime.date(2026, 5, 15), None, "due"),  # the due day itself is in time
        (datetime.date(2026, 5, 14), None, "overdue"),
        (datetime.date(2026, 5, 1), datetime.date(2026, 5, 15), "received"),  # late, but received
    ],
)
def test_paperwork_state(due, received, state):
    assert paperwork_state(due_on=due, received_on=received, today=datetime.date(2026, 5, 15)) == state


def test_the_organisation_sees_its_advances_overdue_first_with_due_dates(
    client, org_member, overdue, funded, emergency_need, lianhua_staff
):
    fresh = advance_release(project=funded, need=emergency_need, amount=20_000, purpose="临时住宿", user=lianhua_staff)
    client.force_login(org_member)

    response = client.get(list_url(funded))
    html = response.content.decode()

    assert response.status_code == 200
    assert html.index(f'id="advance-{overdue.pk}"') < html.index(f'id="advance-{fresh.pk}"')
    assert "已逾期 3 天" in html and "还剩 15 天" in html
    assert fresh.paperwork_due_on.strftime("%Y-%m-%d") in html and "¥1,500.00" in html
    assert "只有本组织管理员可以补交材料" in html and paperwork_url(fresh) not in html  # a member sees, cannot submit
    rows = advances_for_organisation(organisation=funded.organisation)
    assert [(r.advance.pk, r.state, r.days) for r in rows] == [(overdue.pk, "overdue", 3), (fresh.pk, "due", 15)]


def test_the_project_money_page_points_to_the_paperwork(client, org_admin, advance):
    client.force_login(org_admin)
    html = client.get(f"/portal/projects/{advance.project_id}/money/").content.decode()
    assert list_url(advance.project) in html and "材料须于" in html


def test_list_costs_the_same_queries_with_more_advances(
    client, org_admin, advance, funded, emergency_need, lianhua_staff
):
    client.force_login(org_admin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url(funded)).status_code == 200
        return len(queries)

    before = count()
    for i in range(4):
        advance_release(project=funded, need=emergency_need, amount=1_000 + i, purpose=f"第{i}次", user=lianhua_staff)
    assert count() == before


# ---- handing it in -------------------------------------------------------------------------------------------


def test_an_admin_hands_in_the_paperwork_and_it_leaves_the_overdue_list(client, org_admin, overdue):
    client.force_login(org_admin)
    assert "补交材料" in client.get(paperwork_url(overdue)).content.decode()

    response = client.post(paperwork_url(overdue), {"document": pdf()})

    assert response.status_code == 302 and response["Location"] == list_url(overdue.project)
    overdue.refresh_from_db()
    assert overdue.paperwork_received_at is not None
    assert overdue.receipt.file.name.endswith(".pdf") and overdue.receipt.uploaded_by_user == org_admin
    assert "签收单" not in overdue.receipt.file.name  # the sender's file name may name a person: not kept
    assert overdue not in advances_overdue()
    html = client.get(list_url(overdue.project)).content.decode()
    assert "已补交" in html and "逾期补交" in html


def test_a_scan_is_stored_without_its_location(client, org_admin, advance):
    client.force_login(org_admin)
    scan = SimpleUploadedFile("签收单.jpg", jpeg_with_gps(), content_type="image/jpeg")

    assert client.post(paperwork_url(advance), {"document": scan}).status_code == 302

    advance.refresh_from_db()
    with advance.receipt.file.open("rb") as f, Image.open(io.BytesIO(f.read())) as stored:
        assert stored.format == "JPEG" and not stored.getexif()


BAD_FILES = [
    (lambda: None, "请上传凭证文件"),
    (lambda: SimpleUploadedFile("签收单.pdf", b"just some text", content_type="application/pdf"), "不是可识别的图片"),
    (lambda: SimpleUploadedFile("空.pdf", b"", content_type="application/pdf"), "空文件"),
    (lambda: SimpleUploadedFile("坏.pdf", b"%PDF-1.4 cut off", content_type="application/pdf"), "不是 PDF 文件"),
    (lambda: SimpleUploadedFile("大.pdf", PDF[:-6] + b" " * (10 * 1024 * 1024) + b"%%EOF\n"), "太大"),
    (
        lambda: SimpleUploadedFile("图.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", content_type="image/gif"),
        "不是可识别的图片",
    ),
]


@pytest.mark.parametrize("make_file,message", BAD_FILES)
def test_a_bad_file_is_a_form_error_and_writes_nothing(client, org_admin, overdue, make_file, message):
    client.force_login(org_admin)
    before = Document.objects.count()
    upload = make_file()

    response = client.post(paperwork_url(overdue), {"document": upload} if upload else {})

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "提交的内容有误" in html
    nothing_written(overdue, before)


def test_paperwork_is_handed_in_once(client, org_admin, advance):
    client.force_login(org_admin)
    client.post(paperwork_url(advance), {"document": pdf("第一份.pdf")})
    advance.refresh_from_db()
    first, before = advance.receipt_id, Document.objects.count()

    assert "材料已于" in client.get(paperwork_url(advance)).content.decode()
    response = client.post(paperwork_url(advance), {"document": pdf("第二份.pdf")})

    assert response.status_code == 400 and "不能重复提交" in response.content.decode()
    advance.refresh_from_db()
    assert advance.receipt_id == first and Document.objects.count() == before


# ---- who may ---------------------------------------------------------------------------------------------------


def test_a_member_without_the_admin_role_gets_403_and_writes_nothing(client, org_member, overdue):
    client.force_login(org_member)
    before = Document.objects.count()
    assert client.get(paperwork_url(overdue)).status_code == 403
    assert client.post(paperwork_url(overdue), {"document": pdf()}).status_code == 403
    nothing_written(overdue, before)


def test_strangers_get_404_and_write_nothing(client, overdue):
    stranger = MembershipFactory(role=Membership.Role.ADMIN)
    client.force_login(stranger.user)
    before = Document.objects.count()

    assert client.get(list_url(overdue.project)).status_code == 404
    assert client.post(paperwork_url(overdue), {"document": pdf()}).status_code == 404
    # their own organisation id with another organisation's advance
    own = f"/portal/org/{stranger.organisation_id}/advances/{overdue.pk}/paperwork/"
    assert client.post(own, {"document": pdf()}).status_code == 404
    assert client.get(f"/portal/org/{stranger.organisation_id}/advances/").content.decode().count("advance-") == 0
    nothing_written(overdue, before)


def test_anonymous_visitors_are_sent_to_log_in(client, overdue):
    response = client.post(paperwork_url(overdue), {"document": pdf()})
    assert response.status_code == 302 and "login" in response["Location"]
    nothing_written(overdue, Document.objects.count())


def test_an_ordinary_disbursement_has_no_paperwork_page(client, org_admin, funded, need, document):
    Match.objects.create(need=need, project=funded, status=Match.Status.ACCEPTED)
    regular = disbursement_create(
        project=funded, need=need, amount=10_000, purpose="轮椅", receipt=document, user=org_admin
    )
    client.force_login(org_admin)
    assert client.get(paperwork_url(regular)).status_code == 404
    huge = f"/portal/org/{funded.organisation_id}/advances/99999999999999999999/paperwork/"
    assert client.get(huge).status_code == 404


def test_the_service_lets_admins_and_the_regions_staff_submit_but_not_plain_members(
    advance, org_member, org_admin, other_county_staff, document
):
    for outsider in (org_member, other_county_staff):
        with pytest.raises(PermissionDenied):
            advance_paperwork_submit(disbursement=advance, document=document, user=outsider)
    advance_paperwork_submit(disbursement=advance, document=document, user=org_admin)
    with pytest.raises(ValidationError) as refused:
        advance_paperwork_submit(disbursement=advance, document=document, user=org_admin)
    assert error_codes(refused.value) == {FundingErrorCode.PAPERWORK_ALREADY_RECEIVED}


# ---- staff: when the paperwork came in -------------------------------------------------------------------------


def test_staff_see_when_paperwork_was_received_and_whether_it_was_late(
    client, officer, org_admin, overdue, funded, regions_present, lianhua_staff
):
    still = advance_release(
        project=funded,
        need=make_need(county="360321", title="莲花县水灾急难", circle=NeedPage.Circle.EMERGENCY),
        amount=30_000,
        purpose="临时住宿",
        user=lianhua_staff,
    )
    Disbursement.objects.filter(pk=still.pk).update(paperwork_due_on="2020-01-01")
    client.force_login(org_admin)
    client.post(paperwork_url(overdue), {"document": pdf()})
    overdue.refresh_from_db()

    client.force_login(officer)
    html = client.get("/admin/funding/advances/overdue/").content.decode()

    overdue_part, received_part = html.split('id="received-h"')
    assert f'id="overdue-{still.pk}"' in overdue_part and f'id="overdue-{overdue.pk}"' not in overdue_part
    assert f'id="received-{overdue.pk}"' in received_part
    assert timezone.localtime(overdue.paperwork_received_at).strftime("%Y-%m-%d %H:%M") in received_part
    assert "逾期补交" in received_part and org_admin.get_username() in received_part


def test_staff_of_another_county_do_not_see_received_paperwork(client, org_admin, advance, regions_present):
    client.force_login(org_admin)
    client.post(paperwork_url(advance), {"document": pdf()})
    shangli = staff_user_add(username="shangli_officer", password="pw-123456", region=Region.objects.get(code="360322"))
    client.force_login(shangli)
    assert f'id="received-{advance.pk}"' not in client.get("/admin/funding/advances/overdue/").content.decode()
