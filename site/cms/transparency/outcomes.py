"""Organisations file progress reports; the matched organisation or region staff record a delivery."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from cms.transparency.forms import DeliveryForm, ReportForm
from matching.form_errors import form_add_service_errors
from matching.models import Match, NeedPage, Project
from matching.outcomes.models import BENEFICIARY_GROUPS, ProgressReport
from matching.outcomes.selectors.reports import report_public_get
from matching.outcomes.selectors.response_times import need_timeline
from matching.outcomes.selectors.spending import lines_proven_by
from matching.outcomes.services.deliveries import need_fulfil
from matching.outcomes.services.reports import BeneficiaryCounts, MilestoneFields, report_file
from matching.permissions import can_file_report, can_record_delivery
from matching.uploads import uploads_from


@login_required
def report_new(request, ref):
    project = get_object_or_404(Project.objects.select_related("organisation"), ref=ref)
    if not can_file_report(request.user, project):
        raise PermissionDenied(_("只有该项目所属组织的成员可以提交进展报告"))
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = report_file(
                project=project,
                user=request.user,
                period_start=data["period_start"],
                period_end=data["period_end"],
                narrative=data["narrative"],
                is_final=data["is_final"],
                counts=BeneficiaryCounts(**{f: data[f] for f, _, _ in BENEFICIARY_GROUPS}),
                milestones=[MilestoneFields(title, day) for title, day in form.milestone_list()],
                photos=uploads_from(request.FILES, "photos"),
                documents=uploads_from(request.FILES, "documents"),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("进展报告已提交"))
            return redirect("outcomes:report_detail", pk=report.pk)
    return render(request, "outcomes/report_form.html", {"project": project, "form": form})


def report_detail(request, pk):
    report = report_public_get(pk=pk)
    return render(
        request,
        "outcomes/report_detail.html",
        {
            "report": report,
            "proven": lines_proven_by(report=report),
            "may_manage": can_file_report(request.user, report.project),
        },
    )


@login_required
def delivery_new(request, ref):
    need = get_object_or_404(NeedPage.objects.live(), ref=ref)
    projects = [
        m.project
        for m in Match.objects.filter(need=need, project__isnull=False)
        .exclude(status=Match.Status.DECLINED)
        .select_related("project__organisation")
        if can_record_delivery(request.user, need, m.project)
    ]
    form = DeliveryForm(request.POST or None, request.FILES or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        project = next((p for p in projects if p.ref == data["project"]), None)
        try:
            need_fulfil(
                need=need,
                user=request.user,
                what=data["what"],
                delivered_on=data["delivered_on"],
                project=project,
                photos=uploads_from(request.FILES, "photos"),
                documents=uploads_from(request.FILES, "documents"),
            )
        except (ValidationError, PermissionDenied) as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("交付已登记，需求已完成"))
            return redirect(need.url)
    return render(request, "outcomes/delivery_form.html", {"need": need, "form": form})


def need_timeline_view(request, ref):
    need = get_object_or_404(NeedPage.objects.live().select_related("county"), ref=ref)
    return render(request, "outcomes/need_timeline.html", {"need": need, "steps": need_timeline(need=need)})


def project_reports(request, ref):
    project = get_object_or_404(Project.objects.exclude(status=Project.Status.DRAFT), ref=ref)
    reports = (
        ProgressReport.objects.filter(project=project).prefetch_related("milestones").order_by("-period_end", "-id")
    )
    return render(request, "outcomes/project_reports.html", {"project": project, "reports": reports})
