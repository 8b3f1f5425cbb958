"""Reporting duties (慈善组织信息公开办法), as a pure function."""

import datetime as dt

from matching.outcomes.duties import FiledReport, add_months, overdue_duties, reporting_duties

D = dt.date


def test_add_months_clamps_to_month_end():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)


def test_short_project_has_only_a_final_report_duty():
    # given a four-month project that ended a month ago, no report filed
    duties = reporting_duties(starts_on=D(2026, 1, 1), ends_on=D(2026, 5, 1), reports=[], today=D(2026, 6, 1))
    # then only the final report is due, by 1 August, and not yet overdue
    assert [(d.kind, d.due_on, d.overdue) for d in duties] == [("final", D(2026, 8, 1), False)]


def test_final_report_overdue_three_months_after_end():
    duties = overdue_duties(starts_on=D(2026, 1, 1), ends_on=D(2026, 5, 1), reports=[], today=D(2026, 8, 2))
    assert [d.kind for d in duties] == ["final"]


def test_final_report_met_by_a_final_report():
    reports = [FiledReport(D(2026, 7, 1), is_final=True)]
    assert overdue_duties(starts_on=D(2026, 1, 1), ends_on=D(2026, 5, 1), reports=reports, today=D(2027, 1, 1)) == []


def test_long_project_reports_every_quarter():
    # given a two-year project, nine and a half months in, with reports in the first and third quarters
    reports = [FiledReport(D(2026, 3, 20)), FiledReport(D(2026, 9, 30))]
    duties = reporting_duties(starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31), reports=reports, today=D(2026, 10, 15))
    # then three quarters have fallen due; only the second is unmet and overdue
    assert [(d.period_start, d.period_end, d.met, d.overdue) for d in duties] == [
        (D(2026, 1, 1), D(2026, 4, 1), True, False),
        (D(2026, 4, 1), D(2026, 7, 1), False, True),
        (D(2026, 7, 1), D(2026, 10, 1), True, False),
    ]


def test_report_outside_the_quarter_does_not_count_for_it():
    reports = [FiledReport(D(2026, 7, 2))]  # one day after the second quarter closed
    duties = overdue_duties(starts_on=D(2026, 1, 1), ends_on=None, reports=reports, today=D(2026, 7, 10))
    assert [d.period_start for d in duties] == [D(2026, 1, 1), D(2026, 4, 1)]


def test_grace_days_extend_the_due_date():
    reports = [FiledReport(D(2026, 4, 10))]
    duties = overdue_duties(
        starts_on=D(2026, 1, 1), ends_on=D(2027, 1, 1), reports=reports, today=D(2026, 4, 20), grace_days=15
    )
    assert duties == []


def test_open_ended_project_under_six_months_has_no_duty_yet():
    assert reporting_duties(starts_on=D(2026, 1, 1), ends_on=None, reports=[], today=D(2026, 6, 30)) == []


def test_project_without_start_has_no_duties():
    assert reporting_duties(starts_on=None, ends_on=D(2026, 1, 1), reports=[], today=D(2027, 1, 1)) == []


def test_long_project_after_its_end_owes_quarters_and_final():
    duties = overdue_duties(starts_on=D(2026, 1, 1), ends_on=D(2026, 9, 1), reports=[], today=D(2026, 12, 2))
    assert [d.kind for d in duties] == ["quarterly", "quarterly", "final"]
