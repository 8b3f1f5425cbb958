"""Outcomes policy knobs. Each reads a setting of the same name, with the default written here."""
from django.conf import settings

DEFAULTS = {
    # Evidence uploads: largest photo and document accepted (bytes).
    "OUTCOMES_IMAGE_MAX_BYTES": 8 * 1024 * 1024,
    "OUTCOMES_DOCUMENT_MAX_BYTES": 15 * 1024 * 1024,
    # Longest edge of a published photo; larger photos are scaled down when re-encoded.
    "OUTCOMES_IMAGE_MAX_EDGE": 4000,
    # Staff dashboard: a need with no response after this many days is listed.
    "DASHBOARD_NO_RESPONSE_DAYS": 7,
    # Staff dashboard: an emergency-circle need with no action after this many hours is listed.
    "DASHBOARD_EMERGENCY_NO_ACTION_HOURS": 24,
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
