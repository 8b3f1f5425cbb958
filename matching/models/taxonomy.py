from django.db import models
from django.utils.translation import get_language


class TaxonomyTerm(models.Model):
    """A code of records.md with its labels; rows are created by a data migration."""

    code = models.CharField("代码", max_length=40, primary_key=True)
    name_zh = models.CharField("中文名称", max_length=60)
    name_en = models.CharField("英文名称", max_length=80)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "zh").startswith("en") else self.name_zh


class Category(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "类别"
        verbose_name_plural = "类别"


class Skill(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "技能"
        verbose_name_plural = "技能"
