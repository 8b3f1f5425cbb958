"""Each yuan to its proof: spending lines itemise a disbursement and link the delivery or report that proves them."""

import datetime as dt
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from matching.funding.models import Disbursement, LedgerEntry
from matching.models import Match, Membership
from matching.outcomes.models import Evidence, SpendingLine
from matching.outcomes.services.reports import BeneficiaryCounts, report_file
from matching.outcomes.services.spending import SpendingFields, spending_line_add, spending_line_update
from tests.factories import MembershipFactory, ProjectFactory, make_need
from tests.factories.spending import fund_and_spend
from tests.integration.outcomes.conftest import PDF, SECRET_NAME, jpeg_with_gps

pytestmark = pytest.mark.django_db


def file_report(project, member, **kw):
    return report_file(
        project=project,
        user=member,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        narrative="完成 12 户卫浴改造。",
        counts=BeneficiaryCounts(reached_elderly=12),
        **kw,
    )


@pytest.fixture
def spend(project, matched_need, member, county_staff, document):
    return fund_and_spend(project, matched_need, member, county_staff, document)


def test_lines_never_add_up_to_more_than_the_disbursement(spend, member):
    ledger_before = LedgerEntry.objects.count()
    spending_line_add(disbursement=spend, user=member, fields=SpendingFields(what="不锈钢扶手 12 套", amount=200_000))
    with pytest.raises(ValidationError) as refused:
        spending_line_add(disbursement=spend, user=member, fields=SpendingFields(what="防滑地砖", amount=100_001))
    assert "还可填 ¥1,000.00" in str(refused.value)
    second = spending_line_add(
        disbursement=spend, user=member, fields=SpendingFields(what="防滑地砖 30 平方米", amount=100_000)
    )
    with pytest.raises(ValidationError):  # an edit is counted against the others as well
        spending_line_update(line=second, user=member, fields=SpendingFields(what="防滑地砖 30 平方米", amount=100_100))
    assert sum(SpendingLine.objects.filter(disbursement=spend).values_list("amount", flat=True)) == 300_000
    assert LedgerEntry.objects.count() == ledger_before  # descriptive records: the ledger is not touched


def test_a_rejected_disbursement_takes_no_lines(project, matched_need, member, document, county_staff):
    from matching.funding.services.disbursements import disbursement_reject

    d = fund_and_spend(project, matched_need, member, county_staff, document, confirm=False)
    disbursement_reject(disbursement=d, user=county_staff, reason="金额有误")
    with pytest.raises(ValidationError):
        spending_line_add(disbursement=d, user=member, fields=SpendingFields(what="扶手", amount=1_000))
    assert not SpendingLine.objects.exists()


def test_an_organisation_cannot_link_another_organisations_evidence(
    spend, member, matched_need, county_staff, pdf_upload
):
    other = MembershipFactory(role=Membership.Role.ADMIN)
    other_project = ProjectFactory(organisation=other.organisation)
    foreign_report = file_report(other_project, other.user)
    with pytest.raises(PermissionDenied):
        spending_line_add(
            disbursement=spend, user=member, fields=SpendingFields(what="扶手", amount=1_000, report=foreign_report)
        )
    # nor may the other organisation write lines on this one's disbursement
    with pytest.raises(PermissionDenied):
        spending_line_add(disbursement=spend, user=other.user, fields=SpendingFields(what="扶手", amount=1_000))
    # and its own delivery to another need does not prove money sent to this one
    from matching.outcomes.services.deliveries import need_fulfil

    elsewhere = make_need(county="360321", title="莲花县另一敬老院")
    Match.objects.create(need=elsewhere, project=spend.project, status=Match.Status.ACCEPTED)
    delivery = need_fulfil(
        need=elsewhere,
        user=member,
        what="扶手 4 套",
        delivered_on=timezone.localdate(),
        project=spend.project,
        documents=[pdf_upload],
    )
    with pytest.raises(PermissionDenied):
        spending_line_add(
            disbursement=spend, user=member, fields=SpendingFields(what="扶手", amount=1_000, delivery=delivery)
        )
    assert not SpendingLine.objects.exists()


