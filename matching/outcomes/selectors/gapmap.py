"""The gap map: where help is missing and what capacity covers it, per region, from the kept figures.

Every figure is read from ``RegionFigures`` (kept by ``figures_refresh``), never by scanning needs: a map
of a province or of the whole country is a fixed handful of queries whatever the number of needs. Each
measure is defined once here (``MEASURES``); the map, its table, the county detail and the tests all read
it through ``measure_values``.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from matching.models import Project, Region
from matching.models.regions import PLACEHOLDER_PREFECTURE_NAMES
from matching.outcomes.models import PLATFORM, RegionFigures
from matching.selectors.catalogue import projects_offering

DEEP_POVERTY, DESIGNATED = "deep_poverty", "designated_county"


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    money: bool  # fen, shown as yuan
    help: str

    def of(self, row: RegionFigures) -> int:
        return _VALUES[self.key](row)


def committed(row: RegionFigures) -> int:
    """Money committed to the region's needs: given straight to them, reserved for them by projects and
    awaiting confirmation, and arrived (the kept money figures of funding/selectors.py)."""
    return row.donated_to_needs + row.allocated + row.spent


_VALUES = {
    "open": lambda r: r.needs_open,
    "unanswered_7d": lambda r: r.needs_unanswered_7d,
    "unanswered_30d": lambda r: r.needs_unanswered_30d,
    "money_gap": lambda r: r.requested - committed(r),
    "volunteer_gap": lambda r: r.volunteers_needed - r.volunteers_matched,
    "capacity_projects": lambda r: r.capacity_projects,
    "capacity_funds": lambda r: r.capacity_funds,
    "capacity_slots": lambda r: r.capacity_slots,
}

MEASURES = (
    Measure("open", _("待响应需求"), False, _("已发布、尚无人响应或匹配的需求条数")),
    Measure("unanswered_7d", _("超过7天无响应"), False, _("发布超过7天仍无任何响应的待响应需求")),
    Measure("unanswered_30d", _("超过30天无响应"), False, _("发布超过30天仍无任何响应的待响应需求")),
    Measure(
        "money_gap",
        _("资金缺口"),
        True,
        _("未关闭需求所需资金，减去已捐给、已拨付待确认和已到达这些地区需求的资金；负数表示承诺多于所需"),
    ),
    Measure("volunteer_gap", _("志愿者缺口"), False, _("未完成需求所需志愿者，减去已接受或已服务的志愿者")),
    Measure(
        "capacity_projects",
        _("覆盖本地的项目"),
        False,
        _("服务地区包含本地（本县、所在市、所在省或全国）的进行中项目；市、省为服务其全部或部分地区的项目"),
    ),
    Measure("capacity_funds", _("覆盖项目可用资金"), True, _("上述项目登记的可用资金")),
    Measure("capacity_slots", _("覆盖项目志愿者名额"), False, _("上述项目登记的志愿者名额")),
)
MEASURE_KEYS = tuple(m.key for m in MEASURES)
DEFAULT_MEASURE = "open"


def measure_by_key(key: str) -> Measure | None:
    return next((m for m in MEASURES if m.key == key), None)


def measure_values(row: RegionFigures) -> dict[str, int]:
    """Every measure of one region's kept figures: THE definition the map, tables and tests share."""
    return {m.key: m.of(row) for m in MEASURES}


@dataclass(frozen=True)
class GapUnit:
    """One region drawn on the map and listed in its table."""

    code: str
    name: str
    level: str
    values: dict[str, int]
    deep_poverty: int  # counties tagged deep poverty in it (0/1 for a county)
    designated: int  # designated counties (国家乡村振兴重点帮扶县) in it
    drills: bool  # has a map of its own below it


@dataclass
class GapMap:
    region: Region | None  # None: the whole country
    path: list[Region]  # from the province down to the region, for the breadcrumb
    total: dict[str, int]
    units: list[GapUnit] = field(default_factory=list)

    @property
    def province_code(self) -> str | None:
        return self.region.province_code if self.region else None


def _is_placeholder(region: Region) -> bool:
    return region.level == Region.Level.PREFECTURE and region.name in PLACEHOLDER_PREFECTURE_NAMES


