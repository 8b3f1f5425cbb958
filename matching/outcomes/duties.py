"""Reporting duties under the charity disclosure rules (慈善组织信息公开办法). Pure: no ORM.

- A project that runs longer than six months discloses its progress at least every three months:
  one duty per full quarter counted from its start; a report submitted within that quarter (or
  within the grace days after it) meets it.
- A final report (结项报告) is due within three months of the project's end.
A project without a start date has no duties yet; one without an end date runs on (quarters up to today).
"""
import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext

QUARTERLY_AFTER_MONTHS = 6
QUARTER_MONTHS = 3
FINAL_WITHIN_MONTHS = 3


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day-of-month ``months`` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class FiledReport:
    submitted_on: datetime.date
    is_final: bool = False


@dataclass(frozen=True)
class Duty:
    kind: str  # "quarterly" | "final"
    period_start: datetime.date
    period_end: datetime.date
    due_on: datetime.date
    met: bool
    overdue: bool

    @property
    def label(self) -> str:
        if self.kind == "final":
            return gettext("结项报告（%(due)s 前）") % {"due": f"{self.due_on:%Y-%m-%d}"}
        return gettext("季度进展报告 %(start)s–%(end)s（%(due)s 前）") % {
            "start": f"{self.period_start:%Y-%m-%d}", "end": f"{self.period_end:%Y-%m-%d}", "due": f"{self.due_on:%Y-%m-%d}"}


def runs_longer_than_six_months(starts_on: datetime.date, ends_on: datetime.date | None, today: datetime.date) -> bool:
    end = ends_on or today
    return end > add_months(starts_on, QUARTERLY_AFTER_MONTHS)


def reporting_duties(*, starts_on: datetime.date | None, ends_on: datetime.date | None, reports: list[FiledReport],
                     today: datetime.date, grace_days: int = 0) -> list[Duty]:
    """Every duty that has fallen due by ``today`` (and the next final one), with whether it is met."""
    if starts_on is None:
        return []
    duties: list[Duty] = []
    submitted = sorted(r.submitted_on for r in reports)
    grace = datetime.timedelta(days=grace_days)
    if runs_longer_than_six_months(starts_on, ends_on, today):
        last_end = min(ends_on, today) if ends_on else today
        k = 1
        while True:
            q_start, q_end = add_months(starts_on, QUARTER_MONTHS * (k - 1)), add_months(starts_on, QUARTER_MONTHS * k)
            if q_end > last_end:
                break
            due = q_end + grace
            met = any(q_start <= s <= due for s in submitted)
            duties.append(Duty("quarterly", q_start, q_end, due, met, overdue=not met and today > due))
            k += 1
    if ends_on is not None:
        due = add_months(ends_on, FINAL_WITHIN_MONTHS)
        met = any(r.is_final for r in reports)
        if ends_on <= today or met:
            duties.append(Duty("final", starts_on, ends_on, due, met, overdue=not met and today > due))
    return duties


def overdue_duties(**kwargs) -> list[Duty]:
    return [d for d in reporting_duties(**kwargs) if d.overdue]
