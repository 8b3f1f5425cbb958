"""Payment events are never lost: stored before the 200, retried with backoff, swept, reported.

The failures are real: the provider behind a closed port (the worker's requests go through a local
relay that is switched off and on), SQLite writers racing on one file.
"""

import datetime
import io
import socket
import sqlite3
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.utils import ConnectionHandler
from django.test import Client
from django.utils import timezone

from config.settings.base import database_settings
from matching.funding.models import Donation, LedgerTransaction, PaymentEvent
from matching.funding.services.donations import donation_start
from matching.funding.tasks import payment_events_sweep
from tests.celery_worker import celery_worker_fixture
from tests.stripe_server import free_port, stripe_event, stripe_signature

pytestmark = [pytest.mark.stripe]


class Relay:
    """A TCP relay on a fixed loopback port to the local Stripe server; off = connection refused."""

    def __init__(self, target_port: int):
        self.port, self.target_port, self._listener, self._open = free_port(), target_port, None, []

    def on(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def off(self) -> None:
        """Refuse new connections and cut the open ones (clients keep connections alive)."""
        if self._listener:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close alone does not
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        for s in self._open:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._open.clear()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src, dst) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@pytest.fixture(scope="session")
def stripe_relay(localstripe):
    relay = Relay(localstripe.port)
    relay.on()
    yield relay
    relay.off()


@pytest.fixture(scope="session")
def payment_worker_env(stripe_relay):
    return {"STRIPE_API_BASE": f"http://127.0.0.1:{stripe_relay.port}", "STRIPE_SECRET_KEY": "sk_test_bangfu_local"}


payment_worker_process, payment_worker = celery_worker_fixture(
    redis_db=13, name="payment_worker", env_fixture="payment_worker_env"
)


def _deliver(client, settings, donation, event_id):
    body = stripe_event(
        event_id, "payment_intent.succeeded", {"id": donation.provider_payment_id, "object": "payment_intent"}
    )
    return client.post(
        "/funding/webhooks/stripe/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature(body, settings.STRIPE_WEBHOOK_SECRET),
    )


def _wait_processed(count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if PaymentEvent.objects.filter(processed_at__isnull=False).count() >= count:
            return
        time.sleep(0.3)
    raise AssertionError(list(PaymentEvent.objects.values("event_id", "attempts", "last_error", "processed_at")))


def _reconcile_output() -> str:
    out = io.StringIO()
    try:
        call_command("reconcile_stripe", "--since", timezone.localdate().isoformat(), "--dry-run", stdout=out)
    except CommandError as exc:
        out.write(f"ERROR {exc}")
    return out.getvalue()


@pytest.mark.django_db
def test_an_event_whose_processing_fails_is_stored_retried_reported_and_swept(
    paid_donation, stripe_local, settings, client, django_capture_on_commit_callbacks
):
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"  # the provider is unreachable

    with django_capture_on_commit_callbacks(execute=True):
        response = _deliver(client, settings, paid_donation, "evt_fails_first")

    assert response.status_code == 200  # stored: the 200 promises no more
    event = PaymentEvent.objects.get(event_id="evt_fails_first")
    assert event.processed_at is None
    assert event.attempts == 5 and "ProviderError" in event.last_error  # 1 try + 4 in-process retries
    report = _reconcile_output()  # the provider is still down: the stored events are reported anyway
    assert "UNPROCESSED evt_fails_first" in report and "ERROR" in report

    settings.STRIPE_API_BASE = stripe_local.url  # the provider is back
    PaymentEvent.objects.filter(pk=event.pk).update(received_at=timezone.now() - datetime.timedelta(minutes=2))
    assert payment_events_sweep() == 1

    event.refresh_from_db()
    paid_donation.refresh_from_db()
    assert event.processed_at is not None and paid_donation.status == Donation.Status.SUCCEEDED
    assert LedgerTransaction.objects.filter(kind="donation").count() == 1
    assert "0 payment events unprocessed" in _reconcile_output()


def test_the_sweep_is_scheduled(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "matching.funding.tasks.payment_events_sweep" in tasks


@pytest.mark.django_db(transaction=True)
def test_parallel_donations_are_all_recorded_by_the_worker(stripe_local, project, settings, payment_worker):
    donations = [
        donation_start(project=project, amount=1_000 + i, donor_name="", is_anonymous=True, email=f"d{i}@example.org")[
            0
        ]
        for i in range(10)
    ]
    answers = []

    def deliver(donation, i):
        try:
            answers.append(_deliver(Client(), settings, donation, f"evt_parallel_{i}").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver, args=(d, i)) for i, d in enumerate(donations)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert answers == [200] * 10
    _wait_processed(10)
    assert Donation.objects.filter(status=Donation.Status.SUCCEEDED).count() == 10
    assert LedgerTransaction.objects.filter(kind="donation").count() == 10


@pytest.mark.django_db(transaction=True)
def test_the_worker_retries_with_backoff_until_the_provider_is_back(
    stripe_local, project, settings, payment_worker, stripe_relay
):
    donation, _ = donation_start(project=project, amount=5_000, donor_name="", is_anonymous=True, email="r@example.org")
    stripe_relay.off()
    try:
        assert _deliver(Client(), settings, donation, "evt_worker_retry").status_code == 200
        deadline = time.monotonic() + 30
        while not PaymentEvent.objects.filter(event_id="evt_worker_retry", attempts__gte=1).exists():
            assert time.monotonic() < deadline, payment_worker.log()
            time.sleep(0.2)
    finally:
        stripe_relay.on()

    _wait_processed(1)
    event = PaymentEvent.objects.get(event_id="evt_worker_retry")
    donation.refresh_from_db()
    assert event.attempts >= 1 and "ProviderError" in event.last_error
    assert donation.status == Donation.Status.SUCCEEDED


def _write_race(config: dict, writers: int = 8) -> list[str]:
    """Each writer reads then writes in one transaction, all at once, as concurrent webhooks do."""
    aliases = ["default", *(f"w{i}" for i in range(1, writers))]
    handler = ConnectionHandler({alias: dict(config) for alias in aliases})
    setup = handler["default"]
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS t (n integer)")
    setup.close()
    errors, start = [], threading.Barrier(writers)

    def write(alias):
        conn = handler[alias]
        try:
            start.wait()
            conn.set_autocommit(True)
            conn._start_transaction_under_autocommit()  # what atomic() does on SQLite
            with conn.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM t")
                time.sleep(0.05)
                cursor.execute("INSERT INTO t VALUES (1)")
            conn.commit()
        except Exception as exc:  # noqa: BLE001 - the test reports what failed
            errors.append(str(exc))
        finally:
            conn.close()

    threads = [threading.Thread(target=write, args=(alias,)) for alias in aliases]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_sqlite_writers_queue_instead_of_failing_with_database_is_locked(tmp_path, django_db_blocker):
    config = database_settings(f"sqlite:///{tmp_path / 'race.sqlite3'}")

    with django_db_blocker.unblock():  # a database of its own, not the test database
        errors = _write_race(config)

    assert errors == []
    assert sqlite3.connect(tmp_path / "race.sqlite3").execute("SELECT count(*) FROM t").fetchone() == (8,)
    assert sqlite3.connect(tmp_path / "race.sqlite3").execute("PRAGMA journal_mode").fetchone() == ("wal",)
