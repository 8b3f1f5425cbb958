import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from matching.funding.services.reconcile import reconcile


class Command(BaseCommand):
    help = "对账：比对 Stripe 的支付与退款和账本，逐条列出差异并补处理遗漏的 webhook"

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="起始日期 YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="只报告，不补处理")

    def handle(self, *args, since, dry_run, **options):
        try:
            day = datetime.date.fromisoformat(since)
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{since}") from None
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        checked, mismatches = reconcile(since=start, replay=not dry_run)
        for m in mismatches:
            self.stdout.write(f"MISMATCH {m.object_id}: {m.problem} | Stripe: {m.provider_side} | 账本: {m.ledger_side}"
                              + (f" | 已补处理: {m.replayed}" if m.replayed else ""))
        self.stdout.write(f"checked {checked} payments since {day}; {len(mismatches)} mismatches")
