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
            "start": f"{self.period_start:%Y-%m-%d}",
            "end": f"{self.period_end:%Y-%m-%d}",
            "due": f"{self.due_on:%Y-%m-%d}",
        }


def runs_longer_than_six_months(starts_on: datetime.date, ends_on: datetime.date | None, today: datetime.date) -> bool:
    end = ends_on or today
    return end > add_months(starts_on, QUARTERLY_AFTER_MONTHS)


def reporting_duties(
    *,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    reports: list[FiledReport],
    today: datetime.date,
    grace_days: int = 0,
) -> list[Duty]:
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


def spend_evidence_due_on(
    *, spent_on: datetime.date, starts_on: datetime.date | None, ends_on: datetime.date | None, grace_days: int = 0
) -> datetime.date:
    """The day a spend's evidence must be public: with the report that discloses the period the money was spent in.

    - a project that runs longer than six months (or runs on without an end): the quarterly report of the quarter,
      counted from the project's start, that holds the spend, due at that quarter's end (plus the grace days);
      a spend in the project's last, unfinished quarter goes with the final report;
    - a shorter project: the final report, three months after its end;
    - money spent before the project's start, or by a project without a start date: three months after the spend;
      money spent after the project's end: three months after the spend.
    """
    grace = datetime.timedelta(days=grace_days)
    if starts_on is None or spent_on < starts_on or (ends_on is not None and spent_on > ends_on):
        return add_months(spent_on, QUARTER_MONTHS) + grace
    final_due = add_months(ends_on, FINAL_WITHIN_MONTHS) if ends_on is not None else None
    if ends_on is not None and ends_on <= add_months(starts_on, QUARTERLY_AFTER_MONTHS):
        return final_due
    k = 1
    while add_months(starts_on, QUARTER_MONTHS * k) <= spent_on:
        k += 1
    quarter_end = add_months(starts_on, QUARTER_MONTHS * k)
    if ends_on is not None and quarter_end > ends_on:
        return final_due
    return quarter_end + grace


def overdue_from(
    *, starts_on: datetime.date | None, ends_on: datetime.date | None, reports: list[FiledReport]
) -> datetime.date | None:
    """The first day on which ``overdue_duties`` is not empty (grace 0), or None if that never happens with
    these reports: ``bool(overdue_duties(..., today=t)) == (overdue_from(...) is not None and t >= it)``
    for every ``t``. It does not depend on today, so it can be kept and compared with today in a query.

    A quarterly duty that is not met is overdue from the day after its quarter ends — for a project without
    an end, not before the day after it has run six months (before then it has no quarterly duties); the
    final report from the day after it was due. The quarters are in order, so only the first unmet one counts.
    """
    if starts_on is None:
        return None
    candidates = []
    submitted = sorted(r.submitted_on for r in reports)
    day = datetime.timedelta(days=1)
    six_months = add_months(starts_on, QUARTERLY_AFTER_MONTHS)
    if ends_on is None or ends_on > six_months:
        k = 1
        while True:
            q_start, q_end = add_months(starts_on, QUARTER_MONTHS * (k - 1)), add_months(starts_on, QUARTER_MONTHS * k)
            if ends_on is not None and q_end > ends_on:
                break
            if not any(q_start <= s <= q_end for s in submitted):
                candidates.append(max(q_end, six_months) + day if ends_on is None else q_end + day)
                break
            k += 1
    if ends_on is not None and not any(r.is_final for r in reports):
        candidates.append(add_months(ends_on, FINAL_WITHIN_MONTHS) + day)
    return min(candidates) if candidates else None
