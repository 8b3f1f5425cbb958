"""Which Stripe keys and modes are usable: the published development defaults and what they allow."""

from django.conf import settings

# The development defaults of base settings: never a real deployment's values.
LOCAL_STRIPE_SECRET_KEY = "sk_test_bangfu_local"
LOCAL_WEBHOOK_SECRET = "whsec_bangfu_local"


def server_side_test_payments() -> bool:
    """FUNDING_SERVER_SIDE_TEST_PAYMENTS, or when unset, whether STRIPE_API_BASE points at a local test server."""
    value = settings.FUNDING_SERVER_SIDE_TEST_PAYMENTS
    if value is None:
        return bool(settings.STRIPE_API_BASE)
    return bool(value)


def webhook_secret() -> str:
    """The secret webhooks are verified with, or "" when none is usable.

    Unusable: none configured, or the published development default while the provider is not the local
    test server (anyone who read the code could sign events with it)."""
    secret = settings.STRIPE_WEBHOOK_SECRET or ""
    if secret == LOCAL_WEBHOOK_SECRET and not settings.STRIPE_API_BASE:
        return ""
    return secret
