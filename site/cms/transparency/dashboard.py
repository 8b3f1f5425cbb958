"""The staff dashboard (件件有回音): what nobody has answered yet, in the staff member's regions."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.transparency.access import staff_scope_or_deny
from cms.transparency.charts import bar_chart
from matching.models import Region
from matching.outcomes.selectors.dashboard import dashboard_for_regions
from matching.outcomes.selectors.kept import (
    figures_freshness,
    kept_response_by_county,
    kept_response_by_organisation,
)

ORGANISATIONS_SHOWN = 100


def staff_dashboard(request):
    codes, redirect = staff_scope_or_deny(request)
    if redirect:
        return redirect
    board = dashboard_for_regions(region_codes=codes, now=timezone.now())
    # Nationwide, 2,844 county rows would bury the table: the nation sees its provinces.
    level = Region.Level.PROVINCE if codes is None else Region.Level.COUNTY
    by_county = kept_response_by_county(region_codes=codes, level=level)
    return render(
        request,
        "dashboard/staff_dashboard.html",
        {
            "board": board,
            "regions": list(Region.objects.filter(code__in=codes)) if codes is not None else None,
            "no_response_days": settings.DASHBOARD_NO_RESPONSE_DAYS,
            "emergency_hours": settings.DASHBOARD_EMERGENCY_NO_ACTION_HOURS,
            "by_county": by_county,
            "by_organisation": kept_response_by_organisation(region_codes=codes, limit=ORGANISATIONS_SHOWN),
            "freshness": figures_freshness(),
            "by_province": level == Region.Level.PROVINCE,
            "county_chart": bar_chart(
                chart_id="chart-response-county",
                title=_("各省（区、市）首次响应时间中位数（小时）")
                if level == Region.Level.PROVINCE
                else _("各县（区）首次响应时间中位数（小时）"),
                labels=[r.name for r in by_county],
                values=[r.median_hours_to_first_response for r in by_county],
            ),
        },
    )
