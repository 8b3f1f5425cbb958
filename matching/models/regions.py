from django.db import models
from django.utils.translation import gettext_lazy as _

from matching.taxonomy import CONTIGUOUS_AREA_PREFIX, NATIONWIDE

# GB/T 2260 prefecture rows that are no place of their own ("districts of the city", "counties", "county-level
# units under the province"): a region's path skips them and pickers list their counties under the province.
PLACEHOLDER_PREFECTURE_NAMES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


class Region(models.Model):
    """An administrative division (GB/T 2260): province → prefecture → county."""

    class Level(models.TextChoices):
        NATION = "nation", _("全国")  # the one pseudo-region 000000 that nationwide service regions point at
        PROVINCE = "province", _("省级")
        PREFECTURE = "prefecture", _("地级")
        COUNTY = "county", _("县级")

    code = models.CharField("行政区划代码", max_length=6, primary_key=True)
    name = models.CharField("名称", max_length=60)
    level = models.CharField("级别", max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    tags = models.JSONField("标签", default=list, blank=True)

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def clean(self) -> None:
        """Regions come from the GB/T 2260 dataset (load_regions): a form that leaves out the code or the
        level (the admin's generic add screen) gets a message, not a nameless row and a 500."""
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        if not (self.code or "").isdigit() or len(self.code) != 6 or self.level not in self.Level.values:
            raise ValidationError(_("行政区划来自国家标准数据集（load_regions），须有6位代码和级别，不能在此新增"))

    @property
    def prefecture_code(self) -> str:
        return self.code[:4] + "00"

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def covering_codes(self) -> list[str]:
        """The service-region codes that cover this region: itself, its ancestors, nationwide."""
        codes = [self.code, self.prefecture_code, self.province_code, NATIONWIDE]
        return list(dict.fromkeys(codes))

    @property
    def is_deep_poverty(self) -> bool:
        return "deep_poverty" in self.tags

    @property
    def is_designated_county(self) -> bool:
        return "designated_county" in self.tags

    @property
    def contiguous_areas(self) -> list[str]:
        return [t.removeprefix(CONTIGUOUS_AREA_PREFIX) for t in self.tags if t.startswith(CONTIGUOUS_AREA_PREFIX)]

    def covers(self, other: "Region") -> bool:
        return self.code in other.covering_codes
