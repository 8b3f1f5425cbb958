"""Progress reports on a project: period, milestones, narrative, beneficiaries reached as counts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from matching.personal_data import public_text_check

# (field, 中文, English): aggregated counts only, never names. Stable: open data columns use these.
BENEFICIARY_GROUPS = (
    ("reached_dibao", "低保对象", "subsistence allowance recipients"),
    ("reached_tekun", "特困人员", "persons in extreme poverty"),
    ("reached_disabled", "残疾人", "persons with disabilities"),
    ("reached_children", "儿童", "children"),
    ("reached_elderly", "老年人", "older persons"),
    ("reached_other", "其他", "others"),
)


class ProgressReport(models.Model):
    """进展报告: what a project did in a period and whom it reached (counts by group only)."""

    project = models.ForeignKey(
        "matching.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="progress_reports"
    )
    period_start = models.DateField("报告期开始")
    period_end = models.DateField("报告期结束")
    narrative = models.TextField("进展说明")
    is_final = models.BooleanField("结项报告", default=False)
    reached_dibao = models.PositiveIntegerField("低保对象（人）", default=0)
    reached_tekun = models.PositiveIntegerField("特困人员（人）", default=0)
    reached_disabled = models.PositiveIntegerField("残疾人（人）", default=0)
    reached_children = models.PositiveIntegerField("儿童（人）", default=0)
    reached_elderly = models.PositiveIntegerField("老年人（人）", default=0)
    reached_other = models.PositiveIntegerField("其他（人）", default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "进展报告"
        verbose_name_plural = "进展报告"
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="outcomes_report_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        kind = "结项报告" if self.is_final else "进展报告"
        return f"{self.project} {kind} {self.period_start}–{self.period_end}"

    def clean(self) -> None:
        from django.apps import apps

        records = apps.get_model("matching", "BeneficiaryRecord")
        public_text_check(
            fields={"narrative": self.narrative},
            private_values=records.private_values(need__matches__project_id=self.project_id) if self.project_id else (),
        )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "报告期结束日期不能早于开始日期"})

    @property
    def reached_total(self) -> int:
        return sum(getattr(self, field) for field, _, _ in BENEFICIARY_GROUPS)

    @property
    def reached_by_group(self) -> list[tuple[str, int]]:
        """(group label in the reader's language, count) per group."""
        from django.utils.translation import get_language

        en = (get_language() or "").startswith("en")
        return [(english if en else label, getattr(self, field)) for field, label, english in BENEFICIARY_GROUPS]


class Milestone(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name="进展报告", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField("里程碑", max_length=200)
    achieved_on = models.DateField("完成日期", null=True, blank=True, help_text="未完成则留空")

    class Meta:
        verbose_name = "里程碑"
        verbose_name_plural = "里程碑"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
