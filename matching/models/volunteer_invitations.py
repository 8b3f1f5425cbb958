from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VolunteerInvitation(models.Model):
    """Someone invites a volunteer (found by the matcher for a need) to a project matched to that need.

    The volunteer accepts (an approved sign-up to the project is created) or declines.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("已邀请")
        ACCEPTED = "accepted", _("已接受")
        DECLINED = "declined", _("已谢绝")

    volunteer = models.ForeignKey(
        "matching.Volunteer", verbose_name="志愿者", on_delete=models.CASCADE, related_name="invitations"
    )
    project = models.ForeignKey(
        "matching.Project", verbose_name="项目", on_delete=models.CASCADE, related_name="volunteer_invitations"
    )
    need = models.ForeignKey(
        "matching.NeedPage", verbose_name="需求", on_delete=models.CASCADE, related_name="volunteer_invitations"
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.INVITED)
    message = models.TextField("邀请留言", blank=True, max_length=1000)
    decline_reason = models.TextField("谢绝理由", blank=True, max_length=500)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signup = models.ForeignKey(
        "matching.VolunteerSignup",
        verbose_name="报名",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("邀请时间", auto_now_add=True)
    decided_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        db_table = "portal_volunteerinvitation"  # created by the portal app; moved without a copy
        verbose_name = "志愿者邀请"
        verbose_name_plural = "志愿者邀请"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "project", "need"], name="unique_volunteer_invitation")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.project}（{self.need_id}）"
