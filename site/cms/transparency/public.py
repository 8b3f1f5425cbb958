"""Public transparency pages (part 3, started): platform, region and project. Cached, invalidated on change."""
from django.core.cache import cache
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from cms.transparency.charts import bar_chart
from matching.models import Project, Region
from matching.outcomes import cache as tcache
from matching.outcomes.duties import FiledReport, reporting_duties
from matching.outcomes.models import ProgressReport
from matching.outcomes.selectors.response_times import response_times_by_county
from matching.outcomes.selectors.transparency import (
    platform_figures,
    project_ledger_lines,
    project_needs_served,
    region_figures,
)

FIRST_YEAR = 2020


def _cached(request, template: str, build):
    """The page's figures come from the cache (keyed by the data generation); the HTML is rendered per
    request, so per-user parts of the layout (CSRF token, language) are never shared between people."""
    key = tcache.page_key(request.get_full_path())
    context = cache.get(key)
    if context is None:
        context = build()
        cache.set(key, context, tcache.TIMEOUT)
    return render(request, template, context)


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
            "figures": figures, "since": since, "years": range(FIRST_YEAR, timezone.localdate().year + 1),
            "month_chart": bar_chart(chart_id="chart-month", title="每月到账资金（元）", labels=[r.label for r in months],
                                     values=[r.values["raised"] / 100 for r in months]),
            "category_chart": bar_chart(chart_id="chart-category", title="各类别项目数",
                                        labels=[r.label for r in categories],
                                        values=[r.values["projects"] for r in categories]),
            "province_chart": bar_chart(chart_id="chart-province", title="各省需求数",
                                        labels=[r.label for r in provinces], values=[r.values["needs"] for r in provinces]),
        }
    return _cached(request, "outcomes/transparency/platform.html", build)


def region(request, code):
    region_obj = get_object_or_404(Region, code=code)

    def build():
        return {"region": region_obj, "figures": region_figures(region=region_obj),
                "times": response_times_by_county(region_codes=[region_obj.code])}
    return _cached(request, "outcomes/transparency/region.html", build)


def project(request, ref):
    project_obj = get_object_or_404(Project.objects.exclude(status=Project.Status.DRAFT).select_related("organisation"),
                                    ref=ref)

    def build():
        try:
            from matching.funding.selectors import project_funding
            funding = project_funding(project=project_obj)
        except ImportError:
            funding = None
        lines, total = project_ledger_lines(project=project_obj)
        reports = list(ProgressReport.objects.filter(project=project_obj).order_by("-period_end", "-id"))
        duties = reporting_duties(
            starts_on=project_obj.starts_on, ends_on=project_obj.ends_on, today=timezone.localdate(),
            reports=[FiledReport(timezone.localdate(r.submitted_at), r.is_final) for r in reports])
        return {"project": project_obj, "funding": funding, "lines": lines, "lines_total": total,
                "needs": project_needs_served(project=project_obj), "reports": reports, "duties": duties}
    return _cached(request, "outcomes/transparency/project.html", build)
