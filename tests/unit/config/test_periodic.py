"""The one-machine run's clock (config/periodic.py): when each periodic task falls due, and that a failing
task is logged and waits for its next time without stopping the others."""

import datetime as dt

from celery import Celery
from celery.schedules import crontab

from config.periodic import entries_from, run_due

START = dt.datetime(2026, 12, 7, 7, 0, tzinfo=dt.UTC)


def _app():
    app = Celery("periodic-test", set_as_current=False)
    app.conf.task_always_eager = True
    app.conf.timezone = "UTC"
    calls = []

    @app.task(name="ok", shared=False)
    def ok():
        calls.append("ok")

    @app.task(name="boom", shared=False)
    def boom():
        calls.append("boom")
        raise RuntimeError("the database went away")

    return app, calls


def _at(entries, when):
    for e in entries:
        e.schedule.nowfun = lambda: when


def test_an_interval_falls_due_one_interval_after_the_last_run():
    app, calls = _app()
    entries = entries_from({"sweep": {"task": "ok", "schedule": 60.0}}, now=START, app=app)
    _at(entries, START + dt.timedelta(seconds=59))
    assert run_due(entries, app, now=lambda: START + dt.timedelta(seconds=59)) == []
    _at(entries, START + dt.timedelta(seconds=61))
    assert run_due(entries, app, now=lambda: START + dt.timedelta(seconds=61)) == ["sweep"]
    assert calls == ["ok"]
    assert run_due(entries, app, now=lambda: START + dt.timedelta(seconds=62)) == []  # ran: waits again


def test_a_crontab_falls_due_at_its_time_of_day():
    app, calls = _app()
    entries = entries_from({"digest": {"task": "ok", "schedule": crontab(hour=8, minute=0)}}, now=START, app=app)
    _at(entries, START.replace(hour=7, minute=59))
    assert run_due(entries, app) == []
    _at(entries, START.replace(hour=8, minute=0, second=5))
    assert run_due(entries, app) == ["digest"] and calls == ["ok"]


def test_a_failing_task_is_logged_by_name_and_does_not_stop_the_others(caplog):
    app, calls = _app()
    schedule = {"first": {"task": "boom", "schedule": 1.0}, "second": {"task": "ok", "schedule": 1.0}}
    entries = entries_from(schedule, now=START, app=app)
    later = START + dt.timedelta(seconds=2)
    _at(entries, later)

    assert run_due(entries, app, now=lambda: later) == ["first", "second"]

    assert calls == ["boom", "ok"]
    assert "periodic task first failed: RuntimeError" in caplog.text
    ours = " ".join(r.getMessage() for r in caplog.records if r.name == "config.periodic")
    assert "the database went away" not in ours  # the name and the kind: the message may hold anything
    assert all(e.last_run == later for e in entries)  # both wait for their next time


def test_an_unknown_task_name_is_reported_not_raised(caplog):
    app, _calls = _app()
    entries = entries_from({"gone": {"task": "no.such.task", "schedule": 1.0}}, now=START, app=app)
    _at(entries, START + dt.timedelta(seconds=5))
    assert run_due(entries, app) == ["gone"]
    assert "no such task no.such.task" in caplog.text
