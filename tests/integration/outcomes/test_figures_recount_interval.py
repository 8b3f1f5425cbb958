"""The Celery refresh folds money every time but recounts needs at most once per FIGURES_RECOUNT_SECONDS."""

import pytest
from django.core.cache import cache

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
    cache.delete(RECOUNT_HELD)  # the interval has passed
    assert "regions" in figures_refresh.apply().get() and _live_needs_kept() == 2
