"""The payment-provider interface: what the funding services need from any payment channel."""

import abc
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class ProviderError(Exception):
    """The provider could not be reached or refused the call."""


class PaymentNotFound(Exception):
    """The provider has no such payment: retrying will not help."""


class WebhookInvalid(Exception):
    """A webhook whose signature or timestamp does not verify. Nothing may be written for it."""


@dataclass(frozen=True)
class PaymentStart:
    payment_id: str
    client_secret: str
    status: str


@dataclass(frozen=True)
class Payment:
    payment_id: str
    amount: int  # fen received (0 until the payment succeeds)
    currency: str  # upper case, e.g. "CNY"
    status: str  # "succeeded", "processing", "requires_payment_method", ...
    created: datetime.datetime
    metadata: dict = field(default_factory=dict)

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


@dataclass(frozen=True)
class Refund:
    refund_id: str
    payment_id: str
    amount: int
    currency: str
    status: str
    created: datetime.datetime


@dataclass(frozen=True)
class Dispute:
    dispute_id: str
    payment_id: str
    amount: int
    currency: str
    status: str


class EventKind(StrEnum):
    PAYMENT_SUCCEEDED = "payment_succeeded"
    REFUNDED = "refunded"
    DISPUTE_CREATED = "dispute_created"
    DISPUTE_CLOSED = "dispute_closed"
    IGNORED = "ignored"


@dataclass(frozen=True)
class ProviderEvent:
    event_id: str
    type: str
    kind: EventKind
    payment_id: str = ""
    dispute_id: str = ""
    dispute_amount: int = 0
    dispute_currency: str = "CNY"
    dispute_status: str = ""


class PaymentProvider(abc.ABC):
    name: str

    @abc.abstractmethod
    def create_payment(
        self,
        *,
        amount: int,
        currency: str,
        metadata: dict,
        idempotency_key: str,
        description: str = "",
        test_payment: bool = False,
    ) -> PaymentStart: ...

    @abc.abstractmethod
    def retrieve_payment(self, payment_id: str) -> Payment: ...

    @abc.abstractmethod
    def list_payments_since(self, since: datetime.datetime) -> Iterable[Payment]: ...

    @abc.abstractmethod
    def list_refunds(self, payment_id: str) -> list[Refund]: ...

    @abc.abstractmethod
    def retrieve_dispute(self, dispute_id: str) -> Dispute:
        """The dispute as the provider holds it (raises PaymentNotFound if it has none by that id)."""

    @abc.abstractmethod
    def refund(self, *, payment_id: str, amount: int, idempotency_key: str) -> Refund: ...

    @abc.abstractmethod
    def verify_webhook(self, *, payload: bytes, signature: str) -> dict:
        """Check the signature over the raw body and the timestamp; return the event as stored."""

    @abc.abstractmethod
    def parse_event(self, event: dict) -> ProviderEvent:
        """What a stored event means for the ledger (and which object to re-fetch)."""
