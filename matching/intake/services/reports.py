"""Recording a reported difficulty."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from matching.errors import refusal
from matching.intake.error_codes import IntakeErrorCode as C
from matching.intake.fields import ContactFields, ReportFields, cleaned_contact, report_errors
from matching.intake.models import IntakeReport, ReportContact
from matching.intake.services.duplicates import duplicate_candidates
from matching.models import Region
from matching.notifications.services import notify_region_staff
from matching.permissions import require_handle_intake, require_record_intake

logger = logging.getLogger(__name__)


def county_for_code(code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise refusal(f"行政区划代码 {code} 不存在", C.UNKNOWN_COUNTY, field="county_code")
    if region.level != Region.Level.COUNTY:
        raise refusal(f"{region.name}（{code}）不是县级行政区，请填写县（区）代码", C.NOT_A_COUNTY, field="county_code")
    return region


def _write(*, fields: ReportFields, contact: ContactFields, county: Region, user) -> IntakeReport:
    contact = cleaned_contact(contact)
    report = IntakeReport(
        county=county,
        township=fields.township.strip(),
        category=fields.category,
        description=fields.description.strip(),
        urgency=fields.urgency,
        source=fields.source,
        recorded_by=user if user is not None and user.is_authenticated else None,
    )
    report.full_clean(exclude=["need", "recorded_by"])
    report.save()
    ReportContact.objects.create(report=report, **contact.__dict__)
    similar_reports, similar_needs = duplicate_candidates(
        county_code=county.code, category=report.category, description=report.description, exclude_report_id=report.pk
    )
    report.similar_reports.set(similar_reports)
    report.similar_needs.set(similar_needs)
    # Only the reference and the county: never contact details or the free text.
    logger.info(
        "intake report %s recorded for county %s (%d possible duplicates)",
        report.ref,
        county.code,
        len(similar_reports) + len(similar_needs),
    )
    return report


@transaction.atomic
def report_create(*, fields: ReportFields, contact: ContactFields, user) -> IntakeReport:
    """Record a report for a county and tell that county's staff.

    Rules: every field is checked first (nothing written on a bad field); the recorder must be staff
    of the county or a hotline operator; look-alike reports and needs are linked as possible duplicates.
    The notification names the county, the category and the reference only — no personal data.
    """
    errors = report_errors(fields, contact)
    if errors:
        raise ValidationError(errors)
    county = county_for_code(fields.county_code)
    require_record_intake(user=user, county=county)
    report = _write(fields=fields, contact=contact, county=county, user=user)
    report_notify_staff(county=county, reports=[report])
    return report


def report_notify_staff(*, county: Region, reports: list[IntakeReport]) -> None:
    if not reports:
        return
    urgent = sum(1 for r in reports if r.urgency != IntakeReport.Urgency.NORMAL)
    if len(reports) == 1:
        report = reports[0]
        title = f"新受理报告：{county.name} · {report.category_label}（{report.get_urgency_display()}）"
        url = reverse("intake:report_detail", args=[report.ref])
    else:
        title = f"{county.name}新增 {len(reports)} 条监测预警报告待核实" + (f"，其中 {urgent} 条紧急" if urgent else "")
        url = reverse("intake:report_list") + f"?county={county.code}"
    flagged = sum(1 for r in reports if r.similar_reports.exists() or r.similar_needs.exists())
    body = f"受理编号：{', '.join(r.ref for r in reports[:5])}" + ("……" if len(reports) > 5 else "")
    if flagged:
        body += f"\n其中 {flagged} 条疑似与已有报告或需求重复，请核实。"
    notify_region_staff(region=county, kind="intake.report_received", title=title, body=body, url=url)


@transaction.atomic
def report_close(*, report: IntakeReport, user, reason: str) -> IntakeReport:
    """Close a report that needs nothing more (a confirmed duplicate, already helped); staff of the county only."""
    report = IntakeReport.objects.select_for_update(of=("self",)).select_related("county").get(pk=report.pk)
    require_handle_intake(user=user, county=report.county)
    if report.status == IntakeReport.Status.CLOSED:
        raise refusal("该报告已办结", C.REPORT_CLOSED)
    if not reason.strip():
        raise refusal("请填写办结说明，例如与哪条报告重复", C.CLOSED_REASON_REQUIRED, field="closed_reason")
    report.status = IntakeReport.Status.CLOSED
    report.closed_at = timezone.now()
    report.closed_reason = reason.strip()
    report.save(update_fields=["status", "closed_at", "closed_reason"])
    logger.info("intake report %s closed", report.ref)
    return report
