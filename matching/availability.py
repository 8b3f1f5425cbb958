"""Rules for a volunteer's availability. Pure: no database."""

import datetime


def availability_errors(
    *, available_from: datetime.date | None, available_until: datetime.date | None, today: datetime.date
) -> dict[str, str]:
    """The date range is optional; when given it must be ordered and not already over."""
    errors = {}
    if available_from and available_until and available_until < available_from:
        errors["available_until"] = "可服务截止日期不能早于起始日期"
    elif available_until and available_until < today:
        errors["available_until"] = "可服务截止日期不能早于今天"
    return errors


def available_on(
    *, weekdays: bool, weekends: bool, evenings: bool, available_from, available_until, day: datetime.date
) -> bool:
    """Whether a volunteer with this availability may serve on a given day (any part of it)."""
    if available_from and day < available_from:
        return False
    if available_until and day > available_until:
        return False
    is_weekend = day.weekday() >= 5
    return evenings or (weekends if is_weekend else weekdays)