def test_the_portal_refuses_a_forged_proof_and_strangers_get_404(client, spend, member):
    other = MembershipFactory(role=Membership.Role.ADMIN)
    foreign_report = file_report(ProjectFactory(organisation=other.organisation), other.user)
    url = f"/portal/projects/{spend.project_id}/money/disbursements/{spend.pk}/spending/"
    client.force_login(member)
    response = client.post(
        url, {"what": "扶手", "amount": "10", "beneficiaries": "3", "proof": f"report-{foreign_report.pk}"}
    )
    assert response.status_code == 400 and "佐证" in response.content.decode()
    assert not SpendingLine.objects.exists()
    client.force_login(other.user)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "sent",
    [
        {"what": "扶手", "amount": "abc", "beneficiaries": "1"},
        {"what": "扶手", "amount": "99999999999999999999", "beneficiaries": "1"},
        {"what": "扶手", "amount": "10", "beneficiaries": "99999999999"},
        {"what": "扶手", "amount": "-5", "beneficiaries": "1"},
        {"what": "", "amount": "10", "beneficiaries": "1"},
        {"what": "扶手", "amount": "10", "beneficiaries": "1", "proof": "report-999999999999999999999"},
    ],
)
def test_hostile_input_gets_a_clear_400_and_stores_nothing(client, spend, member, sent):
    client.force_login(member)
    response = client.post(f"/portal/projects/{spend.project_id}/money/disbursements/{spend.pk}/spending/", sent)
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select(".errorlist, .error-summary")
    assert not SpendingLine.objects.exists()


def test_a_line_of_another_disbursement_is_not_found(client, spend, member, project, matched_need, county_staff):
    line = spending_line_add(disbursement=spend, user=member, fields=SpendingFields(what="扶手", amount=1_000))
    other = fund_and_spend(project, matched_need, member, county_staff, amount=5_000)
    client.force_login(member)
    base = f"/portal/projects/{project.pk}/money/disbursements"
    assert client.get(f"{base}/{other.pk}/spending/{line.pk}/edit/").status_code == 404
    assert client.get(f"{base}/{spend.pk}/spending/{line.pk}/edit/").status_code == 200


