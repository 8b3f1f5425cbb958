"""Intake policy knobs, read from settings with defaults (no settings edit needed)."""
from django.conf import settings


def duplicate_threshold() -> float:
    """Similarity (0–1) at or above which a report is flagged as a possible duplicate."""
    return float(getattr(settings, "INTAKE_DUPLICATE_THRESHOLD", 0.45))


def duplicate_window_days() -> int:
    """How far back (days) to look for reports and needs that may be the same case."""
    return int(getattr(settings, "INTAKE_DUPLICATE_WINDOW_DAYS", 90))


def referral_due_days() -> int:
    """Days another department has to answer a referral before it is overdue."""
    return int(getattr(settings, "INTAKE_REFERRAL_DUE_DAYS", 10))


def upload_max_bytes() -> int:
    return int(getattr(settings, "INTAKE_UPLOAD_MAX_BYTES", 5 * 1024 * 1024))


def upload_max_rows() -> int:
    return int(getattr(settings, "INTAKE_UPLOAD_MAX_ROWS", 20000))
