"""Import a monitoring and early-warning list (CSV) as intake reports: all lines or none."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from matching.intake.services.bulk import MonitoringImportError, monitoring_import


class Command(BaseCommand):
    help = "导入监测预警名单（CSV），每行生成一条待核实的受理报告；文件有错误时不写入任何数据"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", default="", help="以该工作人员身份导入（检查其负责地区）；默认系统导入")

    def handle(self, *args, file: Path, user: str, **options):
        if not file.is_file():
            raise CommandError(f"文件不存在：{file}")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"用户不存在：{user}")
        data = file.read_bytes()
        total = max(data.count(b"\n") - 1, 0)
        with tqdm(total=total, unit="行", desc="导入", file=self.stderr._out, disable=options["verbosity"] == 0) as bar:
            try:
                result = monitoring_import(data=data, user=actor, progress=bar.update)
            except MonitoringImportError as refused:
                for error in refused.errors:
                    self.stderr.write(str(error))
                raise CommandError(f"{len(refused.errors)} 处错误，未导入任何数据") from None
        self.stdout.write(f"已导入 {len(result.reports)} 条报告，其中 {result.flagged} 条疑似重复")
