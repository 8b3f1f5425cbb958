from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from matching.importexport import RecordsInvalid, records_import


class Progress:
    """What the person running the import sees on stderr: the records, then Wagtail's indexes for
    the written pages, then a line while the commit drains the search outbox and sends alerts."""

    def __init__(self, out, *, enabled: bool):
        self.out, self.enabled, self.indexing = out, enabled, False
        self.bar = tqdm(desc="records", unit="rec", disable=not enabled, file=out)

    def total(self, records: int) -> None:
        self.bar.total = records

    def record(self, count: int) -> None:
        self.bar.update(count)

    def indexed(self, done: int, total: int) -> None:
        if not self.indexing:
            self.indexing = True
            self.bar.close()
            self.bar = tqdm(
                desc="Wagtail 索引 index", unit="page", total=total, disable=not self.enabled, file=self.out
            )
        self.bar.update(done - self.bar.n)
        if done == total:
            self.bar.close()
            if self.enabled:
                self.out.write("提交：更新搜索索引、发送关注提醒 committing, indexing, alerting …\n")

    def close(self) -> None:
        self.bar.close()


class Command(BaseCommand):
    help = (
        "导入 JSON Lines 记录文件（records.md）：按 ref 更新或新增，先校验全部行。"
        "Import a records file; every line is checked before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines 文件路径，- 表示标准输入")
        parser.add_argument("--skip-invalid", action="store_true", help="跳过无效行，导入其余有效行")
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")

    def handle(self, *args, file, skip_invalid, dry_run, verbosity, **options):
        import sys

        # Bytes: the reader decodes line by line, so invalid UTF-8 is "line N: not UTF-8", not a traceback.
        try:
            handle = sys.stdin.buffer if file == "-" else open(file, "rb")
        except OSError as exc:
            raise CommandError(f"无法打开文件 / cannot open {file}: {exc.strerror}") from None
        progress = Progress(self.stderr._out, enabled=verbosity >= 1)
        with handle:
            try:
                result = records_import(
                    handle,
                    skip_invalid=skip_invalid,
                    dry_run=dry_run,
                    progress=progress.record,
                    on_total=progress.total,
                    on_index=progress.indexed,
                )
            except RecordsInvalid as exc:
                for error in exc.errors:
                    self.stderr.write(str(error))
                raise CommandError(
                    f"{len(exc.errors)} 处错误，未写入任何数据（可用 --skip-invalid 跳过无效行）"
                ) from None
            finally:
                progress.close()
        for error in result.skipped:
            self.stderr.write(f"已跳过 skipped: {error}")
        prefix = "（试运行，未写入）" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))
