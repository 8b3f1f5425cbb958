"""Payment providers behind one small interface. Stripe today; a domestic channel can plug in later."""

from django.conf import settings
from django.utils.module_loading import import_string

from matching.funding.providers.base import (  # noqa: F401
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


def get_provider() -> PaymentProvider:
    return import_string(settings.FUNDING_PAYMENT_PROVIDER)()
