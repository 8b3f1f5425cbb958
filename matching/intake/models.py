"""Reported difficulties, their private contact details, and referrals to other departments.

A report is staff-only (the county's staff); its contact details sit in a separate one-to-one row
so nothing that serialises a report by accident carries them. `__str__` never shows a name.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from matching.models import NeedPage
from matching.taxonomy import CATEGORIES


def new_report_ref() -> str:
    return f"rpt-{uuid.uuid4().hex[:12]}"


class IntakeReport(models.Model):
    class Source(models.TextChoices):
        HOTLINE = "hotline", _("12349 社会救助服务热线")
        GRASSROOTS = "grassroots", _("基层走访（村、社区工作人员）")
        MONITORING = "monitoring", _("监测预警（数据比对）")
        OTHER = "other", _("其他渠道")

    Urgency = NeedPage.Urgency  # a report becomes a need: one scale of urgency

    class Status(models.TextChoices):
        NEW = "new", _("待处理")
        DRAFTED = "drafted", _("已转为需求草稿")
        REFERRED = "referred", _("已转办其他部门")
        CLOSED = "closed", _("已办结")

    ref = models.CharField("受理编号", max_length=40, unique=True, default=new_report_ref)
    county = models.ForeignKey(
        "matching.Region", verbose_name="所在县（区）", on_delete=models.PROTECT, related_name="intake_reports"
    )
    township = models.CharField("乡镇（街道）", max_length=60)
    category = models.CharField("困难类别", max_length=32, choices=[(k, v[0]) for k, v in CATEGORIES.items()])
    description = models.TextField("反映情况")
    urgency = models.CharField("紧急程度", max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    source = models.CharField("来源", max_length=16, choices=Source.choices, default=Source.HOTLINE)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.NEW)
    need = models.ForeignKey(
        "matching.NeedPage",
        verbose_name="需求草稿",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intake_reports",
    )
    similar_reports = models.ManyToManyField(
        "self", verbose_name="疑似重复的报告", symmetrical=False, blank=True, related_name="+"
    )
    similar_needs = models.ManyToManyField(
        "matching.NeedPage", verbose_name="疑似重复的需求", blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True, db_index=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_reason = models.TextField("办结说明", blank=True, help_text="例如：与报告 rpt-… 重复，已合并处理")

    class Meta:
        verbose_name = "受理报告"
        verbose_name_plural = "受理报告"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["county", "category", "created_at"], name="intake_dup_lookup")]
        permissions = [("record_report", "可登记受理报告（热线接线员）")]

    def __str__(self) -> str:
        return self.ref

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, (self.category,))[0]


class ReportContact(models.Model):
    """The reporter's and the person's contact details. Staff of the report's county only."""

    report = models.OneToOneField(IntakeReport, on_delete=models.CASCADE, related_name="contact")
    reporter_name = models.CharField("反映人姓名", max_length=60, blank=True)
    reporter_phone = models.CharField("反映人电话", max_length=20, blank=True)
    person_name = models.CharField("当事人姓名", max_length=60, blank=True)
    person_phone = models.CharField("当事人电话", max_length=20, blank=True)
    person_id_number = models.CharField("当事人身份证号", max_length=18, blank=True)

    class Meta:
        verbose_name = "联系方式（保密）"
        verbose_name_plural = "联系方式（保密）"

    def __str__(self) -> str:
        return f"联系方式 #{self.pk}"

    def private_values(self) -> list[str]:
        return [self.reporter_name, self.reporter_phone, self.person_name, self.person_phone, self.person_id_number]


class Referral(models.Model):
    """A hand-off to another department, tracked until someone answers (件件有回音)."""

    class Department(models.TextChoices):
        EDUCATION = "education", _("教育部门")
        HEALTH = "health", _("卫生健康部门")
        MEDICAL_SECURITY = "medical_security", _("医疗保障部门")
        HOUSING = "housing", _("住房和城乡建设部门")
        EMPLOYMENT = "employment", _("人力资源和社会保障部门")
        DISABLED_PERSONS = "disabled_persons", _("残疾人联合会")
        RURAL_REVITALISATION = "rural", _("乡村振兴部门")
        OTHER = "other", _("其他部门")

    class Status(models.TextChoices):
        REFERRED = "referred", _("已转办")
        ACKNOWLEDGED = "acknowledged", _("已签收")
        ANSWERED = "answered", _("已答复")

    report = models.ForeignKey(IntakeReport, on_delete=models.CASCADE, related_name="referrals")
    department = models.CharField("转办部门", max_length=20, choices=Department.choices)
    note = models.TextField("转办说明", blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.REFERRED)
    referred_at = models.DateTimeField("转办时间", auto_now_add=True)
    due_on = models.DateField("答复期限")
    acknowledged_at = models.DateTimeField("签收时间", null=True, blank=True)
    acknowledged_by = models.CharField("签收人（部门经办人）", max_length=60, blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answer = models.TextField("答复内容", blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="转办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    overdue_reminded_at = models.DateTimeField(
        "超期提醒时间", null=True, blank=True, help_text="已就超期提醒过县里的工作人员（每条转办只提醒一次）"
    )

    class Meta:
        verbose_name = "转办记录"
        verbose_name_plural = "转办记录"
        ordering = ["-referred_at", "-id"]

    def __str__(self) -> str:
        return f"转办 #{self.pk} {self.get_department_display()}"

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        from matching.intake.rules import referral_is_overdue

        return referral_is_overdue(status=self.status, due_on=self.due_on, today=timezone.localdate())
