import uuid

from django.conf import settings
from django.db import models


class RegistrationCertificate(models.Model):
    """The registration certificate (登记证书) an organisation uploads; staff read it when vetting.

    Private: stored under media but never linked from public pages.
    """

    organisation = models.OneToOneField(
        "matching.Organisation", verbose_name="社会组织", on_delete=models.CASCADE, related_name="certificate"
    )
    file = models.FileField("登记证书文件", upload_to="certificates/%Y/%m/")
    content_type = models.CharField("文件类型", max_length=40)
    size = models.PositiveIntegerField("文件大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "登记证书"
        verbose_name_plural = "登记证书"

    def __str__(self) -> str:
        return f"{self.organisation} 登记证书"


class Invitation(models.Model):
    """An organisation admin invites someone by email to join with a role."""

    organisation = models.ForeignKey(
        "matching.Organisation", verbose_name="社会组织", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("邮箱")
    role = models.CharField("角色", max_length=12, choices=[("admin", "管理员"), ("member", "成员")], default="member")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("邀请时间", auto_now_add=True)
    accepted_at = models.DateTimeField("接受时间", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "成员邀请"
        verbose_name_plural = "成员邀请"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
