"""Compare the provider's payments and refunds with the ledger; replay what the webhooks missed."""

import datetime
from dataclasses import dataclass

from matching.funding.models import Donation, LedgerEntry, LedgerTransaction
from matching.funding.providers import PaymentProvider, get_provider
from matching.funding.services import accounts
from matching.funding.services.donations import donation_payment_key
from matching.funding.services.events import payment_event_process, payment_event_store
from matching.money import Money


@dataclass
class Mismatch:
    object_id: str
    problem: str
    provider_side: str
    ledger_side: str
    replayed: str = ""


def _ledger_amount(tx: LedgerTransaction | None) -> str:
    if tx is None:
        return "无记录"
    donors = accounts.account_donors()
    entry = LedgerEntry.objects.filter(transaction=tx, account=donors).first()
    return f"交易 #{tx.pk} {Money(abs(entry.amount), entry.currency)}" if entry else f"交易 #{tx.pk}"


def _replay(provider: PaymentProvider, *, event_id: str, type_: str, obj: dict) -> str:
    """Feed a synthetic event through the very path a webhook takes: store once, then process."""
    stored, _ = payment_event_store(
        provider=provider.name, event={"id": event_id, "type": type_, "data": {"object": obj}}
    )
    return payment_event_process(event_id=stored.pk, provider=provider)


def _payment_transaction(provider: PaymentProvider, payment_id: str) -> LedgerTransaction | None:
    return LedgerTransaction.objects.filter(idempotency_key=donation_payment_key(provider.name, payment_id)).first()


def _payment_mismatches(provider: PaymentProvider, payment, *, replay: bool) -> tuple[list[Mismatch], bool]:
    """The payment against its ledger transaction: (mismatches, whether the ledger holds it now). A
    succeeded payment the ledger misses is replayed when ``replay``."""
    tx = _payment_transaction(provider, payment.payment_id)
    provider_side = f"{payment.status} {Money(payment.amount, payment.currency)}"
    if payment.succeeded and tx is None:
        m = Mismatch(payment.payment_id, "支付已成功但账本缺失", provider_side, "无记录")
        if not replay:
            return [m], False
        m.replayed = _replay(
            provider,
            event_id=f"reconcile:{payment.payment_id}:succeeded",
            type_="payment_intent.succeeded",
            obj={"id": payment.payment_id},
        )
        return [m], _payment_transaction(provider, payment.payment_id) is not None
    if not payment.succeeded:
        if tx is not None:
            return [Mismatch(payment.payment_id, "支付未成功但账本已入账", provider_side, _ledger_amount(tx))], False
        return [], False
    entry = LedgerEntry.objects.filter(transaction=tx, account=accounts.account_donors()).first()
    if entry is None or -entry.amount != payment.amount or entry.currency != payment.currency:
        return [Mismatch(payment.payment_id, "金额不符", provider_side, _ledger_amount(tx))], True
    return [], True


def _refund_mismatches(provider: PaymentProvider, payment, *, replay: bool) -> list[Mismatch]:
    """Succeeded refunds of the payment the ledger misses; replayed (one event for all) when ``replay``."""
    missing = [
        r
        for r in provider.list_refunds(payment.payment_id)
        if r.status == "succeeded"
        and not LedgerTransaction.objects.filter(idempotency_key=f"{provider.name}:refund:{r.refund_id}").exists()
    ]
    found = [
        Mismatch(refund.refund_id, "退款已发生但账本缺失", f"退款 {Money(refund.amount, refund.currency)}", "无记录")
        for refund in missing
    ]
    if missing and replay:
        outcome = _replay(
            provider,
            event_id=f"reconcile:{payment.payment_id}:refunds:{missing[-1].refund_id}",
            type_="charge.refunded",
            obj={"payment_intent": payment.payment_id},
        )
        for m in found:
            m.replayed = outcome
    return found


def _ledger_only_mismatches(provider: PaymentProvider, *, since: datetime.datetime, seen: set[str]) -> list[Mismatch]:
    """Donations the ledger booked that the provider did not list."""
    return [
        Mismatch(
            donation.provider_payment_id or donation.ref,
            "账本有记录但支付渠道没有",
            "无记录",
            _ledger_amount(_payment_transaction(provider, donation.provider_payment_id or "")),
        )
        for donation in Donation.objects.filter(provider=provider.name, succeeded_at__gte=since).exclude(
            provider_payment_id__in=seen
        )
    ]


def reconcile(
    *, since: datetime.datetime, provider: PaymentProvider | None = None, replay: bool = True
) -> tuple[int, list[Mismatch]]:
    """Returns (payments checked, mismatches). Each mismatch shows both sides."""
    provider = provider or get_provider()
    mismatches: list[Mismatch] = []
    seen: set[str] = set()
    checked = 0
    for payment in provider.list_payments_since(since):
        checked += 1
        seen.add(payment.payment_id)
        found, booked = _payment_mismatches(provider, payment, replay=replay)
        mismatches.extend(found)
        if booked:
            mismatches.extend(_refund_mismatches(provider, payment, replay=replay))
    mismatches.extend(_ledger_only_mismatches(provider, since=since, seen=seen))
    return checked, mismatches
