"""Every Stripe call Bangfu makes, behind the PaymentProvider interface. Nothing else imports stripe."""

import datetime
import json
from collections.abc import Iterable

import stripe
from django.conf import settings

from matching.funding.providers.base import (
    Dispute,
    EventKind,
    Payment,
    PaymentNotFound,
    PaymentProvider,
    PaymentStart,
    ProviderError,
    ProviderEvent,
    Refund,
    WebhookInvalid,
)
from matching.funding.stripe_keys import webhook_secret

# A test card the local Stripe test server accepts without a browser (Stripe.js cannot load offline).
LOCAL_TEST_CARD = {"number": "4242424242424242", "exp_month": 12, "exp_year": 2034, "cvc": "123"}
EVENT_KINDS = {
    "payment_intent.succeeded": EventKind.PAYMENT_SUCCEEDED,
    "charge.refunded": EventKind.REFUNDED,
    "charge.refund.updated": EventKind.REFUNDED,
    "charge.dispute.created": EventKind.DISPUTE_CREATED,
    "charge.dispute.closed": EventKind.DISPUTE_CLOSED,
}


def _ts(value) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(int(value or 0), tz=datetime.UTC)


def _plain(obj) -> dict:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _id(value) -> str:
    """Stripe fields hold either an id or the expanded object."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value["id"]


class StripeProvider(PaymentProvider):
    name = "stripe"

    def __init__(self):
        base = getattr(settings, "STRIPE_API_BASE", "")
        self.local = bool(base)
        kwargs = {"base_addresses": {"api": base}} if base else {}
        # Retries are safe: every create carries an idempotency key.
        self.client = stripe.StripeClient(settings.STRIPE_SECRET_KEY, max_network_retries=2, **kwargs)

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except stripe.InvalidRequestError as exc:
            if exc.http_status == 404:
                raise PaymentNotFound(f"支付渠道没有该记录：{exc.user_message or ''}") from exc
            raise ProviderError(f"支付渠道返回错误：{exc.user_message or exc.__class__.__name__}") from exc
        except stripe.StripeError as exc:
            raise ProviderError(f"支付渠道返回错误：{exc.user_message or exc.__class__.__name__}") from exc

    def create_payment(self, *, amount, currency, metadata, idempotency_key, description="", test_payment=False):
        params = {
            "amount": amount,
            "currency": currency.lower(),
            "metadata": metadata,
            "payment_method_types": list(settings.STRIPE_PAYMENT_METHOD_TYPES),
        }
        if description and not self.local:
            params["description"] = description
        if test_payment:
            # Test mode only: attach a test card at creation and confirm at once (the local server cannot
            # confirm with a payment method later).
            params["payment_method_types"] = ["card"]
            params["payment_method"] = self._test_payment_method(idempotency_key)
            params["confirm"] = True
        intent = self._call(
            self.client.v1.payment_intents.create, params=params, options={"idempotency_key": idempotency_key}
        )
        return PaymentStart(payment_id=intent.id, client_secret=intent.client_secret, status=intent.status)

    def _test_payment_method(self, idempotency_key: str) -> str:
        if not self.local:
            return "pm_card_visa"
        pm = self._call(
            self.client.v1.payment_methods.create,
            params={"type": "card", "card": dict(LOCAL_TEST_CARD)},
            options={"idempotency_key": f"{idempotency_key}:pm"},
        )
        return pm.id

    def _payment(self, intent) -> Payment:
        intent = _plain(intent)
        received = intent.get("amount_received")
        if received is None:  # the local test server does not report it
            received = intent["amount"] if intent["status"] == "succeeded" else 0
        return Payment(
            payment_id=intent["id"],
            amount=int(received),
            currency=intent["currency"].upper(),
            status=intent["status"],
            created=_ts(intent.get("created")),
            metadata=dict(intent.get("metadata") or {}),
        )

    def retrieve_payment(self, payment_id: str) -> Payment:
        return self._payment(self._call(self.client.v1.payment_intents.retrieve, payment_id))

    def list_payments_since(self, since: datetime.datetime) -> Iterable[Payment]:
        params = {"limit": 100}
        if not self.local:  # the local test server has no date filter: filter below
            params["created"] = {"gte": int(since.timestamp())}
        page = self._call(self.client.v1.payment_intents.list, params=params)
        for intent in page.auto_paging_iter():
            payment = self._payment(intent)
            if payment.created >= since:
                yield payment

    def list_refunds(self, payment_id: str) -> list[Refund]:
        page = self._call(self.client.v1.refunds.list, params={"payment_intent": payment_id, "limit": 100})
        return [self._refund(r, payment_id) for r in page.auto_paging_iter()]

    def _refund(self, r, payment_id: str) -> Refund:
        r = _plain(r)
        return Refund(
            refund_id=r["id"],
            payment_id=payment_id,
            amount=int(r["amount"]),
            currency=r["currency"].upper(),
            status=r["status"],
            created=_ts(r.get("created")),
        )

    def retrieve_dispute(self, dispute_id: str) -> Dispute:
        if not dispute_id.startswith("dp_") and not dispute_id.startswith("du_"):
            raise PaymentNotFound("争议编号无效")
        d = _plain(self._call(self.client.v1.disputes.retrieve, dispute_id))
        return Dispute(
            dispute_id=d["id"],
            payment_id=_id(d.get("payment_intent")),
            amount=int(d.get("amount") or 0),
            currency=str(d.get("currency") or "cny").upper(),
            status=str(d.get("status") or ""),
        )

    def refund(self, *, payment_id: str, amount: int, idempotency_key: str) -> Refund:
        r = self._call(
            self.client.v1.refunds.create,
            params={"payment_intent": payment_id, "amount": amount},
            options={"idempotency_key": idempotency_key},
        )
        return self._refund(r, payment_id)

    def verify_webhook(self, *, payload: bytes, signature: str) -> dict:
        secret = webhook_secret()
        if not secret:
            raise WebhookInvalid("Webhook 密钥未配置")
        try:
            stripe.WebhookSignature.verify_header(
                payload.decode("utf-8"),
                signature,
                secret,
                tolerance=settings.FUNDING_WEBHOOK_TOLERANCE_SECONDS,
            )
            event = json.loads(payload)
        except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as exc:
            raise WebhookInvalid(f"Webhook 签名或时间戳无效：{exc}") from exc
        if not isinstance(event, dict) or not event.get("id") or not event.get("type"):
            raise WebhookInvalid("Webhook 内容不是有效的事件")
        return event

    def parse_event(self, event: dict) -> ProviderEvent:
        kind = EVENT_KINDS.get(event["type"], EventKind.IGNORED)
        obj = (event.get("data") or {}).get("object") or {}
        base = {"event_id": event["id"], "type": event["type"], "kind": kind}
        if kind == EventKind.PAYMENT_SUCCEEDED:
            return ProviderEvent(**base, payment_id=obj.get("id", ""))
        if kind == EventKind.REFUNDED:
            return ProviderEvent(**base, payment_id=_id(obj.get("payment_intent")))
        if kind in (EventKind.DISPUTE_CREATED, EventKind.DISPUTE_CLOSED):
            return ProviderEvent(
                **base,
                payment_id=_id(obj.get("payment_intent")),
                dispute_id=obj.get("id", ""),
                dispute_amount=int(obj.get("amount") or 0),
                dispute_currency=str(obj.get("currency") or "cny").upper(),
                dispute_status=obj.get("status", ""),
            )
        return ProviderEvent(**base)
