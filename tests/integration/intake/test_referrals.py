"""Referral to another department, tracked referred → acknowledged → answered, with dates and an overdue flag."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from matching.errors import error_codes
from matching.intake.error_codes import IntakeErrorCode
from matching.intake.models import IntakeReport, Referral
from matching.intake.services.referrals import referral_acknowledge, referral_answer, report_refer


def test_referral_is_tracked_until_answered(client, report_of, county_staff):
    report = report_of()
    client.force_login(county_staff)
    # when staff refer the report to the education department with a 7-day deadline
    client.post(
        reverse("intake:report_refer", args=[report.ref]),
        {"department": "education", "note": "学费减免", "due_days": "7"},
    )
    referral = Referral.objects.get()
    assert referral.status == "referred" and referral.due_on == timezone.localdate() + datetime.timedelta(days=7)
    assert IntakeReport.objects.get(pk=report.pk).status == "referred"
    # then the department signs for it and answers; the dates are kept and the report is closed
    client.post(reverse("intake:referral_acknowledge", args=[referral.pk]), {"acknowledged_by": "县教育局 王老师"})
    referral.refresh_from_db()
    assert referral.status == "acknowledged" and referral.acknowledged_at and referral.acknowledged_by
    client.post(reverse("intake:referral_answer", args=[referral.pk]), {"answer": "已纳入教育资助，免除学杂费"})
    referral.refresh_from_db()
    assert referral.status == "answered" and referral.answered_at >= referral.acknowledged_at
    assert IntakeReport.objects.get(pk=report.pk).status == "closed"
    body = client.get(reverse("intake:report_detail", args=[report.ref])).content.decode()
    assert "已纳入教育资助" in body and "已答复" in body


def test_unanswered_referral_past_due_is_overdue_and_listed(client, report_of, county_staff):
    report = report_of()
    referral = report_refer(report=report, user=county_staff, department="health", due_days=3)
    assert not referral.is_overdue
    Referral.objects.filter(pk=referral.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    referral.refresh_from_db()
    assert referral.is_overdue
    client.force_login(county_staff)
    body = client.get(reverse("intake:report_list")).content.decode()
    assert "超期未答复的转办" in body and report.ref in body
    referral_answer(referral=referral, user=county_staff, answer="已安排家庭医生上门")
    referral.refresh_from_db()
    assert not referral.is_overdue


def test_bad_referral_steps_are_refused(report_of, county_staff, other_staff):
    report = report_of()
    with pytest.raises(ValidationError) as refused:
        report_refer(report=report, user=county_staff, department="police")
    assert error_codes(refused.value) == {IntakeErrorCode.DEPARTMENT_REQUIRED}
    with pytest.raises(ValidationError) as refused:
        report_refer(report=report, user=county_staff, department="housing", due_days=0)
    assert error_codes(refused.value) == {IntakeErrorCode.DUE_DAYS_OUT_OF_RANGE}
    assert not Referral.objects.exists()
    referral = report_refer(report=report, user=county_staff, department="housing")
    with pytest.raises(ValidationError) as refused:
        report_refer(report=report, user=county_staff, department="housing")
    assert error_codes(refused.value) == {IntakeErrorCode.ALREADY_REFERRED}
    with pytest.raises(ValidationError) as refused:
        referral_acknowledge(referral=referral, user=county_staff, acknowledged_by=" ")
    assert error_codes(refused.value) == {IntakeErrorCode.ACKNOWLEDGER_REQUIRED}
    with pytest.raises(ValidationError) as refused:
        referral_answer(referral=referral, user=county_staff, answer="")
    assert error_codes(refused.value) == {IntakeErrorCode.ANSWER_REQUIRED}
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        referral_answer(referral=referral, user=other_staff, answer="越权答复")
    referral_answer(referral=referral, user=county_staff, answer="已纳入危房改造")
    with pytest.raises(ValidationError) as refused:
        referral_acknowledge(referral=referral, user=county_staff, acknowledged_by="迟到的签收")
    assert error_codes(refused.value) == {IntakeErrorCode.REFERRAL_STEP_NOT_ALLOWED}
    referral.refresh_from_db()
    assert referral.answer == "已纳入危房改造" and referral.acknowledged_by == ""


def test_bad_referral_form_shows_message_and_writes_nothing(client, report_of, county_staff):
    report = report_of()
    client.force_login(county_staff)
    response = client.post(
        reverse("intake:report_refer", args=[report.ref]), {"department": "x", "due_days": "500"}, follow=True
    )
    body = response.content.decode()
    assert "请选择转办部门" in body and "1到90天" in body
    assert not Referral.objects.exists()


def test_overdue_referrals_are_reminded_to_county_staff_once(report_of, county_staff, other_staff):
    from matching.intake.tasks import remind_overdue_referrals
    from matching.notifications.models import Notification

    report = report_of()
    late = report_refer(report=report, user=county_staff, department="health", due_days=3)
    on_time = report_refer(report=report, user=county_staff, department="housing", due_days=3)
    Referral.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    Notification.objects.all().delete()

    assert remind_overdue_referrals() == 1
    notification = Notification.objects.get(kind="intake.referral_overdue")
    assert notification.recipient == county_staff and report.ref in notification.body
    assert "卫生健康部门" in notification.body and "住房" not in notification.body
    assert not Notification.objects.filter(recipient=other_staff).exists()
    # a second run reminds nobody again
    assert remind_overdue_referrals() == 0
    assert Notification.objects.count() == 1
    on_time.refresh_from_db()
    assert on_time.overdue_reminded_at is None
