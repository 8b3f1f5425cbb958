"""Bulk intake of a monitoring list: every line checked first, then all written in one transaction."""

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from matching.intake.models import IntakeReport
from matching.intake.monitoring_csv import LineError, decode, parse
from matching.intake.services.reports import _write, report_notify_staff
from matching.models import Region
from matching.permissions import can_view_intake

logger = logging.getLogger(__name__)


class MonitoringImportError(Exception):
    """The file was refused; `errors` are line-numbered and nothing was written."""

    def __init__(self, errors: list[LineError]):
        super().__init__(f"{len(errors)} 处错误")
        self.errors = errors


@dataclass(frozen=True)
class MonitoringImportResult:
    reports: list[IntakeReport]
    flagged: int


def monitoring_import(
    *, data: bytes, user=None, progress: Callable[[int], None] | None = None
) -> MonitoringImportResult:
    """Create one report per line of a monitoring list.

    Rules: the file must be UTF-8 CSV with the known columns; every line must pass the same checks
    as the intake form; every county must exist, be a county, and (for a person) be covered by the
    uploader's staff scope. Any error → MonitoringImportError with every line's errors, nothing written.
    Each county's staff get one notification for the batch.
    """
    if len(data) > settings.INTAKE_UPLOAD_MAX_BYTES:
        limit_mb = settings.INTAKE_UPLOAD_MAX_BYTES // 1024 // 1024
        raise MonitoringImportError([LineError(0, "", f"文件超过 {limit_mb} MB")])
    try:
        text = decode(data)
    except ValueError as exc:
        raise MonitoringImportError([LineError(0, "", str(exc))]) from exc
    rows, errors = parse(text, max_rows=settings.INTAKE_UPLOAD_MAX_ROWS)
    counties = {r.code: r for r in Region.objects.filter(code__in={row.fields.county_code for row in rows})}
    for row in rows:
        region = counties.get(row.fields.county_code)
        if region is None:
            errors.append(LineError(row.line, "county_code", f"行政区划代码 {row.fields.county_code} 不存在"))
        elif region.level != Region.Level.COUNTY:
            errors.append(LineError(row.line, "county_code", f"{region.name} 不是县级行政区"))
        elif user is not None and not can_view_intake(user, region):
            errors.append(LineError(row.line, "county_code", f"您不是{region.name}的工作人员，不能导入该县的名单"))
    if errors:
        raise MonitoringImportError(sorted(errors, key=lambda e: e.line))
    if not rows:
        raise MonitoringImportError([LineError(0, "", "文件中没有数据行")])
    by_county: dict[str, list[IntakeReport]] = defaultdict(list)
    with transaction.atomic():
        for row in rows:
            county = counties[row.fields.county_code]
            by_county[county.code].append(_write(fields=row.fields, contact=row.contact, county=county, user=user))
            if progress:
                progress(1)
        for code, reports in by_county.items():
            report_notify_staff(county=counties[code], reports=reports)
    created = [r for reports in by_county.values() for r in reports]
    flagged = sum(1 for r in created if r.similar_reports.exists() or r.similar_needs.exists())
    logger.info(
        "monitoring list imported: %d reports in %d counties, %d flagged", len(created), len(by_county), flagged
    )
    return MonitoringImportResult(reports=created, flagged=flagged)
