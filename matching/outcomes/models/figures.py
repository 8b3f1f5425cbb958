"""Transparency figures kept as aggregates, so no page sums ten million ledger lines or a million needs.

``RegionFigures``: one row per region that holds needs or money, and ``000000`` for the platform: live needs
by status, response times, money raised / allocated / spent (all time). ``RegionMonth``: the same money per
month of booking, and needs per month of publication, for the charts and the "since" filter. Money is folded in
exactly once per ledger
entry (``funding.LedgerEntryUnfolded`` marks entries not yet folded); needs are recounted. Both by
``figures_refresh`` (services/figures.py), run by Celery; each row says when it was refreshed, and the page
shows that lag.
"""

from django.db import models

from matching.indexes import NullsOrderedIndex

PLATFORM = "000000"


class NeedStatusCounts(models.Model):
    """Live needs by status (drafts are never live)."""

    needs_open = models.PositiveIntegerField("待响应需求", default=0, db_default=0)
    needs_matched = models.PositiveIntegerField("已匹配需求", default=0, db_default=0)
    needs_in_progress = models.PositiveIntegerField("实施中需求", default=0, db_default=0)
    needs_fulfilled = models.PositiveIntegerField("已完成需求", default=0, db_default=0)
    needs_closed = models.PositiveIntegerField("已关闭需求", default=0, db_default=0)

    class Meta:
        abstract = True


class RegionFigures(NeedStatusCounts):
    code = models.CharField("行政区划代码（000000 为全平台）", max_length=6, primary_key=True)
    needs_responded = models.PositiveIntegerField("已有首次响应的需求", default=0, db_default=0)
    median_hours_to_first_response = models.FloatField("首次响应时间中位数（小时）", null=True, blank=True)
    median_days_to_fulfilment = models.FloatField("完成时间中位数（天）", null=True, blank=True)
    raised = models.BigIntegerField("筹得资金（分）", default=0, db_default=0)
    allocated = models.BigIntegerField("已拨付待确认（分）", default=0, db_default=0)
    spent = models.BigIntegerField("已到达需求（分）", default=0, db_default=0)
    donated_to_needs = models.BigIntegerField("直接捐给需求（分）", default=0, db_default=0)
    # The gap map (selectors/gapmap.py): what is missing where, and the capacity that covers the region.
    needs_unanswered_7d = models.PositiveIntegerField("超过7天无响应的待响应需求", default=0, db_default=0)
    needs_unanswered_30d = models.PositiveIntegerField("超过30天无响应的待响应需求", default=0, db_default=0)
    requested = models.BigIntegerField("未关闭需求所需资金（分）", default=0, db_default=0)
    volunteers_needed = models.PositiveIntegerField("未完成需求所需志愿者", default=0, db_default=0)
    volunteers_matched = models.PositiveIntegerField("未完成需求已匹配志愿者", default=0, db_default=0)
    capacity_projects = models.PositiveIntegerField("服务本地的进行中项目", default=0, db_default=0)
    capacity_funds = models.BigIntegerField("这些项目的可用资金（分）", default=0, db_default=0)
    capacity_slots = models.PositiveIntegerField("这些项目的志愿者名额", default=0, db_default=0)
    capacity_organisations = models.PositiveIntegerField("开展这些项目的社会组织", default=0, db_default=0)
    capacity_refreshed_at = models.DateTimeField("服务能力数据更新时间", null=True, blank=True)
    needs_refreshed_at = models.DateTimeField("需求数据更新时间", null=True, blank=True)
    money_refreshed_at = models.DateTimeField("资金数据更新时间", null=True, blank=True)

    class Meta:
        verbose_name = "透明度汇总"
        verbose_name_plural = "透明度汇总"

    @property
    def needs_total(self) -> int:
        return self.needs_open + self.needs_matched + self.needs_in_progress + self.needs_fulfilled + self.needs_closed


class RegionMonth(NeedStatusCounts):
    """Money booked in a month (every region), and live needs first published in that month by status
    (the platform and provinces only: what the platform page filters by year)."""

    code = models.CharField("行政区划代码（000000 为全平台）", max_length=6)
    month = models.DateField("月份（当月1日）")
    raised = models.BigIntegerField("筹得资金（分）", default=0, db_default=0)
    donated_to_needs = models.BigIntegerField("直接捐给需求（分）", default=0, db_default=0)
    allocated = models.BigIntegerField("已拨付待确认（分）", default=0, db_default=0)
    spent = models.BigIntegerField("已到达需求（分）", default=0, db_default=0)

    class Meta:
        verbose_name = "透明度月度汇总"
        verbose_name_plural = "透明度月度汇总"
        constraints = [models.UniqueConstraint(fields=["code", "month"], name="outcomes_region_month_unique")]


