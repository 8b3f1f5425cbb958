import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, close_old_connections, connection, transaction

from matching.errors import error_codes
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import Account, Disbursement, LedgerEntry, LedgerImmutableError, LedgerTransaction
from matching.funding.selectors import project_funding
from matching.funding.services import accounts
from matching.funding.services.disbursements import disbursement_create
from matching.funding.services.grants import grant_record
from matching.funding.services.ledger import (
    InsufficientFunds,
    Line,
    account_balance,
    ledger_historical_time,
    ledger_post,
    ledger_reverse,
)

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="needs PostgreSQL: the trigger and row locks exist only there"
)


def _fund(project, amount):
    return ledger_post(
        kind=LedgerTransaction.Kind.GRANT,
        idempotency_key=f"test-fund-{project.pk}-{amount}",
        lines=[
            Line(accounts.account_grant_source("central_relief", "中央"), -amount),
            Line(accounts.account_for_project(project), amount),
        ],
    )


def test_posting_writes_balanced_entries_once_per_key(project):
    tx = _fund(project, 10_000)
    again = _fund(project, 10_000)

    assert again.pk == tx.pk
    assert sorted(tx.entries.values_list("amount", flat=True)) == [-10_000, 10_000]
    assert account_balance(account=accounts.account_for_project(project)) == 10_000


def test_a_loader_of_past_records_books_at_their_time_and_nothing_else_does(project):
    import datetime

    from django.utils import timezone

    past = timezone.now() - datetime.timedelta(days=400)
    with ledger_historical_time(past):
        old = _fund(project, 7_000)
    new = _fund(project, 8_000)

    assert old.created_at == past
    assert timezone.now() - new.created_at < datetime.timedelta(minutes=5)
    with pytest.raises(ValueError, match="past"), ledger_historical_time(timezone.now() + datetime.timedelta(days=1)):
        _fund(project, 9_000)
    with pytest.raises(ValueError, match="aware"), ledger_historical_time(datetime.datetime(2024, 1, 1)):
        _fund(project, 9_000)
    assert not LedgerTransaction.objects.filter(entries__amount=9_000).exists()


def test_unbalanced_transaction_is_refused_and_nothing_written(project):
    with pytest.raises(ValidationError) as refused:
        ledger_post(
            kind="grant",
            idempotency_key="bad",
            lines=[Line(accounts.account_donors(), -100), Line(accounts.account_for_project(project), 99)],
        )
    assert error_codes(refused.value) == {FundingErrorCode.UNBALANCED}
    assert not LedgerTransaction.objects.exists() and not LedgerEntry.objects.exists()


def test_holding_account_never_goes_negative(project, need):
    _fund(project, 1_000)
    with pytest.raises(InsufficientFunds) as refused:
        ledger_post(
            kind="allocation",
            idempotency_key="over",
            lines=[
                Line(accounts.account_for_project(project), -1_001),
                Line(accounts.account_for_allocation(project, need), 1_001),
            ],
        )
    assert error_codes(refused.value) == {FundingErrorCode.INSUFFICIENT_FUNDS}
    assert LedgerTransaction.objects.count() == 1


def test_entries_and_transactions_refuse_change_in_the_model_layer(project):
    tx = _fund(project, 500)
    entry = tx.entries.first()

    entry.amount = 1
    with pytest.raises(LedgerImmutableError) as refused:
        entry.save()
    assert error_codes(refused.value) == {FundingErrorCode.LEDGER_APPEND_ONLY}
    with pytest.raises(LedgerImmutableError):
        entry.delete()
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.all().delete()
    with pytest.raises(LedgerImmutableError):
        tx.delete()
    with pytest.raises(LedgerImmutableError):
        LedgerTransaction.objects.filter(pk=tx.pk).update(memo="changed")
    assert sorted(LedgerEntry.objects.values_list("amount", flat=True)) == [-500, 500]


def test_reversal_points_at_the_original_and_cannot_repeat(project):
    tx = _fund(project, 700)

    rev = ledger_reverse(original=tx, idempotency_key="rev-1")

    assert rev.reverses == tx and rev.origin_kind == "grant"
    assert account_balance(account=accounts.account_for_project(project)) == 0
    assert ledger_reverse(original=tx, idempotency_key="rev-1").pk == rev.pk
    with pytest.raises(ValidationError) as refused:
        ledger_reverse(original=tx, idempotency_key="rev-2")
    assert error_codes(refused.value) == {FundingErrorCode.ALREADY_REVERSED}


@on_postgres
def test_database_trigger_refuses_update_and_delete_even_with_raw_sql(project):
    tx = _fund(project, 300)
    entry = tx.entries.first()

    for sql in (
        f"UPDATE funding_ledgerentry SET amount = 1 WHERE id = {entry.pk}",
        f"DELETE FROM funding_ledgerentry WHERE id = {entry.pk}",
        f"UPDATE funding_ledgertransaction SET memo = 'x' WHERE id = {tx.pk}",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    assert LedgerEntry.objects.get(pk=entry.pk).amount == entry.amount


@on_postgres
def test_database_refuses_an_unbalanced_transaction_at_commit(project):
    tx = LedgerTransaction.objects.create(kind="grant", origin_kind="grant", idempotency_key="raw-unbalanced")
    account = accounts.account_for_project(project)

    with pytest.raises(DatabaseError, match="借贷不平"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO funding_ledgerentry (transaction_id, account_id, amount, currency) "
                "VALUES (%s, %s, 500, 'CNY')",
                [tx.pk, account.pk],
            )
            cursor.execute("SET CONSTRAINTS funding_ledgerentry_balanced IMMEDIATE")
    assert not LedgerEntry.objects.filter(transaction=tx).exists()


@on_postgres
def test_database_accepts_a_balanced_transaction_at_commit(project):
    _fund(project, 900)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS funding_ledgerentry_balanced IMMEDIATE")
    assert LedgerEntry.objects.count() == 2


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_two_disbursements_racing_cannot_overspend(project, need, org_admin, document, monkeypatch):
    grant_record(project=project, source="central_relief", amount=10_000, document=document, user=org_admin)
    from matching.funding.services import ledger

    real_balance = ledger.account_balance

    def slow_balance(**kwargs):
        # Widen the window between reading the balance and writing: without the row lock both would pass.
        value = real_balance(**kwargs)
        time.sleep(0.5)
        return value

    monkeypatch.setattr(ledger, "account_balance", slow_balance)
    accounts.account_for_allocation(project, need)  # exists already, so its creation cannot serialize the race
    barrier = threading.Barrier(2)
    results = []

    def disburse():
        try:
            barrier.wait()
            disbursement_create(
                project=project, need=need, amount=7_000, purpose="购置轮椅", receipt=document, user=org_admin
            )
            results.append("ok")
        except InsufficientFunds:
            results.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=disburse) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(results) == ["ok", "refused"]
    assert account_balance(account=accounts.account_for_project(project)) == 3_000
    assert project_funding(project=project).allocated.fen == 7_000
    assert Disbursement.objects.filter(allocation_transaction__isnull=False).count() == 1


def test_account_is_unique_by_kind_and_key(project):
    a = accounts.account_for_project(project)
    assert accounts.account_for_project(project).pk == a.pk
    assert Account.objects.filter(kind="project").count() == 1