def region_path(region: Region) -> list[Region]:
    """The region's ancestors and itself, province first, skipping placeholder prefectures (two queries
    at most, none for a province)."""
    codes = [c for c in dict.fromkeys((region.province_code, region.prefecture_code, region.code)) if c != region.code]
    above = {r.code: r for r in Region.objects.filter(code__in=codes)} if codes else {}
    return [r for r in (*(above.get(c) for c in codes), region) if r and not _is_placeholder(r)]


def _units_q(region: Region | None) -> Q:
    """The regions a map of ``region`` draws: provinces for the country; a province's prefectures, with the
    counties of its placeholder prefectures (市辖区, 省直辖县级行政区划) in their place; a prefecture's counties."""
    if region is None:
        return Q(level=Region.Level.PROVINCE)
    if region.level == Region.Level.PROVINCE:
        return (Q(parent_id=region.code) & ~Q(name__in=PLACEHOLDER_PREFECTURE_NAMES)) | Q(
            parent__parent_id=region.code, parent__name__in=PLACEHOLDER_PREFECTURE_NAMES
        )
    if region.level == Region.Level.PREFECTURE:
        return Q(parent_id=region.code)
    return Q(pk__in=[])


def _tag_counts(units: list[Region]) -> dict[str, tuple[int, int]]:
    """(deep-poverty counties, designated counties) within each unit (one query)."""
    codes = {u.code for u in units}
    counts: dict[str, list[int]] = {c: [0, 0] for c in codes}
    tagged = Region.objects.under(codes).filter(level=Region.Level.COUNTY).exclude(tags=[])
    for code, parent, grandparent, tags in tagged.values_list("code", "parent_id", "parent__parent_id", "tags"):
        unit = next((c for c in (code, parent, grandparent) if c in codes), None)
        if unit:
            counts[unit][0] += DEEP_POVERTY in tags
            counts[unit][1] += DESIGNATED in tags
    return {c: (v[0], v[1]) for c, v in counts.items()}


def _figures(codes) -> dict[str, RegionFigures]:
    return {r.code: r for r in RegionFigures.objects.filter(code__in=list(codes))}


def gap_map(*, region: Region | None = None) -> GapMap:
    """The map of the country (``region`` None), a province or a prefecture: each unit's measures, marks
    and whether it drills further; a county is a map of itself (its own figures). Five queries at most."""
    units = list(Region.objects.filter(_units_q(region)).order_by("code"))
    own = region.code if region else PLATFORM
    figures = _figures([own, *(u.code for u in units)])
    empty = RegionFigures()
    tags = _tag_counts(units) if units else {}
    prefectures = [u.code for u in units if u.level == Region.Level.PREFECTURE]
    with_children = {u.code for u in units if u.level == Region.Level.PROVINCE} | (
        set(Region.objects.filter(parent_id__in=prefectures).values_list("parent_id", flat=True).distinct())
        if prefectures
        else set()
    )
    gap = GapMap(
        region=region, path=region_path(region) if region else [], total=measure_values(figures.get(own, empty))
    )
    for u in units:
        deep, designated = tags.get(u.code, (0, 0))
        gap.units.append(
            GapUnit(
                code=u.code,
                name=u.name,
                level=u.level,
                values=measure_values(figures.get(u.code, empty)),
                deep_poverty=deep,
                designated=designated,
                drills=u.code in with_children,
            )
        )
    return gap


def region_gap(*, code: str) -> dict[str, int]:
    """One region's measures (one query): what the county detail shows, and what the map must agree with."""
    return measure_values(RegionFigures.objects.filter(code=code).first() or RegionFigures(code=code))


def projects_covering(*, region: Region, limit: int = 20) -> tuple[list[Project], int]:
    """Projects taking matches (``projects_offering``) whose service regions cover the region (itself, an
    ancestor, or nationwide), newest first, with how many there are (two queries)."""
    qs = projects_offering().filter(service_regions__in=region.covering_codes).select_related("organisation").distinct()
    return list(qs.order_by("-created_at", "-pk")[:limit]), qs.count()
