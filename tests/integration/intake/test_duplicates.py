"""A report that looks like an existing report or need is flagged with links to the candidates."""

import datetime

from django.urls import reverse
from django.utils import timezone

from matching.intake.models import IntakeReport
from tests.factories import make_need

SAME_CASE = "坪里村独居老人房屋漏雨，腿脚不便，冬季没有取暖设备"


def test_near_duplicate_report_is_flagged_with_a_link(client, report_of, county_staff):
    first = report_of()
    second = report_of(description=SAME_CASE, reporter_name="", reporter_phone="13800000000")
    assert list(second.similar_reports.all()) == [first]
    client.force_login(county_staff)
    body = client.get(reverse("intake:report_detail", args=[second.ref])).content.decode()
    assert "疑似重复" in body and reverse("intake:report_detail", args=[first.ref]) in body


def test_unrelated_report_in_same_county_and_category_is_not_flagged(report_of):
    report_of()
    other = report_of(description="敬老院护理员不足，需要志愿者周末帮助老人理发、读报")
    assert not other.similar_reports.exists() and not other.similar_needs.exists()


def test_same_text_in_another_category_or_county_is_not_flagged(report_of, other_staff):
    report_of()
    assert not report_of(category="housing").similar_reports.exists()
    assert not report_of(county_code="360322", user=other_staff).similar_reports.exists()


def test_reports_outside_the_window_are_not_flagged(report_of, settings):
    settings.INTAKE_DUPLICATE_WINDOW_DAYS = 30
    old = report_of()
    IntakeReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    assert not report_of(description=SAME_CASE).similar_reports.exists()


def test_threshold_is_configurable(report_of, settings):
    report_of()
    settings.INTAKE_DUPLICATE_THRESHOLD = 0.95
    assert not report_of(description=SAME_CASE).similar_reports.exists()


def test_a_similar_existing_need_is_flagged(report_of, county_staff):
    need = make_need(
        title="坪里村独居老人房屋漏雨需修缮",
        categories=("elderly_care",),
        description="<p>坪里村独居老人腿脚不便，房屋漏雨，冬天缺少取暖设备。</p>",
    )
    make_need(title="县城小学课后托管", categories=("elderly_care",), description="<p>学生放学后无人照看</p>")
    report = report_of()
    assert list(report.similar_needs.all()) == [need]


def test_staff_close_a_confirmed_duplicate_with_a_reason(client, report_of, county_staff, other_staff):
    first = report_of()
    second = report_of(description=SAME_CASE)
    url = reverse("intake:report_close", args=[second.ref])
    client.force_login(other_staff)
    assert client.post(url, {"closed_reason": "越权"}).status_code == 404
    client.force_login(county_staff)
    body = client.post(url, {"closed_reason": " "}, follow=True).content.decode()
    assert "请填写办结说明" in body
    assert IntakeReport.objects.get(pk=second.pk).status == "new"
    client.post(url, {"closed_reason": f"与报告 {first.ref} 重复"})
    second.refresh_from_db()
    assert second.status == "closed" and second.closed_at and first.ref in second.closed_reason
