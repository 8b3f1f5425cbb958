from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffScope(models.Model):
    """Ties a staff group to the region it serves. Page permissions on the region page do the rest."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("民政干部（可发布）")
        CLERK = "clerk", _("录入员（提交审核）")

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="staff_scope")
    region = models.ForeignKey(
        "matching.Region",
        on_delete=models.PROTECT,
        related_name="staff_scopes",
        null=True,
        blank=True,
        help_text="空 = 全国",
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.OFFICER)

    class Meta:
        verbose_name = "民政工作人员范围"
        verbose_name_plural = "民政工作人员范围"
        constraints = [models.UniqueConstraint(fields=["region", "role"], name="unique_scope_per_region_role")]

    def __str__(self) -> str:
        return self.group.name
