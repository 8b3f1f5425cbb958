"""The one-machine run's clock: the periodic tasks of ``CELERY_BEAT_SCHEDULE``, run in-process.

With a broker, Celery beat sends these tasks to the workers. The one-machine run (``make run``) has no
broker: a task runs in the process that calls it, and nothing calls the periodic ones, so the search
outbox sweep, the payment-events sweep, the kept figures' refresh and the daily digests would never run.
``manage.py run_periodic`` runs each when its schedule says it is due, one after another, in a process of
its own beside the web server. A task that fails is logged by name and tried again at its next time; it
never stops the others.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from celery.schedules import BaseSchedule, maybe_schedule
from django.utils import timezone

log = logging.getLogger(__name__)


@dataclass
class Entry:
    name: str
    task: str
    schedule: BaseSchedule
    last_run: dt.datetime

    def is_due(self) -> bool:
        return bool(self.schedule.is_due(self.last_run)[0])


def entries_from(beat_schedule: dict, *, now: dt.datetime, app) -> list[Entry]:
    """One entry per schedule line, counted as run at ``now``: an interval falls due one interval later, a
    crontab at its next time."""
    return [
        Entry(name=name, task=line["task"], schedule=maybe_schedule(line["schedule"], app=app), last_run=now)
        for name, line in beat_schedule.items()
    ]


def run_entry(entry: Entry, app, *, now: dt.datetime) -> bool:
    """Run one task in this process; True when it succeeded. ``last_run`` moves on either way, so a failing
    task waits for its next time instead of running again at once."""
    entry.last_run = now
    task = app.tasks.get(entry.task)
    if task is None:
        log.error("periodic task %s: no such task %s", entry.name, entry.task)
        return False
    result = task.apply()
    if result.failed():
        log.error("periodic task %s failed: %s", entry.name, type(result.result).__name__)
        return False
    log.info("periodic task %s done", entry.name)
    return True


def run_due(entries: list[Entry], app, *, now: Callable[[], dt.datetime] = timezone.now) -> list[str]:
    """Run every entry that is due; returns the names run."""
    ran = []
    for entry in entries:
        if entry.is_due():
            run_entry(entry, app, now=now())
            ran.append(entry.name)
    return ran


def run_forever(entries: list[Entry], app, *, tick: float, should_stop: Callable[[], bool]) -> None:
    while not should_stop():
        run_due(entries, app)
        time.sleep(tick)
