from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from matching.importexport import RecordsInvalid, records_import


class Command(BaseCommand):
    help = ("导入 JSON Lines 记录文件（records.md）：按 ref 更新或新增，先校验全部行。"
            "Import a records file; every line is checked before anything is written.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines 文件路径，- 表示标准输入")
        parser.add_argument("--skip-invalid", action="store_true", help="跳过无效行，导入其余有效行")
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")

    def handle(self, *args, file, skip_invalid, dry_run, verbosity, **options):
        import sys

        handle = sys.stdin if file == "-" else open(file, encoding="utf-8")
        bars = {}

        def indexed(pages: int) -> None:  # the second stage: Wagtail's indexes for the written pages
            if "pages" not in bars:
                bars["records"].close()
                bars["pages"] = tqdm(desc="Wagtail 索引 index", unit="page", disable=verbosity < 1,
                                     file=self.stderr._out)
            bars["pages"].update(pages)

        with handle, tqdm(desc="records", unit="rec", disable=verbosity < 1, file=self.stderr._out) as bar:
            bars["records"] = bar
            try:
                result = records_import(handle, skip_invalid=skip_invalid, dry_run=dry_run,
                                        progress=bar.update, on_total=lambda n: setattr(bar, "total", n),
                                        on_index=indexed)
            except RecordsInvalid as exc:
                for error in exc.errors:
                    self.stderr.write(str(error))
                raise CommandError(f"{len(exc.errors)} 处错误，未写入任何数据（可用 --skip-invalid 跳过无效行）")
            finally:
                if "pages" in bars:
                    bars["pages"].close()
        for error in result.skipped:
            self.stderr.write(f"已跳过 skipped: {error}")
        prefix = "（试运行，未写入）" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))
