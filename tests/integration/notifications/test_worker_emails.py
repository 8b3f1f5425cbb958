"""notify → commit → Celery task on a real worker (Redis broker) → email written by the worker."""

from types import SimpleNamespace

import pytest
from django.db import transaction

from matching.notifications.models import Notification, NotificationPreference
from matching.notifications.services import notify
from matching.notifications.tasks import send_digest_for_user, send_notification_emails
from tests.celery_worker import app_pointed_at
from tests.factories import NotificationPreferenceFactory, UserFactory

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def test_worker_emails_immediate_recipients_after_commit_once(worker):
    # given one person on immediate delivery and one on the daily digest
    alice = UserFactory(username="n-alice", email="alice@example.org")
    bob = UserFactory(username="n-bob", email="bob@example.org")
    NotificationPreferenceFactory(user=bob, delivery=NotificationPreference.Delivery.DAILY_DIGEST)

    # when a service notifies both inside its transaction
    with transaction.atomic():
        created = notify(
            recipients=[alice, bob],
            kind="test.hello",
            title="新的受理报告",
            body="莲花县有一条新报告",
            url="/intake/reports/1/",
        )
        assert worker.emails() == []  # nothing is sent before commit

    # then the worker sends exactly one email, to alice, and stamps it
    [message] = worker.wait_for_emails(1)
    assert "To: alice@example.org" in message
    assert "新的受理报告" in message and "/intake/reports/1/" in message
    sent = Notification.objects.get(pk=created[0].pk)
    assert sent.emailed_at is not None
    assert Notification.objects.get(recipient=bob).emailed_at is None
    # and running the task again sends nothing (emailed_at guards a second send)
    assert send_notification_emails([n.pk for n in created]) == 0


def test_worker_sends_one_digest_with_every_unsent_notification(worker):
    # given a digest user with two unsent notifications
    carol = UserFactory(username="n-carol", email="carol@example.org")
    NotificationPreferenceFactory(user=carol, delivery=NotificationPreference.Delivery.DAILY_DIGEST)
    notify(recipients=[carol], kind="test.a", title="第一条通知")
    notify(recipients=[carol], kind="test.b", title="第二条通知")

    # when the digest task runs on the worker
    send_digest_for_user.delay(carol.pk)

    # then one email lists both and both are stamped; a second run sends nothing
    [message] = worker.wait_for_emails(1)
    assert "To: carol@example.org" in message
    assert "第一条通知" in message and "第二条通知" in message
    assert not Notification.objects.filter(recipient=carol, emailed_at__isnull=True).exists()
    assert send_digest_for_user(carol.pk) == 0


def test_rolled_back_transaction_leaves_no_notification_and_no_email(worker):
    dave = UserFactory(username="n-dave", email="dave@example.org")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            notify(recipients=[dave], kind="test.x", title="不会发出")
            raise RuntimeError("caller fails")
    assert not Notification.objects.exists()
    # a later notification does arrive, and it is the only one
    notify(recipients=[dave], kind="test.y", title="会发出")
    [message] = worker.wait_for_emails(1)
    assert "会发出" in message and "不会发出" not in message


def test_after_the_worker_fixture_the_app_runs_tasks_in_process_again(settings):
    """What the per-test worker fixture does around each test above, in this test alone (no order)."""
    from config.celery import app

    before = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "task_default_queue")}
    stand_in = SimpleNamespace(broker_url="redis://127.0.0.1:6379/11", queue="bangfu-test-worker")

    with pytest.raises(RuntimeError):
        with app_pointed_at(stand_in):
            assert app.conf.task_always_eager is False
            assert (app.conf.broker_url, app.conf.task_default_queue) == (stand_in.broker_url, stand_in.queue)
            raise RuntimeError("a test fails while the app points at the worker")

    assert {key: app.conf[key] for key in before} == before
    assert app.conf.task_always_eager is settings.CELERY_TASK_ALWAYS_EAGER
