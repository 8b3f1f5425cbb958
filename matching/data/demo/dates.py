"""Demo data carries its own dates: a need's publication and its log lines date from the record's published_on,
not from the wall clock of the import. Only for the demo: real imports keep the times things happened on this
platform. The demo money is booked with its own dates when it is posted (matching.data.demo.money): the
ledger refuses any rewrite."""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from matching.models import NeedPage, ResponseLogEntry

STEP = datetime.timedelta(days=4)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def demo_dates_settle(*, now: datetime.datetime | None = None) -> int:
    """Re-date the demo's needs and their log lines; returns how many needs. Idempotent."""
    now = _at(timezone.localdate(now or timezone.now()), hour=0)  # the same on every run of a day
    needs = list(NeedPage.objects.filter(published_on__isnull=False).only("pk", "published_on", "first_response_at"))
    for need in needs:
        published = _at(need.published_on)
        Page.objects.filter(pk=need.pk).update(first_published_at=published, last_published_at=published)
        # The log is append-only for people; the demo loader re-dates its own lines in place.
        lines = list(ResponseLogEntry.objects.filter(need_id=need.pk).order_by("created_at", "id").values_list("pk"))
        for i, (pk,) in enumerate(lines):
            ResponseLogEntry.objects.filter(pk=pk).update(created_at=min(published + i * STEP, now))
        if need.first_response_at is not None and len(lines) > 1:
            NeedPage.objects.filter(pk=need.pk).update(first_response_at=min(published + STEP, now))
    return len(needs)
