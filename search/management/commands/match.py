"""manage.py match need REF [REF ...] [--kind project|volunteer] --limit N --format json|text
   manage.py match project REF [REF ...] --limit N --format json|text

Prints the records.md matching output. An interface only: search.services does the work."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from search.backends.base import SearchQueryError, SearchUnavailable


class Command(BaseCommand):
    help = "为需求匹配项目或志愿者，或为项目匹配需求（records.md 输出格式）"

    def add_arguments(self, parser):
        parser.add_argument("direction", choices=["need", "project"], help="need：需求→项目/志愿者；project：项目→需求")
        parser.add_argument("refs", nargs="+", help="外部编号")
        parser.add_argument(
            "--kind", choices=["project", "volunteer"], default="project", help="需求匹配的对象（默认 project）"
        )
        parser.add_argument("--limit", type=int, default=10, help="每条最多几个结果（1-100）")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--today", default="", help="参考日期 YYYY-MM-DD（默认取 MATCHER_REFERENCE_DATE 或今天）")

    def handle(self, *args, direction, refs, kind, limit, format, today, **options):
        from search.outbox import outbox_drain
        from search.services import UnknownRef, rank_for_need, rank_for_project, rankings_as_records

        if not 1 <= limit <= 100:
            raise CommandError("--limit 必须在 1 到 100 之间")
        try:
            reference = dt.date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today 日期格式无效：{today}（应为 YYYY-MM-DD）") from None
        if direction == "project" and kind != "project":
            raise CommandError("--kind 只用于 match need")
        outbox_drain(max_batches=10_000)  # anything written but not yet indexed (no-op when empty)
        results = {}
        try:
            for ref in dict.fromkeys(refs):
                if direction == "need":
                    results[ref] = rank_for_need(need_ref=ref, kind=kind, limit=limit, today=reference)
                else:
                    results[ref] = rank_for_project(project_ref=ref, limit=limit, today=reference)
        except (UnknownRef, SearchQueryError, SearchUnavailable) as exc:
            raise CommandError(str(exc)) from None
        records = rankings_as_records(results)
        if format == "json":
            self.stdout.write(json.dumps(records, ensure_ascii=False))
            return
        for ref, rows in records.items():
            self.stdout.write(f"{ref}:")
            if not rows:
                self.stdout.write("  （没有符合条件的结果）")
            for i, row in enumerate(rows, 1):
                self.stdout.write(f"  {i:>2}. {row['ref']}  {row['score']:.3f}  {'，'.join(row['reasons'])}")
