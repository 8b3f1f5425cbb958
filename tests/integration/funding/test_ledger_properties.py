"""Property tests: random sequences of donations, grants, disbursements, refunds and reversals."""

import datetime
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from matching.funding.models import Account, Disbursement, Donation, LedgerEntry
from matching.funding.providers import Payment
from matching.funding.selectors import need_funding, project_funding
from matching.funding.services.disbursements import disbursement_confirm, disbursement_create, disbursement_reject
from matching.funding.services.donations import donation_record_payment, donation_record_reversal
from matching.funding.services.grants import grant_record
from matching.funding.services.ledger import InsufficientFunds
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

amounts = st.integers(min_value=1, max_value=500_000)
step = st.one_of(
    st.tuples(st.just("donate"), st.integers(0, 1), amounts),
    st.tuples(st.just("grant"), st.integers(0, 1), amounts),
    st.tuples(st.just("disburse"), st.integers(0, 1), amounts),
    st.tuples(st.just("confirm"), st.integers(0, 20), st.just(0)),
    st.tuples(st.just("reject"), st.integers(0, 20), st.just(0)),
    st.tuples(st.just("refund"), st.integers(0, 20), st.integers(1, 600_000)),
)


def _donate(project, amount, n):
    Donation.objects.create(
        project=project, amount=amount, provider="test", provider_payment_id=f"pay-{n}", donor_name="测试"
    )
    donation_record_payment(
        provider="test",
        payment=Payment(
            payment_id=f"pay-{n}",
            amount=amount,
            currency="CNY",
            status="succeeded",
            created=datetime.datetime.now(datetime.UTC),
        ),
    )


def _apply(op, projects, need, admin, staff, document, n):
    kind, i, amount = op
    if kind == "donate":
        _donate(projects[i], amount, n)
    elif kind == "grant":
        grant_record(project=projects[i], source="welfare_lottery", amount=amount, document=document, user=admin)
    elif kind == "disburse":
        disbursement_create(
            project=projects[i], need=need, amount=amount, purpose="随机拨付", receipt=document, user=admin
        )
    elif kind in ("confirm", "reject"):
        pending = list(Disbursement.objects.filter(status="awaiting_confirmation").order_by("pk"))
        if pending:
            d = pending[i % len(pending)]
            if kind == "confirm":
                disbursement_confirm(disbursement=d, user=staff)
            else:
                disbursement_reject(disbursement=d, user=staff, reason="随机驳回")
    elif kind == "refund":
        paid = list(Donation.objects.exclude(status="pending").order_by("pk"))
        if paid:
            d = paid[i % len(paid)]
            donation_record_reversal(
                donation=d, kind="refund", amount=amount, currency="CNY", idempotency_key=f"refund-{n}", memo="随机退款"
            )


def _check_invariants(projects, need):
    # Every transaction balances.
    unbalanced = LedgerEntry.objects.values("transaction_id", "currency").annotate(s=Sum("amount")).exclude(s=0)
    assert not unbalanced.exists()
    # Replay the entries one by one: no holding account ever went below zero, and the replay
    # equals the balances the database sums up.
    replay: dict[int, int] = defaultdict(int)
    holding = set(Account.objects.exclude(kind__in=Account.EXTERNAL_KINDS).values_list("pk", flat=True))
    for tx_id in LedgerEntry.objects.order_by("transaction_id").values_list("transaction_id", flat=True).distinct():
        for account_id, amount in LedgerEntry.objects.filter(transaction_id=tx_id).values_list("account_id", "amount"):
            replay[account_id] += amount
        assert all(replay[a] >= 0 for a in holding), "a holding account went negative"
    summed = dict(
        LedgerEntry.objects.values_list("account_id").annotate(s=Sum("amount")).values_list("account_id", "s")
    )
    assert {k: v for k, v in replay.items() if v} == {k: v for k, v in summed.items() if v}
    for project in projects:
        f = project_funding(project=project)
        assert f.balance.fen >= 0 and f.allocated.fen >= 0 and f.spent.fen >= 0
        assert f.raised.fen - f.spent.fen - f.allocated.fen == f.balance.fen
    nf = need_funding(need=need)
    assert nf.spent.fen == sum(replay[a.pk] for a in Account.objects.filter(kind="need", need=need))


@pytest.fixture
def world(project, need, org_admin, document):
    from tests.factories import UserFactory

    staff = UserFactory(username="prop_staff", is_superuser=True, is_staff=True)
    return [project, ProjectFactory(organisation=project.organisation)], need, org_admin, staff, document


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(ops=st.lists(step, min_size=1, max_size=14))
def test_random_money_sequences_keep_the_ledger_sound(world, ops):
    projects, need, admin, staff, document = world
    with transaction.atomic():
        for n, op in enumerate(ops):
            before = LedgerEntry.objects.count()
            try:
                with transaction.atomic():
                    _apply(op, projects, need, admin, staff, document, n)
            except (InsufficientFunds, ValidationError):
                event("refused step")  # over the balance or over the payment: refused, nothing written
                assert LedgerEntry.objects.count() == before
            _check_invariants(projects, need)
        transaction.set_rollback(True)
