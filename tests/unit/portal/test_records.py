import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from matching.services.signups import parse_hours
from portal.records import certificate_number, hours_by_project, total_hours


def test_hours_are_summed_per_project_in_first_seen_order():
    rows = [
        ("p2", "乙", "组织乙", Decimal("1.5")),
        ("p1", "甲", "组织甲", Decimal("2")),
        ("p2", "乙", "组织乙", Decimal("3")),
    ]

    lines = hours_by_project(rows)

    assert [(line["ref"], line["hours"]) for line in lines] == [("p2", Decimal("4.5")), ("p1", Decimal("2"))]
    assert total_hours(lines) == Decimal("6.5")
    assert total_hours([]) == Decimal("0")


def test_the_certificate_number_is_stable_and_counts_half_hours():
    number = certificate_number("vol-abc123", Decimal("6.5"), datetime.date(2026, 11, 29))
    assert number == "BF-20261129-ABC123-00013"


@pytest.mark.parametrize("value", ["2", "0.5", "24", "1.5", " 3 "])
def test_valid_hours(value):
    assert parse_hours(value) == Decimal(value.strip())


@pytest.mark.parametrize(
    "value,message,code",
    [
        ("abc", "服务时长应为数字", "hours_not_a_number"),
        ("0", "0.5到24", "hours_out_of_range"),
        ("-1", "0.5到24", "hours_out_of_range"),
        ("24.5", "0.5到24", "hours_out_of_range"),
        ("1.3", "半小时", "hours_not_in_half_hours"),
        ("NaN", "0.5到24", "hours_out_of_range"),
        ("Infinity", "0.5到24", "hours_out_of_range"),
    ],
)
def test_invalid_hours_say_why(value, message, code):
    with pytest.raises(ValidationError) as exc:
        parse_hours(value)
    assert message in exc.value.message_dict["hours"][0]
    assert [e.code for e in exc.value.error_dict["hours"]] == [code]
