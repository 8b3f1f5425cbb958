from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexOutbox(models.Model):
    """Search-index work written in the same transaction as the domain write it follows.

    The row says only *which* document changed; the drain re-reads the database, so the index
    always converges on the database whatever order rows are drained in.
    """

    class Op(models.TextChoices):
        UPSERT = "upsert", _("更新")
        DELETE = "delete", _("删除")

    kind = models.CharField("索引类型", max_length=20)
    ref = models.CharField("外部编号", max_length=64)
    op = models.CharField("操作", max_length=8, choices=Op.choices, default=Op.UPSERT)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    available_at = models.DateTimeField("可处理时间", auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    last_error = models.TextField("最近错误", blank=True)

    class Meta:
        verbose_name = "索引待办"
        verbose_name_plural = "索引待办"
        ordering = ["id"]
        indexes = [models.Index(fields=["kind", "ref"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.ref} {self.op}"


class StandingProfile(models.Model):
    """What an organisation looks for. A newly published need that fits alerts its members.

    Empty categories or regions mean "any". Keywords: any one of them in the need's title or
    description. ``StandingProfileKey`` rows index the profile by region and category so that
    finding the profiles a need may fit is two indexed lookups, whatever the number of profiles.
    """

    organisation = models.ForeignKey(
        "matching.Organisation", verbose_name="社会组织", on_delete=models.CASCADE, related_name="standing_profiles"
    )
    name = models.CharField("名称", max_length=60)
    categories = models.JSONField("类别", default=list, blank=True)
    regions = models.JSONField("地区", default=list, blank=True)
    keywords = models.JSONField("关键词", default=list, blank=True)
    min_urgency = models.CharField("最低紧急程度", max_length=10, default="normal")
    active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "关注条件"
        verbose_name_plural = "关注条件"
        ordering = ["organisation_id", "name", "id"]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.name}"


class StandingProfileKey(models.Model):
    """Index rows of a profile: (dimension, code), code ``*`` for "any"."""

    profile = models.ForeignKey(StandingProfile, on_delete=models.CASCADE, related_name="keys")
    dimension = models.CharField(max_length=10)  # "region" | "category"
    code = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["dimension", "code"], name="standing_profile_key")]
        constraints = [models.UniqueConstraint(fields=["profile", "dimension", "code"], name="unique_profile_key")]


class ProfileAlert(models.Model):
    """One alert per profile and need: a need re-published or edited does not alert twice."""

    profile = models.ForeignKey(StandingProfile, on_delete=models.CASCADE, related_name="alerts")
    need_ref = models.CharField("需求编号", max_length=64)
    created_at = models.DateTimeField("提醒时间", auto_now_add=True)

    class Meta:
        verbose_name = "关注提醒"
        verbose_name_plural = "关注提醒"
        constraints = [models.UniqueConstraint(fields=["profile", "need_ref"], name="unique_profile_alert")]
