import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from matching.funding.models import LedgerTransaction, PaymentEvent
from matching.funding.providers import get_provider

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


def _run(*args):
    out = StringIO()
    call_command("reconcile_stripe", *args, stdout=out)
    return out.getvalue()


def test_missed_payment_and_refund_are_reported_with_both_sides_and_replayed(paid_donation, stripe_local):
    today = datetime.date.today().isoformat()
    get_provider().refund(payment_id=paid_donation.provider_payment_id, amount=1_000, idempotency_key="rc")

    dry = _run("--since", today, "--dry-run")
    assert (
        f"MISMATCH {paid_donation.provider_payment_id}: 支付已成功但账本缺失 | Stripe: succeeded ¥100.00 | 账本: 无记录"
        in dry
    )
    assert not LedgerTransaction.objects.exists()

    out = _run("--since", today)
    assert "已补处理" in out
    assert LedgerTransaction.objects.filter(kind="donation").count() == 1
    assert LedgerTransaction.objects.filter(kind="refund").count() == 1
    assert PaymentEvent.objects.filter(event_id__startswith="reconcile:").exists()

    again = _run("--since", today)
    assert paid_donation.provider_payment_id not in again


def test_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("reconcile_stripe", "--since", "yesterday")
