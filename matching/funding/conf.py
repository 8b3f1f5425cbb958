"""Funding policy knobs. Each reads a setting of the same name, with the default written here."""
from django.conf import settings

DEFAULTS = {
    # Disbursements above this (fen) need a second person's approval.
    "FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD": 5_000_000,  # ¥50,000
    # Emergency advance aid (急难先行救助): cap per advance, and days until its paperwork is due.
    "FUNDING_EMERGENCY_ADVANCE_CAP": 200_000,  # ¥2,000
    "FUNDING_EMERGENCY_PAPERWORK_DAYS": 15,
    # Days back that the threshold and the cap count money already moved (so pieces add up).
    "FUNDING_DISBURSEMENT_APPROVAL_WINDOW_DAYS": 30,
    "FUNDING_EMERGENCY_ADVANCE_WINDOW_DAYS": 30,
    # The largest single donation accepted online (fen).
    "FUNDING_DONATION_MAX": 100_000_000,  # ¥1,000,000
    "FUNDING_PAYMENT_PROVIDER": "matching.funding.providers.stripe_provider.StripeProvider",
    # Test mode: the server attaches a test card itself, so the donation page works without Stripe.js.
    # None = on when STRIPE_API_BASE points at a local test server.
    "FUNDING_SERVER_SIDE_TEST_PAYMENTS": None,
    "FUNDING_WEBHOOK_TOLERANCE_SECONDS": 300,
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])


def server_side_test_payments() -> bool:
    value = setting("FUNDING_SERVER_SIDE_TEST_PAYMENTS")
    if value is None:
        return bool(getattr(settings, "STRIPE_API_BASE", ""))
    return bool(value)


# The development defaults of base settings: never a real deployment's values.
LOCAL_STRIPE_SECRET_KEY = "sk_test_bangfu_local"
LOCAL_WEBHOOK_SECRET = "whsec_bangfu_local"


def webhook_secret() -> str:
    """The secret webhooks are verified with, or "" when none is usable.

    Unusable: none configured, or the published development default while the provider is not the local
    test server (anyone who read the code could sign events with it)."""
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "") or ""
    if secret == LOCAL_WEBHOOK_SECRET and not getattr(settings, "STRIPE_API_BASE", ""):
        return ""
    return secret
