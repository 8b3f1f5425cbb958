"""When a spend's evidence must be public: with the report of the period it was spent in (pure function)."""

import datetime as dt

from matching.outcomes.duties import spend_evidence_due_on

D = dt.date


def test_long_project_discloses_a_spend_with_the_quarterly_report_of_its_quarter():
    # A two-year project from 1 January: a spend on 10 February falls in the first quarter, due 1 April.
    assert spend_evidence_due_on(spent_on=D(2026, 2, 10), starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31)) == D(
        2026, 4, 1
    )
    assert spend_evidence_due_on(spent_on=D(2026, 4, 1), starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31)) == D(
        2026, 7, 1
    )
    assert spend_evidence_due_on(spent_on=D(2026, 2, 10), starts_on=D(2026, 1, 1), ends_on=None, grace_days=15) == D(
        2026, 4, 16
    )


def test_short_project_and_the_last_quarter_go_with_the_final_report():
    assert spend_evidence_due_on(spent_on=D(2026, 2, 10), starts_on=D(2026, 1, 1), ends_on=D(2026, 5, 31)) == D(
        2026, 8, 31
    )
    # ten months: the fourth quarter (from 1 October) is not over when the project ends on 31 October
    assert spend_evidence_due_on(spent_on=D(2026, 10, 20), starts_on=D(2026, 1, 1), ends_on=D(2026, 10, 31)) == D(
        2027, 1, 31
    )


def test_spends_outside_the_project_period_are_due_three_months_after_the_spend():
    assert spend_evidence_due_on(spent_on=D(2026, 2, 10), starts_on=None, ends_on=None) == D(2026, 5, 10)
    assert spend_evidence_due_on(spent_on=D(2025, 11, 30), starts_on=D(2026, 1, 1), ends_on=None) == D(2026, 2, 28)
    assert spend_evidence_due_on(spent_on=D(2028, 1, 5), starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31)) == D(
        2028, 4, 5
    )
