"""The donor's email receipt: amount, what it went to, and a link to its public page."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from matching.funding.models import Donation
from matching.money import Money
from matching.notifications.emails import absolute_url

logger = logging.getLogger(__name__)


def donation_public_path(donation: Donation) -> str:
    """The page that shows where the donation went, as a path (for pages of this site)."""
    if donation.project_id:
        return f"/projects/{donation.project.ref}/"
    parts = donation.need.get_url_parts()
    return parts[2] if parts else donation.need.url


def donation_public_url(donation: Donation) -> str:
    """On the configured SITE_URL, for e-mail: the Wagtail site record's hostname (localhost in a fresh install)
    is not where people reach the site."""
    return absolute_url(donation_public_path(donation))


def donation_send_receipt(*, donation_id: int) -> bool:
    """Send the receipt once: the stamp is claimed before sending, so two callers never both send."""
    donation = Donation.objects.select_related("project", "need").get(pk=donation_id)
    if not donation.email or donation.status == Donation.Status.PENDING:
        return False
    claimed = Donation.objects.filter(pk=donation.pk, receipt_sent_at__isnull=True).update(
        receipt_sent_at=timezone.now()
    )
    if not claimed:
        return False
    context = {
        "donation": donation,
        "amount": Money(donation.amount, donation.currency),
        "target": donation.target,
        "url": donation_public_url(donation),
    }
    body = render_to_string("funding/receipt_email.txt", context)
    try:
        send_mail(f"捐赠收据 {donation.ref}", body, None, [donation.email])
    except Exception:  # a mail outage must not fail the webhook; the stamp is released for a retry
        logger.exception("receipt email failed for donation %s", donation.ref)
        Donation.objects.filter(pk=donation.pk).update(receipt_sent_at=None)
        return False
    return True
