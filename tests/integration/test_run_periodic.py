"""``manage.py run_periodic``: the one-machine run's stand-in for Celery beat runs the real periodic tasks,
and refuses to run where a broker (and so beat) is configured."""

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from matching.models import NeedPage
from matching.outcomes.models import PLATFORM, RegionFigures
from matching.outcomes.tasks import RECOUNT_HELD
from tests.factories import make_need

pytestmark = pytest.mark.django_db


def test_once_runs_every_periodic_task_and_brings_the_kept_figures_up_to_date(settings, capsys):
    cache.delete(RECOUNT_HELD)
    make_need(title="定期任务测试")
    NeedPage.objects.update(beneficiaries=1)  # no signal: only a recount sees the kept figures stale
    RegionFigures.objects.filter(code=PLATFORM).delete()

    call_command("run_periodic", "--once")

    out = capsys.readouterr().out
    assert f"运行 {len(settings.CELERY_BEAT_SCHEDULE)} 个，失败 0 个" in out
    kept = RegionFigures.objects.get(code=PLATFORM)
    assert kept.needs_total == NeedPage.objects.live().count() == 1


def test_with_a_broker_it_refuses_and_names_celery_beat(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with pytest.raises(CommandError, match="celery beat"):
        call_command("run_periodic", "--once")


def test_a_tick_of_zero_is_refused():
    with pytest.raises(CommandError, match="--tick"):
        call_command("run_periodic", "--tick", "0")
