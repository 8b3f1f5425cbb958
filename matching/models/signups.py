from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class VolunteerSignup(models.Model):
    """A volunteer asks for one of a project's volunteer slots; the organisation decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("未通过")
        WITHDRAWN = "withdrawn", _("已撤回")

    project = models.ForeignKey(
        "matching.Project", verbose_name="项目", on_delete=models.CASCADE, related_name="signups"
    )
    volunteer = models.ForeignKey(
        "matching.Volunteer", verbose_name="志愿者", on_delete=models.CASCADE, related_name="signups"
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PENDING)
    message = models.TextField("报名留言", blank=True, max_length=1000)
    decision_note = models.TextField("审核说明", blank=True, max_length=1000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    created_at = models.DateTimeField("报名时间", auto_now_add=True)

    class Meta:
        db_table = "portal_volunteersignup"  # created by the portal app; moved without a copy
        verbose_name = "志愿者报名"
        verbose_name_plural = "志愿者报名"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["project", "volunteer"], name="unique_signup_per_project")]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.project}"


class HoursEntry(models.Model):
    """Hours a volunteer says they served on a project; they count once the organisation confirms."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        REJECTED = "rejected", _("未确认")

    signup = models.ForeignKey(VolunteerSignup, verbose_name="报名", on_delete=models.CASCADE, related_name="hours")
    served_on = models.DateField("服务日期")
    hours = models.DecimalField(
        "服务时长（小时）",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    description = models.CharField("服务内容", max_length=300)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)
    created_at = models.DateTimeField("填报时间", auto_now_add=True)

    class Meta:
        db_table = "portal_hoursentry"  # created by the portal app; moved without a copy
        verbose_name = "志愿服务时长"
        verbose_name_plural = "志愿服务时长"
        ordering = ["-served_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0) & models.Q(hours__lte=24), name="hours_in_day"),
        ]

    def __str__(self) -> str:
        return f"{self.signup} {self.served_on} {self.hours}h"
