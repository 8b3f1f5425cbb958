from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from matching.personal_data import public_text_check


class Project(models.Model):
    """The capacity an organisation offers: what, where, how much, until when."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        ACTIVE = "active", _("进行中")
        PAUSED = "paused", _("已暂停")
        COMPLETED = "completed", _("已完成")
        CANCELLED = "cancelled", _("已取消")

    # draft → active → paused / completed / cancelled; paused → active again.
    TRANSITIONS = {
        Status.DRAFT: {Status.ACTIVE, Status.CANCELLED},
        Status.ACTIVE: {Status.PAUSED, Status.COMPLETED, Status.CANCELLED},
        Status.PAUSED: {Status.ACTIVE, Status.COMPLETED, Status.CANCELLED},
        Status.COMPLETED: set(),
        Status.CANCELLED: set(),
    }

    ref = models.CharField("外部编号", max_length=64, unique=True)
    organisation = models.ForeignKey(
        "matching.Organisation", verbose_name="社会组织", on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField("项目名称", max_length=200)
    summary = models.CharField("摘要", max_length=500, blank=True)
    description = models.TextField("项目说明", blank=True)
    categories = models.ManyToManyField("matching.Category", verbose_name="类别", related_name="+", blank=True)
    service_regions = models.ManyToManyField("matching.Region", verbose_name="服务地区", related_name="+", blank=True)
    budget_available = models.BigIntegerField("可用资金（分）", default=0)
    currency = models.CharField("币种", max_length=3, default="CNY")
    volunteer_slots = models.PositiveIntegerField("志愿者名额", default=0)
    skills = models.ManyToManyField("matching.Skill", verbose_name="技能", related_name="+", blank=True)
    starts_on = models.DateField("开始日期", null=True, blank=True)
    ends_on = models.DateField("结束日期", null=True, blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="项目负责人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects_led",
        help_text="由组织指定的本组织成员；负责人不能审批本项目的拨付",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "帮扶项目"
        verbose_name_plural = "帮扶项目"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "ends_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(budget_available__gte=0), name="project_budget_non_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        public_text_check(
            fields={"title": self.title, "summary": self.summary, "description": self.description},
            private_values=self._served_beneficiaries() if self.pk else (),
        )

    def _served_beneficiaries(self) -> list[str]:
        from django.apps import apps  # the model by name: needs.py already depends on this module

        return apps.get_model("matching", "BeneficiaryRecord").private_values(need__matches__project_id=self.pk)

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())
