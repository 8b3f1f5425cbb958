from django.core.management.base import BaseCommand

from matching.importexport import records_export_lines


class Command(BaseCommand):
    help = "导出记录为 JSON Lines（records.md），不含任何受益人个人信息。Export records; - for stdout."

    def add_arguments(self, parser):
        parser.add_argument("file", help="输出文件路径，- 表示标准输出")

    def handle(self, *args, file, verbosity, **options):
        count = 0
        out = self.stdout if file == "-" else open(file, "w", encoding="utf-8", newline="\n")
        try:
            for line in records_export_lines():
                out.write(line, ending="") if file == "-" else out.write(line)
                count += 1
        finally:
            if file != "-":
                out.close()
        if verbosity and file != "-":
            self.stderr.write(f"已导出 {count} 条记录到 {file}")
