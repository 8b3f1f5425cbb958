import datetime as dt

from matching.outcomes.stats import NeedTimes, summarise

T0 = dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.UTC)


def test_summary_medians_over_answered_and_fulfilled_needs_only():
    times = [
        NeedTimes(1, T0, T0 + dt.timedelta(hours=2), T0 + dt.timedelta(days=10)),
        NeedTimes(2, T0, T0 + dt.timedelta(hours=6), None),
        NeedTimes(3, T0, None, None),
    ]
    s = summarise("360321", "莲花县", times)
    assert (s.needs, s.answered, s.fulfilled) == (3, 2, 1)
    assert s.median_hours_to_first_response == 4.0
    assert s.median_days_to_fulfilment == 10.0


def test_summary_of_nothing_answered_has_no_medians():
    s = summarise("x", "x", [NeedTimes(1, T0, None, None)])
    assert s.median_hours_to_first_response is None and s.answered_share == 0.0
