"""Intake tasks: thin, idempotent (each referral is reminded once, guarded by overdue_reminded_at)."""

from celery import shared_task


@shared_task(acks_late=True)
def remind_overdue_referrals() -> int:
    from matching.intake.services.referrals import referrals_remind_overdue

    return referrals_remind_overdue()
