"""overdue_from is the first day on which overdue_duties is not empty: checked against the duties themselves
over random projects, reports and days."""

import datetime
import random

from matching.outcomes.duties import FiledReport, overdue_duties, overdue_from

START = datetime.date(2020, 1, 1)


def _random_project(rng: random.Random):
    starts_on = START + datetime.timedelta(days=rng.randint(0, 900))
    ends_on = None if rng.random() < 0.4 else starts_on + datetime.timedelta(days=rng.randint(0, 1200))
    reports = [
        FiledReport(starts_on + datetime.timedelta(days=rng.randint(-30, 1500)), rng.random() < 0.15)
        for _ in range(rng.choice([0, 0, 1, 2, 4, 8, 16]))
    ]
    return starts_on, ends_on, reports


def test_overdue_from_is_the_first_day_any_duty_is_overdue():
    rng = random.Random(2026)
    for _ in range(400):
        starts_on, ends_on, reports = _random_project(rng)
        first = overdue_from(starts_on=starts_on, ends_on=ends_on, reports=reports)
        for offset in sorted({rng.randint(-10, 2200) for _ in range(25)}):
            today = starts_on + datetime.timedelta(days=offset)
            overdue = bool(overdue_duties(starts_on=starts_on, ends_on=ends_on, reports=reports, today=today))
            assert overdue == (first is not None and today >= first), (starts_on, ends_on, reports, today, first)
        if first is not None:  # the day before it nothing is overdue, on the day something is
            assert overdue_duties(starts_on=starts_on, ends_on=ends_on, reports=reports, today=first)
            assert not overdue_duties(
                starts_on=starts_on, ends_on=ends_on, reports=reports, today=first - datetime.timedelta(days=1)
            )


def test_no_start_means_never_overdue():
    assert overdue_from(starts_on=None, ends_on=None, reports=[]) is None
