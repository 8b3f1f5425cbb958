from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from matching.taxonomy import CONTIGUOUS_AREA_PREFIX, NATIONWIDE

# GB/T 2260 prefecture rows that are no place of their own ("districts of the city", "counties", "county-level
# units under the province"): a region's path skips them and pickers list their counties under the province.
PLACEHOLDER_PREFECTURE_NAMES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def code_prefix(code: str) -> str:
    """The code prefix shared by a region and everything under it (360000 → 36, 360300 → 3603, 360321 → 360321)."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def covering_codes(code: str) -> list[str]:
    """The codes whose service region covers this one: itself, its prefecture, its province, nationwide."""
    return list(dict.fromkeys([code, code[:4] + "00", code[:2] + "0000", NATIONWIDE]))


class RegionQuerySet(models.QuerySet):
    """Region scoping, the one definition: "under" a region is the region and everything below it (by the
    shared code prefix); "covering" a region is the region, its ancestors and nationwide."""

    def under_q(self, codes, *, via: str = "") -> Q:
        """A filter keeping rows whose region (the relation ``via``, e.g. "county" or "need__county"; the
        region itself when empty) is one of ``codes`` or lies under one. None means nationwide (no filter);
        an empty list keeps nothing."""
        if codes is None:
            return Q()
        lookup = f"{via}__code__startswith" if via else "code__startswith"
        q = Q(pk__in=[])
        for prefix in dict.fromkeys(code_prefix(code) for code in codes):
            q |= Q(**{lookup: prefix})
        return q

    def serving_q(self, codes, *, via: str) -> Q:
        """Rows with a service region (``via``) somewhere in ``codes``: under one of them, or covering one."""
        if codes is None:
            return Q()
        covering = {c for code in codes for c in covering_codes(code)}
        return self.under_q(codes, via=via) | Q(**{f"{via}__code__in": covering})

    def under(self, codes):
        """The regions that are one of ``codes`` or lie under one (None: all regions)."""
        return self.filter(self.under_q(codes))

    def covering(self, code: str):
        """The regions whose service covers the region ``code``: itself, its prefecture, province, nationwide."""
        return self.filter(code__in=covering_codes(code))


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

    objects = RegionQuerySet.as_manager()

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
        return covering_codes(self.code)

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
