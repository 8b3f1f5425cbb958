"""Keeping the index true: the outbox is written with the domain write and drained after commit."""

import datetime as dt

import pytest
from django.utils import timezone

from matching.models import Organisation, Project
from search.backends.base import SearchUnavailable
from search.models import IndexOutbox
from search.outbox import backoff, outbox_drain
from tests.factories import OrganisationFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db


def _due_now():
    IndexOutbox.objects.update(available_at=timezone.now() - dt.timedelta(seconds=1))


def test_a_save_queues_its_index_work_in_the_same_transaction():
    project = ProjectFactory(ref="prj-outbox-1")

    assert IndexOutbox.objects.filter(kind="project", ref="prj-outbox-1").exists()
    assert Project.objects.filter(pk=project.pk).exists()


def test_commit_drains_the_outbox_into_the_index(search_backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory(ref="prj-outbox-2", title="农村敬老院适老化改造")

    assert search_backend.get("project", "prj-outbox-2")["title"] == "农村敬老院适老化改造"
    assert IndexOutbox.objects.count() == 0


def test_a_backend_that_is_down_never_fails_a_save_and_loses_no_update(
    search_backend, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args, **kwargs):
        raise SearchUnavailable()

    monkeypatch.setattr(search_backend, "index", down)
    with django_capture_on_commit_callbacks(execute=True):
        project = ProjectFactory(ref="prj-outbox-3")

    assert Project.objects.filter(pk=project.pk).exists()
    row = IndexOutbox.objects.get(kind="project", ref="prj-outbox-3")
    assert row.attempts == 1 and "搜索服务暂时不可用" in row.last_error
    assert row.available_at > timezone.now()

    monkeypatch.undo()
    _due_now()
    result = outbox_drain()

    assert result["done"] >= 1 and result["pending"] == 0
    assert search_backend.get("project", "prj-outbox-3") is not None


def test_publishing_a_need_with_the_backend_down_still_publishes(
    search_backend, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(search_backend, "index", lambda *a, **k: (_ for _ in ()).throw(SearchUnavailable()))
    with django_capture_on_commit_callbacks(execute=True):
        need = make_need(ref="need-outbox-1")

    assert need.live
    assert IndexOutbox.objects.filter(kind="need", ref="need-outbox-1").exists()


def test_unpublished_needs_and_suspended_organisations_leave_the_index(search_backend):
    need = make_need(ref="need-outbox-2", title="莲花县敬老院卫浴改造")
    org = OrganisationFactory()
    ProjectFactory(ref="prj-outbox-4", organisation=org)
    outbox_drain()
    assert search_backend.get("need", "need-outbox-2") is not None
    assert search_backend.get("project", "prj-outbox-4") is not None

    need.unpublish()
    org.status = Organisation.Status.SUSPENDED
    org.save()
    outbox_drain()

    assert search_backend.get("need", "need-outbox-2") is None
    assert search_backend.get("project", "prj-outbox-4") is None
    assert search_backend.search("need", "敬老院").total == 0


def test_deleted_projects_leave_the_index(search_backend):
    project = ProjectFactory(ref="prj-outbox-5")
    outbox_drain()
    project.delete()
    outbox_drain()

    assert search_backend.get("project", "prj-outbox-5") is None


def test_pending_organisations_projects_are_never_indexed(search_backend):
    ProjectFactory(ref="prj-outbox-6", organisation=OrganisationFactory(status="pending"))
    outbox_drain()

    assert search_backend.get("project", "prj-outbox-6") is None


def test_backoff_grows_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [2, 4, 8]
    assert backoff(50) == dt.timedelta(hours=1)
