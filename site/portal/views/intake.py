"""Intake pages: thin views over the intake services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.form_errors import form_add_service_errors
from matching.intake import selectors
from matching.intake.models import Referral
from matching.intake.services.bulk import MonitoringImportError, monitoring_import
from matching.intake.services.drafts import default_public_text, report_to_draft_need
from matching.intake.services.referrals import referral_acknowledge, referral_answer, report_refer
from matching.intake.services.reports import report_close, report_create
from matching.permissions import can_view_intake, is_civil_staff, is_intake_user
from portal.intake_forms import (
    AcknowledgeForm,
    AnswerForm,
    CloseForm,
    DraftNeedForm,
    MonitoringUploadForm,
    ReferForm,
    ReportForm,
)


def _require_intake_user(request):
    if not is_intake_user(request.user):
        raise PermissionDenied(_("只有民政工作人员和热线接线员可以使用一门受理"))


@login_required
def report_new(request):
    _require_intake_user(request)
    form = ReportForm(request.POST or None, counties=selectors.intake_counties_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            report = report_create(fields=form.report_fields(), contact=form.contact_fields(), user=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        except PermissionDenied as denied:
            form.add_error("county_code", str(denied))
        else:
            messages.success(request, _("已登记，受理编号 %(ref)s") % {"ref": report.ref})
            if can_view_intake(request.user, report.county):
                return redirect("intake:report_detail", ref=report.ref)
            return redirect("intake:report_new")
    return render(request, "intake/report_form.html", {"form": form})


@login_required
def report_list(request):
    if not is_civil_staff(request.user):
        raise PermissionDenied(_("只有民政工作人员可以查看受理报告"))
    reports = selectors.reports_for_staff(user=request.user)
    if request.GET.get("county"):
        reports = reports.filter(county_id=request.GET["county"])
    if request.GET.get("status"):
        reports = reports.filter(status=request.GET["status"])
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "intake/report_list.html",
        {
            "page_obj": page,
            "overdue": selectors.referrals_overdue_for_staff(user=request.user),
        },
    )


@login_required
def report_detail(request, ref: str):
    report = selectors.report_for_staff(user=request.user, ref=ref)
    title, description = default_public_text(report)
    return render(
        request,
        "intake/report_detail.html",
        {
            "report": report,
            "contact": getattr(report, "contact", None),
            "referrals": report.referrals.all(),
            "similar_reports": report.similar_reports.select_related("county"),
            "similar_needs": report.similar_needs.all(),
            "draft_form": DraftNeedForm(initial={"title": title}),
            "refer_form": ReferForm(),
            "ack_form": AcknowledgeForm(),
            "answer_form": AnswerForm(),
            "close_form": CloseForm(),
        },
    )


def _act(request, report, action, success: str):
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("intake:report_detail", ref=report.ref)


@login_required
@require_POST
def report_draft_need(request, ref: str):
    report = selectors.report_for_staff(user=request.user, ref=ref)
    form = DraftNeedForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    return _act(
        request,
        report,
        lambda: report_to_draft_need(
            report=report, user=request.user, title=data.get("title", ""), description=data.get("description", "")
        ),
        _("已转为需求草稿，请在管理后台核实、补充后发布"),
    )


@login_required
@require_POST
def report_refer_view(request, ref: str):
    report = selectors.report_for_staff(user=request.user, ref=ref)
    form = ReferForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("intake:report_detail", ref=report.ref)
    d = form.cleaned_data
    return _act(
        request,
        report,
        lambda: report_refer(
            report=report, user=request.user, department=d["department"], note=d["note"], due_days=d["due_days"]
        ),
        _("已转办"),
    )


@login_required
@require_POST
def report_close_view(request, ref: str):
    report = selectors.report_for_staff(user=request.user, ref=ref)
    reason = request.POST.get("closed_reason", "")
    return _act(request, report, lambda: report_close(report=report, user=request.user, reason=reason), _("已办结"))


def _referral(request, pk: int) -> Referral:
    referral = get_object_or_404(Referral.objects.select_related("report__county"), pk=pk)
    selectors.report_for_staff(user=request.user, ref=referral.report.ref)  # 404 outside the user's scope
    return referral


@login_required
@require_POST
def referral_acknowledge_view(request, pk: int):
    referral = _referral(request, pk)
    form = AcknowledgeForm(request.POST)
    by = form.cleaned_data["acknowledged_by"] if form.is_valid() else ""
    return _act(
        request,
        referral.report,
        lambda: referral_acknowledge(referral=referral, user=request.user, acknowledged_by=by),
        _("已记录签收"),
    )


@login_required
@require_POST
def referral_answer_view(request, pk: int):
    referral = _referral(request, pk)
    form = AnswerForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    return _act(
        request,
        referral.report,
        lambda: referral_answer(referral=referral, user=request.user, answer=answer),
        _("已记录答复"),
    )


@login_required
def monitoring_upload(request):
    if not is_civil_staff(request.user):
        raise PermissionDenied(_("只有民政工作人员可以导入监测预警名单"))
    form = MonitoringUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = monitoring_import(data=form.cleaned_data["file"].read(), user=request.user)
        except MonitoringImportError as refused:
            errors = [str(e) for e in refused.errors]
        else:
            messages.success(
                request,
                _("已导入 %(reports)s 条报告，其中 %(flagged)s 条疑似重复")
                % {"reports": len(result.reports), "flagged": result.flagged},
            )
            return redirect("intake:report_list")
    return render(
        request, "intake/monitoring_upload.html", {"form": form, "errors": errors}, status=400 if errors else 200
    )
