"""The Celery refresh folds money every time but recounts needs at most once per FIGURES_RECOUNT_SECONDS."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from matching.models import NeedPage
from matching.outcomes.models import PLATFORM, RegionFigures
from matching.outcomes.tasks import RECOUNT_HELD, figures_refresh
from tests.factories import make_need

pytestmark = pytest.mark.django_db


def _live_needs_kept() -> int:
    row = RegionFigures.objects.filter(code=PLATFORM).first()
    return row.needs_total if row else 0


def test_needs_are_recounted_once_per_interval(settings):
    settings.FIGURES_RECOUNT_SECONDS = 300
    cache.delete(RECOUNT_HELD)
    make_need(title="第一条")
    assert "regions" in figures_refresh.apply().get()  # the first refresh recounts
    assert _live_needs_kept() == NeedPage.objects.live().count() == 1

    make_need(title="第二条")  # within the interval: money is folded, needs are not recounted
    result = figures_refresh.apply().get()

    assert "regions" not in result and "entries_folded" in result
    assert _live_needs_kept() == 1
    _interval_passed()
    assert "regions" in figures_refresh.apply().get() and _live_needs_kept() == 2


def test_a_new_process_does_not_recount_within_the_interval(settings):
    """Another process (its own in-process cache, as each import_records run without a broker) within the
    interval: the kept figures' own time says a recount is not due."""
    settings.FIGURES_RECOUNT_SECONDS = 300
    cache.delete(RECOUNT_HELD)
    make_need(title="第一条")
    assert "regions" in figures_refresh.apply().get()

    make_need(title="第二条")
    cache.delete(RECOUNT_HELD)  # the new process's cache knows nothing

    assert "regions" not in figures_refresh.apply().get()
    assert _live_needs_kept() == 1
    _interval_passed()
    assert "regions" in figures_refresh.apply().get() and _live_needs_kept() == 2


def _interval_passed() -> None:
    cache.delete(RECOUNT_HELD)
    RegionFigures.objects.update(needs_refreshed_at=timezone.now() - dt.timedelta(seconds=301))
