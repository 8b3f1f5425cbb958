"""The Celery tasks run while a block runs, timed (without a broker they run in-process, eagerly): what an
import's commit sets off (the search outbox drain, the standing-profile alerts, the kept figures' refresh)."""

from __future__ import annotations

import time
from contextlib import contextmanager

DRAIN_AND_ALERTS = ("outbox_drain", "profiles_alert_many", "profiles_alert")


@contextmanager
def celery_tasks_timed():
    """Celery task name -> [runs, seconds] of the tasks run while the block runs."""
    from celery.signals import task_postrun, task_prerun

    tasks: dict[str, list[float]] = {}
    started: dict[str, float] = {}

    def task_started(task_id=None, task=None, **_kw):
        started[task_id] = time.perf_counter()

    def task_finished(task_id=None, task=None, **_kw):
        runs = tasks.setdefault(task.name.rsplit(".", 1)[-1], [0, 0.0])
        runs[0] += 1
        runs[1] += time.perf_counter() - started.pop(task_id, time.perf_counter())

    task_prerun.connect(task_started, weak=False)
    task_postrun.connect(task_finished, weak=False)
    try:
        yield tasks
    finally:
        task_prerun.disconnect(task_started)
        task_postrun.disconnect(task_finished)


def split_times(wall: float, tasks: dict[str, list[float]]) -> dict[str, float]:
    """The wall time of an import with its tasks run in-process, split: ``to_commit`` (what the caller waits
    for when a worker runs the tasks), ``to_searchable`` (to commit, plus the outbox drain into the search
    engine and the alerts) and each task's seconds."""
    in_tasks = sum(seconds for _runs, seconds in tasks.values())
    to_commit = wall - in_tasks
    searchable = to_commit + sum(tasks.get(name, (0, 0.0))[1] for name in DRAIN_AND_ALERTS)
    return {
        "to_commit": to_commit,
        "to_searchable": searchable,
        **{f"task_{name}": seconds for name, (_runs, seconds) in sorted(tasks.items())},
    }
