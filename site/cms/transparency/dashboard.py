"""The staff dashboard (件件有回音): what nobody has answered yet, in the staff member's regions."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.pagination import CountedPaginator
from cms.transparency.access import staff_scope_or_deny
from cms.transparency.charts import bar_chart
from cms.transparency.need_rows import NeedRows
from matching.models import Region
from matching.outcomes.selectors.dashboard import (
    COUNT_CAP,
    count_bounded,
    dashboard_for_regions,
    emergency_needs_without_action,
    needs_without_response,
)
from matching.outcomes.selectors.kept import (
    figures_freshness,
    kept_response_by_county,
    kept_response_by_organisation,
)

ORGANISATIONS_SHOWN = 50


def staff_dashboard(request):
    codes, redirect = staff_scope_or_deny(request)
    if redirect:
        return redirect
    board = dashboard_for_regions(region_codes=codes, now=timezone.now())
    to_rows = NeedRows(request)
    # Nationwide, 2,844 county rows would bury the table: the nation sees its provinces.
    level = Region.Level.PROVINCE if codes is None else Region.Level.COUNTY
    by_county = kept_response_by_county(region_codes=codes, level=level)
    return render(
        request,
        "dashboard/staff_dashboard.html",
        {
            "board": board,
            "unanswered": to_rows.listed(board.needs_without_response),
            "emergency": to_rows.listed(board.emergency_without_action),
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


# The dashboard's need lists in full, page by page: name -> (selector, heading).
NEED_LISTS = {
    "unanswered": (needs_without_response, _("发布超过 {days} 天仍无响应的需求")),
    "emergency": (emergency_needs_without_action, _("急难需求：发布超过 {hours} 小时仍无行动")),
}


def staff_need_list(request, kind: str):
    """One of the dashboard's need lists in full, DASHBOARD_ROWS a page, counted up to COUNT_CAP."""
    codes, redirect = staff_scope_or_deny(request)
    if redirect:
        return redirect
    if kind not in NEED_LISTS:
        raise Http404
    select, heading = NEED_LISTS[kind]
    needs = select(region_codes=codes, now=timezone.now())
    paginator = CountedPaginator(needs, settings.DASHBOARD_ROWS, count=lambda: count_bounded(needs))
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "dashboard/need_list.html",
        {
            "heading": str(heading).format(
                days=settings.DASHBOARD_NO_RESPONSE_DAYS, hours=settings.DASHBOARD_EMERGENCY_NO_ACTION_HOURS
            ),
            "page": page,
            "rows": NeedRows(request).rows(page.object_list),
            "capped": paginator.count >= COUNT_CAP,
            "regions": list(Region.objects.filter(code__in=codes)) if codes is not None else None,
        },
    )