def test_a_photo_linked_as_evidence_is_stored_without_exif(client, spend, member, project):
    report = file_report(project, member)
    client.force_login(member)
    url = f"/portal/projects/{spend.project_id}/money/disbursements/{spend.pk}/spending/"
    page = client.get(url)
    assert f'value="report-{report.pk}"' in page.content.decode()
    response = client.post(
        url,
        {
            "what": "不锈钢扶手 12 套",
            "amount": "2000.00",
            "beneficiaries": "12",
            "proof": f"report-{report.pk}",
            "photos": SimpleUploadedFile("扶手.jpg", jpeg_with_gps(), content_type="image/jpeg"),
            "documents": SimpleUploadedFile("发票.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    line = SpendingLine.objects.get()
    assert (line.what, line.amount, line.beneficiaries, line.report_id) == ("不锈钢扶手 12 套", 200_000, 12, report.pk)
    photo = report.evidence.get(kind=Evidence.Kind.PHOTO)
    with photo.image.file.open("rb") as f:
        stored = f.read()
    assert not Image.open(io.BytesIO(stored)).getexif() and b"PhoneMaker" not in stored
    assert report.evidence.filter(kind=Evidence.Kind.DOCUMENT).count() == 1


def test_personal_data_in_a_line_is_refused(spend, member, beneficiary):
    with pytest.raises(ValidationError):
        spending_line_add(
            disbursement=spend, user=member, fields=SpendingFields(what=f"给{SECRET_NAME}买轮椅", amount=1_000)
        )
    assert not SpendingLine.objects.exists()


def _rows(html: str):
    soup = BeautifulSoup(html, "html.parser")
    section = soup.select_one("#spends")
    assert section is not None, "no spends section"
    return section.select("tr.spend-line")


def _assert_each_row_shows_evidence_or_its_mark(rows):
    assert rows
    for row in rows:
        state = next(c for c in row["class"] if c.startswith("state-"))
        text = row.get_text(" ", strip=True)
        if state == "state-evidenced":
            assert row.select("ul.evidence a[href]"), text
        elif state == "state-overdue":
            assert re.search(r"逾期未提供佐证（期限 \d{4}-\d{2}-\d{2}）", text), text
        else:
            assert state == "state-pending" and "佐证待提供" in text, text


def test_every_spend_on_the_public_pages_shows_its_evidence_or_its_overdue_mark(
    client, spend, member, project, matched_need, county_staff, document, gps_photo
):
    report = file_report(project, member, photos=[gps_photo])
    spending_line_add(
        disbursement=spend,
        user=member,
        fields=SpendingFields(what="不锈钢扶手 12 套", amount=200_000, beneficiaries=12, report=report),
    )
    spending_line_add(disbursement=spend, user=member, fields=SpendingFields(what="防滑地砖 30 平方米", amount=50_000))
    old = fund_and_spend(project, matched_need, member, county_staff, document, amount=80_000)
    Disbursement.objects.filter(pk=old.pk).update(confirmed_at=timezone.now() - dt.timedelta(days=400))

    for url in (f"/transparency/projects/{project.ref}/", matched_need.url):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        rows = _rows(html)
        _assert_each_row_shows_evidence_or_its_mark(rows)
        states = [next(c for c in r["class"] if c.startswith("state-")) for r in rows]
        # the evidenced line, the line without evidence yet, the rest of the recent spend, the old spend (overdue)
        assert sorted(states) == ["state-evidenced", "state-overdue", "state-pending", "state-pending"], (url, states)
        assert "不锈钢扶手 12 套" in html and "尚未列明细的部分" in html
        assert "已支出 ¥3,800.00，其中有佐证 ¥2,000.00，逾期未提供佐证 ¥800.00" in html


def test_the_project_page_costs_the_same_queries_for_more_spends(
    client, spend, member, project, matched_need, county_staff, document, gps_photo, django_assert_max_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    report = file_report(project, member, photos=[gps_photo])
    spending_line_add(disbursement=spend, user=member, fields=SpendingFields(what="扶手", amount=1_000, report=report))
    url = f"/transparency/projects/{project.ref}/"
    client.get(url)  # renditions are made on the first view
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(5):
        d = fund_and_spend(project, matched_need, member, county_staff, document, amount=10_000 + i)
        spending_line_add(
            disbursement=d, user=member, fields=SpendingFields(what=f"物资 {i}", amount=5_000, report=report)
        )
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) <= len(few), [q["sql"][:120] for q in many.captured_queries]


def test_a_report_page_lists_the_spending_it_proves_and_its_organisation_is_sent_to_itemise(
    client, spend, member, project, outsider
):
    report = file_report(project, member)
    spending_line_add(
        disbursement=spend,
        user=member,
        fields=SpendingFields(what="不锈钢扶手 12 套", amount=200_000, beneficiaries=12, report=report),
    )
    html = client.get(f"/outcomes/reports/{report.pk}/").content.decode()
    section = BeautifulSoup(html, "html.parser").select_one("#proven-spends")
    assert "不锈钢扶手 12 套 · ¥2,000.00，受益 12 人" in section.get_text(" ", strip=True)
    assert section.select_one(f'a[href$="#spend-{spend.pk}"]') is not None
    assert f"/portal/projects/{project.pk}/money/" not in html  # the public gets no management link
    client.force_login(member)
    assert f"/portal/projects/{project.pk}/money/" in client.get(f"/outcomes/reports/{report.pk}/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_people_adding_lines_at_once_cannot_overshoot_together(spend, member):
    """The second adder waits for the first one's lock, then counts its line: 200 + 200 of 300 is refused."""
    import threading
    import time

    from django.db import connection, transaction

    outcome = {}

    def second_adder():
        try:
            spending_line_add(disbursement=spend, user=member, fields=SpendingFields(what="防滑地砖", amount=200_000))
            outcome["second"] = "saved"
        except ValidationError as exc:
            outcome["second"] = exc.message_dict["amount"][0]
            outcome["code"] = exc.error_dict["amount"][0].code
        finally:
            connection.close()

    with transaction.atomic():
        spending_line_add(disbursement=spend, user=member, fields=SpendingFields(what="不锈钢扶手", amount=200_000))
        worker = threading.Thread(target=second_adder)
        worker.start()
        time.sleep(1)  # the second adder is now waiting on the disbursement's row lock
        assert "second" not in outcome
    worker.join(timeout=60)

    assert outcome["second"].startswith("支出明细合计不能超过拨付金额")
    assert outcome["code"] == "over_disbursement"
    assert list(SpendingLine.objects.values_list("amount", flat=True)) == [200_000]


def test_a_reversed_delivery_no_longer_proves_a_line(spend, member, county_staff, pdf_upload):
    from matching.outcomes.selectors.spending import OVERDUE, PENDING, spends_public
    from matching.outcomes.services.deliveries import delivery_reverse, need_fulfil

    delivery = need_fulfil(
        need=spend.need,
        user=member,
        what="扶手 12 套",
        delivered_on=timezone.localdate(),
        project=spend.project,
        documents=[pdf_upload],
    )
    spending_line_add(
        disbursement=spend, user=member, fields=SpendingFields(what="扶手 12 套", amount=300_000, delivery=delivery)
    )
    assert [line.state for line in spends_public(need=spend.need)[0].lines] == ["evidenced"]
    delivery_reverse(record=delivery, user=county_staff, reason="交付登记错了需求")
    assert spends_public(need=spend.need)[0].lines[0].state in (PENDING, OVERDUE)


def test_a_project_with_many_spends_shows_the_newest_and_says_where_the_rest_are(
    client, spend, member, project, matched_need, county_staff, monkeypatch
):
    from cms.transparency import public

    monkeypatch.setattr(public, "SPENDS_SHOWN", 2)
    for i in range(3):
        fund_and_spend(project, matched_need, member, county_staff, amount=10_000 + i)
    html = client.get(f"/transparency/projects/{project.ref}/").content.decode()
    assert len(BeautifulSoup(html, "html.parser").select("#spends article.spend")) == 2
    assert "以及更早的 2 笔支出" in html and "已支出 ¥3,300.03" in html  # the totals count every spend


def test_the_totals_summed_in_the_database_equal_the_totals_of_every_spend(
    spend, member, project, matched_need, county_staff, document, gps_photo, pdf_upload
):
    from matching.outcomes.selectors.spending import spends_public, spends_public_totals, spends_summary
    from matching.outcomes.services.deliveries import delivery_reverse, need_fulfil

    report = file_report(project, member, photos=[gps_photo])
    spending_line_add(disbursement=spend, user=member, fields=SpendingFields(what="扶手", amount=90_000, report=report))
    spending_line_add(disbursement=spend, user=member, fields=SpendingFields(what="地砖", amount=50_000))
    reversed_, proven = (
        fund_and_spend(project, matched_need, member, county_staff, amount=a) for a in (60_000, 70_000)
    )
    for d, what in ((reversed_, "床垫"), (proven, "轮椅")):  # the first delivery is reversed before the second
        delivery = need_fulfil(
            need=matched_need,
            user=member,
            what=what,
            delivered_on=timezone.localdate(),
            project=project,
            documents=[pdf_upload],
        )
        spending_line_add(
            disbursement=d, user=member, fields=SpendingFields(what=what, amount=40_000, delivery=delivery)
        )
        if d is reversed_:
            delivery_reverse(record=delivery, user=county_staff, reason="交付登记错了需求")
    old = fund_and_spend(project, matched_need, member, county_staff, document, amount=80_000)
    Disbursement.objects.filter(pk=old.pk).update(confirmed_at=timezone.now() - dt.timedelta(days=400))

    for today in (timezone.localdate(), timezone.localdate() + dt.timedelta(days=800)):
        for scope in ({"project": project}, {"need": matched_need}):
            spends = spends_public(today=today, **scope)
            summary = spends_summary(spends)
            assert summary.evidenced and summary.overdue  # both kinds are in the sums
            assert spends_public_totals(today=today, **scope) == (len(spends), summary)
