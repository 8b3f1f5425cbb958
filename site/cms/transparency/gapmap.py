"""The gap map (缺口地图): public (aggregates only, cached) and on the staff dashboard (scoped, with the
county's own follow-up lists). The figures come from matching.outcomes.selectors.gapmap; the chart is drawn
by static/js/gapmap.js from a json_script block and the table below it carries the same figures."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.templatetags.bangfu import yuan
from cms.transparency.access import staff_scope_or_deny
from cms.transparency.need_rows import NeedRows
from cms.transparency.public import _cached_value
from matching.models import Region
from matching.outcomes.selectors.dashboard import emergency_needs_without_action, needs_without_response
from matching.outcomes.selectors.gapmap import (
    DEFAULT_MEASURE,
    MEASURES,
    gap_map,
    measure_by_key,
    projects_covering,
)
from matching.outcomes.selectors.kept import figures_freshness
from matching.permissions import region_in_scope

DETAIL_ROWS = 50


def _measure(request):
    return measure_by_key(request.GET.get("measure", DEFAULT_MEASURE))


def _bad_measure():
    names = "、".join(f"{m.key}（{m.label}）" for m in MEASURES)
    return HttpResponseBadRequest(
        _("没有这个指标。可选：%(names)s") % {"names": names}, content_type="text/plain; charset=utf-8"
    )


def _region(code: str | None) -> Region | None:
    if code is None:
        return None
    region = get_object_or_404(Region, code=code)
    if region.level == Region.Level.NATION:
        return None
    return region


def _display(measure, value: int) -> str:
    return yuan(value) if measure.money else str(value)


def _map_data(region, *, detail) -> dict:
    """The figures (no words: they serve every language from the cache), with the projects covering a
    county when the page is a county's."""
    gap = gap_map(region=region)
    data = {"gap": gap, "freshness": figures_freshness()}
    if detail and region is not None and not gap.units:
        data["projects"], data["projects_total"] = projects_covering(region=region)
    return data


def _map_context(*, gap, region, measure, url_for) -> dict:
    """What the map page shows: the units sorted by the chosen measure (largest gap first), and the chart's
    data for gapmap.js (geometry file, units with value, marks and the link a click follows)."""
    units = sorted(gap.units, key=lambda u: (-u.values[measure.key], u.code))
    is_leaf = region is not None and not units
    geometry = None
    if not is_leaf:
        geometry = static("maps/provinces.json" if region is None else f"maps/{region.province_code}.json")
    chart = {
        "geometry": geometry,
        "map": f"gap-{region.code if region else 'china'}",
        "prefix": region.code[:4] if region is not None and region.level == Region.Level.PREFECTURE else "",
        "measure": {
            "key": measure.key,
            "label": str(measure.label),
            "money": measure.money,
            "worse_when_high": not measure.key.startswith("capacity"),
        },
        # The colour scale is in yuan for money (fen would put ¥ figures 100× off on its legend).
        "units": [
            {
                "code": u.code,
                "name": u.name,
                "level": u.level,
                "value": u.values[measure.key] / 100 if measure.money else u.values[measure.key],
                "display": _display(measure, u.values[measure.key]),
                "deep": u.deep_poverty,
                "designated": u.designated,
                "url": url_for(u.code),
            }
            for u in units
        ],
        "labels": {"deep": _("深度贫困县"), "designated": _("重点帮扶县"), "none": _("暂无数据")},
    }
    rows = [{"unit": u, "cells": [(m, u.values[m.key]) for m in MEASURES]} for u in units]
    return {
        "gap": gap,
        "region": region,
        "units": units,
        "rows": rows,
        "measure": measure,
        "measures": MEASURES,
        "chart": chart,
        "is_leaf": is_leaf,
    }


def _public_url(code: str) -> str:
    return reverse("transparency:gapmap_region", args=[code])


def _staff_url(code: str) -> str:
    return reverse("dashboard:gapmap_region", args=[code])


def public_map(request, code: str | None = None):
    measure = _measure(request)
    if measure is None:
        return _bad_measure()
    region = _region(code)
    # Keyed by the path only (the measure picks from the same figures), so query strings do not fill the cache.
    data = _cached_value(request.path, lambda: _map_data(region, detail=True))
    context = _map_context(gap=data["gap"], region=region, measure=measure, url_for=_public_url)
    return render(request, "outcomes/transparency/gap_map.html", {**data, **context, "staff": False})


def staff_map(request, code: str | None = None):
    codes, login = staff_scope_or_deny(request)
    if login:
        return login
    measure = _measure(request)
    if measure is None:
        return _bad_measure()
    if code is None and codes is not None:
        if len(codes) == 1:
            return redirect(f"{_staff_url(codes[0])}?measure={measure.key}")
        return render(
            request,
            "dashboard/gap_map_scopes.html",
            {"regions": Region.objects.filter(code__in=codes).order_by("code"), "measure": measure},
        )
    region = _region(code)
    if region is not None and not region_in_scope(request.user, region):
        raise PermissionDenied(_("该地区不在您的工作范围内：缺口地图只显示您所辖地区的详情"))
    data = _map_data(region, detail=True)
    context = {**data, **_map_context(gap=data["gap"], region=region, measure=measure, url_for=_staff_url)}
    if context["is_leaf"]:
        now = timezone.now()
        # The oldest first, a screenful each: the dashboard and the needs list hold the rest.
        rows = NeedRows(request).rows
        context["unanswered"] = rows(needs_without_response(region_codes=[region.code], days=7, now=now)[:DETAIL_ROWS])
        context["emergency"] = rows(emergency_needs_without_action(region_codes=[region.code], now=now)[:DETAIL_ROWS])
        context["detail_rows"] = DETAIL_ROWS
    return render(request, "outcomes/transparency/gap_map.html", {**context, "staff": True})
