from django.core.management.base import BaseCommand
from tqdm import tqdm

from matching.services.regions import REGIONS_CSV, regions_load


class Command(BaseCommand):
    help = "载入行政区划数据（GB/T 2260，省/地/县及标签）。Load the shipped region dataset; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(REGIONS_CSV))

    def handle(self, *args, file, verbosity, **options):
        with tqdm(desc="regions", unit="row", disable=verbosity < 1) as bar:
            result = regions_load(path=file, progress=bar.update)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"行政区划：新增 {result['created']}，更新 {result['updated']}，共 {result['total']}"
                )
            )
