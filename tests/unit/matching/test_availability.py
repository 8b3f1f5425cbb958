import datetime

from matching.availability import availability_errors, available_on
from matching.models.availability import availability_slots_label

TODAY = datetime.date(2026, 11, 30)  # a Monday


def test_an_open_range_is_fine():
    assert availability_errors(available_from=None, available_until=None, today=TODAY) == {}


def test_until_before_from_is_refused_in_chinese():
    errors = availability_errors(
        available_from=datetime.date(2026, 12, 10), available_until=datetime.date(2026, 12, 1), today=TODAY
    )

    assert errors == {"available_until": "可服务截止日期不能早于起始日期"}


def test_a_range_already_over_is_refused():
    errors = availability_errors(available_from=None, available_until=datetime.date(2026, 11, 1), today=TODAY)

    assert "available_until" in errors


def test_weekend_only_volunteer_is_not_available_on_a_monday_but_is_on_saturday():
    kwargs = {"weekdays": False, "weekends": True, "evenings": False, "available_from": None, "available_until": None}

    assert not available_on(day=TODAY, **kwargs)
    assert available_on(day=TODAY + datetime.timedelta(days=5), **kwargs)


def test_outside_the_date_range_nobody_is_available():
    kwargs = {
        "weekdays": True,
        "weekends": True,
        "evenings": True,
        "available_from": datetime.date(2026, 12, 1),
        "available_until": datetime.date(2026, 12, 31),
    }

    assert not available_on(day=TODAY, **kwargs)
    assert available_on(day=datetime.date(2026, 12, 2), **kwargs)
    assert not available_on(day=datetime.date(2027, 1, 1), **kwargs)


def test_slots_label_lists_the_chosen_parts():
    assert availability_slots_label(weekdays=False, weekends=True, evenings=True) == "周末、晚间"
    assert availability_slots_label(weekdays=False, weekends=False, evenings=False) == "未填写"
