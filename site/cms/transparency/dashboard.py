"""The staff dashboard (件件有回音): what nobody has answered yet, in the staff member's regions."""
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.transparency.access import staff_scope_or_deny
from cms.transparency.charts import bar_chart
from matching.models import Region
from matching.outcomes.selectors.dashboard import dashboard_for_regions
from matching.outcomes.selectors.kept import kept_response_by_county
from matching.outcomes.selectors.response_times import response_times_by_organisation


def staff_dashboard(request):
    codes, redirect = staff_scope_or_deny(request)
    if redirect:
        return redirect
    board = dashboard_for_regions(region_codes=codes, now=timezone.now())
    by_county = kept_response_by_county(region_codes=codes)
    return render(request, "dashboard/staff_dashboard.html", {
        "board": board,
        "regions": list(Region.objects.filter(code__in=codes)) if codes is not None else None,
        "no_response_days": settings.DASHBOARD_NO_RESPONSE_DAYS,
        "emergency_hours": settings.DASHBOARD_EMERGENCY_NO_ACTION_HOURS,
        "by_county": by_county,
        "by_organisation": response_times_by_organisation(region_codes=codes),
        "county_chart": bar_chart(
            chart_id="chart-response-county", title=_("各县（区）首次响应时间中位数（小时）"),
            labels=[r.name for r in by_county], values=[r.median_hours_to_first_response for r in by_county]),
    })