class OrganisationFigures(models.Model):
    """Nationwide response times of one organisation over the live needs it took on (an accepted match or a
    standing delivery), as ``selectors.response_times.response_times_by_organisation`` computes them: the
    national staff dashboard reads these instead of every live need of the country. Recounted with the needs."""

    organisation = models.OneToOneField(
        "matching.Organisation", verbose_name="社会组织", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    needs = models.PositiveIntegerField("承接需求", default=0)
    answered = models.PositiveIntegerField("已响应", default=0)
    fulfilled = models.PositiveIntegerField("已完成", default=0)
    median_hours_to_first_response = models.FloatField("首次响应时间中位数（小时）", null=True, blank=True)
    median_days_to_fulfilment = models.FloatField("完成时间中位数（天）", null=True, blank=True)
    refreshed_at = models.DateTimeField("更新时间")

    class Meta:
        verbose_name = "社会组织响应汇总"
        verbose_name_plural = "社会组织响应汇总"
        indexes = [
            NullsOrderedIndex(  # SQLite cannot index NULLS LAST (matching/indexes.py)
                models.F("median_hours_to_first_response").desc(nulls_last=True),
                "organisation",
                name="outcomes_orgfig_slowest",
            )
        ]


class ProjectDuties(models.Model):
    """From which day a project is behind on its reporting duties (``duties.overdue_from``): None when no
    duty will ever be overdue with the reports filed so far. Depends only on the project's dates and its
    reports, not on today, so "overdue today" is ``overdue_from <= today``: the dashboard lists them with
    an index instead of working out the duties of every project. Recomputed for the projects whose dates or
    reports changed (``checked_at``, ``reports``)."""

    project = models.OneToOneField(
        "matching.Project", verbose_name="项目", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    overdue_from = models.DateField("报告逾期起始日", null=True, blank=True)
    reports = models.PositiveIntegerField("已提交报告数", default=0)
    checked_at = models.DateTimeField("核对时间")

    class Meta:
        verbose_name = "项目报告义务"
        verbose_name_plural = "项目报告义务"
        indexes = [models.Index(fields=["overdue_from"], name="outcomes_duties_overdue")]


class CategoryMonth(models.Model):
    """Money raised by the projects of a category in a month of booking (into project accounts: donations,
    grants, own funds), each project's money counted under every category it has, as the platform page
    shows it. Folded with the rest of the money; a project whose categories change has its money moved."""

    category = models.ForeignKey("matching.Category", verbose_name="类别", on_delete=models.CASCADE, related_name="+")
    month = models.DateField("月份（当月1日）")
    raised = models.BigIntegerField("筹得资金（分）", default=0, db_default=0)

    class Meta:
        verbose_name = "类别月度筹款汇总"
        verbose_name_plural = "类别月度筹款汇总"
        constraints = [models.UniqueConstraint(fields=["category", "month"], name="outcomes_category_month_unique")]


class ProjectCategoriesFolded(models.Model):
    """The categories (codes, sorted, comma-joined) a project's money is counted under in ``CategoryMonth``."""

    project = models.OneToOneField(
        "matching.Project", verbose_name="项目", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    codes = models.CharField("类别代码", max_length=1000, blank=True)

    class Meta:
        verbose_name = "项目计入的类别"
        verbose_name_plural = "项目计入的类别"


class ProjectYearFigures(models.Model):
    """How many projects (not drafts) end in a year, in all and per category, and how many verified organisations
    have their last such project end in that year (``end_year`` null: a project without an end date). The
    platform page counts since a year by summing the years from it on, so it reads a few dozen rows instead
    of every project. Recounted whole with the other figures."""

    class Kind(models.TextChoices):
        PROJECTS = "projects", "项目"
        ORGANISATIONS = "organisations", "社会组织"
        CATEGORY = "category", "类别下的项目"

    kind = models.CharField("计数对象", max_length=16, choices=Kind.choices)
    category = models.CharField("类别代码（仅类别下的项目）", max_length=40, blank=True, default="")
    end_year = models.PositiveSmallIntegerField("结束年份（空：未定结束日期）", null=True, blank=True)
    count = models.PositiveIntegerField("数量", default=0)

    class Meta:
        verbose_name = "项目按结束年份汇总"
        verbose_name_plural = "项目按结束年份汇总"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "category", "end_year"],
                name="outcomes_project_year_unique",
                nulls_distinct=False,
            )
        ]
