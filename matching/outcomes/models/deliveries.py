"""A delivery record: what reached a need, when, from whom, with evidence. Closing as fulfilled needs one."""

from django.conf import settings
from django.db import models


class DeliveryRecordQuerySet(models.QuerySet):
    def standing(self):
        """Deliveries not reversed by the need's staff."""
        return self.filter(reversed_at__isnull=True)


class DeliveryRecord(models.Model):
    """Kept when reversed (who, when, why): a wrong delivery is taken back, never deleted."""

    objects = DeliveryRecordQuerySet.as_manager()
    need = models.ForeignKey(
        "matching.NeedPage", verbose_name="需求", on_delete=models.PROTECT, related_name="deliveries"
    )
    project = models.ForeignKey(
        "matching.Project",
        verbose_name="项目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    what = models.TextField("交付内容")
    delivered_on = models.DateField("交付日期")
    delivered_by = models.CharField("交付方", max_length=200, help_text="公开显示：组织名称或“民政部门”")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)
    need_status_before = models.CharField("登记前的需求状态", max_length=20, blank=True, editable=False)
    reversed_at = models.DateTimeField("撤销时间", null=True, blank=True, editable=False)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤销人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reversal_reason = models.CharField("撤销理由", max_length=500, blank=True, editable=False)

    class Meta:
        verbose_name = "交付记录"
        verbose_name_plural = "交付记录"
        ordering = ["-delivered_on", "-id"]

    def __str__(self) -> str:
        return f"{self.delivered_on} {self.delivered_by}：{self.what[:40]}"
