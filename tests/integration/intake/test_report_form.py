"""The intake form: good input is recorded and the county's staff told; each bad field is refused, nothing written."""

import pytest
from django.urls import reverse

from matching.intake.models import IntakeReport, ReportContact
from matching.notifications.models import Notification
from tests.factories import UserFactory

from .conftest import PERSON_ID, PERSON_NAME, REPORTER_PHONE, form_data

NEW = reverse("intake:report_new")


def nothing_written():
    return (
        not IntakeReport.objects.exists() and not ReportContact.objects.exists() and not Notification.objects.exists()
    )


def test_staff_records_a_report_and_county_staff_are_notified(client, county_staff, other_staff):
    client.force_login(county_staff)
    response = client.post(NEW, form_data())
    report = IntakeReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("intake:report_detail", args=[report.ref])
    assert (report.county_id, report.township, report.category, report.urgency) == (
        "360321",
        "坊楼镇",
        "elderly_care",
        "urgent",
    )
    assert report.contact.person_id_number == PERSON_ID and report.contact.reporter_phone == REPORTER_PHONE
    assert report.status == IntakeReport.Status.NEW and report.recorded_by == county_staff
    # the county's staff are told, with no personal data; staff of another county are not
    notification = Notification.objects.get()
    assert notification.recipient == county_staff
    assert report.ref in notification.body and "莲花县" in notification.title
    assert PERSON_NAME not in notification.title + notification.body
    assert not Notification.objects.filter(recipient=other_staff).exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        # the county is chosen from the officer's own counties; anything else is refused by the choice
        ("county_code", "36032", "请从列表中选择您负责的县（区）"),
        ("county_code", "369999", "请从列表中选择您负责的县（区）"),
        ("county_code", "360300", "请从列表中选择您负责的县（区）"),
        ("township", "", "此项必填"),
        ("category", "lottery", "请从列表中选择困难类别"),
        ("description", "老人困难", "至少10个字"),
        ("urgency", "asap", "紧急程度应为：一般、紧急或危急"),
        ("source", "rumour", "来源不正确"),
        ("reporter_phone", "12345", "电话号码格式不正确"),
        ("person_phone", "abc", "电话号码格式不正确"),
        ("person_id_number", PERSON_ID[:-1] + ("0" if PERSON_ID[-1] != "0" else "1"), "身份证号校验位不正确"),
        ("person_id_number", "36032119581314002X", "出生日期无效"),
        ("person_id_number", "12345", "身份证号应为18位"),
    ],
)
def test_each_bad_field_gives_a_clear_message_and_writes_nothing(client, county_staff, field, value, message):
    client.force_login(county_staff)
    response = client.post(NEW, form_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert nothing_written()


def test_a_report_needs_at_least_one_phone(client, county_staff):
    client.force_login(county_staff)
    response = client.post(NEW, form_data(reporter_phone="", person_phone=""))
    assert "请至少填写一个联系电话" in response.content.decode()
    assert nothing_written()


def test_staff_of_another_county_cannot_record_for_this_one(client, other_staff, lianhua):
    client.force_login(other_staff)
    response = client.post(NEW, form_data())
    assert response.status_code == 200 and "请从列表中选择您负责的县（区）" in response.content.decode()
    assert nothing_written()


def test_the_county_is_a_choice_of_the_officers_own_counties(client, county_staff):
    client.force_login(county_staff)
    page = client.get(NEW).content.decode()
    assert '<select name="county_code"' in page and 'value="360321" selected' in page
    assert 'value="360322"' not in page  # another county of the prefecture is not this officer's


def test_hotline_operator_records_but_cannot_read_back(client, hotline_operator, county_staff):
    client.force_login(hotline_operator)
    response = client.post(NEW, form_data())
    report = IntakeReport.objects.get()
    assert response.status_code == 302 and response["Location"] == NEW
    detail = client.get(reverse("intake:report_detail", args=[report.ref]))
    assert detail.status_code == 404 and PERSON_NAME not in detail.content.decode()
    assert client.get(reverse("intake:report_list")).status_code == 403
    assert Notification.objects.filter(recipient=county_staff).exists()


def test_people_without_an_intake_role_get_403(client, regions_present):
    client.force_login(UserFactory(username="citizen"))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert nothing_written()


def test_anonymous_is_sent_to_login(client):
    response = client.get(NEW)
    assert response.status_code == 302 and "login" in response["Location"]
