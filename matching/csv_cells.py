"""Every CSV the platform writes goes through here: text cells that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) are written with a leading single quote,
so `=HYPERLINK(...)` in a project title stays text. Numbers are written as numbers (a negative amount
is not a formula). Pure functions, no Django."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """The cell as written: text starting like a formula gets a leading quote; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose rows are neutralised cell by cell (same ``writerow``/``writerows``)."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        return self._writer.writerow([csv_safe(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` with neutralised cells (Wagtail's admin exports use this shape)."""

    def writerow(self, rowdict):
        return super().writerow({key: csv_safe(value) for key, value in rowdict.items()})
