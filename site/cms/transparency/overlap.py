"""The monthly overlap report for staff (重复资助月报): per county, the needs two organisations committed to and
the near-duplicate needs funded twice, for a month and a region in the staff member's scope; as a page (with a
chart and its table) and as CSV. Thin: the form parses, the permission module decides, the selector reads."""

import datetime
import io
import re

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.transparency.access import staff_scope_or_deny
from cms.transparency.charts import grouped_bar_chart
from matching.csv_cells import SafeWriter
from matching.money import format_yuan
from matching.permissions import can_view_overlap_report
from matching.region_fields import RegionChoiceField, RegionSelect
from matching.selectors.overlap_report import overlap_report, region_name
from matching.taxonomy import NATIONWIDE

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class OverlapReportForm(forms.Form):
    month = forms.CharField(
        label=_("月份"), max_length=7, widget=forms.TextInput(attrs={"type": "month"}), help_text=_("格式：2026-03")
    )
    region = RegionChoiceField(label=_("地区"), nationwide=True)

    def __init__(self, *args, codes=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The list offers the staff member's own regions; any real region (or the country) is still read, and
        # the permission module answers for it (a 403 that says why, not a 400).
        self.fields["region"].widget = RegionSelect(nationwide=codes is None, only=codes)

    def clean_month(self) -> datetime.date:
        found = MONTH.match(self.cleaned_data["month"].strip())
        year, month = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise forms.ValidationError(_("请按“年-月”填写月份，如 2026-03"), code="month")
        return datetime.date(year, month, 1)


def _parse(request, codes):
    """The form, bound to the query (defaults: this month, the first region of the scope)."""
    default_region = NATIONWIDE if codes is None else (codes[0] if codes else "")
    data = {
        "month": request.GET.get("month") or timezone.localdate().strftime("%Y-%m"),
        "region": request.GET.get("region") or default_region,
    }
    return OverlapReportForm(data, codes=codes)


def _report_or_refusal(request):
    """(form, report, region code, status); report None with the reason in the form when refused."""
    codes, redirect = staff_scope_or_deny(request)
    if redirect:
        return None, None, None, redirect
    form = _parse(request, codes)
    if not form.is_valid():
        return form, None, None, 400
    code = form.cleaned_data["region"]
    if not can_view_overlap_report(request.user, code):
        form.add_error(
            "region",
            gettext("您的辖区不包括%(region)s，不能查看该地区的重复资助报告") % {"region": region_name(code) or code},
        )
        return form, None, code, 403
    region_codes = None if code == NATIONWIDE else [code]
    return form, overlap_report(region_codes=region_codes, month=form.cleaned_data["month"]), code, 200


def overlap_report_view(request):
    form, report, code, status = _report_or_refusal(request)
    if not isinstance(status, int):
        return status
    chart = None
    if report is not None and len(report.counties) > 1:
        chart = grouped_bar_chart(
            chart_id="chart-overlap-county",
            title=gettext("各县（区）重复资助情况（件）"),
            labels=[c.name for c in report.counties],
            series=[
                (gettext("多家组织承诺同一需求"), [c.same_need for c in report.counties]),
                (gettext("相似需求重复资助"), [c.near_duplicate for c in report.counties]),
            ],
        )
    return render(
        request,
        "dashboard/overlap_report.html",
        {
            "form": form,
            "report": report,
            "region_label": region_name(code) if code != NATIONWIDE else gettext("全国"),
            "chart": chart,
            "query": request.GET.urlencode(),
        },
        status=status,
    )


CSV_HEADER = (
    _("县（区）代码"),
    _("县（区）"),
    _("类型"),
    _("发生时间"),
    _("需求编号"),
    _("需求"),
    _("相似需求编号"),
    _("相似需求"),
    _("相似度"),
    _("承诺的组织与项目"),
    _("已拨付与拨付中（元）"),
)


def _organisations_cell(organisations) -> str:
    return "；".join(
        f"{o.organisation_name}（{'、'.join(p.project_title for p in o.projects)}）" for o in organisations
    )


def overlap_report_csv(request):
    form, report, code, status = _report_or_refusal(request)
    if not isinstance(status, int):
        return status
    if report is None:
        errors = "；".join(str(e) for errs in form.errors.values() for e in errs)
        return HttpResponse(errors, status=status, content_type="text/plain; charset=utf-8")
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow([str(h) for h in CSV_HEADER])
    kinds = {"same_need": gettext("多家组织承诺同一需求"), "near_duplicate": gettext("相似需求重复资助")}
    for county in report.counties:
        for case in county.cases:
            other = case.other_need
            writer.writerow(
                [
                    county.code,
                    county.name,
                    kinds[case.kind],
                    timezone.localtime(case.arose_at).strftime("%Y-%m-%d %H:%M"),
                    case.need.ref,
                    case.need.title,
                    other.ref if other else "",
                    other.title if other else "",
                    case.percent if case.percent is not None else "",
                    _organisations_cell(case.organisations + case.other_organisations),
                    format_yuan(case.committed),
                ]
            )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="overlap-{code}-{report.month:%Y-%m}.csv"'
    return response
