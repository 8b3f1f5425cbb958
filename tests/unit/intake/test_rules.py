"""Pure intake rules: phones, ID numbers, the personal-data guard, the referral lifecycle."""

import datetime

import pytest

from matching.intake import rules
from matching.intake.fields import ContactFields, ReportFields, report_errors


def with_check(first17: str) -> str:
    return first17 + rules._ID_CHECK[sum(int(d) * w for d, w in zip(first17, rules._ID_WEIGHTS, strict=True)) % 11]


@pytest.mark.parametrize("phone", ["13907990001", "139 0799 0001", "0799-6712345", "07996712345", "12349"])
def test_good_phones(phone):
    assert rules.phone_error(phone) is None


@pytest.mark.parametrize("phone", ["12345", "23907990001", "1390799000", "abc", "139079900011"])
def test_bad_phones(phone):
    assert "电话号码格式不正确" in rules.phone_error(phone)


def test_id_numbers():
    good = with_check("11010519491231002")
    assert good == "11010519491231002X"  # the GB 11643 worked example
    assert rules.id_number_error(good) is None and rules.id_number_error(good.lower()) is None
    assert "校验位" in rules.id_number_error(good[:-1] + "1")
    assert "出生日期" in rules.id_number_error(with_check("11010519491331002"))
    assert "18位" in rules.id_number_error("1101051949123100")


def test_personal_data_guard():
    private = ["冯秀兰", "13907990001", "", "王"]
    assert rules.contains_personal_data("冯秀兰家房屋漏雨", private)
    assert rules.contains_personal_data("电话 139-0799-0001", private)
    assert rules.contains_personal_data("身份证 360321195803140029", [])
    assert not rules.contains_personal_data("坊楼镇老人房屋漏雨，受益 1 户，需 2000 元", private)
    assert not rules.contains_personal_data("王家村", ["王"])  # one-character values are too common to match


def test_referral_lifecycle_and_overdue():
    assert rules.referral_can_become("referred", "acknowledged")
    assert rules.referral_can_become("referred", "answered")
    assert rules.referral_can_become("acknowledged", "answered")
    assert not rules.referral_can_become("answered", "acknowledged")
    assert not rules.referral_can_become("acknowledged", "referred")
    today = datetime.date(2026, 3, 10)
    due = rules.referral_due_on(datetime.date(2026, 3, 1), 7)
    assert due == datetime.date(2026, 3, 8)
    assert rules.referral_is_overdue(status="acknowledged", due_on=due, today=today)
    assert not rules.referral_is_overdue(status="answered", due_on=due, today=today)
    assert not rules.referral_is_overdue(status="referred", due_on=today, today=today)


def test_report_errors_name_each_bad_field():
    fields = ReportFields(county_code="36", township="", category="x", description="短", urgency="now", source="y")
    errors = report_errors(fields, ContactFields(person_id_number="1"))
    assert set(errors) == {
        "county_code",
        "township",
        "category",
        "description",
        "urgency",
        "source",
        "person_id_number",
        "reporter_phone",
    }
    good = ReportFields(
        county_code="360321", township="坊楼镇", category="medical", description="家中老人重病住院，医疗费用难以承担"
    )
    assert report_errors(good, ContactFields(reporter_phone="13907990001")) == {}
