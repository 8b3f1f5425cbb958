"""Import and export of the records exchange format (docs/records.md: how the platform reads and writes it)."""

from .errors import RecordError, RecordsInvalid
from .exporter import records_export, records_export_lines
from .importer import ImportResult, records_check, records_import

__all__ = [
    "ImportResult",
    "RecordError",
    "RecordsInvalid",
    "records_check",
    "records_export",
    "records_export_lines",
    "records_import",
]
