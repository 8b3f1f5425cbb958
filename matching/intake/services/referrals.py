"""Referring a report to another department and tracking the hand-off until someone answers."""

import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from matching.errors import refusal
from matching.intake.error_codes import IntakeErrorCode as C
from matching.intake.models import IntakeReport, Referral
from matching.intake.rules import referral_can_become, referral_due_on
from matching.notifications.services import notify_region_staff
from matching.permissions import require_handle_intake

logger = logging.getLogger(__name__)


@transaction.atomic
def report_refer(
    *, report: IntakeReport, user, department: str, note: str = "", due_days: int | None = None
) -> Referral:
    """Hand a report to another department; it is due back within `due_days` (default from settings)."""
    report = IntakeReport.objects.select_for_update().select_related("county").get(pk=report.pk)
    require_handle_intake(user=user, county=report.county)
    if department not in Referral.Department.values:
        raise refusal("请选择转办部门", C.DEPARTMENT_REQUIRED, field="department")
    days = settings.INTAKE_REFERRAL_DUE_DAYS if due_days is None else due_days
    if not 1 <= days <= 90:
        raise refusal("答复期限应在1到90天之间", C.DUE_DAYS_OUT_OF_RANGE, field="due_days")
    if report.referrals.filter(department=department).exclude(status=Referral.Status.ANSWERED).exists():
        raise refusal("该报告已转办此部门，尚未答复", C.ALREADY_REFERRED, field="department")
    referral = Referral.objects.create(
        report=report,
        department=department,
        note=note.strip(),
        due_on=referral_due_on(timezone.localdate(), days),
        referred_by=user,
    )
    if report.status == IntakeReport.Status.NEW:
        report.status = IntakeReport.Status.REFERRED
        report.save(update_fields=["status"])
    logger.info("intake report %s referred to %s", report.ref, department)
    return referral


def _move(referral: Referral, user, status: str) -> Referral:
    referral = Referral.objects.select_for_update().select_related("report__county").get(pk=referral.pk)
    require_handle_intake(user=user, county=referral.report.county)
    if not referral_can_become(referral.status, status):
        raise refusal(
            f"转办记录不能从“{referral.get_status_display()}”变为“{Referral.Status(status).label}”",
            C.REFERRAL_STEP_NOT_ALLOWED,
        )
    return referral


@transaction.atomic
def referral_acknowledge(*, referral: Referral, user, acknowledged_by: str) -> Referral:
    """The department has received the hand-off (staff record who signed for it)."""
    referral = _move(referral, user, Referral.Status.ACKNOWLEDGED)
    if not acknowledged_by.strip():
        raise refusal("请填写签收人", C.ACKNOWLEDGER_REQUIRED, field="acknowledged_by")
    referral.status = Referral.Status.ACKNOWLEDGED
    referral.acknowledged_at = timezone.now()
    referral.acknowledged_by = acknowledged_by.strip()[:60]
    referral.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    return referral


@transaction.atomic
def referral_answer(*, referral: Referral, user, answer: str) -> Referral:
    """The department has answered; the report is closed once every referral of it is answered."""
    referral = _move(referral, user, Referral.Status.ANSWERED)
    if not answer.strip():
        raise refusal("请填写答复内容", C.ANSWER_REQUIRED, field="answer")
    now = timezone.now()
    referral.status = Referral.Status.ANSWERED
    referral.answered_at = now
    referral.acknowledged_at = referral.acknowledged_at or now
    referral.answer = answer.strip()
    referral.save(update_fields=["status", "answered_at", "acknowledged_at", "answer"])
    report = referral.report
    if (
        report.status == IntakeReport.Status.REFERRED
        and not report.referrals.exclude(status=Referral.Status.ANSWERED).exists()
    ):
        report.status = IntakeReport.Status.CLOSED
        report.save(update_fields=["status"])
    return referral


@transaction.atomic
def referrals_remind_overdue() -> int:
    """Tell each county's staff, once per referral, which hand-offs are past due with no answer."""
    today = timezone.localdate()
    overdue = list(
        Referral.objects.select_for_update(of=("self",))
        .select_related("report__county")
        .filter(due_on__lt=today, overdue_reminded_at__isnull=True)
        .exclude(status=Referral.Status.ANSWERED)
        .order_by("due_on", "id")
    )
    by_county = defaultdict(list)
    for referral in overdue:
        by_county[referral.report.county].append(referral)
    for county, referrals in by_county.items():
        lines = [f"{r.report.ref} · {r.get_department_display()} · 期限 {r.due_on:%Y-%m-%d}" for r in referrals[:20]]
        notify_region_staff(
            region=county,
            kind="intake.referral_overdue",
            title=f"{county.name}有 {len(referrals)} 条转办超期未答复",
            body="\n".join(lines) + ("\n……" if len(referrals) > 20 else ""),
            url=reverse("intake:report_list") + f"?county={county.code}",
        )
    Referral.objects.filter(pk__in=[r.pk for r in overdue]).update(overdue_reminded_at=timezone.now())
    return len(overdue)
