"""Wagtail's admin CSV exports (reports, listings, form submissions) neutralise formula cells too.

Its XLSX export already writes formula-looking text as text; its CSV writer does not, so every row
it writes goes through the platform's one cell rule (matching/csv_cells.py). Connected once in
``CmsConfig.ready``."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from matching.csv_cells import csv_safe


def write_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            field: csv_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def connect() -> None:
    SpreadsheetExportMixin.write_csv_row = write_csv_row
