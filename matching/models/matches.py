from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Match(models.Model):
    """A proposed pairing of a need with a project or a volunteer, and what came of it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("已推荐")
        ACCEPTED = "accepted", _("已接受")
        DECLINED = "declined", _("已婉拒")
        DELIVERED = "delivered", _("已交付")
        CLOSED = "closed", _("已关闭")

    TRANSITIONS = {
        Status.PROPOSED: {Status.ACCEPTED, Status.DECLINED, Status.CLOSED},
        Status.ACCEPTED: {Status.DELIVERED, Status.CLOSED},
        Status.DECLINED: set(),
        Status.DELIVERED: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    need = models.ForeignKey("matching.NeedPage", on_delete=models.CASCADE, related_name="matches")
    project = models.ForeignKey(
        "matching.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="matches"
    )
    volunteer = models.ForeignKey(
        "matching.Volunteer", null=True, blank=True, on_delete=models.CASCADE, related_name="matches"
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PROPOSED)
    score = models.FloatField("匹配分", default=0)
    reasons = models.JSONField("匹配理由", default=list, blank=True)
    note = models.TextField("说明", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Which side proposed, fixed when proposing: the other side answers. Blank on matches made before
    # it was recorded (then read from the proposer's membership, see services.matches.match_origin).
    proposed_side = models.CharField(
        "推荐方", max_length=12, blank=True, choices=[("staff", "民政部门"), ("organisation", "社会组织")]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "匹配"
        verbose_name_plural = "匹配"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(project__isnull=False, volunteer__isnull=True)
                    | models.Q(project__isnull=True, volunteer__isnull=False)
                ),
                name="match_project_xor_volunteer",
            ),
            models.UniqueConstraint(
                fields=["need", "project"], condition=models.Q(project__isnull=False), name="unique_need_project_match"
            ),
            models.UniqueConstraint(
                fields=["need", "volunteer"],
                condition=models.Q(volunteer__isnull=False),
                name="unique_need_volunteer_match",
            ),
        ]
        # The monthly overlap report reads the commitments made in one month.
        indexes = [models.Index(fields=["created_at"], name="match_created_at")]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.project or self.volunteer}"

    def clean(self) -> None:
        """What the database constraints demand, as form errors: a form that leaves out the need or the
        project/volunteer (the admin's generic screens) gets a message instead of an IntegrityError.
        Matches are made by the match services (the need's candidates screen)."""
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        if self.need_id is None:
            raise ValidationError(_("匹配须在需求的候选页中推荐产生（缺少需求）"), code="need")
        if (self.project_id is None) == (self.volunteer_id is None):
            raise ValidationError(_("匹配须有且只有一个项目或志愿者"), code="party")
        duplicate = Match.objects.filter(need_id=self.need_id).exclude(pk=self.pk)
        if (
            self.project_id
            and duplicate.filter(project_id=self.project_id).exists()
            or (self.volunteer_id and duplicate.filter(volunteer_id=self.volunteer_id).exists())
        ):
            raise ValidationError(_("该需求已有这一匹配"), code="duplicate")
