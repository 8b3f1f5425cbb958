from django.db import models

from matching.taxonomy import CONTIGUOUS_AREA_PREFIX, NATIONWIDE


class Region(models.Model):
    """An administrative division (GB/T 2260): province → prefecture → county."""

    class Level(models.TextChoices):
        NATION = "nation", "全国"  # the one pseudo-region 000000 that nationwide service regions point at
        PROVINCE = "province", "省级"
        PREFECTURE = "prefecture", "地级"
        COUNTY = "county", "县级"

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
