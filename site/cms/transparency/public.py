"""Public transparency pages: platform, region and project. Cached, invalidated on change."""

from django.core.cache import cache
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.transparency.charts import bar_chart, grouped_bar_chart
from matching.funding.selectors import LedgerPageMissing, project_funding, project_public_ledger
from matching.models import Region
from matching.outcomes import cache as tcache
from matching.outcomes.duties import FiledReport, reporting_duties
from matching.outcomes.models import ProgressReport
from matching.outcomes.selectors.kept import kept_region_money, kept_response_by_county
from matching.outcomes.selectors.spending import spends_public, spends_public_totals
from matching.outcomes.selectors.transparency import (
    platform_figures,
    project_needs_served,
    region_figures,
)
from matching.selectors.catalogue import projects_with_ledger_page

FIRST_YEAR = 2020
SPENDS_SHOWN = 50  # the newest spends, each with its lines; all of them are in /open-data/spending.csv
MAX_PAGE_DIGITS = 9


def _cached_value(path: str, build):
    """Figures come from the cache (keyed by the data generation and the path); chart titles are lazy
    translations, so the cached figures serve every language."""
    key = tcache.page_key(path)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, tcache.TIMEOUT)
    return value


def _cached(request, template: str, build):
    """The HTML is rendered per request, so per-user parts of the layout (CSRF token, language) are never
    shared between people."""
    return render(request, template, _cached_value(request.get_full_path(), build))


def platform(request):
    try:
        since = int(request.GET.get("since", FIRST_YEAR))
    except ValueError:
        since = FIRST_YEAR
    since = min(max(since, FIRST_YEAR), timezone.localdate().year)

    def build():
        figures = platform_figures(since=since)
        months, categories, provinces = figures["by_month"], figures["by_category"], figures["by_province"]
        return {
            "figures": figures,
            "since": since,
            "years": range(FIRST_YEAR, timezone.localdate().year + 1),
            "month_chart": bar_chart(
                chart_id="chart-month",
                title=_("每月到账资金（元）"),
                labels=[r.label for r in months],
                values=[r.values["raised"] / 100 for r in months],
            ),
            "category_chart": bar_chart(
                chart_id="chart-category",
                title=_("各类别项目数"),
                labels=[r.label for r in categories],
                values=[r.values["projects"] for r in categories],
            ),
            "province_chart": bar_chart(
                chart_id="chart-province",
                title=_("各省需求数"),
                labels=[r.label for r in provinces],
                values=[r.values["needs"] for r in provinces],
            ),
        }

    return _cached(request, "outcomes/transparency/platform.html", build)


def _needs_progress(counts: dict) -> list[tuple[str, object, int]]:
    """The region's live needs split so the parts add up to the total: "answered" counts fulfilled needs
    too, and closed needs are in neither."""
    answered_only = counts["answered"] - counts["fulfilled"]
    other = counts["total"] - counts["open"] - counts["answered"]
    return [
        ("open", _("待响应"), counts["open"]),
        ("answered", _("已响应、实施中"), answered_only),
        ("fulfilled", _("已完成"), counts["fulfilled"]),
        ("closed", _("已关闭"), other),
    ]


def region(request, code):
    region_obj = get_object_or_404(Region, code=code)

    def build():
        figures = region_figures(region=region_obj)
        times = kept_response_by_county(region=region_obj)
        money = kept_region_money(code=region_obj.code)
        progress = _needs_progress(figures["needs"])
        counties = [t.name for t in times]
        return {
            "region": region_obj,
            "figures": figures,
            "times": times,
            "money": money,
            "progress": progress,
            "progress_chart": bar_chart(
                chart_id="chart-region-needs",
                title=_("需求进展（条）"),
                labels=[label for _key, label, _n in progress],
                values=[n for _key, _label, n in progress],
            ),
            "money_chart": grouped_bar_chart(
                chart_id="chart-region-money",
                title=_("每月到达需求的资金（元）"),
                labels=[m.month for m in money.by_month],
                series=[
                    (_("直接捐给需求"), [m.donated / 100 for m in money.by_month]),
                    (_("拨付与先行救助到达需求"), [m.spent / 100 for m in money.by_month]),
                ],
            ),
            # One county alone says nothing the figures above do not: the county charts need two or more.
            "county_chart": grouped_bar_chart(
                chart_id="chart-region-counties",
                title=_("各县（区）需求与响应（条）"),
                labels=counties,
                series=[
                    (_("需求数"), [t.needs for t in times]),
                    (_("已响应"), [t.answered for t in times]),
                    (_("已完成"), [t.fulfilled for t in times]),
                ],
            )
            if len(times) > 1
            else None,
            "response_chart": bar_chart(
                chart_id="chart-region-response",
                title=_("各县（区）首次响应时间中位数（小时）"),
                labels=counties,
                values=[t.median_hours_to_first_response for t in times],
            )
            if len(times) > 1
            else None,
        }

    # The page takes no parameters: keyed by its path, so odd query strings do not fill the cache.
    return render(request, "outcomes/transparency/region.html", _cached_value(request.path, build))


def _page_number(raw: str | None) -> tuple[int, str | None]:
    """The ledger page asked for in ?page=: (number, None), or (1, what was sent) when it is no page number."""
    if raw is None:
        return 1, None
    value = raw.strip()
    if value.isascii() and value.isdigit() and len(value) <= MAX_PAGE_DIGITS and int(value) >= 1:
        return int(value), None
    return 1, raw[:20]


def project(request, ref):
    project_obj = get_object_or_404(projects_with_ledger_page().select_related("organisation"), ref=ref)

    def build():
        funding = project_funding(project=project_obj)
        reports = list(ProgressReport.objects.filter(project=project_obj).order_by("-period_end", "-id"))
        duties = reporting_duties(
            starts_on=project_obj.starts_on,
            ends_on=project_obj.ends_on,
            today=timezone.localdate(),
            reports=[FiledReport(timezone.localdate(r.submitted_at), r.is_final) for r in reports],
        )
        spends_count, summary = spends_public_totals(project=project_obj)
        return {
            "project": project_obj,
            "funding": funding,
            "needs": project_needs_served(project=project_obj),
            "reports": reports,
            "duties": duties,
            "spends": spends_public(project=project_obj, limit=SPENDS_SHOWN),
            "spends_more": max(0, spends_count - SPENDS_SHOWN),
            "spends_summary": summary,
        }

    def ledger_page(number: int):
        return _cached_value(
            f"{request.path}?page={number}", lambda: project_public_ledger(project=project_obj, page=number)
        )

    number, invalid = _page_number(request.GET.get("page"))
    page_error, status = None, 200
    if invalid is not None:
        page_error, status = {"kind": "invalid", "raw": invalid}, 400
    context = _cached_value(request.path, build)
    try:
        ledger = ledger_page(number)
    except LedgerPageMissing as exc:  # past the last page: say so and show the first
        page_error, status = {"kind": "missing", "page": exc.page, "num_pages": exc.num_pages}, 404
        ledger = ledger_page(1)
    return render(
        request,
        "outcomes/transparency/project.html",
        {**context, "ledger": ledger, "page_error": page_error},
        status=status,
    )
