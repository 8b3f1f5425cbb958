"""Filing progress reports (进展报告) on a project."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from matching.errors import coded
from matching.models import Project
from matching.outcomes.error_codes import ReportErrorCode
from matching.outcomes.models import BENEFICIARY_GROUPS, Milestone, ProgressReport
from matching.outcomes.services.evidence import evidence_check, evidence_store
from matching.permissions import can_file_report
from matching.personal_data import public_text_errors
from matching.uploads import Upload

GROUP_FIELDS = tuple(f for f, _, _ in BENEFICIARY_GROUPS)


@dataclass(frozen=True)
class MilestoneFields:
    title: str
    achieved_on: datetime.date | None = None


@dataclass(frozen=True)
class BeneficiaryCounts:
    """Beneficiaries reached, by group. Counts only: this type has no place for a name."""

    reached_dibao: int = 0
    reached_tekun: int = 0
    reached_disabled: int = 0
    reached_children: int = 0
    reached_elderly: int = 0
    reached_other: int = 0

    def errors(self) -> dict[str, ValidationError]:
        labels = {f: label for f, label, _ in BENEFICIARY_GROUPS}
        out = {}
        for name in GROUP_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                out[name] = coded(f"{labels[name]}人数必须是不小于 0 的整数", ReportErrorCode.INVALID_COUNT)
        return out


@transaction.atomic
def report_file(
    *,
    project: Project,
    user,
    period_start: datetime.date,
    period_end: datetime.date,
    narrative: str,
    counts: BeneficiaryCounts | None = None,
    milestones: list[MilestoneFields] | tuple = (),
    is_final: bool = False,
    photos: list[Upload] | tuple = (),
    documents: list[Upload] | tuple = (),
) -> ProgressReport:
    """A member of the project's organisation files a report. Every upload is checked before anything
    is written; a refused file, a bad period or bad counts leave nothing behind.
    """
    if not can_file_report(user, project):
        raise PermissionDenied("只有该项目所属组织的成员可以提交进展报告")
    counts = counts or BeneficiaryCounts()
    errors = counts.errors()
    if not narrative or not narrative.strip():
        errors["narrative"] = coded("请填写进展说明", ReportErrorCode.NARRATIVE_REQUIRED)
    if period_start is None or period_end is None:
        errors["period_start"] = coded("请填写报告期", ReportErrorCode.PERIOD_REQUIRED)
    elif period_end < period_start:
        errors["period_end"] = coded("报告期结束日期不能早于开始日期", ReportErrorCode.PERIOD_ENDS_BEFORE_START)
    for m in milestones:
        if not m.title.strip():
            errors["milestones"] = coded("里程碑名称不能为空", ReportErrorCode.MILESTONE_TITLE_REQUIRED)
    errors.update(public_text_errors(fields={"milestones": "\n".join(m.title for m in milestones)}))
    if project.status in (Project.Status.DRAFT, Project.Status.CANCELLED):
        status = project.get_status_display()
        errors["project"] = coded(f"项目状态为“{status}”，不能提交进展报告", ReportErrorCode.PROJECT_NOT_REPORTING)
    if errors:
        raise ValidationError(errors)
    cleaned = evidence_check(photos=list(photos), documents=list(documents))

    report = ProgressReport(
        project=project,
        period_start=period_start,
        period_end=period_end,
        narrative=narrative.strip(),
        is_final=is_final,
        submitted_by=user,
        **{name: getattr(counts, name) for name in GROUP_FIELDS},
    )
    report.full_clean()
    report.save()
    Milestone.objects.bulk_create(
        [Milestone(report=report, title=m.title.strip()[:200], achieved_on=m.achieved_on) for m in milestones]
    )
    evidence_store(cleaned=cleaned, title=f"{project.title} 进展报告", user=user, report=report)
    return report
