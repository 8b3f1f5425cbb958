from django.db import models


class IndexOutbox(models.Model):
    """Search-index work written in the same transaction as the domain write it follows.

    The row says only *which* document changed; the drain re-reads the database, so the index
    always converges on the database whatever order rows are drained in.
    """

    class Op(models.TextChoices):
        UPSERT = "upsert", "更新"
        DELETE = "delete", "删除"

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
