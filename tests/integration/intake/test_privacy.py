"""Personal data from intake never reaches public pages, the search document, or logs."""

import json
import logging

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from matching.errors import error_codes
from matching.intake.error_codes import IntakeErrorCode
from matching.intake.models import IntakeReport
from matching.intake.services.drafts import report_to_draft_need
from matching.models import BeneficiaryRecord, NeedPage
from search.documents import need_document

from .conftest import PERSON_ID, PERSON_NAME, PRIVATE_VALUES, form_data
from .test_bulk import good_csv


def test_draft_need_carries_no_personal_data_and_public_pages_show_none(client, report_of, county_staff):
    # given a report turned into a draft need by the county's officer
    report = report_of()
    client.force_login(county_staff)
    response = client.post(reverse("intake:report_draft_need", args=[report.ref]), {"title": "", "description": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    need = NeedPage.objects.get(pk=report.need_id)
    assert report.status == "drafted" and not need.live and need.county_id == "360321"
    assert [c.code for c in need.categories.all()] == ["elderly_care"]
    # personal data went to the private beneficiary record only
    record = BeneficiaryRecord.objects.get(need=need)
    assert (record.full_name, record.id_number) == (PERSON_NAME, PERSON_ID)
    # when staff publish it
    need.save_revision(user=county_staff).publish(user=county_staff)
    need.refresh_from_db()
    assert need.live
    client.logout()
    # then neither the need page, the need list, the region page nor the search document show personal data
    pages = [client.get(need.url), client.get("/needs/"), client.get(need.get_parent().url)]
    for page in pages:
        assert page.status_code == 200
        body = page.content.decode()
        assert all(value not in body for value in PRIVATE_VALUES)
    assert need.title in pages[1].content.decode()
    document = json.dumps(need_document(need), ensure_ascii=False, default=str)
    assert all(value not in document for value in PRIVATE_VALUES)


def test_public_text_with_personal_data_is_refused(report_of, county_staff):
    report = report_of()
    for title in (f"{PERSON_NAME}家房屋漏雨", "联系电话13907990001", "老人家房屋漏雨"):
        description = "<p>房屋漏雨</p>" if title != "老人家房屋漏雨" else f"<p>身份证 {PERSON_ID}</p>"
        with pytest.raises(ValidationError) as refused:
            report_to_draft_need(report=report, user=county_staff, title=title, description=description)
        assert error_codes(refused.value) == {IntakeErrorCode.PERSONAL_DATA_IN_PUBLIC_TEXT}
    assert not NeedPage.objects.filter(title__contains="漏雨").exists()
    assert IntakeReport.objects.get(pk=report.pk).need_id is None


def test_a_report_becomes_at_most_one_need(report_of, county_staff):
    report = report_of()
    report_to_draft_need(report=report, user=county_staff)
    with pytest.raises(ValidationError) as refused:
        report_to_draft_need(report=report, user=county_staff)
    assert error_codes(refused.value) == {IntakeErrorCode.ALREADY_A_NEED}
    assert NeedPage.objects.filter(intake_reports=report).count() == 1


def test_clerks_can_draft_needs_too(report_of, county_clerk):
    need = report_to_draft_need(report=report_of(), user=county_clerk)
    assert not need.live


def test_no_personal_data_in_logs(client, county_staff, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    client.force_login(county_staff)
    client.post(reverse("intake:report_new"), form_data())
    client.post(reverse("intake:report_new"), form_data(person_id_number="123"))  # a refused one too
    report = IntakeReport.objects.get()
    client.post(reverse("intake:report_draft_need", args=[report.ref]))
    client.post(reverse("intake:report_refer", args=[report.ref]), {"department": "health"})
    path = tmp_path / "list.csv"
    path.write_text(good_csv(), encoding="utf-8")
    call_command("import_monitoring_csv", str(path), verbosity=0)
    assert report.ref in caplog.text and "monitoring list imported" in caplog.text  # the logs do say something
    for value in PRIVATE_VALUES + ["谢红梅", "36032119700101"]:
        assert value not in caplog.text


def test_records_export_of_a_drafted_and_published_need_carries_no_personal_data(report_of, county_staff, tmp_path):
    need = report_to_draft_need(report=report_of(), user=county_staff)
    need.save_revision(user=county_staff).publish(user=county_staff)
    path = tmp_path / "records.jsonl"
    call_command("export_records", str(path), verbosity=0)
    exported = path.read_text(encoding="utf-8")
    assert need.ref in exported
    assert all(value not in exported for value in PRIVATE_VALUES)
