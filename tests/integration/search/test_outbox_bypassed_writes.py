"""Writes in matching/services/needs.py that use QuerySet.update() (no signals) still queue the
need for re-indexing in the same transaction."""

import pytest

from matching.models import NeedPage
from matching.services.needs import need_record_response, need_set_status
from search.models import IndexOutbox
from search.outbox import outbox_drain
from tests.factories import make_need

pytestmark = pytest.mark.django_db


def test_the_first_response_stamp_reaches_the_index(search_backend):
    need = make_need(ref="need-ob-1")
    outbox_drain()
    assert search_backend.get("need", "need-ob-1")["first_response_on"] is None

    need_record_response(need=need, actor_label="某组织", message="我们可以帮忙")

    assert IndexOutbox.objects.filter(kind="need", ref="need-ob-1").exists()
    outbox_drain()
    assert search_backend.get("need", "need-ob-1")["first_response_on"] is not None


def test_a_status_change_of_a_non_live_need_is_queued(search_backend):
    need = make_need(ref="need-ob-2", status="draft")
    outbox_drain()
    IndexOutbox.objects.all().delete()

    need_set_status(need=NeedPage.objects.get(pk=need.pk), status="closed")

    assert IndexOutbox.objects.filter(kind="need", ref="need-ob-2").exists()
