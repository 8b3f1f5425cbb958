from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from matching.error_codes import OrganisationErrorCode
from matching.errors import refusal
from matching.personal_data import public_text_check
from matching.taxonomy import ORG_TYPES
from matching.uscc import normalise_uscc, uscc_errors


def validate_uscc(value: str) -> None:
    errors = uscc_errors(value)
    if errors:
        raise ValidationError([refusal(error, OrganisationErrorCode.INVALID_USCC) for error in errors])


def _zh_or_en_now(zh: str, en: str) -> str:
    return en if (get_language() or "").startswith("en") else zh


_zh_or_en = lazy(_zh_or_en_now, str)  # taxonomy labels carry their English beside the Chinese


class Organisation(models.Model):
    """A social organisation (社会组织) that registers projects and answers needs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        VERIFIED = "verified", _("已认证")
        SUSPENDED = "suspended", _("已暂停")

    OrgType = models.TextChoices("OrgType", [(k.upper(), (k, _zh_or_en(*v))) for k, v in ORG_TYPES.items()])

    ref = models.CharField("外部编号", max_length=64, unique=True)
    name = models.CharField("名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc])
    org_type = models.CharField("组织类型", max_length=32, choices=OrgType.choices)
    registration_authority = models.CharField("登记管理机关", max_length=120, blank=True)
    description = models.TextField("简介", blank=True)
    service_regions = models.ManyToManyField("matching.Region", verbose_name="服务地区", related_name="+", blank=True)
    categories = models.ManyToManyField("matching.Category", verbose_name="服务类别", related_name="+", blank=True)
    status = models.CharField("审核状态", max_length=12, choices=Status.choices, default=Status.PENDING)
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    vetted_at = models.DateTimeField("审核时间", null=True, blank=True)
    vetting_note = models.TextField("审核意见", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "社会组织"
        verbose_name_plural = "社会组织"
        ordering = ["name"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        public_text_check(fields={"name": self.name, "description": self.description})
        if self.uscc:
            self.uscc = normalise_uscc(self.uscc)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("管理员")
        MEMBER = "member", _("成员")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=12, choices=Role.choices, default=Role.MEMBER)
    # Membership counts as an interest; when it began tells the conflict report whether it came after a
    # decision. Memberships older than this field have no date.
    joined_at = models.DateTimeField("加入时间", null=True, blank=True, default=timezone.now)

    class Meta:
        verbose_name = "组织成员"
        verbose_name_plural = "组织成员"
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"
