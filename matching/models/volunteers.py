from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Volunteer(models.Model):
    """A volunteer (志愿者): skills, where they can serve and how many hours a month."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("活跃")
        INACTIVE = "inactive", _("暂停")

    ref = models.CharField("外部编号", max_length=64, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="volunteer"
    )
    display_name = models.CharField("显示名", max_length=60)
    skills = models.ManyToManyField("matching.Skill", verbose_name="技能", related_name="+", blank=True)
    service_regions = models.ManyToManyField("matching.Region", verbose_name="服务地区", related_name="+", blank=True)
    hours_per_month = models.PositiveIntegerField("每月可服务小时", default=0)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "志愿者"
        verbose_name_plural = "志愿者"
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name
