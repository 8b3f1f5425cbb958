"""Evidence photos and documents, attached to a progress report or to a delivery record.

Files reach Wagtail's image and document models only after services/uploads.py checked them
(type by content, size) and re-encoded photos without their metadata (EXIF, GPS).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string


class Evidence(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("照片")
        DOCUMENT = "document", _("文件")

    report = models.ForeignKey(
        "outcomes.ProgressReport",
        verbose_name="进展报告",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    delivery = models.ForeignKey(
        "outcomes.DeliveryRecord",
        verbose_name="交付记录",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    image = models.ForeignKey(
        get_image_model_string(), verbose_name="照片", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name="文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    caption = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(report__isnull=False, delivery__isnull=True)
                    | models.Q(report__isnull=True, delivery__isnull=False)
                ),
                name="outcomes_evidence_one_owner",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="photo", image__isnull=False, document__isnull=True)
                    | models.Q(kind="document", image__isnull=True, document__isnull=False)
                ),
                name="outcomes_evidence_kind_matches_file",
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.get_kind_display()
