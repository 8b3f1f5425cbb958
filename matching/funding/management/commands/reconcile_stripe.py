import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from matching.funding.providers import ProviderError
from matching.funding.services.events import payment_events_unprocessed
from matching.funding.services.reconcile import reconcile


class Command(BaseCommand):
    help = "对账：比对 Stripe 的支付与退款和账本，逐条列出差异并补处理遗漏的 webhook，列出未处理的支付事件"

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="起始日期 YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="只报告，不补处理")

    def handle(self, *args, since, dry_run, **options):
        try:
            day = datetime.date.fromisoformat(since)
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{since}") from None
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        provider_error = None
        try:
            checked, mismatches = reconcile(since=start, replay=not dry_run)
        except ProviderError as exc:  # still report the stored events below
            provider_error = exc
        else:
            for m in mismatches:
                self.stdout.write(
                    f"MISMATCH {m.object_id}: {m.problem} | Stripe: {m.provider_side} | 账本: {m.ledger_side}"
                    + (f" | 已补处理: {m.replayed}" if m.replayed else "")
                )
            self.stdout.write(f"checked {checked} payments since {day}; {len(mismatches)} mismatches")
        self._report_unprocessed()
        if provider_error:
            raise CommandError(f"支付渠道不可用，未能对账：{provider_error}")

    def _report_unprocessed(self) -> None:
        unprocessed = list(payment_events_unprocessed())
        for event in unprocessed:
            self.stdout.write(
                f"UNPROCESSED {event.event_id} {event.type} | 接收: {event.received_at:%Y-%m-%d %H:%M:%S} "
                f"| 失败 {event.attempts} 次 | {event.last_error or '尚未处理'}"
            )
        self.stdout.write(f"{len(unprocessed)} payment events unprocessed")
