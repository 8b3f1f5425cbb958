"""Processing stored payment events. Webhooks and reconciliation both end here."""

import dataclasses
import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from matching.errors import refusal
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import Donation, LedgerTransaction, PaymentEvent
from matching.funding.providers import EventKind, PaymentNotFound, PaymentProvider, ProviderEvent, get_provider
from matching.funding.services.donations import (
    UnknownPayment,
    donation_for_payment,
    donation_record_payment,
    donation_record_reversal,
)
from matching.funding.services.ledger import ledger_reverse

logger = logging.getLogger(__name__)


def payment_event_store(*, provider: str, event: dict) -> tuple[PaymentEvent, bool]:
    """Store a verified event once by its id. Returns (event, created)."""
    try:
        with transaction.atomic():
            return PaymentEvent.objects.create(
                provider=provider, event_id=event["id"], type=event["type"], payload=event
            ), True
    except IntegrityError:
        PaymentEvent.objects.filter(provider=provider, event_id=event["id"]).update(deliveries=F("deliveries") + 1)
        return PaymentEvent.objects.get(provider=provider, event_id=event["id"]), False


def payment_event_process(*, event_id: int, provider: PaymentProvider | None = None) -> str:
    """Apply one stored event to the ledger, exactly once, in any order relative to its siblings.

    The event row is locked while it is processed; the ledger's idempotency keys make a second pass,
    or a replay of the same money through another event, a no-op.
    """
    provider = provider or get_provider()
    with transaction.atomic():
        event = PaymentEvent.objects.select_for_update().get(pk=event_id)
        if event.processed_at is not None:
            return event.outcome
        parsed = provider.parse_event(event.payload)
        try:
            with transaction.atomic():
                outcome = apply_provider_event(provider=provider, parsed=parsed)
        except (ValidationError, UnknownPayment, PaymentNotFound) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            outcome = f"refused: {message}"
            logger.warning("payment event %s refused: %s", event.event_id, message)
        event.processed_at = timezone.now()
        event.outcome = outcome[:300]
        event.save(update_fields=["processed_at", "outcome"])
        return event.outcome


def payment_event_note_failure(*, event_id: int, error: BaseException) -> None:
    """Count a failed attempt and keep its error, outside the failed transaction. Best effort: when the
    database itself is the fault, the retry and the sweep still find the event by ``processed_at``."""
    try:
        PaymentEvent.objects.filter(pk=event_id, processed_at__isnull=True).update(
            attempts=F("attempts") + 1, last_error=f"{error.__class__.__name__}: {error}"[:300]
        )
    except DatabaseError:
        logger.warning("could not note the failure of payment event %s", event_id)


def payment_events_unprocessed(*, received_before: datetime.datetime | None = None):
    """Stored events not yet applied, oldest first (the sweep's and the reconciliation's list)."""
    events = PaymentEvent.objects.filter(processed_at__isnull=True).order_by("received_at", "pk")
    if received_before is not None:
        events = events.filter(received_at__lt=received_before)
    return events


def _ensure_payment(provider: PaymentProvider, payment_id: str):
    """Re-fetch the payment from the provider, so a refund or dispute arriving first still finds its donation."""
    payment = provider.retrieve_payment(payment_id)
    donation = donation_for_payment(provider=provider.name, payment=payment)
    tx = donation_record_payment(provider=provider.name, payment=payment)  # idempotent
    return Donation.objects.get(pk=donation.pk), tx


def _confirmed_dispute(provider: PaymentProvider, parsed: ProviderEvent) -> ProviderEvent:
    """The dispute as the provider holds it, not as the event says: a signed event is only a hint.

    A forged or replayed event (or one signed with a leaked secret) for a dispute the provider does
    not have raises PaymentNotFound and moves nothing; amount, currency and status come from the provider.
    """
    if not parsed.dispute_id:
        raise refusal("事件缺少争议编号", FundingErrorCode.DISPUTE_ID_MISSING)
    dispute = provider.retrieve_dispute(parsed.dispute_id)
    if parsed.payment_id and dispute.payment_id != parsed.payment_id:
        raise refusal("争议与事件中的支付不符", FundingErrorCode.DISPUTE_PAYMENT_MISMATCH)
    return dataclasses.replace(
        parsed,
        payment_id=dispute.payment_id,
        dispute_amount=dispute.amount,
        dispute_currency=dispute.currency,
        dispute_status=dispute.status,
    )


def apply_provider_event(*, provider: PaymentProvider, parsed: ProviderEvent) -> str:
    """Refunds are read from the provider's list for the payment and disputes fetched by id, so only money
    the provider really moved reaches the ledger, whatever the event claims."""
    if parsed.kind == EventKind.IGNORED:
        return "ignored"
    if parsed.kind in (EventKind.DISPUTE_CREATED, EventKind.DISPUTE_CLOSED):
        parsed = _confirmed_dispute(provider, parsed)
    if not parsed.payment_id:
        raise refusal("事件缺少支付编号", FundingErrorCode.PAYMENT_ID_MISSING)
    donation, payment_tx = _ensure_payment(provider, parsed.payment_id)
    if parsed.kind == EventKind.PAYMENT_SUCCEEDED:
        return f"donation {donation.ref} recorded as transaction {payment_tx.pk}"
    if parsed.kind == EventKind.REFUNDED:
        recorded = []
        for refund in provider.list_refunds(parsed.payment_id):
            if refund.status != "succeeded":
                continue
            tx = donation_record_reversal(
                donation=donation,
                kind=LedgerTransaction.Kind.REFUND,
                amount=refund.amount,
                currency=refund.currency,
                idempotency_key=f"{provider.name}:refund:{refund.refund_id}",
                memo=f"退款 {refund.refund_id}（捐赠 {donation.ref}）",
            )
            recorded.append(tx.pk)
        return f"refunds recorded as transactions {recorded}"
    dispute_tx = donation_record_reversal(
        donation=donation,
        kind=LedgerTransaction.Kind.DISPUTE,
        amount=parsed.dispute_amount,
        currency=parsed.dispute_currency,
        idempotency_key=f"{provider.name}:dispute:{parsed.dispute_id}",
        memo=f"支付争议 {parsed.dispute_id}（捐赠 {donation.ref}）",
    )
    if parsed.kind == EventKind.DISPUTE_CLOSED and parsed.dispute_status == "won":
        tx = ledger_reverse(
            original=dispute_tx,
            kind=LedgerTransaction.Kind.DISPUTE_WON,
            idempotency_key=f"{provider.name}:dispute-won:{parsed.dispute_id}",
            memo=f"争议胜诉，资金恢复 {parsed.dispute_id}",
        )
        Donation.objects.filter(pk=donation.pk, status=Donation.Status.DISPUTED).update(
            status=Donation.Status.SUCCEEDED
        )
        return f"dispute {parsed.dispute_id} won: restored as transaction {tx.pk}"
    return f"dispute {parsed.dispute_id} recorded as transaction {dispute_tx.pk}"
