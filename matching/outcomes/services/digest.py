"""The daily dashboard digest: each region's staff get their region's list by email."""

import logging

from django.template.loader import render_to_string
from django.utils import timezone

from matching.models import StaffScope
from matching.notifications.emails import absolute_url
from matching.notifications.services import notify
from matching.outcomes.selectors.dashboard import dashboard_for_regions

log = logging.getLogger(__name__)
SUBJECT = "[帮扶] 待跟进需求日报（{region}）"


def _deliver(*, users: list, subject: str, body: str) -> int:
    """Into each user's inbox and by the e-mail delivery the user chose."""
    return len(notify(recipients=users, kind="dashboard_digest", title=subject, body=body, url="/dashboard/"))


def dashboard_digest_send(*, now=None) -> int:
    """Send each active staff member their region's list; regions with nothing to follow
    up send nothing. Returns the number of messages sent. Safe to run twice (it only reads and sends).
    """
    now = now or timezone.now()
    sent = 0
    scopes = StaffScope.objects.select_related("region").prefetch_related("group__user_set")
    by_region: dict = {}
    for scope in scopes:
        by_region.setdefault(scope.region_id, (scope.region, set()))[1].update(
            u for u in scope.group.user_set.all() if u.is_active
        )
    for code, (region, users) in by_region.items():
        if not users:
            continue
        board = dashboard_for_regions(region_codes=None if code is None else [code], now=now)
        if board.is_empty:
            continue
        name = region.name if region else "全国"
        body = render_to_string(
            "dashboard/digest_email.txt",
            {"board": board, "region_name": name, "now": now, "dashboard_url": absolute_url("/dashboard/")},
        )
        sent += _deliver(users=sorted(users, key=lambda u: u.pk), subject=SUBJECT.format(region=name), body=body)
    log.info("dashboard digest: %d messages", sent)
    return sent
